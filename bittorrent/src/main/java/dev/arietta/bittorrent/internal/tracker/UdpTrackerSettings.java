package dev.arietta.bittorrent.internal.tracker;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the UDP tracker protocol (BEP 15). Immutable.
 *
 * @param initialTimeout       wait for an answer before the first retransmission; the n-th
 *                             retransmission waits {@code initialTimeout · 2^n}. Default 15 s (BEP 15)
 * @param maxRetransmissions   retransmissions before giving up, so a request waits at most
 *                             {@code initialTimeout · (2^(n+1) − 1)} in all; default 8 (BEP 15:
 *                             n goes up to 8, 3840 s)
 * @param connectionIdLifetime how long a connection id may be used after it was received;
 *                             default 60 s (BEP 15: one minute)
 */
public record UdpTrackerSettings(Duration initialTimeout, int maxRetransmissions, Duration connectionIdLifetime) {

    /** Default {@link #initialTimeout()}: 15 s. */
    public static final Duration DEFAULT_INITIAL_TIMEOUT = Duration.ofSeconds(15);
    /** Default {@link #maxRetransmissions()}: 8. */
    public static final int DEFAULT_MAX_RETRANSMISSIONS = 8;
    /** Default {@link #connectionIdLifetime()}: 60 s. */
    public static final Duration DEFAULT_CONNECTION_ID_LIFETIME = Duration.ofSeconds(60);

    /** The BEP 15 defaults. */
    public static final UdpTrackerSettings DEFAULT = new UdpTrackerSettings(DEFAULT_INITIAL_TIMEOUT,
            DEFAULT_MAX_RETRANSMISSIONS, DEFAULT_CONNECTION_ID_LIFETIME);

    /** @throws IllegalArgumentException for a non-positive duration or a count outside 0–30 */
    public UdpTrackerSettings {
        Objects.requireNonNull(initialTimeout, "initialTimeout");
        Objects.requireNonNull(connectionIdLifetime, "connectionIdLifetime");
        if (initialTimeout.isNegative() || initialTimeout.isZero() || connectionIdLifetime.isNegative()
                || connectionIdLifetime.isZero()) {
            throw new IllegalArgumentException("UDP tracker durations must be positive");
        }
        if (maxRetransmissions < 0 || maxRetransmissions > 30) {
            throw new IllegalArgumentException("retransmissions " + maxRetransmissions + " outside 0-30");
        }
    }

    /** The wait after the {@code attempt}-th sending (0 for the first). */
    long timeoutNanos(int attempt) {
        return initialTimeout.toNanos() << attempt;
    }
}
