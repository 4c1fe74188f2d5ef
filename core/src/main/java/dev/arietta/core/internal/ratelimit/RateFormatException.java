package dev.arietta.core.internal.ratelimit;

import dev.arietta.core.ErrorCode;

/**
 * A rate option value ({@code max-download-limit=1M} and the like) could not be parsed.
 * Reported to the user as a bad option ({@link ErrorCode#BAD_OPTION}, 28).
 *
 * <p>Unchecked because an option value is the caller's input: the option layer catches it and
 * reports the option name with the message.
 */
public final class RateFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the value. */
    public enum Reason {
        /** The value is empty, or a unit with no number. */
        EMPTY,
        /** A character other than an ASCII digit before the unit (signs, spaces, decimals included). */
        NOT_A_NUMBER,
        /** A unit other than {@code K}, {@code k}, {@code M}, {@code m}. */
        UNKNOWN_UNIT,
        /** The number of bytes per second does not fit in a signed 64-bit integer. */
        TOO_LARGE
    }

    private final transient Reason reason;

    RateFormatException(Reason reason, String message) {
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
