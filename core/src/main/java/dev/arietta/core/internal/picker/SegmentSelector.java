package dev.arietta.core.internal.picker;

/**
 * Where a new HTTP/FTP connection starts in the file: aria2's {@code --stream-piece-selector}.
 * Every selector honours {@link SegmentOptions#minSplitSize()} when it cuts into another
 * connection's range.
 */
public enum SegmentSelector {
    /**
     * Take the largest piece of work, to open as few connections as possible: an unassigned
     * region whole, or the second half of the largest range another connection still has to
     * download (that connection keeps the first half).
     */
    DEFAULT,
    /** Start as close to the beginning of the file as possible (for viewing while downloading). */
    INORDER,
    /** Start at a random point, then as close after it as possible (wrapping to the start). */
    RANDOM,
    /**
     * Start near the beginning first, then exponentially further away from the previous
     * starts: candidate windows of units {@code [base^k, base^(k+1))}, each taken at its first
     * missing unit unless a connection's protected range comes first; falls back to
     * {@link #DEFAULT}.
     */
    GEOM
}
