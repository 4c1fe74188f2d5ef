package dev.arietta.bittorrent.internal.swarm;

/**
 * Where the swarm learned a peer's address. A private torrent (BEP 27) takes peers from its
 * trackers only: other sources are ignored for it (incoming connections are still accepted).
 */
public enum PeerSource {
    /** An announce answer. */
    TRACKER,
    /** Given by the application (aria2's RPC {@code addPeer}, tests). */
    MANUAL,
    /** BEP 11 peer exchange. */
    PEX,
    /** BEP 5 DHT. */
    DHT,
    /** BEP 14 local service discovery. */
    LSD
}
