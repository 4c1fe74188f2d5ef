package dev.arietta.internal.options;

import java.net.URI;
import java.net.URISyntaxException;

/** An absolute URI ({@code metalink-base-uri}), kept as written. */
final class AbsoluteUriSyntax implements ValueSyntax<String> {

    private final String placeholder;

    AbsoluteUriSyntax(String placeholder) {
        this.placeholder = placeholder;
    }

    @Override
    public String description() {
        return "an absolute URI";
    }

    @Override
    public String placeholder() {
        return placeholder;
    }

    @Override
    public Class<?> valueClass() {
        return String.class;
    }

    @Override
    public String parse(String text) {
        TextRules.requireNoControlCharacters(text);
        try {
            if (!new URI(text).isAbsolute()) {
                throw new InvalidValueException("no scheme");
            }
        } catch (URISyntaxException e) {
            throw new InvalidValueException(e.getReason(), e);
        }
        return text;
    }

    @Override
    public String format(String value) {
        return value;
    }
}
