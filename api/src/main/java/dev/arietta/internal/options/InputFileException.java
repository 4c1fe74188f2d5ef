package dev.arietta.internal.options;

import dev.arietta.core.ErrorCode;
import java.io.IOException;
import java.util.Objects;

/**
 * An input file or save-session file cannot be used. The message starts with the source and,
 * when one line is at fault, its 1-based number: {@code session.txt:7: split: expected an
 * integer 1..*, got "x"}. It never repeats a secret value or a URI (which may hold a password).
 */
public final class InputFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Reason {
        /** More bytes than {@link InputFileLimits#maxBytes()}. */
        TOO_LARGE,
        /** A line longer than {@link InputFileLimits#maxLineBytes()}. */
        LINE_TOO_LONG,
        /** More lines than {@link InputFileLimits#maxLines()}. */
        TOO_MANY_LINES,
        /** More URIs on one line than {@link InputFileLimits#maxUrisPerEntry()}. */
        TOO_MANY_URIS,
        /** A line that is not valid UTF-8. */
        MALFORMED_TEXT,
        /** A gzip-compressed file that cannot be decompressed. */
        CORRUPT_COMPRESSION,
        /** A URI line holding a control character. */
        BAD_URI,
        /** An indented option line before the first URI line. */
        OPTION_BEFORE_URI,
        /** An option line without {@code name=value}. */
        MALFORMED_OPTION,
        /** An option name that is not registered. */
        UNKNOWN_OPTION,
        /** A session-wide option, which cannot be set for one download. */
        GLOBAL_OPTION,
        /** An option value that is not accepted. */
        BAD_VALUE
    }

    private final transient Reason reason;
    private final String source;
    private final int lineNumber;

    /**
     * @param lineNumber the 1-based line at fault, or 0 when the file as a whole is
     */
    public InputFileException(Reason reason, String source, int lineNumber, String detail, Throwable cause) {
        super(source + (lineNumber > 0 ? ":" + lineNumber : "") + ": " + detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.source = source;
        this.lineNumber = lineNumber;
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }

    /** The file name (or other source description) given to the reader. */
    public String source() {
        return source;
    }

    /** The 1-based line at fault, or 0 when the file as a whole is. */
    public int lineNumber() {
        return lineNumber;
    }

    /** Always {@link ErrorCode#BAD_OPTION}, as aria2 reports a bad input file. */
    public ErrorCode errorCode() {
        return ErrorCode.BAD_OPTION;
    }
}
