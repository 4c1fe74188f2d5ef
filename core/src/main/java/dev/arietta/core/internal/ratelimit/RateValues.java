package dev.arietta.core.internal.ratelimit;

/**
 * Parses aria2's rate option values ({@code max-overall-download-limit},
 * {@code max-download-limit}, {@code max-overall-upload-limit}, {@code max-upload-limit}) into
 * bytes per second.
 */
public final class RateValues {

    private RateValues() {
    }

    /**
     * Parses a non-negative integer with an optional unit suffix: {@code K} or {@code k} for
     * 1024, {@code M} or {@code m} for 1024 × 1024. {@code "0"} means unlimited. Like aria2, only
     * integers are accepted ({@code "1.5M"} is not); unlike aria2, which ignores anything after
     * the unit, the unit must be the last character.
     *
     * @return bytes per second, 0 for unlimited
     * @throws RateFormatException with the reason: empty, not a number, unknown unit, too large
     */
    public static long parseBytesPerSecond(String value) {
        if (value.isEmpty()) {
            throw new RateFormatException(RateFormatException.Reason.EMPTY, "empty rate value");
        }
        char last = value.charAt(value.length() - 1);
        long multiplier;
        int digitsEnd;
        if (last == 'K' || last == 'k') {
            multiplier = 1L << 10;
            digitsEnd = value.length() - 1;
        } else if (last == 'M' || last == 'm') {
            multiplier = 1L << 20;
            digitsEnd = value.length() - 1;
        } else if (last >= '0' && last <= '9') {
            multiplier = 1;
            digitsEnd = value.length();
        } else if (Character.isLetter(last)) {
            throw new RateFormatException(RateFormatException.Reason.UNKNOWN_UNIT,
                    "rate '" + value + "' has unknown unit '" + last + "'; use K or M (1024 or 1048576 bytes)");
        } else {
            throw new RateFormatException(RateFormatException.Reason.NOT_A_NUMBER,
                    "rate '" + value + "' is not a number of bytes per second");
        }
        if (digitsEnd == 0) {
            throw new RateFormatException(RateFormatException.Reason.EMPTY, "rate '" + value + "' has no number");
        }
        long number = 0;
        for (int i = 0; i < digitsEnd; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new RateFormatException(RateFormatException.Reason.NOT_A_NUMBER,
                        "rate '" + value + "' has '" + c + "' at index " + i + "; expected digits and an optional K or M");
            }
            if (number > (Long.MAX_VALUE - (c - '0')) / 10) {
                throw tooLarge(value);
            }
            number = number * 10 + (c - '0');
        }
        if (number > Long.MAX_VALUE / multiplier) {
            throw tooLarge(value);
        }
        return number * multiplier;
    }

    private static RateFormatException tooLarge(String value) {
        return new RateFormatException(RateFormatException.Reason.TOO_LARGE,
                "rate '" + value + "' exceeds " + Long.MAX_VALUE + " bytes/s");
    }
}
