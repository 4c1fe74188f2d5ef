package dev.arietta.internal.options;

import java.math.BigDecimal;

/**
 * A non-negative decimal number within a range, as aria2's {@code FloatNumberOptionHandler}:
 * {@code seed-ratio=1.5}. Digits with at most one point; no sign, exponent or separators.
 */
final class DecimalSyntax implements ValueSyntax<Double> {

    /** Longest accepted text: more digits than a double holds mean nothing. */
    private static final int MAX_LENGTH = 20;

    private final double min;
    private final double max;

    DecimalSyntax(double min, double max) {
        if (!(min >= 0) || min > max) {
            throw new IllegalArgumentException("bad range " + min + ".." + max);
        }
        this.min = min;
        this.max = max;
    }

    @Override
    public String description() {
        return "a decimal number " + format(min) + ".." + (Double.isInfinite(max) ? "*" : format(max));
    }

    @Override
    public String placeholder() {
        return "RATIO";
    }

    @Override
    public Class<?> valueClass() {
        return Double.class;
    }

    @Override
    public Double parse(String text) {
        double value = parseNonNegative(text);
        if (value < min || value > max) {
            throw new InvalidValueException();
        }
        return value;
    }

    @Override
    public String format(Double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * Digits with at most one decimal point and at least one digit ({@code 1}, {@code 1.5},
     * {@code .5}, {@code 2.}).
     *
     * @throws InvalidValueException otherwise
     */
    static double parseNonNegative(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new InvalidValueException();
        }
        int point = text.indexOf('.');
        String whole = point < 0 ? text : text.substring(0, point);
        String fraction = point < 0 ? "" : text.substring(point + 1);
        if (whole.isEmpty() && fraction.isEmpty()
                || !whole.isEmpty() && !TextRules.isDigits(whole)
                || !fraction.isEmpty() && !TextRules.isDigits(fraction)) {
            throw new InvalidValueException();
        }
        return Double.parseDouble((whole.isEmpty() ? "0" : whole) + "." + (fraction.isEmpty() ? "0" : fraction));
    }
}
