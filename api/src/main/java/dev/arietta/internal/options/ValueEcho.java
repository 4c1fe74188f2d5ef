package dev.arietta.internal.options;

/**
 * Quotes a user-supplied value for an error message: control characters, quotes and
 * backslashes escaped so the message stays on one line, and long values shortened so a
 * hostile input cannot make a huge message.
 */
public final class ValueEcho {

    /** Longest echoed value, in characters, before it is cut and marked with {@code …}. */
    public static final int MAX_ECHO_CHARS = 80;

    private ValueEcho() {
    }

    /** {@code value} in double quotes, escaped and shortened to {@value #MAX_ECHO_CHARS} characters. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_ECHO_CHARS) + 8).append('"');
        int limit = Math.min(value.length(), MAX_ECHO_CHARS);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (value.length() > limit) {
            out.append('…');
        }
        return out.append('"').toString();
    }
}
