package dev.arietta.core.internal.hash;

import java.io.IOException;

/**
 * A {@link PieceReader} failed with a real I/O error (not missing data) while a piece was being
 * read for hashing. The cause is the reader's exception.
 */
public final class PieceReadException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int piece;
    private final long offset;

    /**
     * @param piece  the piece being read
     * @param offset the byte offset within the piece of the failed read
     * @param cause  the reader's exception
     */
    public PieceReadException(int piece, long offset, IOException cause) {
        super("piece " + piece + ": read at offset " + offset + " failed: " + cause.getMessage(), cause);
        this.piece = piece;
        this.offset = offset;
    }

    /** The piece being read. */
    public int piece() {
        return piece;
    }

    /** Byte offset within the piece of the failed read. */
    public long offset() {
        return offset;
    }
}
