package dev.arietta.core.internal.loop;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's I/O thread ({@code arietta-io-N}): a {@link Selector} driving registered
 * channels, a timer queue and a queue of tasks posted from other threads.
 *
 * <p>Each turn of the loop waits for readiness (or the next timer, or a posted task), calls
 * the handlers of ready channels, runs the timers that are due by the injected clock, then
 * runs posted tasks, running timers that fall due between them. So after a task posted with
 * {@link #execute(Runnable)} has run, every timer due before it was posted has fired: tests
 * rely on this to drive a fake clock.
 *
 * <p>Thread-safety: {@link #execute}, {@link #schedule}, {@link #wakeup}, {@link #nanoTime},
 * {@link #addShutdownHook}, {@link #inEventLoop} and {@link #close} may be called from any
 * thread; {@link #register} only from the loop thread. A failing handler, timer or task is
 * logged and isolated: the loop keeps running.
 *
 * <p>Shutdown ({@link #close()}): posted tasks still queued run, every registered channel is
 * closed and its handler told with an {@link EventLoopClosedException}, shutdown hooks run in
 * registration order, the selector closes and the thread ends; {@code close()} waits for
 * that unless called on the loop thread itself. The thread is a daemon so that an embedding
 * application that forgets to close a session can still exit.
 */
public final class EventLoop implements Executor, TimerScheduler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    private static final int RUNNING = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int TERMINATED = 2;

    private final String name;
    private final LongSupplier nanoClock;
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final TimerQueue timers = new TimerQueue();
    private final List<Runnable> shutdownHooks = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    /** Created once: a method reference made per select would allocate on every turn. */
    private final Consumer<SelectionKey> dispatcher = this::dispatch;
    private volatile int state = RUNNING;

    private EventLoop(String name, LongSupplier nanoClock) throws IOException {
        this.name = name;
        this.nanoClock = nanoClock;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts a loop thread named {@code arietta-io-<index>}.
     *
     * @param index     the session's own counter value, so names stay unique within a session
     *                  without any JVM-wide counter
     * @param nanoClock the clock for timers, in nanoseconds ({@code System::nanoTime} in
     *                  production)
     * @throws IOException if the selector cannot be opened
     */
    public static EventLoop start(int index, LongSupplier nanoClock) throws IOException {
        EventLoop loop = new EventLoop("arietta-io-" + index, Objects.requireNonNull(nanoClock));
        loop.thread.start();
        return loop;
    }

    /** The loop thread's name. */
    public String name() {
        return name;
    }

    /** Whether the calling thread is this loop's thread. */
    public boolean inEventLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public long nanoTime() {
        return nanoClock.getAsLong();
    }

    /**
     * Runs {@code task} on the loop thread, after tasks posted before it.
     *
     * @throws RejectedExecutionException once shutdown has begun
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (state != RUNNING) {
            throw new RejectedExecutionException("event loop " + name + " is shut down");
        }
        tasks.add(task);
        if (!inEventLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * Interrupts the current wait so that timers are re-checked, e.g. after a test advanced
     * a fake clock.
     */
    public void wakeup() {
        selector.wakeup();
    }

    /**
     * {@inheritDoc}
     *
     * <p>May be called from any thread; the returned handle may be cancelled from any thread
     * (a cancelled timer never runs its task once the cancel call has returned on the loop
     * thread, or once the loop has seen the cancellation).
     */
    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        Objects.requireNonNull(task, "task");
        LoopTimer timer = new LoopTimer(task);
        long deadline = nanoTime() + Math.max(0, delayNanos);
        if (inEventLoop()) {
            timer.entry = timers.add(deadline, timer);
        } else {
            execute(() -> {
                if (!timer.cancelled) {
                    timer.entry = timers.add(deadline, timer);
                }
            });
        }
        return timer;
    }

    /**
     * Registers {@code channel} (switched to non-blocking) with an interest set and a handler.
     * Loop thread only.
     *
     * @throws ClosedChannelException if the channel is closed
     */
    public Registration register(SelectableChannel channel, int interestOps, ChannelHandler handler)
            throws IOException {
        checkInEventLoop();
        Objects.requireNonNull(handler, "handler");
        if (state != RUNNING) {
            throw new EventLoopClosedException(name);
        }
        channel.configureBlocking(false);
        Registration registration = new Registration(this, channel, handler);
        registration.key(channel.register(selector, interestOps, registration));
        return registration;
    }

    /** Adds a task run on the loop thread during shutdown, after channels are closed. */
    public void addShutdownHook(Runnable hook) {
        shutdownHooks.add(Objects.requireNonNull(hook, "hook"));
    }

    /** Completes when the loop thread has finished its shutdown. */
    public CompletableFuture<Void> termination() {
        return termination;
    }

    /** Whether shutdown has begun. */
    public boolean isShutdown() {
        return state != RUNNING;
    }

    /**
     * Shuts the loop down (see the class description) and waits for the thread to end,
     * unless called on the loop thread. Idempotent.
     */
    @Override
    public void close() {
        if (state == RUNNING) {
            state = SHUTTING_DOWN;
            selector.wakeup();
        }
        if (!inEventLoop()) {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void checkInEventLoop() {
        if (!inEventLoop()) {
            throw new IllegalStateException("not on event loop thread " + name);
        }
    }

    private void run() {
        try {
            while (state == RUNNING) {
                long timeoutMillis = selectTimeoutMillis();
                try {
                    if (timeoutMillis == 0) {
                        selector.selectNow(dispatcher);
                    } else {
                        selector.select(dispatcher, timeoutMillis < 0 ? 0 : timeoutMillis);
                    }
                } catch (IOException e) {
                    LOG.warn("{}: select failed", name, e);
                }
                runDueTimers();
                runTasks();
            }
        } catch (Throwable fatal) {
            LOG.error("{}: event loop died", name, fatal);
            throw fatal;
        } finally {
            shutDown();
        }
    }

    /** Milliseconds to wait in select: 0 to poll, negative to wait without limit. */
    private long selectTimeoutMillis() {
        if (!tasks.isEmpty()) {
            return 0;
        }
        if (timers.isEmpty()) {
            return -1;
        }
        long remaining = timers.firstDeadline() - nanoTime();
        if (remaining <= 0) {
            return 0;
        }
        // Round up: waking a little late is harmless, waking early just spins once more.
        return Math.max(1, (remaining + 999_999) / 1_000_000);
    }

    private void dispatch(SelectionKey key) {
        Registration registration = (Registration) key.attachment();
        if (!key.isValid()) {
            return;
        }
        try {
            registration.handler().ready(key.readyOps());
        } catch (Throwable failure) {
            rethrowIfFatal(failure);
            fail(registration, failure);
        }
    }

    private void fail(Registration registration, Throwable failure) {
        if (failure instanceof IOException) {
            LOG.debug("{}: channel {} failed", name, registration.channel(), failure);
        } else {
            LOG.warn("{}: handler {} threw; closing its channel", name, registration.handler(), failure);
        }
        registration.close();
        try {
            registration.handler().closed(failure);
        } catch (Throwable secondary) {
            rethrowIfFatal(secondary);
            LOG.warn("{}: handler {} threw from closed()", name, registration.handler(), secondary);
        }
    }

    private void runDueTimers() {
        long now = nanoTime();
        TimerQueue.Entry entry;
        while ((entry = timers.pollDue(now)) != null) {
            runIsolated(entry.task());
        }
    }

    private void runTasks() {
        wakeupPending.set(false);
        Runnable task;
        while ((task = tasks.poll()) != null) {
            runIsolated(task);
            // A task may schedule a timer that is already due: it runs before later tasks.
            if (!timers.isEmpty() && timers.firstDeadline() - nanoTime() <= 0) {
                runDueTimers();
            }
        }
    }

    private void runIsolated(Runnable task) {
        try {
            task.run();
        } catch (Throwable failure) {
            rethrowIfFatal(failure);
            LOG.warn("{}: task {} threw", name, task, failure);
        }
    }

    private static void rethrowIfFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError) {
            throw (VirtualMachineError) failure;
        }
    }

    private void shutDown() {
        state = SHUTTING_DOWN;
        try {
            runTasks();
            List<SelectionKey> keys = new ArrayList<>(selector.keys());
            for (SelectionKey key : keys) {
                Registration registration = (Registration) key.attachment();
                registration.close();
                try {
                    registration.handler().closed(new EventLoopClosedException(name));
                } catch (Throwable failure) {
                    rethrowIfFatal(failure);
                    LOG.warn("{}: handler {} threw from closed()", name, registration.handler(), failure);
                }
            }
            for (Runnable hook : shutdownHooks) {
                runIsolated(hook);
            }
            timers.clear();
            try {
                selector.close();
            } catch (IOException e) {
                LOG.debug("{}: closing selector failed", name, e);
            }
        } finally {
            state = TERMINATED;
            tasks.clear();
            termination.complete(null);
        }
    }

    /** A timer handle; cancellation is a flag so that it works from any thread. */
    private final class LoopTimer implements Cancellable, Runnable {
        private final Runnable task;
        private volatile boolean cancelled;
        private TimerQueue.Entry entry;

        LoopTimer(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (!cancelled) {
                cancelled = true;
                task.run();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            if (inEventLoop() && entry != null) {
                timers.remove(entry);
            }
        }

        @Override
        public String toString() {
            return "timer " + task;
        }
    }
}
