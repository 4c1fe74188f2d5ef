package dev.arietta.metalink.internal;

import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkException.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits {@code Link} header values (RFC 8288) into links: {@code <target>} followed by
 * {@code ;}-separated parameters, several links per value separated by commas, empty list
 * elements allowed. Parameter names are compared ignoring case (kept lowercase); the first
 * occurrence of a name wins, as RFC 8288 says for {@code rel}; a parameter without
 * {@code =} has the empty value. Values are quoted strings (backslash escapes honoured) or
 * runs of characters up to {@code ;}, {@code ,} or white space, which admits the unquoted
 * media types servers send. Stateless.
 */
public final class LinkHeaderParser {

    /** One link: its target as written and its parameters. */
    public record Link(String target, Map<String, String> parameters) {
    }

    /** Receives each link as it is parsed. */
    @FunctionalInterface
    public interface LinkConsumer {
        /** Handles one link. */
        void accept(Link link) throws MetalinkException;
    }

    private LinkHeaderParser() {
    }

    /**
     * Parses every value in turn, handing each link to {@code consumer}.
     *
     * @param maxLinks       most links over all values
     * @param maxValueLength most characters of one value
     * @throws MetalinkException MALFORMED_HEADER naming the value and position, or
     *                           LIMIT_EXCEEDED
     */
    public static void parse(List<String> values, int maxLinks, int maxValueLength, LinkConsumer consumer)
            throws MetalinkException {
        int links = 0;
        for (String value : values) {
            if (value.length() > maxValueLength) {
                throw new MetalinkException(Kind.LIMIT_EXCEEDED, "Link header value is longer than " + maxValueLength + " characters");
            }
            Scanner scanner = new Scanner(value);
            while (true) {
                scanner.skipWhitespaceAndCommas();
                if (scanner.atEnd()) {
                    break;
                }
                if (++links > maxLinks) {
                    throw new MetalinkException(Kind.LIMIT_EXCEEDED, "Link headers hold more than " + maxLinks + " links");
                }
                consumer.accept(scanner.link());
            }
        }
    }

    private static final class Scanner {
        private final String text;
        private int position;

        Scanner(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        void skipWhitespace() {
            while (!atEnd() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
                position++;
            }
        }

        void skipWhitespaceAndCommas() {
            while (!atEnd() && (text.charAt(position) == ' ' || text.charAt(position) == '\t' || text.charAt(position) == ',')) {
                position++;
            }
        }

        Link link() throws MetalinkException {
            if (text.charAt(position) != '<') {
                throw error("expected '<' to start a link");
            }
            int close = text.indexOf('>', position + 1);
            if (close < 0) {
                throw error("link target has no closing '>'");
            }
            String target = text.substring(position + 1, close).strip();
            position = close + 1;
            Map<String, String> parameters = new LinkedHashMap<>();
            while (true) {
                skipWhitespace();
                if (atEnd() || text.charAt(position) == ',') {
                    return new Link(target, parameters);
                }
                if (text.charAt(position) != ';') {
                    throw error("expected ';' or ',' after a link parameter");
                }
                position++;
                skipWhitespace();
                if (atEnd() || text.charAt(position) == ',' || text.charAt(position) == ';') {
                    continue;
                }
                String name = token();
                if (name.isEmpty()) {
                    throw error("expected a parameter name");
                }
                skipWhitespace();
                String value = "";
                if (!atEnd() && text.charAt(position) == '=') {
                    position++;
                    skipWhitespace();
                    value = !atEnd() && text.charAt(position) == '"' ? quotedString() : bareValue();
                }
                parameters.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            }
        }

        private String token() {
            int start = position;
            while (!atEnd() && isTokenChar(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }

        private String bareValue() {
            int start = position;
            while (!atEnd()) {
                char c = text.charAt(position);
                if (c == ';' || c == ',' || c == ' ' || c == '\t') {
                    break;
                }
                position++;
            }
            return text.substring(start, position);
        }

        private String quotedString() throws MetalinkException {
            int start = position;
            position++;
            StringBuilder value = new StringBuilder();
            while (!atEnd()) {
                char c = text.charAt(position++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && !atEnd()) {
                    c = text.charAt(position++);
                }
                value.append(c);
            }
            position = start;
            throw error("quoted string has no closing '\"'");
        }

        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }

        private MetalinkException error(String problem) {
            return new MetalinkException(Kind.MALFORMED_HEADER, "Link header " + XmlText.quote(text) + ": " + problem
                    + " at position " + position);
        }
    }
}
