package dev.arietta.internal.options;

import java.util.ArrayList;
import java.util.List;

/**
 * An option that may be given several times, each time adding one element ({@code header}).
 * Its single-string form joins the elements with {@code '\n'}, as aria2 stores cumulative
 * options; elements never contain a newline (the element syntax refuses control characters),
 * so the form splits back exactly. Session files write one line per element.
 *
 * @param <E> the element type
 */
final class RepeatableSyntax<E> implements ValueSyntax<List<E>> {

    private final ValueSyntax<E> element;

    RepeatableSyntax(ValueSyntax<E> element) {
        this.element = element;
    }

    @Override
    public String description() {
        return element.description() + " (may be given several times)";
    }

    @Override
    public String placeholder() {
        return element.placeholder();
    }

    @Override
    public Class<?> valueClass() {
        return List.class;
    }

    @Override
    public List<E> parse(String text) {
        List<E> values = new ArrayList<>();
        for (String part : text.split("\n", -1)) {
            String stripped = TextRules.strip(part);
            if (stripped.isEmpty()) {
                throw new InvalidValueException("empty element");
            }
            values.add(element.parse(stripped));
        }
        return List.copyOf(values);
    }

    @Override
    public String format(List<E> value) {
        List<String> parts = new ArrayList<>(value.size());
        for (E item : value) {
            parts.add(element.format(item));
        }
        return String.join("\n", parts);
    }

    @Override
    public List<E> canonical(List<E> value) {
        if (value.isEmpty()) {
            throw new InvalidValueException("no elements");
        }
        List<E> values = new ArrayList<>(value.size());
        for (E item : value) {
            String formatted = TextRules.strip(element.format(item));
            if (formatted.isEmpty()) {
                throw new InvalidValueException("empty element");
            }
            values.add(element.parse(formatted));
        }
        return List.copyOf(values);
    }

    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public List<E> append(List<E> existing, List<E> added) {
        List<E> values = new ArrayList<>(existing.size() + added.size());
        values.addAll(existing);
        values.addAll(added);
        return List.copyOf(values);
    }

    @Override
    public String mask(String formatted) {
        String[] parts = formatted.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = element.mask(parts[i]);
        }
        return String.join("\n", parts);
    }
}
