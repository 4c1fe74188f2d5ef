package dev.arietta.examples.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The "avg speed" column: for each download, bytes downloaded while this program ran divided by
 * the time it was active (paused time excluded), as aria2 computes it from its session time.
 *
 * <p>Fed with {@link #started} and {@link #stopped} as the download's events arrive; a
 * download that never started has no average ({@code -1}, shown as {@code n/a}). Thread-safe:
 * events come on the session's callback thread, the table is read on the main thread.
 */
public final class AverageSpeeds {

    private final LongSupplier nanoClock;
    private final Map<String, Activity> activities = new HashMap<>();

    /** @param nanoClock monotonic nanoseconds, the session's clock */
    public AverageSpeeds(LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** The download became active with {@code completedLength} bytes already on disk. */
    public synchronized void started(String gid, long completedLength) {
        Activity activity = activities.computeIfAbsent(gid, key -> new Activity(completedLength));
        if (activity.since < 0) {
            activity.since = nanoClock.getAsLong();
        }
    }

    /** The download stopped being active (paused, finished, failed or removed). */
    public synchronized void stopped(String gid) {
        Activity activity = activities.get(gid);
        if (activity != null && activity.since >= 0) {
            activity.activeNanos += nanoClock.getAsLong() - activity.since;
            activity.since = -1;
        }
    }

    /**
     * Bytes per second while active, counting bytes from the first start to
     * {@code completedLength}; -1 if it never started or no time passed.
     */
    public synchronized long average(String gid, long completedLength) {
        Activity activity = activities.get(gid);
        if (activity == null) {
            return -1;
        }
        long nanos = activity.activeNanos + (activity.since >= 0 ? nanoClock.getAsLong() - activity.since : 0);
        if (nanos <= 0) {
            return -1;
        }
        long bytes = Math.max(0, completedLength - activity.completedAtStart);
        return (long) (bytes * 1_000_000_000.0 / nanos);
    }

    private static final class Activity {
        final long completedAtStart;
        long since = -1;
        long activeNanos;

        Activity(long completedAtStart) {
            this.completedAtStart = completedAtStart;
        }
    }
}
