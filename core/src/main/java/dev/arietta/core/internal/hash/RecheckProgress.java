package dev.arietta.core.internal.hash;

/**
 * Told about each piece as a re-check finishes it, on the owner executor, in completion order
 * (not piece order: pieces are hashed in parallel).
 */
@FunctionalInterface
public interface RecheckProgress {

    /** Ignores progress. */
    RecheckProgress NONE = (result, checkedPieces, pieceCount) -> { };

    /**
     * @param result        the piece's result
     * @param checkedPieces pieces finished so far, including this one
     * @param pieceCount    pieces in the download
     */
    void pieceChecked(PieceHashResult result, int checkedPieces, int pieceCount);
}
