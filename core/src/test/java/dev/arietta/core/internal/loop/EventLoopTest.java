package dev.arietta.core.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopTest {

    private final AtomicLong clock = new AtomicLong();
    private final EventLoop loop = EventLoop.start(7, clock::get);

    EventLoopTest() throws IOException {
    }

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    /** Runs {@code action} on the loop and waits; after it, timers due before it have fired. */
    private <T> T onLoop(java.util.function.Supplier<T> action) throws Exception {
        return CompletableFuture.supplyAsync(action, loop).get(10, TimeUnit.SECONDS);
    }

    private void sync() throws Exception {
        onLoop(() -> null);
    }

    @Test
    void threadIsNamedAfterTheSessionCounter() throws Exception {
        assertEquals("arietta-io-7", onLoop(() -> Thread.currentThread().getName()));
        assertEquals("arietta-io-7", loop.name());
        assertTrue(onLoop(loop::inEventLoop));
        assertFalse(loop.inEventLoop());
    }

    @Test
    void tasksRunInSubmissionOrder() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 100; i++) {
            int value = i;
            loop.execute(() -> order.add(value));
        }
        sync();
        for (int i = 0; i < 100; i++) {
            assertEquals(i, order.get(i));
        }
    }

    @Test
    void timersFireByTheInjectedClockOnly() throws Exception {
        List<String> fired = new CopyOnWriteArrayList<>();
        loop.schedule(TimeUnit.SECONDS.toNanos(5), () -> fired.add("five"));
        loop.schedule(TimeUnit.SECONDS.toNanos(1), () -> fired.add("one"));
        Cancellable cancelled = loop.schedule(TimeUnit.SECONDS.toNanos(2), () -> fired.add("two"));
        sync();
        cancelled.cancel();

        clock.addAndGet(TimeUnit.SECONDS.toNanos(3));
        sync();
        assertEquals(List.of("one"), fired);

        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
        sync();
        assertEquals(List.of("one", "five"), fired);
    }

    @Test
    void timerScheduledOnTheLoopCanBeCancelledOnTheLoop() throws Exception {
        List<String> fired = new CopyOnWriteArrayList<>();
        onLoop(() -> {
            loop.schedule(0, () -> fired.add("runs"));
            loop.schedule(0, () -> fired.add("never")).cancel();
            return null;
        });
        sync();
        assertEquals(List.of("runs"), fired);
    }

    @Test
    void failingTaskOrTimerDoesNotStopTheLoop() throws Exception {
        loop.execute(() -> {
            throw new IllegalStateException("task bug");
        });
        loop.schedule(0, () -> {
            throw new IllegalStateException("timer bug");
        });
        assertEquals("still alive", onLoop(() -> "still alive"));
    }

    @Test
    void failingHandlerLosesItsChannelButOthersCarryOn() throws Exception {
        Pipe faulty = Pipe.open();
        Pipe healthy = Pipe.open();
        AtomicReference<Throwable> closedCause = new AtomicReference<>();
        CompletableFuture<Integer> healthyRead = new CompletableFuture<>();
        onLoop(() -> {
            try {
                loop.register(faulty.source(), SelectionKey.OP_READ, new ChannelHandler() {
                    @Override
                    public void ready(int readyOps) {
                        throw new IllegalStateException("handler bug");
                    }

                    @Override
                    public void closed(Throwable cause) {
                        closedCause.set(cause);
                    }
                });
                loop.register(healthy.source(), SelectionKey.OP_READ, new ChannelHandler() {
                    @Override
                    public void ready(int readyOps) throws IOException {
                        ByteBuffer buffer = ByteBuffer.allocate(16);
                        healthyRead.complete(healthy.source().read(buffer));
                    }

                    @Override
                    public void closed(Throwable cause) {
                        healthyRead.completeExceptionally(cause);
                    }
                });
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            return null;
        });
        faulty.sink().write(ByteBuffer.wrap(new byte[] {1}));
        sync();
        healthy.sink().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));

        assertEquals(3, healthyRead.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, closedCause.get());
        assertFalse(faulty.source().isOpen());
    }

    @Test
    void registerOffTheLoopIsRefused() throws Exception {
        Pipe pipe = Pipe.open();
        assertThrows(IllegalStateException.class, () -> loop.register(pipe.source(), SelectionKey.OP_READ,
                new ChannelHandler() {
                    @Override
                    public void ready(int readyOps) {
                    }

                    @Override
                    public void closed(Throwable cause) {
                    }
                }));
    }

    @Test
    void shutdownClosesChannelsThenRunsHooksThenRejectsWork() throws Exception {
        Pipe pipe = Pipe.open();
        List<String> events = new CopyOnWriteArrayList<>();
        onLoop(() -> {
            try {
                loop.register(pipe.source(), SelectionKey.OP_READ, new ChannelHandler() {
                    @Override
                    public void ready(int readyOps) {
                    }

                    @Override
                    public void closed(Throwable cause) {
                        events.add("closed " + cause.getClass().getSimpleName());
                    }
                });
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            return null;
        });
        loop.addShutdownHook(() -> events.add("hook"));
        loop.schedule(TimeUnit.HOURS.toNanos(1), () -> events.add("timer must not run"));

        loop.close();

        assertTrue(loop.termination().isDone());
        assertEquals(List.of("closed EventLoopClosedException", "hook"), new ArrayList<>(events));
        assertFalse(pipe.source().isOpen());
        assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
        loop.close();
    }
}
