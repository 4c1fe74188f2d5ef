package dev.arietta.metalink.internal;

/**
 * The file-name rule of this module. A Metalink file name is a relative path with
 * {@code /} between directories. Refused, so that a name can never leave the download
 * directory even when this module is used on its own:
 * <ul>
 *   <li>an empty name;</li>
 *   <li>an absolute path ({@code /etc/x}) or a drive-letter path ({@code C:x}, {@code C:\x});</li>
 *   <li>any backslash ({@code ..\x} is traversal on Windows);</li>
 *   <li>a {@code ..} or {@code .} segment, or an empty segment ({@code a//b}, {@code a/});</li>
 *   <li>control characters (U+0000–U+001F, U+007F–U+009F).</li>
 * </ul>
 * The engine still applies the core path sanitizer (reserved names, bidi controls, length)
 * before writing.
 */
public final class FileNames {

    private FileNames() {
    }

    /** Why {@code name} is refused, or null if it is acceptable. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return "contains control character U+" + String.format("%04X", (int) c);
            }
            if (c == '\\') {
                return "contains a backslash";
            }
        }
        if (name.charAt(0) == '/') {
            return "is an absolute path";
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0))) {
            return "starts with a drive letter";
        }
        int start = 0;
        while (true) {
            int slash = name.indexOf('/', start);
            int end = slash < 0 ? name.length() : slash;
            int length = end - start;
            if (length == 0) {
                return "has an empty path segment";
            }
            if (name.charAt(start) == '.' && (length == 1 || (length == 2 && name.charAt(start + 1) == '.'))) {
                return length == 1 ? "has a \".\" segment" : "has a \"..\" segment";
            }
            if (slash < 0) {
                return null;
            }
            start = slash + 1;
        }
    }

    /**
     * @throws IllegalArgumentException if {@link #problem} finds one
     */
    public static String require(String field, String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException(field + " " + XmlText.quote(name) + " " + problem);
        }
        return name;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
