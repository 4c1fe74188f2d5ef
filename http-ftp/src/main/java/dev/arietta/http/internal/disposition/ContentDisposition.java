package dev.arietta.http.internal.disposition;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code Content-Disposition} header (RFC 6266) and the file name it suggests.
 *
 * <p>The header value is expected as HTTP delivers it: one char per octet (ISO-8859-1
 * decoding). The name is returned <em>raw</em> — it may contain {@code /}, {@code ..},
 * backslashes or control characters — and the caller must sanitize it with the core path
 * sanitizer before using it.
 *
 * <p>Rules, following RFC 6266 where browsers agree and the greenbytes test suite (tc2231)
 * elsewhere:
 * <ul>
 *   <li>{@code filename*} (RFC 8187 {@code charset'language'percent-encoded}, charset UTF-8 or
 *       ISO-8859-1, case-insensitive) wins over {@code filename}, whatever their order. An
 *       invalid {@code filename*} (quoted, other charset, bad percent-encoding, invalid UTF-8,
 *       missing quote) is ignored and {@code filename} is used.</li>
 *   <li>{@code filename} may be a quoted-string (backslash escapes any char) or unquoted.
 *       Tolerated beyond the grammar: unquoted names containing spaces or non-token chars such
 *       as {@code [ ] ( )}, and a trailing {@code ;}. An unquoted value containing {@code =},
 *       {@code "} or {@code ,} is refused: it signals a missing delimiter or two merged headers.
 *       No percent-decoding and no RFC 2047 decoding is done on {@code filename}.</li>
 *   <li>A plain {@code filename} whose octets form valid UTF-8 is decoded as UTF-8 (servers
 *       commonly send raw UTF-8, and browsers accept it); otherwise its octets are taken as
 *       ISO-8859-1, as RFC 6266 says.</li>
 *   <li>The whole header is refused (no name) when it does not start with a disposition-type
 *       token, when a parameter lacks {@code =}, when text follows a closing quote, when a
 *       quote is unterminated, when a parameter is empty ({@code ;;}), or when
 *       {@code filename} or {@code filename*} appears twice.</li>
 *   <li>RFC 2231 continuations ({@code filename*0}) are not supported and are ignored, as
 *       RFC 6266 allows. Any disposition type (including {@code inline} and unknown types,
 *       which RFC 6266 §4.2 treats as attachment) may carry a name.</li>
 *   <li>An empty name counts as no name.</li>
 * </ul>
 *
 * @param type the disposition type, lower case ({@code attachment}, {@code inline}, …)
 * @param fileName the raw suggested file name, if any
 */
public record ContentDisposition(String type, Optional<String> fileName) {

    public ContentDisposition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fileName, "fileName");
    }

    /** The raw file name {@code header} suggests, or empty (none, or an invalid header). */
    public static Optional<String> fileName(String header) {
        return parse(header).flatMap(ContentDisposition::fileName);
    }

    /** Parses {@code header}, or empty when it is not a valid (or tolerated) disposition. */
    public static Optional<ContentDisposition> parse(String header) {
        Parser parser = new Parser(header);
        return parser.parse();
    }

    private static final class Parser {
        private final String text;
        private int position;
        private String plainName;
        private boolean plainSeen;
        private String extendedValue;
        private boolean extendedSeen;

        Parser(String text) {
            this.text = text;
        }

        Optional<ContentDisposition> parse() {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7F) {
                    return Optional.empty();
                }
            }
            skipWhitespace();
            String type = token();
            if (type.isEmpty()) {
                return Optional.empty();
            }
            skipWhitespace();
            while (position < text.length()) {
                if (text.charAt(position) != ';') {
                    return Optional.empty();
                }
                position++;
                skipWhitespace();
                if (position == text.length()) {
                    break;
                }
                if (!parameter()) {
                    return Optional.empty();
                }
                skipWhitespace();
            }
            Optional<String> name = decodeExtended(extendedValue).filter(n -> !n.isEmpty());
            if (name.isEmpty() && plainName != null) {
                name = Optional.of(decodePlain(plainName));
            }
            return Optional.of(new ContentDisposition(type.toLowerCase(Locale.ROOT), name.filter(n -> !n.isEmpty())));
        }

        /** One {@code name = value}; false when the header must be refused. */
        private boolean parameter() {
            String name = token().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                return false;
            }
            skipWhitespace();
            if (position == text.length() || text.charAt(position) != '=') {
                return false;
            }
            position++;
            skipWhitespace();
            boolean quoted = position < text.length() && text.charAt(position) == '"';
            String value = quoted ? quotedString() : unquotedValue();
            if (value == null) {
                return false;
            }
            if (name.equals("filename")) {
                if (plainSeen) {
                    return false;
                }
                plainSeen = true;
                plainName = value;
            } else if (name.equals("filename*")) {
                if (extendedSeen) {
                    return false;
                }
                extendedSeen = true;
                // RFC 8187 forbids quoting an ext-value: a quoted one is ignored, not decoded.
                extendedValue = quoted ? null : value;
            }
            return true;
        }

        private String quotedString() {
            StringBuilder value = new StringBuilder();
            position++;
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (c == '"') {
                    skipWhitespace();
                    if (position < text.length() && text.charAt(position) != ';') {
                        return null;
                    }
                    return value.toString();
                }
                if (c == '\\' && position < text.length()) {
                    c = text.charAt(position++);
                }
                value.append(c);
            }
            return null;
        }

        private String unquotedValue() {
            int start = position;
            while (position < text.length() && text.charAt(position) != ';') {
                char c = text.charAt(position);
                if (c == '"' || c == '=' || c == ',') {
                    return null;
                }
                position++;
            }
            int end = position;
            while (end > start && isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            return end == start ? null : text.substring(start, end);
        }

        private String token() {
            int start = position;
            while (position < text.length() && isTokenChar(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }

        private void skipWhitespace() {
            while (position < text.length() && isWhitespace(text.charAt(position))) {
                position++;
            }
        }
    }

    /** RFC 8187 ext-value: charset "'" [language] "'" value-chars. Empty when invalid. */
    private static Optional<String> decodeExtended(String extValue) {
        if (extValue == null) {
            return Optional.empty();
        }
        int firstQuote = extValue.indexOf('\'');
        int secondQuote = firstQuote < 0 ? -1 : extValue.indexOf('\'', firstQuote + 1);
        if (secondQuote < 0) {
            return Optional.empty();
        }
        Charset charset;
        switch (extValue.substring(0, firstQuote).toUpperCase(Locale.ROOT)) {
            case "UTF-8" -> charset = StandardCharsets.UTF_8;
            case "ISO-8859-1" -> charset = StandardCharsets.ISO_8859_1;
            default -> {
                return Optional.empty();
            }
        }
        String encoded = extValue.substring(secondQuote + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c > 0x20 && c < 0x7F) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        return decodeStrictly(bytes.toByteArray(), charset);
    }

    private static String decodePlain(String octets) {
        boolean ascii = true;
        for (int i = 0; i < octets.length(); i++) {
            char c = octets.charAt(i);
            if (c > 0xFF) {
                return octets;
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            return octets;
        }
        return decodeStrictly(octets.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).orElse(octets);
    }

    private static Optional<String> decodeStrictly(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException invalid) {
            return Optional.empty();
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
