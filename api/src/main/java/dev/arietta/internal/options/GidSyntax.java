package dev.arietta.internal.options;

import java.util.Locale;

/**
 * aria2's {@code gid}: exactly 16 hex digits, not all zero (zero is reserved). Kept in lower
 * case, as gids are shown.
 */
final class GidSyntax implements ValueSyntax<String> {

    /** Number of hex digits in a gid (64 bits). */
    static final int GID_DIGITS = 16;

    @Override
    public String description() {
        return "16 hex digits, not all zero";
    }

    @Override
    public String placeholder() {
        return "GID";
    }

    @Override
    public Class<?> valueClass() {
        return String.class;
    }

    @Override
    public String parse(String text) {
        if (text.length() != GID_DIGITS) {
            throw new InvalidValueException();
        }
        boolean allZero = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                throw new InvalidValueException();
            }
            allZero &= c == '0';
        }
        if (allZero) {
            throw new InvalidValueException("gid 0 is reserved");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    @Override
    public String format(String value) {
        return value;
    }
}
