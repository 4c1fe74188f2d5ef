package dev.arietta.core.internal.ratelimit;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A hierarchical rate limit for one direction: a global {@link TokenBucket} shared by every
 * download, and one {@link Child} bucket per download. A session has two: one for downloading
 * (aria2's {@code max-overall-download-limit} global, {@code max-download-limit} per download)
 * and one for uploading ({@code max-overall-upload-limit}, {@code max-upload-limit}). Every
 * rate is in bytes per second, 0 meaning unlimited, and can be changed at any time.
 *
 * <p><b>Use.</b> Before moving bytes a transfer asks its download's child:
 * {@code granted = child.request(wanted)}. The grant is taken from both the child's and the
 * global bucket at once. It may move up to {@code granted} bytes and should
 * {@link Child#refund refund} what it did not use. When {@code granted} is 0 (or short),
 * {@link Child#nanosUntilAvailable()} says when to ask again.
 *
 * <p><b>Fairness.</b> Downloads sharing a scarce global limit take turns. A child that was
 * held back by the global bucket (granted less than it wanted and its own bucket allowed) joins
 * a first-in first-out waiting line. While the line is not empty, the child at its head may take
 * everything in the global bucket; any other child may take only what exceeds the head's
 * reservation (what the head last wanted). A head that is served leaves the line, and joins it
 * again at the tail if it is still short. So with N downloads competing, each is served at least
 * once every N refills, whatever order the loop polls them in: no download starves, and the
 * first to ask cannot take every refill. A head that does not ask again within
 * {@link #DEFAULT_TURN_GRACE_NANOS} after the moment it was told to retry is dropped from the
 * line, so a download that went idle holds nobody up for long. Downloads held back only by
 * their own limit never enter the line.
 *
 * <p>Not thread-safe: owned by the session's I/O loop.
 */
public final class RateLimiter {

    /** How long past its advised retry time a waiting head keeps its turn: one second. */
    public static final long DEFAULT_TURN_GRACE_NANOS = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final TokenBucket global;
    private final long turnGraceNanos;
    private final ArrayDeque<Child> waiting = new ArrayDeque<>();

    /**
     * A limiter with a turn grace of {@link #DEFAULT_TURN_GRACE_NANOS}.
     *
     * @param nanoClock                 monotonic time in nanoseconds, e.g. {@code System::nanoTime}
     * @param globalBytesPerSecond      the shared limit, 0 for unlimited
     */
    public RateLimiter(LongSupplier nanoClock, long globalBytesPerSecond) {
        this(nanoClock, globalBytesPerSecond, DEFAULT_TURN_GRACE_NANOS);
    }

    /**
     * @param nanoClock            monotonic time in nanoseconds
     * @param globalBytesPerSecond the shared limit, 0 for unlimited
     * @param turnGraceNanos       how long past its advised retry time a waiting head keeps its turn, zero or more
     */
    public RateLimiter(LongSupplier nanoClock, long globalBytesPerSecond, long turnGraceNanos) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.global = new TokenBucket(nanoClock, globalBytesPerSecond);
        if (turnGraceNanos < 0) {
            throw new IllegalArgumentException("negative turn grace " + turnGraceNanos + " ns");
        }
        this.turnGraceNanos = turnGraceNanos;
    }

    /** The global limit in bytes per second; 0 if unlimited. */
    public long globalRate() {
        return global.rate();
    }

    /** Changes the global limit (0 for unlimited); takes effect at the next request. */
    public void setGlobalRate(long bytesPerSecond) {
        global.setRate(bytesPerSecond);
        if (global.isUnlimited()) {
            for (Child child : waiting) {
                child.waiting = false;
            }
            waiting.clear();
        }
    }

    /**
     * A new per-download limit under this global one.
     *
     * @param bytesPerSecond the download's own limit, 0 for unlimited
     */
    public Child newChild(long bytesPerSecond) {
        return new Child(bytesPerSecond);
    }

    /** Number of downloads waiting for their turn at the global limit. */
    public int waitingCount() {
        return waiting.size();
    }

    private void dropAbandonedHeads(Child asking, long now) {
        Child head = waiting.peek();
        while (head != null && head != asking && now - head.retryAtNanos > turnGraceNanos) {
            waiting.poll();
            head.waiting = false;
            head = waiting.peek();
        }
    }

    /**
     * One download's limit in one direction. Not thread-safe; owned by the I/O loop like its
     * limiter.
     */
    public final class Child {

        private final TokenBucket own;
        private boolean closed;
        private boolean waiting;
        /** What this child last wanted when it was held back: its reservation when at the head. */
        private long wantedWhenShort;
        private long retryAtNanos;

        private Child(long bytesPerSecond) {
            this.own = new TokenBucket(nanoClock, bytesPerSecond);
        }

        /** This download's own limit in bytes per second; 0 if unlimited. */
        public long rate() {
            return own.rate();
        }

        /** Changes this download's own limit (0 for unlimited). */
        public void setRate(long bytesPerSecond) {
            own.setRate(bytesPerSecond);
        }

        /**
         * How many bytes the transfer may move now, at most {@code wanted}; the grant is
         * taken from this download's bucket and the global one.
         *
         * @param wanted bytes the transfer would like to move, zero or more
         * @return bytes granted, 0 to {@code wanted}
         * @throws IllegalArgumentException if {@code wanted} is negative
         * @throws IllegalStateException    if this child was closed
         */
        public long request(long wanted) {
            if (wanted < 0) {
                throw new IllegalArgumentException("negative byte count " + wanted);
            }
            checkOpen();
            long allowedByOwn = Math.min(wanted, own.available());
            if (global.isUnlimited()) {
                own.consume(allowedByOwn);
                return allowedByOwn;
            }
            long now = nanoClock.getAsLong();
            dropAbandonedHeads(this, now);
            long available = global.available();
            Child head = RateLimiter.this.waiting.peek();
            long allowedByGlobal = head == null || head == this
                    ? available
                    : available - Math.min(available, head.wantedWhenShort);
            long granted = Math.min(allowedByOwn, allowedByGlobal);
            own.consume(granted);
            global.consume(granted);
            // Served, or now held back by its own limit only: either way its turn is over.
            if (head == this && (granted > 0 || allowedByOwn == 0)) {
                RateLimiter.this.waiting.poll();
                waiting = false;
            }
            if (granted < allowedByOwn) {
                wantedWhenShort = allowedByOwn;
                if (!waiting) {
                    RateLimiter.this.waiting.add(this);
                    waiting = true;
                }
                retryAtNanos = now + nanosUntilAvailable();
            }
            return granted;
        }

        /**
         * Gives back bytes granted but not moved, to this download's bucket and the global one.
         *
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public void refund(long bytes) {
            own.refund(bytes);
            global.refund(bytes);
        }

        /**
         * Nanoseconds until a request could be granted a useful amount: a 16 KiB block
         * ({@link TokenBucket#MIN_BURST_BYTES}), or less if this child last wanted less. Counts
         * this download's bucket, the global one, and the reservation of another download whose
         * turn it is. 0 if a request would be granted now.
         */
        public long nanosUntilAvailable() {
            long target = waiting ? Math.min(wantedWhenShort, TokenBucket.MIN_BURST_BYTES) : TokenBucket.MIN_BURST_BYTES;
            long ownWait = own.nanosUntil(target);
            if (global.isUnlimited()) {
                return ownWait;
            }
            Child head = RateLimiter.this.waiting.peek();
            long reserved = head == null || head == this ? 0 : head.wantedWhenShort;
            long globalWait = global.nanosUntil(saturatedAdd(reserved, target));
            return Math.max(ownWait, globalWait);
        }

        /** True while this download waits for its turn at the global limit. */
        public boolean isWaiting() {
            return waiting;
        }

        /** Leaves the limiter (download stopped or removed); later requests throw. */
        public void close() {
            if (waiting) {
                RateLimiter.this.waiting.remove(this);
                waiting = false;
            }
            closed = true;
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("rate limit of a removed download");
            }
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
