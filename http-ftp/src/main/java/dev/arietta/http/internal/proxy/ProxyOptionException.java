package dev.arietta.http.internal.proxy;

import dev.arietta.core.ErrorCode;

/**
 * A proxy option whose value cannot be used, reported as aria2's {@link ErrorCode#BAD_OPTION}.
 * The message names the option and never contains a password.
 */
public final class ProxyOptionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String option;

    ProxyOptionException(String option, String message) {
        super(option + ": " + message);
        this.option = option;
    }

    /** The option (or environment variable) name. */
    public String option() {
        return option;
    }

    /** Always {@link ErrorCode#BAD_OPTION}. */
    public ErrorCode errorCode() {
        return ErrorCode.BAD_OPTION;
    }
}
