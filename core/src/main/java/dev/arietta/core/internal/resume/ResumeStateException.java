package dev.arietta.core.internal.resume;

import dev.arietta.core.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A resume state file is unreadable, corrupt, too new, or belongs to another download. Carries
 * the file, the {@link Reason} and a message saying exactly what was wrong (with the byte offset
 * where it applies).
 */
public final class ResumeStateException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What was wrong, and the aria2 error code it stops a download with. */
    public enum Reason {
        /** The file does not start with the resume state magic bytes. */
        NOT_A_RESUME_FILE(ErrorCode.UNKNOWN),
        /** The file was written by a newer format version than this code reads. */
        UNSUPPORTED_VERSION(ErrorCode.UNKNOWN),
        /** The file ends before the length its header describes. */
        TRUNCATED(ErrorCode.UNKNOWN),
        /** The file, or a length field in it, exceeds a {@link ResumeStateLimits} limit. */
        TOO_LARGE(ErrorCode.UNKNOWN),
        /** The CRC-32C trailer does not match the contents. */
        CHECKSUM_MISMATCH(ErrorCode.UNKNOWN),
        /** A field holds an impossible value (negative length, unknown identity type, bad UTF-8, trailing bytes …). */
        MALFORMED(ErrorCode.UNKNOWN),
        /** The file belongs to another download (other info-hash or URL). */
        IDENTITY_MISMATCH(ErrorCode.UNKNOWN),
        /** The download's total length differs from the recorded one. */
        TOTAL_LENGTH_CHANGED(ErrorCode.UNKNOWN),
        /** The download's piece length differs from the recorded one (aria2 error 10). */
        PIECE_LENGTH_CHANGED(ErrorCode.PIECE_LENGTH_CHANGED);

        private final ErrorCode errorCode;

        Reason(ErrorCode errorCode) {
            this.errorCode = errorCode;
        }

        /** The error code a download stopped by this problem reports. */
        public ErrorCode errorCode() {
            return errorCode;
        }
    }

    private final transient Path file;
    private final transient Reason reason;

    /**
     * @param file   the state file
     * @param reason what was wrong
     * @param detail the specifics, e.g. {@code "piece length 262144 at offset 33, expected 524288"}
     */
    public ResumeStateException(Path file, Reason reason, String detail) {
        super(file + ": " + detail);
        this.file = file;
        this.reason = reason;
    }

    /** The state file. */
    public Path file() {
        return file;
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }

    /** The error code a download stopped by this problem reports. */
    public ErrorCode errorCode() {
        return reason.errorCode();
    }
}
