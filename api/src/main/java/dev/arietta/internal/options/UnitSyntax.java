package dev.arietta.internal.options;

/**
 * A byte count or a speed in bytes per second with an optional {@code K}/{@code M}/{@code G}
 * suffix (1024-based), within a range: {@code min-split-size=20M}, {@code max-download-limit=1M}.
 * Written back as a plain number of bytes, as aria2 does.
 */
final class UnitSyntax implements ValueSyntax<Long> {

    /** Which quantity the number is, for help and messages. */
    enum Quantity {
        /** Bytes: {@code disk-cache}, {@code min-split-size}, {@code piece-length}. */
        SIZE("a size in bytes", "SIZE"),
        /** Bytes per second: the {@code *-limit} options; 0 usually means unlimited. */
        SPEED("a speed in bytes/s", "SPEED");

        private final String noun;
        private final String placeholder;

        Quantity(String noun, String placeholder) {
            this.noun = noun;
            this.placeholder = placeholder;
        }
    }

    private final Quantity quantity;
    private final long min;
    private final long max;

    /** @param max the largest value; {@link Long#MAX_VALUE} is shown as {@code *} */
    UnitSyntax(Quantity quantity, long min, long max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("bad range " + min + ".." + max);
        }
        this.quantity = quantity;
        this.min = min;
        this.max = max;
    }

    @Override
    public String description() {
        return quantity.noun + " " + UnitNumbers.human(min) + ".." + UnitNumbers.human(max) + " (suffix K, M or G)";
    }

    @Override
    public String placeholder() {
        return quantity.placeholder;
    }

    @Override
    public Class<?> valueClass() {
        return Long.class;
    }

    @Override
    public Long parse(String text) {
        long value = UnitNumbers.parse(text);
        if (value < min || value > max) {
            throw new InvalidValueException();
        }
        return value;
    }

    @Override
    public String format(Long value) {
        return Long.toString(value);
    }
}
