package dev.arietta.core.internal.hash;

import dev.arietta.core.ErrorCode;

/**
 * A {@code TYPE=HEXDIGEST} checksum value (aria2's {@code --checksum} option) could not be
 * parsed. Reported to the user as a bad option ({@link ErrorCode#BAD_OPTION}, 28).
 *
 * <p>Unchecked because an option value is the caller's input: the option layer catches it and
 * reports the option name with the message.
 */
public final class ChecksumFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the value. */
    public enum Reason {
        /** No {@code '='} between the type and the digest. */
        MISSING_SEPARATOR,
        /** The type is not one of {@link HashAlgorithm}'s names. */
        UNKNOWN_TYPE,
        /** The digest holds a character that is not an ASCII hex digit. */
        BAD_HEX,
        /** The digest has the wrong number of hex digits for its type. */
        WRONG_LENGTH
    }

    private final transient Reason reason;

    ChecksumFormatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }

    /** Always {@link ErrorCode#BAD_OPTION}. */
    public ErrorCode errorCode() {
        return ErrorCode.BAD_OPTION;
    }
}
