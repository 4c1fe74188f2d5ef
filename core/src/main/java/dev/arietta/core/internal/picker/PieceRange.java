package dev.arietta.core.internal.picker;

/**
 * Consecutive pieces {@code [first, end)}.
 *
 * @param first index of the first piece
 * @param end   index after the last piece; {@code end >= first}
 */
public record PieceRange(int first, int end) {

    public PieceRange {
        if (first < 0 || end < first) {
            throw new IllegalArgumentException("bad piece range [" + first + ", " + end + ")");
        }
    }

    /** Number of pieces in the range. */
    public int length() {
        return end - first;
    }

    public boolean contains(int piece) {
        return piece >= first && piece < end;
    }
}
