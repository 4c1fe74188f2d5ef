package dev.arietta.internal.options;

/**
 * Character rules shared by the text-like syntaxes. Option values end up in HTTP request
 * lines, FTP commands and line-based session files, so a control character in one could inject
 * a header, a command or an option line; they are refused everywhere except the tab.
 */
public final class TextRules {

    private TextRules() {
    }

    /**
     * @throws InvalidValueException naming the first C0 control character other than tab, or
     *                               DEL, and its index; the value itself is not repeated
     */
    static void requireNoControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new InvalidValueException(String.format("control character U+%04X at index %d", (int) c, i));
            }
        }
    }

    /** Removes leading and trailing spaces and tabs, the whitespace aria2 strips from input-file lines. */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** True if {@code text} is one or more ASCII decimal digits. */
    static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
