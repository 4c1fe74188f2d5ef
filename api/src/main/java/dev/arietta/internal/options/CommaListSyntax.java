package dev.arietta.internal.options;

import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated list, as aria2's {@code no-proxy} and tracker lists: elements are stripped
 * of surrounding spaces and empty ones dropped; written back joined by {@code ,}. An optional
 * check validates the whole list (for example with the parser that will later use it).
 */
final class CommaListSyntax implements ValueSyntax<List<String>> {

    /** Validates a list of non-empty, stripped elements. */
    @FunctionalInterface
    interface ListCheck {
        /** @throws InvalidValueException if the list is not acceptable */
        void check(List<String> elements);
    }

    private final String description;
    private final String placeholder;
    private final ListCheck check;

    CommaListSyntax(String description, String placeholder, ListCheck check) {
        this.description = description;
        this.placeholder = placeholder;
        this.check = check;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String placeholder() {
        return placeholder;
    }

    @Override
    public Class<?> valueClass() {
        return List.class;
    }

    @Override
    public List<String> parse(String text) {
        TextRules.requireNoControlCharacters(text);
        List<String> elements = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String stripped = TextRules.strip(part);
            if (!stripped.isEmpty()) {
                elements.add(stripped);
            }
        }
        List<String> result = List.copyOf(elements);
        check.check(result);
        return result;
    }

    @Override
    public String format(List<String> value) {
        return String.join(",", value);
    }

    @Override
    public List<String> canonical(List<String> value) {
        for (String element : value) {
            if (element.indexOf(',') >= 0) {
                throw new InvalidValueException("element contains ','");
            }
        }
        return parse(format(value));
    }
}
