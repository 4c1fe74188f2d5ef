package dev.arietta.http.internal.cookie;

import dev.arietta.core.ErrorCode;
import java.io.IOException;

/**
 * A cookies file that cannot be read at all (as opposed to single bad lines, which are skipped
 * and reported in a {@link CookieFileReport}). Its {@link #errorCode()} is
 * {@link ErrorCode#BAD_OPTION}: the file named by {@code load-cookies} is unusable.
 */
public final class CookieFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int lineNumber;

    CookieFileException(String source, int lineNumber, String message) {
        super(source + ":" + lineNumber + ": " + message);
        this.source = source;
        this.lineNumber = lineNumber;
    }

    /** The file (or other source) name. */
    public String source() {
        return source;
    }

    /** The 1-based line at which reading stopped. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The aria2 error code: {@link ErrorCode#BAD_OPTION}. */
    public ErrorCode errorCode() {
        return ErrorCode.BAD_OPTION;
    }
}
