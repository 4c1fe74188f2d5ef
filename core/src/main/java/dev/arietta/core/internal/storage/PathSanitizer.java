package dev.arietta.core.internal.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one sanitizer for every untrusted name: torrent path element lists, Metalink file
 * names, {@code Content-Disposition} file names, URL paths.
 *
 * <p>The rules are the same on every platform, so a torrent maps to the same names on Linux,
 * macOS and Windows and a file downloaded on one can be copied to another. For each element,
 * in this order:
 * <ol>
 *   <li>A leading drive prefix ({@code C:}) is removed.</li>
 *   <li>Path separators and characters Windows forbids in names ({@code / \ : * ? " < > |})
 *       become {@code _}. Backslashes are replaced, not treated as separators (as aria2 does),
 *       so {@code ..\..\x} stays one harmless element {@code .._.._x}.</li>
 *   <li>Control characters (C0, DEL, C1, U+2028, U+2029) and unpaired surrogates become
 *       {@code _}; bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
 *       U+2066–U+2069) and zero-width characters (U+200B–U+200D, U+FEFF) are removed, so that
 *       {@code "invoice\u202Etxt.exe"} shows its real extension as {@code invoicetxt.exe}.</li>
 *   <li>Leading spaces and trailing dots and spaces are removed (Windows drops the trailing
 *       ones itself, which would make {@code "a."} and {@code "a"} collide); this also turns
 *       {@code .} and {@code ..} into empty elements.</li>
 *   <li>Windows device names ({@code CON PRN AUX NUL COM1–9 LPT1–9}, their superscript-digit
 *       forms, {@code CONIN$ CONOUT$}), alone or with an extension ({@code con.txt}), in any
 *       case, get a {@code _} prefix.</li>
 *   <li>A name longer than {@link #maxElementBytes()} UTF-8 bytes is cut at a code point
 *       boundary, keeping an extension of at most {@link #MAX_KEPT_EXTENSION_BYTES} bytes.</li>
 * </ol>
 * An element that ends up empty is dropped; a path with no element left is an error.
 * Unicode normalization is not applied: names are kept as the metadata spells them.
 *
 * <p>{@link #resolveUnder} then checks that the result, with symbolic links followed, stays
 * under the download directory. The check is made when called; a local process that swaps a
 * directory for a link afterwards is outside what this class can prevent (the JDK has no
 * {@code openat}).
 *
 * <p>Immutable and thread-safe.
 */
public final class PathSanitizer {

    /** Default of {@link #maxElementBytes()}: 255, the name limit of ext4, XFS, btrfs, APFS and NTFS. */
    public static final int DEFAULT_MAX_ELEMENT_BYTES = 255;

    /**
     * Longest extension (dot included, UTF-8 bytes) kept when a long name is cut: 32. A longer
     * tail after the last dot is not an extension worth keeping and is cut like the rest.
     */
    public static final int MAX_KEPT_EXTENSION_BYTES = 32;

    /** Shortest useful {@link #maxElementBytes()}: room for a kept extension plus some stem. */
    private static final int MIN_ELEMENT_BYTES = MAX_KEPT_EXTENSION_BYTES + 8;

    private static final Set<String> RESERVED_DEVICE_NAMES = Set.of(
            "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "COM\u00B9", "COM\u00B2", "COM\u00B3",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
            "LPT\u00B9", "LPT\u00B2", "LPT\u00B3");

    private final int maxElementBytes;

    /** A sanitizer with {@link #DEFAULT_MAX_ELEMENT_BYTES}. */
    public PathSanitizer() {
        this(DEFAULT_MAX_ELEMENT_BYTES);
    }

    /**
     * @param maxElementBytes longest element in UTF-8 bytes, at least 40
     * @throws IllegalArgumentException if {@code maxElementBytes} is below 40
     */
    public PathSanitizer(int maxElementBytes) {
        if (maxElementBytes < MIN_ELEMENT_BYTES) {
            throw new IllegalArgumentException("maxElementBytes must be at least " + MIN_ELEMENT_BYTES
                    + ", got " + maxElementBytes);
        }
        this.maxElementBytes = maxElementBytes;
    }

    /** Longest element in UTF-8 bytes; default {@value #DEFAULT_MAX_ELEMENT_BYTES}. */
    public int maxElementBytes() {
        return maxElementBytes;
    }

    /**
     * Cleans one path element (a single file or directory name).
     *
     * @return the safe name, or the empty string when nothing safe is left (the caller drops it)
     */
    public String sanitizeElement(String element) {
        String text = element;
        if (text.length() >= 2 && text.charAt(1) == ':' && isAsciiLetter(text.charAt(0))) {
            text = text.substring(2);
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (isInvisibleFormat(codePoint)) {
                continue;
            }
            out.appendCodePoint(isReplaced(codePoint) ? '_' : codePoint);
        }
        String name = trim(out);
        if (isReservedDeviceName(name)) {
            name = "_" + name;
        }
        if (utf8Length(name) > maxElementBytes) {
            name = trimEnd(shorten(name, maxElementBytes));
        }
        return name;
    }

    /**
     * Cleans a list of path elements (a torrent's {@code path} list, for example).
     *
     * @return the non-empty cleaned elements, in order, unmodifiable
     * @throws PathContainmentException with {@link PathContainmentException.Reason#EMPTY_PATH}
     *                                  if no element is left
     */
    public List<String> sanitizePath(List<String> elements) throws PathContainmentException {
        List<String> result = new ArrayList<>(elements.size());
        for (String element : elements) {
            String clean = sanitizeElement(element);
            if (!clean.isEmpty()) {
                result.add(clean);
            }
        }
        if (result.isEmpty()) {
            throw new PathContainmentException(PathContainmentException.Reason.EMPTY_PATH,
                    String.join("/", elements), null, null);
        }
        return List.copyOf(result);
    }

    /**
     * Cleans a {@code '/'}-separated relative path (a URL path, a Metalink name). Leading
     * slashes (absolute paths) just produce empty elements and are dropped; backslashes are not
     * separators (see the class description).
     *
     * @return the non-empty cleaned elements, in order, unmodifiable
     * @throws PathContainmentException with {@link PathContainmentException.Reason#EMPTY_PATH}
     *                                  if no element is left
     */
    public List<String> sanitizeRelativePath(String slashSeparated) throws PathContainmentException {
        List<String> result = new ArrayList<>();
        for (String element : splitOnSlash(slashSeparated)) {
            String clean = sanitizeElement(element);
            if (!clean.isEmpty()) {
                result.add(clean);
            }
        }
        if (result.isEmpty()) {
            throw new PathContainmentException(PathContainmentException.Reason.EMPTY_PATH,
                    slashSeparated, null, null);
        }
        return List.copyOf(result);
    }

    /**
     * Sanitizes {@code elements} and resolves them under {@code root}, checking that the real
     * path (symbolic links followed, for the deepest part that exists) stays under the real
     * path of the root.
     *
     * @param root     the download directory; need not exist yet
     * @param elements untrusted path elements
     * @return the absolute, normalized path under {@code root} (not link-resolved, so it names
     *         what the metadata names)
     * @throws PathContainmentException if nothing is left ({@code EMPTY_PATH}), a link leads
     *                                  outside the root ({@code ESCAPES_ROOT}) or nowhere
     *                                  ({@code DANGLING_LINK})
     * @throws IOException              if the file system cannot be queried
     */
    public Path resolveUnder(Path root, List<String> elements) throws IOException {
        List<String> clean = sanitizePath(elements);
        Path base = root.toAbsolutePath().normalize();
        Path target = base;
        for (String element : clean) {
            target = target.resolve(element);
        }
        String input = String.join("/", elements);
        target = target.normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            // Unreachable with sanitized elements; kept so a future rule change cannot open a hole.
            throw new PathContainmentException(PathContainmentException.Reason.ESCAPES_ROOT, input, base,
                    "lexically outside");
        }
        Path realBase = realPathOfExistingPart(base, input, base);
        Path realTarget = realPathOfExistingPart(target, input, base);
        if (!realTarget.startsWith(realBase) || realTarget.equals(realBase)) {
            throw new PathContainmentException(PathContainmentException.Reason.ESCAPES_ROOT, input, base,
                    "resolves to " + realTarget);
        }
        return target;
    }

    /** {@link #resolveUnder(Path, List)} for a {@code '/'}-separated relative path. */
    public Path resolveUnder(Path root, String slashSeparated) throws IOException {
        return resolveUnder(root, splitOnSlash(slashSeparated));
    }

    private static List<String> splitOnSlash(String text) {
        List<String> elements = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int slash = text.indexOf('/', start);
            int end = slash < 0 ? text.length() : slash;
            elements.add(text.substring(start, end));
            start = end + 1;
        }
        return elements;
    }

    /**
     * Cuts {@code text} to at most {@code maxBytes} UTF-8 bytes without splitting a code point.
     * Used to make room for suffixes such as an auto-rename counter.
     */
    public static String truncateToBytes(String text, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int size = utf8Length(codePoint);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return text.substring(0, i);
    }

    /** Number of bytes {@code text} takes in UTF-8 (unpaired surrogates count as 3). */
    public static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            bytes += utf8Length(codePoint);
            i += Character.charCount(codePoint);
        }
        return bytes;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        } else if (codePoint < 0x800) {
            return 2;
        } else if (codePoint < 0x10000) {
            return 3;
        }
        return 4;
    }

    /** Real path of the deepest existing ancestor of {@code path}, with the missing rest appended. */
    private static Path realPathOfExistingPart(Path path, String input, Path root) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = path;
        // NOFOLLOW_LINKS: a dangling link exists as a link, and must not be mistaken for a free name.
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException dangling) {
            throw new PathContainmentException(PathContainmentException.Reason.DANGLING_LINK, input, root,
                    existing + " points nowhere");
        }
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        return real;
    }

    private String shorten(String name, int maxBytes) {
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String extension = name.substring(dot);
            int extensionBytes = utf8Length(extension);
            if (extensionBytes <= MAX_KEPT_EXTENSION_BYTES) {
                String stem = trimEnd(truncateToBytes(name.substring(0, dot), maxBytes - extensionBytes));
                return stem + extension;
            }
        }
        return truncateToBytes(name, maxBytes);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isInvisibleFormat(int codePoint) {
        return codePoint == 0x061C
                || (codePoint >= 0x200B && codePoint <= 0x200F)
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0xFEFF;
    }

    private static boolean isReplaced(int codePoint) {
        switch (codePoint) {
            case '/', '\\', ':', '*', '?', '"', '<', '>', '|', 0x7F, 0x2028, 0x2029:
                return true;
            default:
                return codePoint < 0x20
                        || (codePoint >= 0x80 && codePoint <= 0x9F)
                        || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
        }
    }

    private static String trim(CharSequence text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '.')) {
            end--;
        }
        return text.subSequence(start, end).toString();
    }

    private static String trimEnd(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '.')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean isReservedDeviceName(String name) {
        int dot = name.indexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        int end = base.length();
        while (end > 0 && base.charAt(end - 1) == ' ') {
            end--;
        }
        return RESERVED_DEVICE_NAMES.contains(base.substring(0, end).toUpperCase(Locale.ROOT));
    }
}
