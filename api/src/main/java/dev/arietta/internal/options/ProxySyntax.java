package dev.arietta.internal.options;

import dev.arietta.http.internal.proxy.ProxyOptionException;
import dev.arietta.http.internal.proxy.ProxySettings;
import java.util.Map;

/**
 * A proxy, {@code [http://|https://][USER:PASSWORD@]HOST[:PORT]}, checked by the same parser
 * the HTTP/FTP module uses ({@link ProxySettings}) so a value accepted here cannot fail later.
 * The empty string is a value: it means "no proxy" and overrides an inherited one. The password
 * inside the value is masked.
 */
final class ProxySyntax implements ValueSyntax<String> {

    // ProxySettings validates a value the same way under any proxy option name.
    private static final String CHECKED_AS = "all-proxy";

    @Override
    public String description() {
        return "a proxy [http://|https://][USER:PASSWORD@]HOST[:PORT], or empty for none";
    }

    @Override
    public String placeholder() {
        return "PROXY";
    }

    @Override
    public Class<?> valueClass() {
        return String.class;
    }

    @Override
    public String parse(String text) {
        TextRules.requireNoControlCharacters(text);
        try {
            ProxySettings.of(Map.of(CHECKED_AS, text), Map.of());
        } catch (ProxyOptionException e) {
            throw new InvalidValueException(withoutSource(e.getMessage()), e);
        }
        return text;
    }

    // The message starts "all-proxy: "; the option layer prefixes the real option name.
    private static String withoutSource(String message) {
        String prefix = CHECKED_AS + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    @Override
    public String format(String value) {
        return value;
    }

    /** Replaces the password of {@code user:password@} with {@code ***}. */
    @Override
    public String mask(String formatted) {
        int schemeEnd = formatted.indexOf("://");
        int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int at = formatted.lastIndexOf('@');
        if (at < start) {
            return formatted;
        }
        int colon = formatted.indexOf(':', start);
        if (colon < 0 || colon > at) {
            return formatted;
        }
        return formatted.substring(0, colon + 1) + "***" + formatted.substring(at);
    }
}
