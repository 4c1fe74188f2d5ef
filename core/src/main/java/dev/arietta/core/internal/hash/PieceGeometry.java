package dev.arietta.core.internal.hash;

/**
 * How a download's bytes are cut into pieces: every piece is {@code pieceLength} bytes except
 * the last, which holds the remainder. An empty download has no pieces.
 *
 * @param pieceCount  number of pieces, {@code ceil(totalLength / pieceLength)}
 * @param pieceLength nominal piece length in bytes, positive
 * @param totalLength total length in bytes, zero or more
 */
public record PieceGeometry(int pieceCount, int pieceLength, long totalLength) {

    /**
     * @throws IllegalArgumentException if a value is out of range or {@code pieceCount} is not
     *                                  {@code ceil(totalLength / pieceLength)}
     */
    public PieceGeometry {
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length must be positive, got " + pieceLength);
        }
        if (totalLength < 0) {
            throw new IllegalArgumentException("total length must not be negative, got " + totalLength);
        }
        long expectedCount = countPieces(pieceLength, totalLength);
        if (pieceCount != expectedCount) {
            throw new IllegalArgumentException(totalLength + " bytes in pieces of " + pieceLength
                    + " make " + expectedCount + " pieces, not " + pieceCount);
        }
    }

    /**
     * The geometry of {@code totalLength} bytes in pieces of {@code pieceLength}.
     *
     * @throws IllegalArgumentException if a length is out of range or there would be more than
     *                                  {@link Integer#MAX_VALUE} pieces
     */
    public static PieceGeometry of(int pieceLength, long totalLength) {
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length must be positive, got " + pieceLength);
        }
        if (totalLength < 0) {
            throw new IllegalArgumentException("total length must not be negative, got " + totalLength);
        }
        long count = countPieces(pieceLength, totalLength);
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(totalLength + " bytes in pieces of " + pieceLength
                    + " make more than " + Integer.MAX_VALUE + " pieces");
        }
        return new PieceGeometry((int) count, pieceLength, totalLength);
    }

    /** {@code ceil(totalLength / pieceLength)} without overflow; both arguments must be in range. */
    public static long countPieces(int pieceLength, long totalLength) {
        return totalLength / pieceLength + (totalLength % pieceLength == 0 ? 0 : 1);
    }

    /** Byte offset of the first byte of {@code piece} in the download. */
    public long pieceOffset(int piece) {
        checkPiece(piece);
        return (long) piece * pieceLength;
    }

    /** Length in bytes of {@code piece}: {@link #pieceLength()}, or less for the last piece. */
    public int pieceLength(int piece) {
        checkPiece(piece);
        return (int) Math.min(pieceLength, totalLength - (long) piece * pieceLength);
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= pieceCount) {
            throw new IndexOutOfBoundsException("piece " + piece + " not in [0, " + pieceCount + ")");
        }
    }
}
