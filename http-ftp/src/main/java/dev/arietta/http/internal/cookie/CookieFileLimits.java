package dev.arietta.http.internal.cookie;

/**
 * Bounds on reading a cookies file, so a hostile or corrupt file cannot exhaust memory or time.
 *
 * @param maxLineLength longest line kept, in chars; longer lines are skipped and reported.
 *     Default {@value #DEFAULT_MAX_LINE_LENGTH}.
 * @param maxLines most lines read; a longer file fails with {@link CookieFileException}.
 *     Default {@value #DEFAULT_MAX_LINES}.
 * @param maxReportedSkips most skipped lines described individually in the
 *     {@link CookieFileReport}; the rest are only counted. Default {@value #DEFAULT_MAX_REPORTED_SKIPS}.
 */
public record CookieFileLimits(int maxLineLength, int maxLines, int maxReportedSkips) {
    /** Default {@link #maxLineLength()}: a 4096-byte cookie plus domain, path and flags. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 8192;
    /** Default {@link #maxLines()}. */
    public static final int DEFAULT_MAX_LINES = 100_000;
    /** Default {@link #maxReportedSkips()}. */
    public static final int DEFAULT_MAX_REPORTED_SKIPS = 100;
    /** All defaults. */
    public static final CookieFileLimits DEFAULTS =
            new CookieFileLimits(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_LINES, DEFAULT_MAX_REPORTED_SKIPS);

    public CookieFileLimits {
        if (maxLineLength < 1 || maxLines < 1 || maxReportedSkips < 0) {
            throw new IllegalArgumentException("bad cookie file limits: " + maxLineLength + ", "
                    + maxLines + ", " + maxReportedSkips);
        }
    }
}
