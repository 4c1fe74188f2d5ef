package dev.arietta.http.internal.netrc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code .netrc} text: whitespace-separated tokens forming {@code machine NAME} or
 * {@code default} entries followed by {@code login}, {@code password} and {@code account}
 * values. Beyond aria2's grammar, and like curl and Python:
 * <ul>
 *   <li>{@code macdef NAME} definitions are skipped up to the next empty line;</li>
 *   <li>{@code passwd} is accepted as a spelling of {@code password};</li>
 *   <li>where a keyword is expected, a token starting with {@code #} starts a comment to the
 *       end of the line (a password may still start with {@code #});</li>
 *   <li>a value may be double-quoted, with {@code \"}, {@code \\}, {@code \n}, {@code \r},
 *       {@code \t} escapes, so it can contain spaces.</li>
 * </ul>
 * Anything else (a value before any {@code machine}, an unknown keyword, a missing value, an
 * unterminated quote) is a {@link NetrcException} with the line number. Stateless.
 */
public final class NetrcParser {
    private NetrcParser() {
    }

    /**
     * Parses {@code text}.
     *
     * @param source the name used in errors
     * @throws NetrcException on a syntax error or more than {@link NetrcLimits#maxEntries()} machines
     */
    public static Netrc parse(String text, String source, NetrcLimits limits) throws NetrcException {
        Tokenizer tokens = new Tokenizer(text, source);
        List<NetrcEntry> machines = new ArrayList<>();
        NetrcEntry defaultEntry = null;
        EntryBuilder current = null;
        String keyword;
        while ((keyword = tokens.next()) != null) {
            int line = tokens.tokenLine;
            if (keyword.startsWith("#") && !tokens.tokenQuoted) {
                tokens.skipRestOfLine();
                continue;
            }
            switch (keyword.toLowerCase(Locale.ROOT)) {
                case "machine", "default" -> {
                    if (current != null) {
                        if (current.machine == null) {
                            defaultEntry = defaultEntry == null ? current.build() : defaultEntry;
                        } else {
                            machines.add(current.build());
                        }
                    }
                    if (machines.size() >= limits.maxEntries()) {
                        throw new NetrcException(source, line, "more than " + limits.maxEntries() + " machine entries");
                    }
                    current = new EntryBuilder();
                    if (keyword.equalsIgnoreCase("machine")) {
                        current.machine = value(tokens, "machine").toLowerCase(Locale.ROOT);
                        if (current.machine.startsWith("[") && current.machine.endsWith("]")) {
                            current.machine = current.machine.substring(1, current.machine.length() - 1);
                        }
                    }
                }
                case "login", "password", "passwd", "account" -> {
                    if (current == null) {
                        throw new NetrcException(source, line,
                                "'" + keyword + "' before any 'machine' or 'default'");
                    }
                    String value = value(tokens, keyword);
                    switch (keyword.toLowerCase(Locale.ROOT)) {
                        case "login" -> current.login = value;
                        case "account" -> current.account = value;
                        default -> current.password = value;
                    }
                }
                case "macdef" -> {
                    value(tokens, "macdef");
                    tokens.skipMacroBody();
                }
                default -> throw new NetrcException(source, line,
                        "unexpected '" + abbreviate(keyword) + "' where a keyword was expected");
            }
        }
        if (current != null) {
            if (current.machine == null) {
                defaultEntry = defaultEntry == null ? current.build() : defaultEntry;
            } else {
                machines.add(current.build());
            }
        }
        return new Netrc(machines, defaultEntry);
    }

    private static String value(Tokenizer tokens, String keyword) throws NetrcException {
        String value = tokens.next();
        if (value == null) {
            throw new NetrcException(tokens.source, tokens.line, "'" + keyword + "' without a value at end of file");
        }
        return value;
    }

    private static String abbreviate(String token) {
        return token.length() <= 40 ? token : token.substring(0, 40) + "...";
    }

    private static final class EntryBuilder {
        String machine;
        String login;
        String password;
        String account;

        NetrcEntry build() {
            return new NetrcEntry(machine, login, password, account);
        }
    }

    private static final class Tokenizer {
        final String text;
        final String source;
        int position;
        int line = 1;
        int tokenLine;
        boolean tokenQuoted;

        Tokenizer(String text, String source) {
            this.text = text;
            this.source = source;
        }

        String next() throws NetrcException {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                if (text.charAt(position) == '\n') {
                    line++;
                }
                position++;
            }
            if (position >= text.length()) {
                return null;
            }
            tokenLine = line;
            tokenQuoted = text.charAt(position) == '"';
            return tokenQuoted ? quoted() : bare();
        }

        private String bare() {
            int start = position;
            while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }

        private String quoted() throws NetrcException {
            StringBuilder value = new StringBuilder();
            position++;
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\n') {
                    line++;
                }
                if (c == '\\' && position < text.length()) {
                    char escaped = text.charAt(position++);
                    switch (escaped) {
                        case 'n' -> value.append('\n');
                        case 'r' -> value.append('\r');
                        case 't' -> value.append('\t');
                        default -> value.append(escaped);
                    }
                } else {
                    value.append(c);
                }
            }
            throw new NetrcException(source, tokenLine, "unterminated quoted value");
        }

        void skipRestOfLine() {
            while (position < text.length() && text.charAt(position) != '\n') {
                position++;
            }
        }

        /** A macro body runs from the next line to the first empty line (or the end). */
        void skipMacroBody() {
            skipRestOfLine();
            while (position < text.length()) {
                position++;
                line++;
                int lineStart = position;
                skipRestOfLine();
                if (position == lineStart || text.substring(lineStart, position).equals("\r")) {
                    return;
                }
            }
        }
    }
}
