package dev.arietta.bittorrent.internal.wire;

/**
 * A rolling transfer rate over {@link PeerWireLimits#RATE_WINDOW_NANOS}: one-second buckets on
 * an injected clock, updated lazily, so it needs no timer. Used for peer connections and, by
 * the swarm, for web seeds. Not thread-safe.
 */
public final class RateMeter {

    private static final long BUCKET_NANOS = 1_000_000_000L;

    private final long[] buckets;
    private final long startNanos;
    /** Index (time / bucket) of the newest bucket written. */
    private long newestBucket;
    private long total;

    /** @param startNanos the clock reading when measuring starts */
    public RateMeter(long startNanos) {
        this.buckets = new long[(int) (PeerWireLimits.RATE_WINDOW_NANOS / BUCKET_NANOS)];
        this.startNanos = startNanos;
        this.newestBucket = 0;
    }

    public void add(long bytes, long nowNanos) {
        advance(nowNanos);
        buckets[(int) (newestBucket % buckets.length)] += bytes;
        total += bytes;
    }

    /** Bytes in total since the start. */
    public long total() {
        return total;
    }

    /** Bytes per second over the window (or since the start, if that is shorter). */
    public long rate(long nowNanos) {
        advance(nowNanos);
        long sum = 0;
        for (long bucket : buckets) {
            sum += bucket;
        }
        long elapsed = Math.min(nowNanos - startNanos, PeerWireLimits.RATE_WINDOW_NANOS);
        // The newest bucket is partly filled: the window covers (length - 1) full buckets plus
        // the elapsed part of the current one.
        long window = Math.min(elapsed, (buckets.length - 1) * BUCKET_NANOS + (nowNanos - startNanos) % BUCKET_NANOS);
        if (window < BUCKET_NANOS) {
            window = BUCKET_NANOS;
        }
        return sum * 1_000_000_000L / window;
    }

    private void advance(long nowNanos) {
        long current = (nowNanos - startNanos) / BUCKET_NANOS;
        if (current <= newestBucket) {
            return;
        }
        long steps = Math.min(current - newestBucket, buckets.length);
        for (long i = 1; i <= steps; i++) {
            buckets[(int) ((newestBucket + i) % buckets.length)] = 0;
        }
        newestBucket = current;
    }
}
