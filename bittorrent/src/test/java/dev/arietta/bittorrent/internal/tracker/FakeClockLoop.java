package dev.arietta.bittorrent.internal.tracker;

import dev.arietta.core.internal.loop.EventLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A real {@link EventLoop} whose timers follow a manually advanced clock. After
 * {@link #advance} returns, every timer due by the new time has fired (the loop runs due
 * timers before a task posted after the advance).
 */
final class FakeClockLoop implements AutoCloseable {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final EventLoop loop;

    FakeClockLoop() throws IOException {
        loop = EventLoop.start(0, nanos::get);
    }

    /** Moves the clock forward and waits until the timers due by then have run. */
    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
        loop.wakeup();
        sync();
    }

    /** Waits until every task posted before this call has run on the loop. */
    void sync() {
        call(() -> null);
    }

    /** Runs {@code action} on the loop and returns its result. */
    <T> T call(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("loop task failed", e);
        }
    }

    void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    @Override
    public void close() {
        loop.close();
    }
}
