package dev.arietta.core.internal.loop;

/** A single-threaded scheduler whose clock moves only when the test says so. */
final class FakeTimerScheduler implements TimerScheduler {

    private final TimerQueue timers = new TimerQueue();
    private long now;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        TimerQueue.Entry entry = timers.add(now + Math.max(0, delayNanos), task);
        return () -> timers.remove(entry);
    }

    /** Moves the clock forward, running due timers in order at their own deadlines. */
    void advance(long nanos) {
        long target = now + nanos;
        TimerQueue.Entry entry;
        while ((entry = timers.pollDue(target)) != null) {
            now = Math.max(now, entry.deadline());
            entry.task().run();
        }
        now = target;
    }

    int pendingTimers() {
        return timers.size();
    }
}
