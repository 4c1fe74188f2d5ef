package dev.arietta.bittorrent.internal.wire;

/** Why a peer connection ended, for logs, statistics and whether to try the peer again. */
public enum PeerCloseReason {
    /** We closed it: the torrent stopped, the peer is no longer useful, or the session shut down. */
    LOCAL,
    /** The peer closed the connection or reset it. */
    REMOTE,
    /** Connect or I/O failure. */
    NETWORK_ERROR,
    /** The handshake was malformed, for another torrent, or timed out. */
    HANDSHAKE_FAILED,
    /** We connected to ourselves (our own peer id came back). */
    SELF_CONNECTION,
    /** A connection to this peer (same peer id or address) already exists. */
    DUPLICATE,
    /** A protocol violation: bad length prefix, bad bitfield, have out of range, unrequested piece, request flood. */
    PROTOCOL_VIOLATION,
    /** Nothing received for the inactivity timeout. */
    TIMEOUT,
    /** The swarm banned the peer (hash failures). */
    BANNED,
    /** Both sides are seeds, or nothing is left to exchange. */
    NOT_USEFUL
}
