package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.loop.EventLoop;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A real event loop on a clock that moves only when the test says: sockets work in real time,
 * timers fire when {@link #advance} passes their deadline.
 */
public final class LoopFixture implements AutoCloseable {

    /** Longest wait for something the loop or a peer must do; a failure, not a pacing device. */
    public static final long WAIT_SECONDS = 10;

    public final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    public final EventLoop loop;

    public LoopFixture() throws IOException {
        loop = EventLoop.start(7, clock::get);
    }

    private LoopFixture(LongSupplier realClock) throws IOException {
        loop = EventLoop.start(7, realClock);
    }

    /** A loop on the system clock, for tests that need timers to run by themselves; {@link #advance} does not apply. */
    public static LoopFixture realTime() throws IOException {
        return new LoopFixture(System::nanoTime);
    }

    /** Runs {@code task} on the loop and returns its result. */
    public <T> T call(Callable<T> task) throws Exception {
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
    public void run(ThrowingRunnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Moves the clock forward and waits until the loop has run every timer now due. */
    public void advance(long nanos) throws Exception {
        clock.addAndGet(nanos);
        run(() -> { });
    }

    @Override
    public void close() {
        loop.close();
    }

    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
