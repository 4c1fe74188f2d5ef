package dev.arietta.bittorrent.internal.wire;

/**
 * An ordered list of blocks (piece, offset, length) with a time stamp each, in parallel int and
 * long arrays: the outstanding requests of one direction of a connection. Lookups are linear,
 * which is fastest for the few hundred entries a pipeline holds. Insertion order is kept.
 * Not thread-safe.
 */
final class BlockList {

    private int[] pieces;
    private int[] offsets;
    private int[] lengths;
    private long[] times;
    private int size;

    BlockList(int initialCapacity) {
        pieces = new int[initialCapacity];
        offsets = new int[initialCapacity];
        lengths = new int[initialCapacity];
        times = new long[initialCapacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int piece(int index) {
        return pieces[index];
    }

    int offset(int index) {
        return offsets[index];
    }

    int length(int index) {
        return lengths[index];
    }

    long time(int index) {
        return times[index];
    }

    void add(int piece, int offset, int length, long time) {
        if (size == pieces.length) {
            int capacity = Math.max(4, size * 2);
            pieces = java.util.Arrays.copyOf(pieces, capacity);
            offsets = java.util.Arrays.copyOf(offsets, capacity);
            lengths = java.util.Arrays.copyOf(lengths, capacity);
            times = java.util.Arrays.copyOf(times, capacity);
        }
        pieces[size] = piece;
        offsets[size] = offset;
        lengths[size] = length;
        times[size] = time;
        size++;
    }

    /** Index of the entry for block (piece, offset), whatever its length, or -1. */
    int indexOf(int piece, int offset) {
        for (int i = 0; i < size; i++) {
            if (pieces[i] == piece && offsets[i] == offset) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the entry exactly (piece, offset, length), or -1. */
    int indexOf(int piece, int offset, int length) {
        int index = indexOf(piece, offset);
        return index >= 0 && lengths[index] == length ? index : -1;
    }

    void remove(int index) {
        int moved = size - index - 1;
        if (moved > 0) {
            System.arraycopy(pieces, index + 1, pieces, index, moved);
            System.arraycopy(offsets, index + 1, offsets, index, moved);
            System.arraycopy(lengths, index + 1, lengths, index, moved);
            System.arraycopy(times, index + 1, times, index, moved);
        }
        size--;
    }

    void clear() {
        size = 0;
    }
}
