package dev.arietta.http.internal.netrc;

import dev.arietta.core.ErrorCode;
import java.io.IOException;

/**
 * A {@code .netrc} file that cannot be used: a syntax error (aria2 stops with "Netrc: parse
 * error" too) or a file over {@link NetrcLimits}. {@link #errorCode()} is
 * {@link ErrorCode#BAD_OPTION}: the file named by {@code netrc-path} is unusable.
 */
public final class NetrcException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int lineNumber;

    NetrcException(String source, int lineNumber, String message) {
        super(source + ":" + lineNumber + ": " + message);
        this.source = source;
        this.lineNumber = lineNumber;
    }

    /** The file (or other source) name. */
    public String source() {
        return source;
    }

    /** The 1-based line of the error (0 when the whole file is refused). */
    public int lineNumber() {
        return lineNumber;
    }

    /** The aria2 error code: {@link ErrorCode#BAD_OPTION}. */
    public ErrorCode errorCode() {
        return ErrorCode.BAD_OPTION;
    }
}
