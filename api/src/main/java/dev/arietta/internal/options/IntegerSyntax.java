package dev.arietta.internal.options;

/** A decimal integer within a range, as aria2's {@code NumberOptionHandler}: {@code split=8}. */
final class IntegerSyntax implements ValueSyntax<Integer> {

    private final int min;
    private final int max;

    /** @param max the largest value; {@link Integer#MAX_VALUE} is shown as {@code *} */
    IntegerSyntax(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        this.min = min;
        this.max = max;
    }

    @Override
    public String description() {
        return "an integer " + range(min, max);
    }

    @Override
    public String placeholder() {
        return "N";
    }

    @Override
    public Class<?> valueClass() {
        return Integer.class;
    }

    @Override
    public Integer parse(String text) {
        return parseInRange(text, min, max);
    }

    @Override
    public String format(Integer value) {
        return Integer.toString(value);
    }

    /** {@code min..max} with {@code *} for an unbounded maximum. */
    static String range(long min, long max) {
        return min + ".." + (max == Integer.MAX_VALUE ? "*" : Long.toString(max));
    }

    /**
     * Parses an optional {@code -} and ASCII digits (no {@code +}, spaces, or separators).
     *
     * @throws InvalidValueException if not such a number, out of int range, or outside [min, max]
     */
    static int parseInRange(String text, int min, int max) {
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        if (!TextRules.isDigits(digits)) {
            throw new InvalidValueException();
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            value = value * 10 + (digits.charAt(i) - '0');
            if (value > Integer.MAX_VALUE + 1L) {
                throw new InvalidValueException();
            }
        }
        if (negative) {
            value = -value;
        }
        if (value < min || value > max) {
            throw new InvalidValueException();
        }
        return (int) value;
    }
}
