package dev.arietta.http.internal.netrc;

/**
 * Bounds on a {@code .netrc} file.
 *
 * @param maxFileSize largest file read, in bytes; a larger file is refused with
 *     {@link NetrcException}. Default {@value #DEFAULT_MAX_FILE_SIZE}.
 * @param maxEntries most {@code machine} entries. Default {@value #DEFAULT_MAX_ENTRIES}.
 */
public record NetrcLimits(int maxFileSize, int maxEntries) {
    /** Default {@link #maxFileSize()}: far above any hand-written netrc. */
    public static final int DEFAULT_MAX_FILE_SIZE = 1 << 20;
    /** Default {@link #maxEntries()}. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** All defaults. */
    public static final NetrcLimits DEFAULTS = new NetrcLimits(DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_ENTRIES);

    public NetrcLimits {
        if (maxFileSize < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("netrc limits must be positive: " + maxFileSize + ", " + maxEntries);
        }
    }
}
