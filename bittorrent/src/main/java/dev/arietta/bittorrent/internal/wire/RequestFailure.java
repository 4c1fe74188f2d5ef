package dev.arietta.bittorrent.internal.wire;

/** Why a block request we sent will not be answered; the swarm gives the block back to the picker. */
public enum RequestFailure {
    /** BEP 6 {@code reject request}. */
    REJECTED,
    /** The peer choked us and does not speak the fast extension: all outstanding requests are void. */
    CHOKED,
    /** No answer within the request timeout. The block may still arrive later and is then accepted once. */
    TIMED_OUT,
    /** We cancelled it (end-game: the block arrived from another peer). */
    CANCELLED,
    /** The connection closed. */
    CLOSED
}
