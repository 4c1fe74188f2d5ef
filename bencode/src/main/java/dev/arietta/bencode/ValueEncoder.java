package dev.arietta.bencode;

import java.util.List;
import java.util.Map;

/**
 * Canonical encoding of a {@link BValue} tree in two passes: measure, then fill one exact-size
 * array. Dictionaries are already in canonical order, so no sorting happens here.
 */
final class ValueEncoder {

    private ValueEncoder() {
    }

    static byte[] encode(BValue value) {
        long length = measure(value);
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("encoded value would take " + length + " bytes, more than an array holds");
        }
        byte[] out = new byte[(int) length];
        int end = write(value, out, 0);
        assert end == out.length;
        return out;
    }

    static long measure(BValue value) {
        return switch (value.type()) {
            case STRING -> {
                int length = ((BString) value).length();
                yield digits(length) + 1L + length;
            }
            case INTEGER -> 2L + digits(((BInteger) value).value());
            case LIST -> {
                long total = 2;
                for (BValue item : ((BList) value).asList()) {
                    total += measure(item);
                }
                yield total;
            }
            case DICTIONARY -> {
                long total = 2;
                for (Map.Entry<BString, BValue> entry : ((BDictionary) value).entries().entrySet()) {
                    total += measure(entry.getKey()) + measure(entry.getValue());
                }
                yield total;
            }
        };
    }

    private static int write(BValue value, byte[] out, int pos) {
        switch (value.type()) {
            case STRING -> {
                byte[] bytes = ((BString) value).internalBytes();
                pos = writeDecimal(bytes.length, out, pos);
                out[pos++] = ':';
                System.arraycopy(bytes, 0, out, pos, bytes.length);
                return pos + bytes.length;
            }
            case INTEGER -> {
                out[pos++] = 'i';
                pos = writeDecimal(((BInteger) value).value(), out, pos);
                out[pos++] = 'e';
                return pos;
            }
            case LIST -> {
                out[pos++] = 'l';
                List<BValue> items = ((BList) value).asList();
                for (BValue item : items) {
                    pos = write(item, out, pos);
                }
                out[pos++] = 'e';
                return pos;
            }
            default -> {
                out[pos++] = 'd';
                for (Map.Entry<BString, BValue> entry : ((BDictionary) value).entries().entrySet()) {
                    pos = write(entry.getKey(), out, pos);
                    pos = write(entry.getValue(), out, pos);
                }
                out[pos++] = 'e';
                return pos;
            }
        }
    }

    /** Characters in the decimal form of {@code value}, sign included. */
    static int digits(long value) {
        if (value == Long.MIN_VALUE) {
            return 20;
        }
        int count = value < 0 ? 2 : 1;
        long magnitude = Math.abs(value);
        while (magnitude >= 10) {
            magnitude /= 10;
            count++;
        }
        return count;
    }

    /** Writes {@code value} in decimal at {@code pos}; returns the position after it. */
    static int writeDecimal(long value, byte[] out, int pos) {
        int length = digits(value);
        int end = pos + length;
        if (value < 0) {
            out[pos] = '-';
        }
        // Negative remainders, so that Long.MIN_VALUE needs no special case.
        long rest = value < 0 ? value : -value;
        int at = end;
        do {
            out[--at] = (byte) ('0' - (rest % 10));
            rest /= 10;
        } while (rest != 0);
        return end;
    }
}
