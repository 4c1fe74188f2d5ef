package dev.arietta.bittorrent.internal.tracker;

import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.TimerScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A single-threaded {@link TimerScheduler} whose clock moves only by {@link #advance}. */
final class FakeTimers implements TimerScheduler {

    private long now = 5_000_000_000L;
    private long sequence;
    private final List<Timer> timers = new ArrayList<>();

    private final class Timer implements Cancellable {
        final long deadline;
        final long order;
        final Runnable task;
        boolean cancelled;

        Timer(long deadline, long order, Runnable task) {
            this.deadline = deadline;
            this.order = order;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
            timers.remove(this);
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        Timer timer = new Timer(now + Math.max(0, delayNanos), sequence++, task);
        timers.add(timer);
        return timer;
    }

    /** Runs timers already due (those scheduled with no delay). */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves the clock, running every timer that falls due on the way, in deadline order. */
    void advance(Duration duration) {
        long target = now + duration.toNanos();
        while (true) {
            Timer next = timers.stream().filter(timer -> timer.deadline <= target)
                    .min(Comparator.comparingLong((Timer timer) -> timer.deadline).thenComparingLong(timer -> timer.order))
                    .orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next);
            now = Math.max(now, next.deadline);
            if (!next.cancelled) {
                next.task.run();
            }
        }
        now = target;
    }

    /** Time until the earliest pending timer, or null when none. */
    Duration nextDelay() {
        return timers.stream().mapToLong(timer -> timer.deadline - now).min().stream()
                .mapToObj(Duration::ofNanos).findFirst().orElse(null);
    }
}
