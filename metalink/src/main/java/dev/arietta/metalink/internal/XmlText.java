package dev.arietta.metalink.internal;

/**
 * Rules for the strings the model holds, so that whatever the model holds can be written as
 * XML 1.0 and read back equal.
 */
public final class XmlText {

    /** Most characters of a value shown by {@link #quote} and {@link #printable}. */
    public static final int QUOTE_LIMIT = 120;

    private XmlText() {
    }

    /** Whether {@code c} is XML white space (space, tab, line feed, carriage return). */
    public static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** {@code value} without leading and trailing XML white space. */
    public static String strip(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    /**
     * An optional text value as the model keeps it: stripped of surrounding white space, null
     * when absent or empty.
     *
     * @param field name used in the error message
     * @throws IllegalArgumentException if the value has a character XML 1.0 cannot carry
     */
    public static String optional(String field, String value) {
        if (value == null) {
            return null;
        }
        String stripped = strip(value);
        if (stripped.isEmpty()) {
            return null;
        }
        requireRepresentable(field, stripped);
        return stripped;
    }

    /**
     * A required text value: stripped, not empty.
     *
     * @throws IllegalArgumentException if absent, empty, or not representable in XML 1.0
     */
    public static String required(String field, String value) {
        String result = optional(field, value);
        if (result == null) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return result;
    }

    /**
     * {@code value} in double quotes for an error message; see {@link #printable}.
     */
    public static String quote(CharSequence value) {
        return '"' + printable(value) + '"';
    }

    /**
     * {@code value} made safe for a message or a log line: control characters, surrogates
     * and U+FFFE/U+FFFF shown as backslash-u escapes, cut after {@value #QUOTE_LIMIT}
     * characters so a hostile value cannot flood a log.
     */
    public static String printable(CharSequence value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), QUOTE_LIMIT) + 2);
        for (int i = 0; i < value.length(); i++) {
            if (i == QUOTE_LIMIT) {
                out.append('\u2026');
                break;
            }
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c) || c == 0xfffe || c == 0xffff) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException if {@code value} has a character XML 1.0 cannot carry:
     *                                  C0 controls other than tab, line feed and carriage
     *                                  return, U+FFFE, U+FFFF, or an unpaired surrogate
     */
    public static void requireRepresentable(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed;
            if (Character.isHighSurrogate(c)) {
                allowed = i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
                i++;
            } else {
                allowed = (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                        && !Character.isLowSurrogate(c) && c != 0xfffe && c != 0xffff;
            }
            if (!allowed) {
                throw new IllegalArgumentException(field + " has character U+"
                        + String.format("%04X", (int) c) + " at " + i + ", which XML 1.0 cannot carry");
            }
        }
    }
}
