package dev.arietta.bittorrent.internal.wire;

/**
 * The peer wire protocol's named limits and timings. Values follow libtorrent's and aria2's
 * defaults unless stated.
 */
public final class PeerWireLimits {

    /** Size of one requested block, 16 KiB: what every client requests and accepts. */
    public static final int BLOCK_LENGTH = 16 * 1024;

    /** Largest request we serve; larger ones are a protocol violation (libtorrent: 16 KiB … 128 KiB accepted). */
    public static final int MAX_REQUEST_LENGTH = 128 * 1024;

    /** Largest message we accept: 1 MiB payload plus the 13-byte piece header. */
    public static final int MAX_MESSAGE_LENGTH = 1024 * 1024 + 13;

    /** Request pipeline depth on a new connection. */
    public static final int INITIAL_REQUEST_QUEUE_DEPTH = 16;

    /** Upper bound of the adaptive pipeline depth, whatever the peer's {@code reqq}. */
    public static final int MAX_REQUEST_QUEUE_DEPTH = 500;

    /** Requests we accept from a peer before further ones are a flood: our {@code reqq}. */
    public static final int MAX_INCOMING_REQUESTS = 500;

    /** No block while requests are outstanding for this long: the peer is snubbed (60 s). */
    public static final long SNUB_TIMEOUT_NANOS = 60_000_000_000L;

    /** We send a keep-alive after this much silence on our side (libtorrent: 120 s). */
    public static final long KEEP_ALIVE_INTERVAL_NANOS = 120_000_000_000L;

    /** Nothing received for this long closes the connection (libtorrent: 120 s + slack). */
    public static final long INACTIVITY_TIMEOUT_NANOS = 180_000_000_000L;

    /** The BitTorrent and extension handshakes must complete within this time. */
    public static final long HANDSHAKE_TIMEOUT_NANOS = 20_000_000_000L;

    /** Largest BEP 10 extension handshake we accept: 64 KiB (a real one is a few hundred bytes). */
    public static final int MAX_EXTENSION_HANDSHAKE_LENGTH = 64 * 1024;

    /** A request unanswered this long after it was sent fails with {@link RequestFailure#TIMED_OUT} (60 s, aria2's {@code bt-request-timeout}). */
    public static final long REQUEST_TIMEOUT_NANOS = 60_000_000_000L;

    /**
     * Seconds of the peer's download rate the adaptive pipeline keeps requested (libtorrent's
     * {@code request_queue_time}, 2 s): depth = rate × this / {@link #BLOCK_LENGTH}.
     */
    public static final long REQUEST_QUEUE_TIME_NANOS = 2_000_000_000L;

    /** Lower bound of the adaptive pipeline depth once the rate is known: 2 requests. */
    public static final int MIN_REQUEST_QUEUE_DEPTH = 2;

    /**
     * Requests that failed (timed out, cancelled, voided by a choke) whose block is still
     * accepted if it arrives late: 500. Beyond this the oldest are forgotten, and a block for
     * them counts as unrequested.
     */
    public static final int MAX_LATE_REQUESTS = 500;

    /** Window of the rolling download and upload rates: 5 s. */
    public static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    /** Period of a connection's housekeeping (keep-alive, inactivity, request timeouts, snubbing): 1 s. */
    public static final long TICK_INTERVAL_NANOS = 1_000_000_000L;

    /**
     * When the send queue drains below this many bytes (64 KiB) after being at or above it,
     * {@link PeerListener#onWritable} asks the swarm for more blocks.
     */
    public static final int SEND_LOW_WATER_BYTES = 64 * 1024;

    /** Default TCP connect timeout for outgoing peer connections: 15 s (libtorrent's {@code peer_connect_timeout}). */
    public static final long CONNECT_TIMEOUT_NANOS = 15_000_000_000L;

    /** Incoming connections still in their handshake that one acceptor keeps; more are closed at once: 64. */
    public static final int MAX_PENDING_INCOMING_HANDSHAKES = 64;

    /**
     * BEP 6 allowed-fast set size {@code k} we grant: 5, libtorrent 2.0's default
     * ({@code allowed_fast_set_size}; the spec's example uses 10).
     */
    public static final int ALLOWED_FAST_SET_SIZE = 5;

    /** Default first port tried for listening, as aria2's {@code listen-port} 6881-6999. */
    public static final int DEFAULT_LISTEN_PORT_FIRST = 6881;

    /** Default last port tried for listening. */
    public static final int DEFAULT_LISTEN_PORT_LAST = 6999;

    private PeerWireLimits() {
    }
}
