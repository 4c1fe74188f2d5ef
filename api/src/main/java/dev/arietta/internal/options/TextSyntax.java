package dev.arietta.internal.options;

/**
 * Free text without control characters (tab allowed): user names, the user agent, the referer.
 * A secret text (a password) is masked whole in messages and {@code toString}.
 */
final class TextSyntax implements ValueSyntax<String> {

    private final String placeholder;
    private final boolean secret;

    TextSyntax(String placeholder, boolean secret) {
        this.placeholder = placeholder;
        this.secret = secret;
    }

    @Override
    public String description() {
        return "text without control characters";
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
        return text;
    }

    @Override
    public String format(String value) {
        return value;
    }

    @Override
    public String mask(String formatted) {
        return secret ? "***" : formatted;
    }
}
