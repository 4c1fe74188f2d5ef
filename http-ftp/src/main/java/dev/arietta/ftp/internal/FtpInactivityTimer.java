package dev.arietta.ftp.internal;

import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.TimerScheduler;

/**
 * An inactivity deadline whose length depends on what a retrieval is doing (connecting or
 * waiting for the server), pushed by every sign of progress and suspended while the caller has
 * paused the flow. One timer runs at a time, at most {@code checkIntervalNanos} apart, so a
 * switch to a shorter allowance is still noticed in time. Loop-thread only.
 */
final class FtpInactivityTimer {

    /** What the timer watches. */
    interface Watched {
        /** The allowed silence now, in nanoseconds. */
        long allowedNanos();

        /** Whether the silence is the caller's doing (paused), so no deadline applies. */
        boolean suspended();

        /** The allowed silence passed. */
        void expired(long allowedNanos);
    }

    private final TimerScheduler scheduler;
    private final long checkIntervalNanos;
    private final Watched watched;
    private long lastProgress;
    private Cancellable check;

    FtpInactivityTimer(TimerScheduler scheduler, long checkIntervalNanos, Watched watched) {
        this.scheduler = scheduler;
        this.checkIntervalNanos = checkIntervalNanos;
        this.watched = watched;
    }

    /** Starts watching, counting from now. */
    void start() {
        progress();
        check = scheduler.schedule(checkIntervalNanos, this::check);
    }

    /** Something happened: the silence starts again from now. */
    void progress() {
        lastProgress = scheduler.nanoTime();
    }

    /** Stops watching. */
    void stop() {
        if (check != null) {
            check.cancel();
            check = null;
        }
    }

    private void check() {
        check = null;
        long allowed = watched.allowedNanos();
        long idle = scheduler.nanoTime() - lastProgress;
        boolean suspended = watched.suspended();
        if (suspended || idle < allowed) {
            long delay = suspended ? checkIntervalNanos : Math.min(allowed - idle, checkIntervalNanos);
            check = scheduler.schedule(delay, this::check);
            return;
        }
        watched.expired(allowed);
    }
}
