package dev.arietta;

import dev.arietta.core.ErrorCode;
import java.util.Objects;

/**
 * An option name is unknown or its value is not accepted: aria2's "bad option" error
 * ({@link ErrorCode#BAD_OPTION}, 28). Thrown when the value is set, never later.
 *
 * <p>The message names the option and says what is accepted, for example
 * {@code split: expected an integer 1..*, got "x"}. Secret values (passwords, the password in a
 * proxy URI, {@code Authorization} and {@code Cookie} headers) are never repeated in it.
 *
 * <p>Unchecked, like {@link IllegalArgumentException} which it extends, because option values
 * are the caller's input.
 */
public final class OptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String optionName;

    /**
     * @param optionName the option as the user named it: an aria2 option name ({@code split}),
     *                   or for a command-line flag the flag as written ({@code -y}, {@code --foo})
     * @param message    the complete message, naming the option
     */
    public OptionException(String optionName, String message) {
        super(message);
        this.optionName = Objects.requireNonNull(optionName, "optionName");
    }

    /** As {@link #OptionException(String, String)}, keeping the parser's exception as the cause. */
    public OptionException(String optionName, String message, Throwable cause) {
        super(message, cause);
        this.optionName = Objects.requireNonNull(optionName, "optionName");
    }

    /** The option (or command-line flag) the error is about. */
    public String optionName() {
        return optionName;
    }

    /** Always {@link ErrorCode#BAD_OPTION}. */
    public ErrorCode errorCode() {
        return ErrorCode.BAD_OPTION;
    }
}
