package dev.arietta.bittorrent.internal.tracker;

import java.time.Duration;
import java.util.Objects;

/**
 * How a torrent's {@link TrackerManager} announces, and the timeouts of the tracker clients the
 * engine builds. Immutable; {@link #DEFAULT} or the {@code with*} copies.
 *
 * @param numwant          peers asked for per announce; default {@value #DEFAULT_NUMWANT}, as aria2
 * @param intervalOverride aria2 {@code bt-tracker-interval}: when positive, the time between
 *                         announces, ignoring the tracker's {@code interval} and {@code min interval};
 *                         default zero (follow the tracker)
 * @param defaultInterval  the interval when the tracker gives none; default 30 min
 * @param minimumInterval  the least time between two announces to the trackers, whatever a
 *                         tracker says, and the spacing of {@link Announcer#needMorePeers()}
 *                         announces when the tracker gives no {@code min interval}; default 60 s
 * @param retryDelay       wait after a round in which every tracker failed; doubles per
 *                         further failed round up to {@code maxRetryDelay}; default 60 s
 * @param maxRetryDelay    longest wait between failed rounds; default 30 min
 * @param stopTimeout      how long {@link Announcer#stop()} waits for {@code stopped} answers;
 *                         default 5 s (libtorrent's {@code stop_tracker_timeout})
 * @param timeout          deadline of one HTTP tracker request; default 60 s (aria2
 *                         {@code bt-tracker-timeout})
 * @param connectTimeout   connect timeout of the tracker HTTP client; default 60 s (aria2
 *                         {@code bt-tracker-connect-timeout})
 * @param limits           response bounds; default {@link TrackerLimits#DEFAULT}
 * @param udp              UDP timing; default {@link UdpTrackerSettings#DEFAULT}
 */
public record TrackerSettings(int numwant, Duration intervalOverride, Duration defaultInterval,
        Duration minimumInterval, Duration retryDelay, Duration maxRetryDelay, Duration stopTimeout,
        Duration timeout, Duration connectTimeout, TrackerLimits limits, UdpTrackerSettings udp) {

    /** Default {@link #numwant()}: 50. */
    public static final int DEFAULT_NUMWANT = 50;
    /** Default {@link #defaultInterval()}: 30 min. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);
    /** Default {@link #minimumInterval()}: 60 s. */
    public static final Duration DEFAULT_MINIMUM_INTERVAL = Duration.ofSeconds(60);
    /** Default {@link #retryDelay()}: 60 s. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(60);
    /** Default {@link #maxRetryDelay()}: 30 min. */
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofMinutes(30);
    /** Default {@link #stopTimeout()}: 5 s. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);
    /** Default {@link #timeout()}: 60 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Default {@link #connectTimeout()}: 60 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(60);

    /** The defaults. */
    public static final TrackerSettings DEFAULT = new TrackerSettings(DEFAULT_NUMWANT, Duration.ZERO, DEFAULT_INTERVAL,
            DEFAULT_MINIMUM_INTERVAL, DEFAULT_RETRY_DELAY, DEFAULT_MAX_RETRY_DELAY, DEFAULT_STOP_TIMEOUT,
            DEFAULT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, TrackerLimits.DEFAULT, UdpTrackerSettings.DEFAULT);

    /** @throws IllegalArgumentException for a negative numwant or interval override, or a non-positive duration */
    public TrackerSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(udp, "udp");
        if (numwant < 0) {
            throw new IllegalArgumentException("negative numwant " + numwant);
        }
        if (intervalOverride.isNegative()) {
            throw new IllegalArgumentException("negative tracker interval " + intervalOverride);
        }
        for (Duration positive : new Duration[] {defaultInterval, minimumInterval, retryDelay, maxRetryDelay,
                stopTimeout, timeout, connectTimeout}) {
            if (positive.isNegative() || positive.isZero()) {
                throw new IllegalArgumentException("tracker durations must be positive: " + positive);
            }
        }
    }

    public TrackerSettings withNumwant(int value) {
        return new TrackerSettings(value, intervalOverride, defaultInterval, minimumInterval, retryDelay,
                maxRetryDelay, stopTimeout, timeout, connectTimeout, limits, udp);
    }

    /** aria2 {@code bt-tracker-interval} (zero: follow the tracker). */
    public TrackerSettings withIntervalOverride(Duration value) {
        return new TrackerSettings(numwant, value, defaultInterval, minimumInterval, retryDelay, maxRetryDelay,
                stopTimeout, timeout, connectTimeout, limits, udp);
    }

    public TrackerSettings withMinimumInterval(Duration value) {
        return new TrackerSettings(numwant, intervalOverride, defaultInterval, value, retryDelay, maxRetryDelay,
                stopTimeout, timeout, connectTimeout, limits, udp);
    }

    public TrackerSettings withRetryDelay(Duration value, Duration max) {
        return new TrackerSettings(numwant, intervalOverride, defaultInterval, minimumInterval, value, max,
                stopTimeout, timeout, connectTimeout, limits, udp);
    }

    public TrackerSettings withStopTimeout(Duration value) {
        return new TrackerSettings(numwant, intervalOverride, defaultInterval, minimumInterval, retryDelay,
                maxRetryDelay, value, timeout, connectTimeout, limits, udp);
    }

    /** aria2 {@code bt-tracker-timeout} and {@code bt-tracker-connect-timeout}. */
    public TrackerSettings withTimeouts(Duration requestTimeout, Duration connect) {
        return new TrackerSettings(numwant, intervalOverride, defaultInterval, minimumInterval, retryDelay,
                maxRetryDelay, stopTimeout, requestTimeout, connect, limits, udp);
    }

    public TrackerSettings withLimits(TrackerLimits value) {
        return new TrackerSettings(numwant, intervalOverride, defaultInterval, minimumInterval, retryDelay,
                maxRetryDelay, stopTimeout, timeout, connectTimeout, value, udp);
    }

    public TrackerSettings withUdp(UdpTrackerSettings value) {
        return new TrackerSettings(numwant, intervalOverride, defaultInterval, minimumInterval, retryDelay,
                maxRetryDelay, stopTimeout, timeout, connectTimeout, limits, value);
    }
}
