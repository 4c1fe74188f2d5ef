package dev.arietta.core.internal.piece;

/**
 * Where one 16 KiB block of a piece in progress stands. A block moves forward through these
 * states; it goes back to {@link #NONE} only when every request for it is aborted or the
 * whole piece is reset after a failed hash check.
 */
public enum BlockState {
    /** Nobody has been asked for it. */
    NONE,
    /** At least one source has been asked for it and none has delivered yet. */
    REQUESTED,
    /** Its data has arrived (from the block's supplier) and is on its way to disk. */
    RECEIVED,
    /** Its data is on disk. */
    WRITTEN;

    private static final BlockState[] VALUES = values();

    static BlockState ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
