package dev.arietta.core.internal.piece;

/**
 * A half-open range of piece indexes {@code [first, end)}: the pieces that hold at least one
 * byte of a file ({@code FileLayout.piecesOf}), or a head/tail priority range for the piece
 * picker. Empty for a zero-length file.
 *
 * @param first index of the first piece
 * @param end   one past the index of the last piece; equal to {@code first} when empty
 */
public record PieceRange(int first, int end) {

    /** @throws IllegalArgumentException if {@code first} is negative or after {@code end} */
    public PieceRange {
        if (first < 0 || end < first) {
            throw new IllegalArgumentException("bad piece range [" + first + ", " + end + ")");
        }
    }

    /** Whether the range holds no piece. */
    public boolean isEmpty() {
        return first == end;
    }

    /** Number of pieces in the range. */
    public int count() {
        return end - first;
    }

    /**
     * Index of the last piece (the one to prioritize with the first for previews).
     *
     * @throws IllegalStateException if the range is empty
     */
    public int last() {
        if (first == end) {
            throw new IllegalStateException("empty piece range at " + first + " has no last piece");
        }
        return end - 1;
    }

    /** Whether {@code piece} lies in the range. */
    public boolean contains(int piece) {
        return piece >= first && piece < end;
    }
}
