package dev.arietta.internal.options;

import dev.arietta.core.internal.ratelimit.RateFormatException;
import dev.arietta.core.internal.ratelimit.RateValues;

/**
 * aria2's numbers with a unit suffix: {@code K} (1024) and {@code M} (1024²), either case, as
 * parsed by core's {@link RateValues}; plus {@code G} (1024³), an Arietta extension. Output
 * always uses plain byte counts, as aria2 reports them, so aria2 can read what we write.
 */
final class UnitNumbers {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    private static final long KIB = 1L << 10;

    private UnitNumbers() {
    }

    /**
     * @return the number of bytes (or bytes per second)
     * @throws InvalidValueException if not digits with an optional K, M or G, or too large for a long
     */
    static long parse(String text) {
        try {
            char last = text.isEmpty() ? 0 : text.charAt(text.length() - 1);
            if (last == 'G' || last == 'g') {
                String number = text.substring(0, text.length() - 1);
                if (!TextRules.isDigits(number)) {
                    throw new InvalidValueException();
                }
                long value = RateValues.parseBytesPerSecond(number);
                if (value > Long.MAX_VALUE / GIB) {
                    throw new InvalidValueException("exceeds " + Long.MAX_VALUE);
                }
                return value * GIB;
            }
            return RateValues.parseBytesPerSecond(text);
        } catch (RateFormatException e) {
            if (e.reason() == RateFormatException.Reason.TOO_LARGE) {
                throw new InvalidValueException("exceeds " + Long.MAX_VALUE, e);
            }
            throw new InvalidValueException(null, e);
        }
    }

    /** {@code value} with the largest unit that divides it exactly, for messages: {@code 20M}; {@code *} for unbounded. */
    static String human(long value) {
        if (value == Long.MAX_VALUE) {
            return "*";
        }
        if (value != 0 && value % GIB == 0) {
            return value / GIB + "G";
        }
        if (value != 0 && value % MIB == 0) {
            return value / MIB + "M";
        }
        if (value != 0 && value % KIB == 0) {
            return value / KIB + "K";
        }
        return Long.toString(value);
    }
}
