package dev.arietta.bittorrent.internal.tracker;

/**
 * Bounds on what a tracker may send, so that a hostile tracker gets a
 * {@link TrackerException.Kind#LIMIT_EXCEEDED} failure instead of unbounded memory. Immutable.
 *
 * @param maxResponseBytes   largest HTTP announce or scrape body, in bytes; default
 *                           {@value #DEFAULT_MAX_RESPONSE_BYTES} (libtorrent's
 *                           {@code tracker_maximum_response_length})
 * @param maxPeers           most peers (IPv4 and IPv6 together) in one response; default
 *                           {@value #DEFAULT_MAX_PEERS}
 * @param maxMessageChars    longest {@code failure reason}, {@code warning message} or UDP
 *                           error text kept, in chars; longer text is cut; default
 *                           {@value #DEFAULT_MAX_MESSAGE_CHARS}
 */
public record TrackerLimits(int maxResponseBytes, int maxPeers, int maxMessageChars) {

    /** Default {@link #maxResponseBytes()}: 1 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
    /** Default {@link #maxPeers()}: 1000. */
    public static final int DEFAULT_MAX_PEERS = 1000;
    /** Default {@link #maxMessageChars()}: 1024. */
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 1024;

    /** The defaults. */
    public static final TrackerLimits DEFAULT =
            new TrackerLimits(DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_PEERS, DEFAULT_MAX_MESSAGE_CHARS);

    /** @throws IllegalArgumentException if a bound is not positive */
    public TrackerLimits {
        if (maxResponseBytes <= 0 || maxPeers <= 0 || maxMessageChars <= 0) {
            throw new IllegalArgumentException("tracker limits must be positive");
        }
    }

    public TrackerLimits withMaxResponseBytes(int value) {
        return new TrackerLimits(value, maxPeers, maxMessageChars);
    }

    public TrackerLimits withMaxPeers(int value) {
        return new TrackerLimits(maxResponseBytes, value, maxMessageChars);
    }

    /** {@code text} cut to {@link #maxMessageChars()}. */
    String cut(String text) {
        return text.length() <= maxMessageChars ? text : text.substring(0, maxMessageChars) + "…";
    }
}
