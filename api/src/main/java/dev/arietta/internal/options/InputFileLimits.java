package dev.arietta.internal.options;

/**
 * Bounds on an input file or save-session file read by {@link InputFileReader}, so a hostile
 * or corrupt file ends in an {@link InputFileException} rather than exhausting memory. All counts
 * are after gzip decompression.
 *
 * @param maxBytes        total bytes read; default {@value #DEFAULT_MAX_BYTES} (64 MiB)
 * @param maxLineBytes    bytes in one line, without its line ending; default
 *                        {@value #DEFAULT_MAX_LINE_BYTES} (64 KiB; long signed URIs fit)
 * @param maxLines        lines, blank and comment lines included; default {@value #DEFAULT_MAX_LINES}
 * @param maxUrisPerEntry URIs on one line (mirrors of one download); default
 *                        {@value #DEFAULT_MAX_URIS_PER_ENTRY}
 */
public record InputFileLimits(long maxBytes, int maxLineBytes, int maxLines, int maxUrisPerEntry) {

    /** Default {@link #maxBytes()}: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** Default {@link #maxLineBytes()}: 64 KiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 << 10;
    /** Default {@link #maxLines()}: one million. */
    public static final int DEFAULT_MAX_LINES = 1_000_000;
    /** Default {@link #maxUrisPerEntry()}: 1024. */
    public static final int DEFAULT_MAX_URIS_PER_ENTRY = 1024;

    /** All defaults. */
    public static final InputFileLimits DEFAULTS = new InputFileLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_LINE_BYTES,
            DEFAULT_MAX_LINES, DEFAULT_MAX_URIS_PER_ENTRY);

    /** @throws IllegalArgumentException if any bound is not positive */
    public InputFileLimits {
        if (maxBytes <= 0 || maxLineBytes <= 0 || maxLines <= 0 || maxUrisPerEntry <= 0) {
            throw new IllegalArgumentException("input file limits must be positive: " + maxBytes + ", "
                    + maxLineBytes + ", " + maxLines + ", " + maxUrisPerEntry);
        }
    }
}
