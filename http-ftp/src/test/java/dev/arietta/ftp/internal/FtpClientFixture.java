package dev.arietta.ftp.internal;

import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.http.internal.ExchangeHandle;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** An event loop with a manually advanced clock and an FTP client on it, for one test. */
final class FtpClientFixture implements AutoCloseable {
    static final FtpCredentials ANONYMOUS =
            new FtpCredentials(FtpCredentials.ANONYMOUS_USER, FtpCredentials.ANONYMOUS_PASSWORD, null);

    final AtomicLong clock = new AtomicLong();
    final EventLoop loop;
    final FtpClient client;
    /** The handle of the last retrieval started, set on the test thread once retrieve() returns. */
    volatile ExchangeHandle lastHandle;

    FtpClientFixture(FtpSessionOptions options) throws IOException {
        this(builder -> builder.options(options));
    }

    FtpClientFixture(UnaryOperator<FtpClient.Builder> configure) throws IOException {
        loop = EventLoop.start(0, clock::get);
        client = configure.apply(FtpClient.builder(loop)).build();
    }

    RecordingFtpListener retrieve(FtpRetrieval retrieval) {
        return retrieve(retrieval, new RecordingFtpListener());
    }

    RecordingFtpListener retrieve(FtpRetrieval retrieval, RecordingFtpListener listener) {
        lastHandle = client.retrieve(retrieval, listener);
        return listener;
    }

    /** Waits until every task and due timer of the loop so far has run. */
    void sync() throws Exception {
        CompletableFuture.runAsync(() -> { }, loop).get(10, TimeUnit.SECONDS);
    }

    /** Idle pooled connections, read on the loop. */
    int idleConnections() throws Exception {
        return CompletableFuture.supplyAsync(client::idleConnections, loop).get(10, TimeUnit.SECONDS);
    }

    /**
     * Waits until the pool holds {@code count} idle connections (a condition polled on the loop,
     * for clean-ups the listener does not hear about, such as a cancelled transfer's ABOR).
     */
    void awaitIdleConnections(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (idleConnections() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pool never reached " + count + " idle connections");
            }
            Thread.onSpinWait();
        }
    }

    /** Moves the fake clock and lets the loop run the timers now due. */
    void advance(long amount, TimeUnit unit) throws Exception {
        sync();
        clock.addAndGet(unit.toNanos(amount));
        loop.wakeup();
        sync();
    }

    @Override
    public void close() {
        client.close();
        loop.close();
    }
}
