package dev.arietta.internal.options;

import java.util.Locale;
import java.util.Set;

/**
 * One HTTP request header, {@code Name: value}, as given to aria2's {@code --header}. The name
 * must be an RFC 9110 token; the value has no control characters but tab. The values of
 * {@code Authorization}, {@code Proxy-Authorization} and {@code Cookie} are masked.
 */
final class HeaderSyntax implements ValueSyntax<String> {

    private static final Set<String> SECRET_NAMES = Set.of("authorization", "proxy-authorization", "cookie");
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    @Override
    public String description() {
        return "an HTTP header \"Name: value\"";
    }

    @Override
    public String placeholder() {
        return "HEADER";
    }

    @Override
    public Class<?> valueClass() {
        return String.class;
    }

    @Override
    public String parse(String text) {
        TextRules.requireNoControlCharacters(text);
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new InvalidValueException("no header name before ':'");
        }
        for (int i = 0; i < colon; i++) {
            char c = text.charAt(i);
            if (!isTokenChar(c)) {
                throw new InvalidValueException(String.format("header name has character U+%04X at index %d",
                        (int) c, i));
            }
        }
        return text;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    @Override
    public String format(String value) {
        return value;
    }

    @Override
    public String mask(String formatted) {
        int colon = formatted.indexOf(':');
        if (colon > 0 && SECRET_NAMES.contains(formatted.substring(0, colon).toLowerCase(Locale.ROOT))) {
            return formatted.substring(0, colon) + ": ***";
        }
        return formatted;
    }
}
