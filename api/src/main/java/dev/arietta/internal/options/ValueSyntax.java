package dev.arietta.internal.options;

/**
 * How one option's value is written as text in aria2's syntax, and read back. Every option of
 * {@code dev.arietta.Option} has one; the option layer wraps {@link InvalidValueException} into
 * a public {@code OptionException} naming the option.
 *
 * <p>Contract: for every value {@code v} returned by {@link #parse}, {@code parse(format(v))}
 * equals {@code v}, so options survive {@code asStringMap()} and save-session files unchanged.
 * Implementations are immutable and thread-safe.
 *
 * @param <T> the Java type of the value
 */
public interface ValueSyntax<T> {

    /** What is accepted, completing "expected …": {@code "an integer 1..*"}. */
    String description();

    /** The placeholder shown in help after {@code --name=}: {@code "N"}, {@code "SIZE"}. */
    String placeholder();

    /** The Java class of values ({@code List.class} for list-valued options). */
    Class<?> valueClass();

    /**
     * Reads a value whose surrounding spaces and tabs have already been removed.
     *
     * @throws InvalidValueException if the text is not a value of this syntax
     */
    T parse(String text);

    /** aria2's text form of a value previously returned by {@link #parse} or {@link #canonical}. */
    String format(T value);

    /**
     * Checks a value given as a Java object and returns the form {@link #parse} would have
     * produced; by default {@code parse(format(value))}.
     *
     * @throws InvalidValueException if the value is out of range or otherwise not accepted
     */
    default T canonical(T value) {
        return parse(format(value));
    }

    /** Whether giving the option again adds to its value instead of replacing it ({@code header}). */
    default boolean repeatable() {
        return false;
    }

    /** The value after giving the option again: {@code added} unless {@link #repeatable()}. */
    default T append(T existing, T added) {
        return added;
    }

    /** {@code formatted} with secrets replaced by {@code ***}, for messages, logs and {@code toString}. */
    default String mask(String formatted) {
        return formatted;
    }
}
