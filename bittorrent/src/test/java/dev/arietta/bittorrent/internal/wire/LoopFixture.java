package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.loop.EventLoop;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real event loop on a clock that moves only when the test says: sockets work in real time,
 * timers fire when {@link #advance} passes their deadline.
 */
final class LoopFixture implements AutoCloseable {

    /** Longest wait for something the loop or a peer must do; a failure, not a pacing device. */
    static final long WAIT_SECONDS = 10;

    final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    final EventLoop loop;

    LoopFixture() throws IOException {
        loop = EventLoop.start(7, clock::get);
    }

    /** Runs {@code task} on the loop and returns its result. */
    <T> T call(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        try {
            return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Runs {@code task} on the loop and waits for it. */
    void run(ThrowingRunnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Moves the clock forward and waits until the loop has run every timer now due. */
    void advance(long nanos) throws Exception {
        clock.addAndGet(nanos);
        run(() -> { });
    }

    @Override
    public void close() {
        loop.close();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
