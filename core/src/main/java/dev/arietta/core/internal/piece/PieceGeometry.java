package dev.arietta.core.internal.piece;

/**
 * How a download of {@code totalLength} bytes divides into pieces of {@code pieceLength} bytes
 * and pieces into {@value #BLOCK_LENGTH}-byte blocks, the unit of a BitTorrent request.
 *
 * <p>Every piece has {@code pieceLength} bytes except the last, which holds what is left.
 * Every block has {@value #BLOCK_LENGTH} bytes except the last block of a piece, which is
 * short when the piece length is not a multiple of the block length (always possible for the
 * last piece).
 *
 * <p>Immutable and thread-safe.
 */
public final class PieceGeometry {

    /** Bytes in a block: 16 KiB, the request size every BitTorrent client uses. */
    public static final int BLOCK_LENGTH = 16 * 1024;

    /**
     * Largest accepted piece length: 128 MiB (8192 blocks). Per-piece block state is sized by
     * this, so a hostile torrent cannot make one piece in progress cost more than ~100 KiB.
     */
    public static final int MAX_PIECE_LENGTH = 128 * 1024 * 1024;

    private final long totalLength;
    private final int pieceLength;
    private final int pieceCount;
    private final int lastPieceLength;

    /**
     * @param totalLength bytes in the whole download, {@code >= 0}
     * @param pieceLength bytes per piece, {@code 1..}{@value #MAX_PIECE_LENGTH}
     * @throws IllegalArgumentException if a length is out of range or the piece count exceeds
     *                                  {@code Integer.MAX_VALUE}
     */
    public PieceGeometry(long totalLength, int pieceLength) {
        if (totalLength < 0) {
            throw new IllegalArgumentException("negative total length " + totalLength);
        }
        if (pieceLength <= 0 || pieceLength > MAX_PIECE_LENGTH) {
            throw new IllegalArgumentException(
                    "piece length " + pieceLength + " outside 1.." + MAX_PIECE_LENGTH);
        }
        long count = (totalLength + pieceLength - 1) / pieceLength;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    count + " pieces of " + pieceLength + " bytes for " + totalLength + " bytes: too many");
        }
        this.totalLength = totalLength;
        this.pieceLength = pieceLength;
        this.pieceCount = (int) count;
        this.lastPieceLength = count == 0 ? 0 : (int) (totalLength - (count - 1) * pieceLength);
    }

    /** Bytes in the whole download. */
    public long totalLength() {
        return totalLength;
    }

    /** Bytes in every piece but the last. */
    public int pieceLength() {
        return pieceLength;
    }

    public int pieceCount() {
        return pieceCount;
    }

    /** Bytes in piece {@code piece}. */
    public int pieceLength(int piece) {
        checkPiece(piece);
        return piece == pieceCount - 1 ? lastPieceLength : pieceLength;
    }

    /** Offset of the first byte of {@code piece} in the download. */
    public long pieceOffset(int piece) {
        checkPiece(piece);
        return (long) piece * pieceLength;
    }

    /** Blocks in piece {@code piece}. */
    public int blockCount(int piece) {
        return blocksFor(pieceLength(piece));
    }

    /** Blocks in a full-length piece: the most any piece has. */
    public int maxBlocksPerPiece() {
        return blocksFor(pieceLength);
    }

    /** Bytes in block {@code block} of piece {@code piece}. */
    public int blockLength(int piece, int block) {
        int length = pieceLength(piece);
        int blocks = blocksFor(length);
        if (block < 0 || block >= blocks) {
            throw new IllegalArgumentException("block " + block + " of piece " + piece + " (" + blocks + " blocks)");
        }
        return block == blocks - 1 ? length - block * BLOCK_LENGTH : BLOCK_LENGTH;
    }

    private static int blocksFor(int length) {
        return (length + BLOCK_LENGTH - 1) / BLOCK_LENGTH;
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= pieceCount) {
            throw new IllegalArgumentException("piece " + piece + " of " + pieceCount);
        }
    }

    @Override
    public String toString() {
        return "PieceGeometry[" + totalLength + " bytes, " + pieceCount + " x " + pieceLength + "]";
    }
}
