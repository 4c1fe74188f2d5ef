package dev.arietta.internal.options;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * A time in minutes, possibly fractional, as aria2's {@code seed-time=MINUTES}; kept as a
 * {@link Duration} rounded to the millisecond and written back in minutes.
 */
final class MinutesSyntax implements ValueSyntax<Duration> {

    /** Largest accepted value: 100 years of minutes, far beyond any seeding. */
    private static final double MAX_MINUTES = 100 * 366 * 24 * 60.0;

    @Override
    public String description() {
        return "minutes, a decimal number 0.." + (long) MAX_MINUTES;
    }

    @Override
    public String placeholder() {
        return "MINUTES";
    }

    @Override
    public Class<?> valueClass() {
        return Duration.class;
    }

    @Override
    public Duration parse(String text) {
        double minutes = DecimalSyntax.parseNonNegative(text);
        if (minutes > MAX_MINUTES) {
            throw new InvalidValueException();
        }
        return Duration.ofMillis(Math.round(minutes * 60_000));
    }

    @Override
    public String format(Duration value) {
        return BigDecimal.valueOf(value.toMillis()).divide(BigDecimal.valueOf(60_000), 10, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
    }

    @Override
    public Duration canonical(Duration value) {
        if (value.isNegative()) {
            throw new InvalidValueException("negative time");
        }
        return parse(format(value));
    }
}
