package dev.arietta.internal.options;

import java.math.BigDecimal;
import java.time.Duration;

/** A whole number of seconds within a range, written as a plain integer: {@code timeout=60}. */
final class SecondsSyntax implements ValueSyntax<Duration> {

    private final int min;
    private final int max;

    SecondsSyntax(int min, int max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("bad range " + min + ".." + max);
        }
        this.min = min;
        this.max = max;
    }

    @Override
    public String description() {
        return "whole seconds " + IntegerSyntax.range(min, max);
    }

    @Override
    public String placeholder() {
        return "SEC";
    }

    @Override
    public Class<?> valueClass() {
        return Duration.class;
    }

    @Override
    public Duration parse(String text) {
        return Duration.ofSeconds(IntegerSyntax.parseInRange(text, min, max));
    }

    @Override
    public String format(Duration value) {
        if (value.getNano() != 0) {
            // Not a value this syntax produces; shown as seconds with a fraction so canonical() can refuse it.
            return BigDecimal.valueOf(value.getSeconds()).add(BigDecimal.valueOf(value.getNano(), 9))
                    .stripTrailingZeros().toPlainString();
        }
        return Long.toString(value.getSeconds());
    }

    @Override
    public Duration canonical(Duration value) {
        if (value.getNano() != 0) {
            throw new InvalidValueException("not a whole number of seconds");
        }
        return parse(format(value));
    }
}
