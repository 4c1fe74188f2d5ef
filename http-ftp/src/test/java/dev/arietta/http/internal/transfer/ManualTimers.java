package dev.arietta.http.internal.transfer;

import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.TimerScheduler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler whose clock moves only when the test advances it. */
final class ManualTimers implements TimerScheduler {

    private record Timer(long deadline, long sequence, Runnable task, boolean[] cancelled) {
    }

    private final List<Timer> timers = new ArrayList<>();
    private long now;
    private long sequence;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        boolean[] cancelled = new boolean[1];
        timers.add(new Timer(now + Math.max(0, delayNanos), sequence++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock, running due timers in deadline order. */
    void advance(long nanos) {
        long target = now + nanos;
        while (true) {
            Timer next = timers.stream().filter(timer -> timer.deadline() <= target)
                    .min(Comparator.comparingLong(Timer::deadline).thenComparingLong(Timer::sequence)).orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next);
            now = Math.max(now, next.deadline());
            if (!next.cancelled()[0]) {
                next.task().run();
            }
        }
        now = target;
    }
}
