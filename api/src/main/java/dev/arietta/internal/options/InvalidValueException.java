package dev.arietta.internal.options;

/**
 * A text is not a value of a {@link ValueSyntax}. Carries only the detail beyond "expected …,
 * got …" (for example which hex digit was bad), or none; {@code dev.arietta.Option} turns it
 * into an {@code OptionException} that names the option and echoes the value safely.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Without further detail: the description of the syntax says it all. */
    public InvalidValueException() {
        super((String) null);
    }

    /**
     * @param detail why the value was refused beyond not matching the syntax; never holds the
     *               value itself when the option is secret
     */
    public InvalidValueException(String detail) {
        super(detail);
    }

    /** As {@link #InvalidValueException(String)}, keeping the parser's exception as the cause. */
    public InvalidValueException(String detail, Throwable cause) {
        super(detail, cause);
    }

    /** The detail, or {@code null}. */
    public String detail() {
        return getMessage();
    }
}
