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

    private PeerWireLimits() {
    }
}
