package dev.arietta.core.internal.ratelimit;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A token bucket: one token per byte, refilled at {@link #rate()} bytes per second up to
 * {@link #burst()} bytes. A rate of 0 means unlimited.
 *
 * <p><b>Burst.</b> The bucket holds at most one second of rate, and never less than
 * {@link #MIN_BURST_BYTES} (one 16 KiB BitTorrent block), so that even a very low limit can
 * move a whole block at once. A new bucket, and a bucket switched from unlimited to a limit,
 * starts full.
 *
 * <p><b>Precision.</b> Refill is exact in integer arithmetic: fractions of a byte are carried
 * over between refills, so the long-run rate is exactly {@link #rate()}. Rates at or above
 * {@link #MAX_RATE} bytes/s (8 GiB/s, beyond what one session moves) behave as unlimited, which
 * keeps the arithmetic within 64 bits.
 *
 * <p>Time comes from the injected nanosecond clock (normally {@link System#nanoTime}); a clock
 * going backwards is treated as no time passing.
 *
 * <p>Not thread-safe: a bucket belongs to the thread that owns the transfers (the I/O loop).
 */
public final class TokenBucket {

    /** Smallest burst in bytes: one 16 KiB block. */
    public static final long MIN_BURST_BYTES = 16 << 10;

    /** Rates at or above this many bytes per second (8 GiB/s) are treated as unlimited. */
    public static final long MAX_RATE = 1L << 33;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private long rate;
    private long burst;
    private long tokens;
    /** Fraction of the next token, in units of 1/1e9 byte. */
    private long remainder;
    /** Time to fill an empty bucket, in nanoseconds: longer gaps add nothing more. */
    private long fillNanos;
    private long lastRefillNanos;

    /**
     * @param nanoClock      monotonic time in nanoseconds
     * @param bytesPerSecond rate, 0 for unlimited
     * @throws IllegalArgumentException if the rate is negative
     */
    public TokenBucket(LongSupplier nanoClock, long bytesPerSecond) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.lastRefillNanos = nanoClock.getAsLong();
        applyRate(bytesPerSecond);
    }

    /** The rate in bytes per second; 0 if unlimited. */
    public long rate() {
        return rate;
    }

    /** True if the bucket does not limit. */
    public boolean isUnlimited() {
        return rate == 0;
    }

    /** The most tokens the bucket holds, in bytes; {@link Long#MAX_VALUE} if unlimited. */
    public long burst() {
        return rate == 0 ? Long.MAX_VALUE : burst;
    }

    /**
     * Changes the rate. Tokens earned at the old rate are kept, up to the new burst; switching
     * from unlimited to a limit starts with a full bucket.
     *
     * @param bytesPerSecond new rate, 0 for unlimited
     * @throws IllegalArgumentException if the rate is negative
     */
    public void setRate(long bytesPerSecond) {
        refill();
        applyRate(bytesPerSecond);
    }

    private void applyRate(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("negative rate " + bytesPerSecond + " bytes/s");
        }
        boolean wasUnlimited = rate == 0;
        rate = bytesPerSecond >= MAX_RATE ? 0 : bytesPerSecond;
        if (rate == 0) {
            tokens = 0;
            remainder = 0;
            return;
        }
        burst = Math.max(rate, MIN_BURST_BYTES);
        fillNanos = ceilDiv(burst * NANOS_PER_SECOND, rate);
        tokens = wasUnlimited ? burst : Math.min(tokens, burst);
        if (tokens == burst) {
            remainder = 0;
        }
    }

    /** Tokens available now, in bytes; {@link Long#MAX_VALUE} if unlimited. */
    public long available() {
        if (rate == 0) {
            return Long.MAX_VALUE;
        }
        refill();
        return tokens;
    }

    /**
     * Takes {@code bytes} tokens. Does nothing if unlimited.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative or more than {@link #available()}
     */
    public void consume(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count " + bytes);
        }
        if (rate == 0) {
            return;
        }
        refill();
        if (bytes > tokens) {
            throw new IllegalArgumentException("consuming " + bytes + " bytes but only " + tokens + " available");
        }
        tokens -= bytes;
    }

    /**
     * Gives back tokens that were taken but not used (a read that moved fewer bytes than
     * granted), up to the burst.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public void refund(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count " + bytes);
        }
        if (rate == 0) {
            return;
        }
        refill();
        tokens = Math.min(burst, tokens + Math.min(bytes, burst));
        if (tokens == burst) {
            remainder = 0;
        }
    }

    /**
     * Nanoseconds until {@code bytes} tokens (capped at the burst) are available; 0 if they
     * already are or the bucket is unlimited.
     */
    public long nanosUntil(long bytes) {
        if (rate == 0) {
            return 0;
        }
        refill();
        long target = Math.min(Math.max(bytes, 0), burst);
        long deficit = target - tokens;
        if (deficit <= 0) {
            return 0;
        }
        return ceilDiv(deficit * NANOS_PER_SECOND - remainder, rate);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - lastRefillNanos;
        lastRefillNanos = now;
        if (elapsed <= 0 || rate == 0 || tokens == burst) {
            return;
        }
        // Capped at the fill time so that elapsed * rate stays below about burst * 1e9 < 2^63.
        long earned = Math.min(elapsed, fillNanos) * rate + remainder;
        tokens += earned / NANOS_PER_SECOND;
        remainder = earned % NANOS_PER_SECOND;
        if (tokens >= burst) {
            tokens = burst;
            remainder = 0;
        }
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
