package dev.arietta.core.internal.picker;

/**
 * The order in which {@link PiecePicker} starts new pieces once deadline pieces and pieces in
 * progress are served. Piece priorities apply in every order; priority 0 pieces are never picked.
 */
public enum PieceOrder {
    /**
     * Highest priority first, then rarest first (fewest peers have it), ties broken at random:
     * the BitTorrent default, which keeps rare pieces alive in the swarm.
     */
    RAREST_FIRST,
    /**
     * Lowest index first, for streaming (libtorrent's sequential download). As in libtorrent,
     * top-priority (7) pieces still come first, rarest first; the other non-zero priorities
     * are treated alike.
     */
    SEQUENTIAL,
    /**
     * BEP 19 for torrents that HTTP/FTP seeds also serve: "pretty rare with biggest gap"
     * instead of strict rarest first, and now and then "fill in the gaps", so that runs of
     * missing pieces stay long enough for an HTTP/FTP connection to stream through.
     */
    GAP_AWARE
}
