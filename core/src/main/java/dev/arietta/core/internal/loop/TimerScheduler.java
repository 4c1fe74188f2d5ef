package dev.arietta.core.internal.loop;

/**
 * Runs tasks after a delay measured on an injected nanosecond clock. {@link EventLoop} is the
 * production implementation; tests of timing logic use a manually advanced fake.
 */
public interface TimerScheduler {

    /** The scheduler's clock in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /**
     * Runs {@code task} once, no earlier than {@code delayNanos} after {@link #nanoTime()}.
     *
     * @param delayNanos delay in nanoseconds; zero or negative means as soon as possible
     * @return a handle whose {@link Cancellable#cancel()} prevents the task from running
     */
    Cancellable schedule(long delayNanos, Runnable task);
}
