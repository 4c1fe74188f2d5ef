package dev.arietta.bencode;

/**
 * An immutable bencode integer: signed, 64 bits (larger integers are rejected when decoding).
 *
 * @param value the value
 */
public record BInteger(long value) implements BValue {

    /** The integer {@code value}. */
    public static BInteger of(long value) {
        return new BInteger(value);
    }

    @Override
    public BType type() {
        return BType.INTEGER;
    }

    @Override
    public long asLong() {
        return value;
    }

    @Override
    public int asInt() throws BencodeException {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new BencodeException("integer " + value + " does not fit in 32 bits", -1);
        }
        return (int) value;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
