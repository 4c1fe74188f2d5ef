package dev.arietta.core.internal.picker;

import java.util.Arrays;

/**
 * Pieces with a streaming deadline (libtorrent's {@code set_piece_deadline}), kept sorted by
 * deadline, then piece index. Few pieces have deadlines at a time (a player's read-ahead
 * window), so a sorted array with linear updates is the simplest structure that is fast enough.
 * Deadlines are absolute times in milliseconds on the engine's clock; only their order matters
 * here. Not thread-safe; owned by the picker.
 */
final class PieceDeadlines {

    private int[] pieces = new int[8];
    private long[] deadlines = new long[8];
    private int size;

    int size() {
        return size;
    }

    /** The piece with the {@code rank}-th earliest deadline, {@code 0 <= rank < size()}. */
    int piece(int rank) {
        return pieces[rank];
    }

    long deadline(int rank) {
        return deadlines[rank];
    }

    /** Sets or moves the deadline of {@code piece}. */
    void set(int piece, long deadlineMillis) {
        remove(piece);
        if (size == pieces.length) {
            pieces = Arrays.copyOf(pieces, size * 2);
            deadlines = Arrays.copyOf(deadlines, size * 2);
        }
        int rank = size;
        while (rank > 0 && (deadlines[rank - 1] > deadlineMillis
                || (deadlines[rank - 1] == deadlineMillis && pieces[rank - 1] > piece))) {
            rank--;
        }
        System.arraycopy(pieces, rank, pieces, rank + 1, size - rank);
        System.arraycopy(deadlines, rank, deadlines, rank + 1, size - rank);
        pieces[rank] = piece;
        deadlines[rank] = deadlineMillis;
        size++;
    }

    /** Removes the deadline of {@code piece}; returns whether it had one. */
    boolean remove(int piece) {
        for (int rank = 0; rank < size; rank++) {
            if (pieces[rank] == piece) {
                System.arraycopy(pieces, rank + 1, pieces, rank, size - rank - 1);
                System.arraycopy(deadlines, rank + 1, deadlines, rank, size - rank - 1);
                size--;
                return true;
            }
        }
        return false;
    }

    void clear() {
        size = 0;
    }
}
