package dev.arietta.http.internal.cookie;

import java.util.List;

/**
 * What loading a cookies file did. Like browsers and aria2, a malformed line is skipped rather
 * than failing the whole file; each skip is reported here with its line number.
 *
 * @param source the file (or other source) name
 * @param loaded cookies handed to the sink
 * @param expired well-formed cookies not loaded because they had expired
 * @param skippedCount malformed lines skipped, including those not in {@code skipped}
 * @param skipped the first skipped lines (at most {@link CookieFileLimits#maxReportedSkips()})
 */
public record CookieFileReport(String source, int loaded, int expired, int skippedCount, List<SkippedLine> skipped) {

    public CookieFileReport {
        skipped = List.copyOf(skipped);
    }

    /** Why a line was skipped. */
    public enum SkipReason {
        /** Longer than {@link CookieFileLimits#maxLineLength()}. */
        LINE_TOO_LONG,
        /** Not 6 or 7 TAB-separated fields. */
        WRONG_FIELD_COUNT,
        /** The domain field is empty. */
        BAD_DOMAIN,
        /** The include-subdomains or secure field is neither TRUE nor FALSE. */
        BAD_FLAG,
        /** The path does not start with {@code /}. */
        BAD_PATH,
        /** The expiry is not a whole number of seconds since the epoch. */
        BAD_EXPIRY,
        /** The cookie name is empty. */
        EMPTY_NAME,
        /** A field contains a control character. */
        CONTROL_CHARACTER,
        /** The cookie applies to all subdomains of a public suffix. */
        PUBLIC_SUFFIX_DOMAIN
    }

    /**
     * @param lineNumber the 1-based line number
     * @param reason why it was skipped
     * @param detail a short human explanation (never the cookie value)
     */
    public record SkippedLine(int lineNumber, SkipReason reason, String detail) {
    }
}
