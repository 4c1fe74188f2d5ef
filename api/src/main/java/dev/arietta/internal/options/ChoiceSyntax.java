package dev.arietta.internal.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One of a fixed set of words, matched exactly (case included) as aria2's
 * {@code ParameterOptionHandler} does, mapped to a Java enum constant.
 *
 * @param <E> the enum holding the choices
 */
final class ChoiceSyntax<E extends Enum<E>> implements ValueSyntax<E> {

    private final Class<E> type;
    private final Function<E, String> word;
    private final List<String> words;

    /** @param word the aria2 word of each constant ({@code FileAllocation::optionValue}) */
    ChoiceSyntax(Class<E> type, Function<E, String> word) {
        this.type = Objects.requireNonNull(type, "type");
        this.word = Objects.requireNonNull(word, "word");
        List<String> all = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            all.add(word.apply(constant));
        }
        this.words = List.copyOf(all);
    }

    @Override
    public String description() {
        return "one of " + String.join(", ", words);
    }

    @Override
    public String placeholder() {
        return String.join("|", words);
    }

    @Override
    public Class<?> valueClass() {
        return type;
    }

    @Override
    public E parse(String text) {
        for (E constant : type.getEnumConstants()) {
            if (word.apply(constant).equals(text)) {
                return constant;
            }
        }
        throw new InvalidValueException();
    }

    @Override
    public String format(E value) {
        return word.apply(value);
    }
}
