package dev.arietta.core.internal.picker;

/**
 * Packs a (piece, block) pair into one {@code long} so that pickers can hand blocks back in a
 * caller-provided {@code long[]} without allocating: the piece in the high 32 bits, the block
 * in the low 32 bits.
 */
public final class BlockAddress {

    private BlockAddress() {
    }

    public static long of(int piece, int block) {
        return ((long) piece << 32) | (block & 0xFFFF_FFFFL);
    }

    public static int piece(long address) {
        return (int) (address >>> 32);
    }

    public static int block(long address) {
        return (int) address;
    }

    /** "piece:block", for messages and test failures. */
    public static String toString(long address) {
        return piece(address) + ":" + block(address);
    }
}
