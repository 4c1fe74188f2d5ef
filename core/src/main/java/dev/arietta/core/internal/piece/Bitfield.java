package dev.arietta.core.internal.piece;

import java.util.Arrays;

/**
 * A fixed-size set of piece indexes, stored as 64-bit words so that joins, differences and
 * counts run a word at a time.
 *
 * <p>The wire form ({@link #toByteArray()}, {@link #fromByteArray(byte[], int)}) is
 * BitTorrent's: piece 0 is the high bit of the first byte, spare bits at the end are zero.
 * Internally bit {@code i} is bit {@code i % 64} of word {@code i / 64}, like
 * {@link java.util.BitSet}.
 *
 * <p>Not thread-safe: a bitfield belongs to the thread that owns the download (the I/O loop).
 * The number of set bits is maintained on every change, so {@link #cardinality()} is O(1).
 */
public final class Bitfield {

    private final int size;
    private final long[] words;
    private int cardinality;

    /** An empty bitfield of {@code size} bits. */
    public Bitfield(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative bitfield size " + size);
        }
        this.size = size;
        this.words = new long[wordCount(size)];
    }

    private Bitfield(Bitfield other) {
        this.size = other.size;
        this.words = other.words.clone();
        this.cardinality = other.cardinality;
    }

    private static int wordCount(int bits) {
        return (int) (((long) bits + 63) >>> 6);
    }

    /**
     * Reads BitTorrent's wire form.
     *
     * @param bytes exactly {@code ceil(size / 8)} bytes
     * @param size  number of bits (pieces)
     * @throws IllegalArgumentException if the length is wrong or a spare bit is set
     */
    public static Bitfield fromByteArray(byte[] bytes, int size) {
        Bitfield result = new Bitfield(size);
        int expected = (int) (((long) size + 7) >>> 3);
        if (bytes.length != expected) {
            throw new IllegalArgumentException(
                    "bitfield of " + size + " bits needs " + expected + " bytes, got " + bytes.length);
        }
        int fullWords = bytes.length >>> 3;
        for (int w = 0; w < fullWords; w++) {
            int base = w << 3;
            long bigEndian = 0;
            for (int i = 0; i < 8; i++) {
                bigEndian = (bigEndian << 8) | (bytes[base + i] & 0xFFL);
            }
            result.words[w] = Long.reverse(bigEndian);
        }
        int tailBytes = bytes.length & 7;
        if (tailBytes != 0) {
            long bigEndian = 0;
            for (int i = 0; i < 8; i++) {
                int index = (fullWords << 3) + i;
                bigEndian = (bigEndian << 8) | (i < tailBytes ? bytes[index] & 0xFFL : 0);
            }
            result.words[fullWords] = Long.reverse(bigEndian);
        }
        int spare = result.words.length * 64 - size;
        if (spare > 0 && (result.words[result.words.length - 1] >>> (64 - spare)) != 0) {
            throw new IllegalArgumentException("bitfield of " + size + " bits has spare bits set");
        }
        result.recount();
        return result;
    }

    /** BitTorrent's wire form: {@code ceil(size / 8)} bytes, piece 0 in the high bit of byte 0. */
    public byte[] toByteArray() {
        byte[] out = new byte[(int) (((long) size + 7) >>> 3)];
        for (int w = 0; w < words.length; w++) {
            long bigEndian = Long.reverse(words[w]);
            int base = w << 3;
            for (int i = 0; i < 8 && base + i < out.length; i++) {
                out[base + i] = (byte) (bigEndian >>> (56 - 8 * i));
            }
        }
        return out;
    }

    /** Number of bits (pieces). */
    public int size() {
        return size;
    }

    /** Number of set bits, maintained incrementally. */
    public int cardinality() {
        return cardinality;
    }

    /** True if every bit is set (true for a zero-size bitfield). */
    public boolean isFull() {
        return cardinality == size;
    }

    /** True if no bit is set. */
    public boolean isEmpty() {
        return cardinality == 0;
    }

    public boolean get(int index) {
        checkIndex(index);
        return (words[index >>> 6] & (1L << index)) != 0;
    }

    /** Sets a bit; returns true if it was clear before. */
    public boolean set(int index) {
        checkIndex(index);
        int w = index >>> 6;
        long mask = 1L << index;
        if ((words[w] & mask) != 0) {
            return false;
        }
        words[w] |= mask;
        cardinality++;
        return true;
    }

    /** Clears a bit; returns true if it was set before. */
    public boolean clear(int index) {
        checkIndex(index);
        int w = index >>> 6;
        long mask = 1L << index;
        if ((words[w] & mask) == 0) {
            return false;
        }
        words[w] &= ~mask;
        cardinality--;
        return true;
    }

    /** Sets every bit. */
    public void setAll() {
        Arrays.fill(words, -1L);
        trimSpareBits();
        cardinality = size;
    }

    /** Clears every bit. */
    public void clearAll() {
        Arrays.fill(words, 0L);
        cardinality = 0;
    }

    /** The first set bit at or after {@code from}, or -1. */
    public int nextSetBit(int from) {
        if (from < 0) {
            throw new IndexOutOfBoundsException("from " + from);
        }
        if (from >= size) {
            return -1;
        }
        int w = from >>> 6;
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                int index = (w << 6) + Long.numberOfTrailingZeros(word);
                return index < size ? index : -1;
            }
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
    }

    /** The first clear bit at or after {@code from}, or -1 if every bit from there is set. */
    public int nextClearBit(int from) {
        if (from < 0) {
            throw new IndexOutOfBoundsException("from " + from);
        }
        if (from >= size) {
            return -1;
        }
        int w = from >>> 6;
        long word = ~words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                int index = (w << 6) + Long.numberOfTrailingZeros(word);
                return index < size ? index : -1;
            }
            if (++w == words.length) {
                return -1;
            }
            word = ~words[w];
        }
    }

    /** Keeps only the bits also set in {@code other}. */
    public void and(Bitfield other) {
        checkSameSize(other);
        for (int i = 0; i < words.length; i++) {
            words[i] &= other.words[i];
        }
        recount();
    }

    /** Adds the bits set in {@code other}. */
    public void or(Bitfield other) {
        checkSameSize(other);
        for (int i = 0; i < words.length; i++) {
            words[i] |= other.words[i];
        }
        recount();
    }

    /** Removes the bits set in {@code other}. */
    public void andNot(Bitfield other) {
        checkSameSize(other);
        for (int i = 0; i < words.length; i++) {
            words[i] &= ~other.words[i];
        }
        recount();
    }

    /** True if some bit is set in both. */
    public boolean intersects(Bitfield other) {
        checkSameSize(other);
        for (int i = 0; i < words.length; i++) {
            if ((words[i] & other.words[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** True if some bit is set in {@code other} and clear here: we would be interested. */
    public boolean lacksAnyOf(Bitfield other) {
        checkSameSize(other);
        for (int i = 0; i < words.length; i++) {
            if ((other.words[i] & ~words[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Number of 64-bit words backing this bitfield. */
    public int wordCount() {
        return words.length;
    }

    /** Word {@code index}: bits {@code 64 * index} to {@code 64 * index + 63}, spare bits zero. */
    public long word(int index) {
        return words[index];
    }

    /** An independent copy. */
    public Bitfield copy() {
        return new Bitfield(this);
    }

    private void recount() {
        int count = 0;
        for (long word : words) {
            count += Long.bitCount(word);
        }
        cardinality = count;
    }

    private void trimSpareBits() {
        int spare = words.length * 64 - size;
        if (spare > 0) {
            words[words.length - 1] &= -1L >>> spare;
        }
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("bit " + index + " of " + size);
        }
    }

    private void checkSameSize(Bitfield other) {
        if (other.size != size) {
            throw new IllegalArgumentException("bitfield sizes differ: " + size + " and " + other.size);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bitfield other && other.size == size && Arrays.equals(other.words, words);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "Bitfield[" + cardinality + "/" + size + "]";
    }
}
