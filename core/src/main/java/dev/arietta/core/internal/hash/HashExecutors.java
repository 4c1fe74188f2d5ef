package dev.arietta.core.internal.hash;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the session's hash executor: a fixed pool of daemon threads, by default one per
 * available processor, since hashing is pure CPU work. The caller owns the executor and
 * shuts it down with its session. Its queue is unbounded; callers bound what they submit
 * (a re-check keeps {@link IntegrityCheckLimits#maxInFlightPieces()} pieces in flight, the
 * engine verifies a piece only when it is complete).
 */
public final class HashExecutors {

    private HashExecutors() {
    }

    /** One thread per available processor. */
    public static int defaultThreadCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** A pool of {@link #defaultThreadCount()} threads named {@code <namePrefix>-1}, {@code -2}, …. */
    public static ExecutorService newHashExecutor(String namePrefix) {
        return newHashExecutor(namePrefix, defaultThreadCount());
    }

    /**
     * A pool of {@code threads} daemon threads named {@code <namePrefix>-1}, {@code -2}, ….
     *
     * @throws IllegalArgumentException if {@code threads} is not positive
     */
    public static ExecutorService newHashExecutor(String namePrefix, int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("hash thread count must be positive, got " + threads);
        }
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, namePrefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
    }
}
