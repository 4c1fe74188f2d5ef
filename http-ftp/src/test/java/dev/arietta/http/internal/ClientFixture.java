package dev.arietta.http.internal;

import dev.arietta.core.internal.loop.EventLoop;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** An event loop with a manually advanced clock and a client on it, for one test. */
final class ClientFixture implements AutoCloseable {

    final AtomicLong clock = new AtomicLong();
    final EventLoop loop;
    final Http1Client client;

    ClientFixture() throws IOException {
        this(builder -> builder);
    }

    ClientFixture(UnaryOperator<Http1Client.Builder> configure) throws IOException {
        loop = EventLoop.start(0, clock::get);
        client = configure.apply(Http1Client.builder(loop)).build();
    }

    RecordingListener get(URI uri) {
        return send(HttpRequest.get(uri).build());
    }

    RecordingListener send(HttpRequest request) {
        return send(request, new RecordingListener());
    }

    /** Sends with a listener configured beforehand (lent buffers must be set before the answer can arrive). */
    RecordingListener send(HttpRequest request, RecordingListener listener) {
        client.send(request, listener);
        return listener;
    }

    /** Waits until every task and due timer of the loop so far has run. */
    void sync() throws Exception {
        CompletableFuture.runAsync(() -> { }, loop).get(10, TimeUnit.SECONDS);
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
