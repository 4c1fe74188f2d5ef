package dev.arietta.http.internal;

import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.loop.ChannelHandler;
import dev.arietta.core.internal.loop.Registration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open HTTP/1.1 connection (plain, TLS, or through a proxy) and the exchanges it carries.
 * Loop-thread only.
 *
 * <p>Lifecycle: {@link ConnectionSetup} creates it ready to use; exchanges are
 * {@linkplain #start started} on it; when the last one ends the connection goes back to the
 * {@link ConnectionPool} (if the response allows reuse) where it waits with read interest,
 * so that a server closing it, or sending unsolicited bytes, closes it at once.
 *
 * <p>Pipelining (optional, off by default): more exchanges may be started while one is in
 * flight, once the connection has shown keep-alive. Requests are written in order; responses
 * are read in the same order by the head of the pipeline. If the connection fails, every
 * exchange still queued is failed too (their chains retry them on a new connection).
 *
 * <p>The read buffer is a 64 KiB pooled direct buffer ({@link BufferPool#LARGE_BUFFER_SIZE})
 * kept in read mode: bytes between position and limit are received but not yet consumed
 * (they stay there while the head exchange is paused, or belong to the next response).
 */
final class HttpConnection implements ChannelHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);

    /**
     * Most bytes read for one connection per readiness event, so that one fast connection
     * cannot starve the others sharing the loop.
     */
    static final int READ_BUDGET_PER_EVENT = 256 * 1024;

    private final Route route;
    private final Registration registration;
    private final Transport transport;
    private final BufferPool bufferPool;
    private final ResponseHeadParser headParser;
    private final ArrayDeque<Exchange> pipeline = new ArrayDeque<>();
    private ByteBuffer readBuffer;
    private ConnectionPool pool;
    private boolean idle;
    private int exchanges;
    private boolean keepAliveConfirmed;
    private boolean closed;
    /** Set while bytes of the read buffer are being handed out: release must wait. */
    private boolean reading;

    HttpConnection(Route route, Registration registration, Transport transport, BufferPool bufferPool,
                   HttpLimits limits) {
        this.route = route;
        this.registration = registration;
        this.transport = transport;
        this.bufferPool = bufferPool;
        this.headParser = new ResponseHeadParser(limits, null);
        this.readBuffer = bufferPool.acquire();
        this.readBuffer.flip();
        registration.handler(this);
    }

    Route route() {
        return route;
    }

    ResponseHeadParser headParser() {
        return headParser;
    }

    /** Whether this connection carried an exchange before the newest one. */
    boolean isReused() {
        return exchanges > 1;
    }

    boolean isOpen() {
        return !closed && registration.isOpen();
    }

    /** Whether {@code exchange} is the one whose response is being read. */
    boolean isHead(Exchange exchange) {
        return pipeline.peekFirst() == exchange;
    }

    /**
     * Whether another exchange may be pipelined behind the ones in flight: the connection
     * completed a kept-alive exchange before, has fewer than {@code maxDepth} exchanges, and
     * its head is not paused.
     */
    boolean acceptsPipelined(int maxDepth) {
        Exchange head = pipeline.peekFirst();
        return isOpen() && keepAliveConfirmed && head != null && !head.isPaused() && pipeline.size() < maxDepth;
    }

    /** Hands the connection to {@code next}, which writes its request after those queued. */
    void start(Exchange next, ConnectionPool owner) {
        if (closed) {
            throw new IllegalStateException("connection closed: " + route);
        }
        pool = owner;
        boolean first = pipeline.isEmpty();
        if (first) {
            idle = false;
            owner.busy(this);
            registration.interestOps(SelectionKey.OP_READ);
        }
        pipeline.addLast(next);
        exchanges++;
        next.attached(this, first);
        writePending();
    }

    /** Marks the connection idle in its pool; called by the pool. */
    void parked() {
        idle = true;
        registration.interestOps(SelectionKey.OP_READ);
    }

    /**
     * The head exchange ended.
     *
     * @param reusable whether the response left the connection in a reusable state
     */
    void exchangeDone(Exchange done, boolean reusable) {
        if (pipeline.peekFirst() != done) {
            return;
        }
        pipeline.pollFirst();
        if (!reusable || !isOpen()) {
            close();
            return;
        }
        keepAliveConfirmed = true;
        Exchange next = pipeline.peekFirst();
        if (next != null) {
            // The next response may already sit in the read buffer; readAvailable carries on.
            next.promoted();
            return;
        }
        if (!readBuffer.hasRemaining() && !transport.hasPendingOutput()) {
            pool.release(this);
        } else {
            close();
        }
    }

    /** Writes queued requests in order until one does not fit in the socket. */
    void writePending() {
        for (Exchange exchange : new ArrayList<>(pipeline)) {
            if (closed) {
                return;
            }
            if (!exchange.requestWritten()) {
                exchange.writable();
                if (!exchange.requestWritten()) {
                    return;
                }
            }
        }
    }

    /**
     * Writes as much of {@code request} as the socket takes.
     *
     * @return true when the whole request has been written
     */
    boolean write(ByteBuffer request) throws IOException {
        while (request.hasRemaining()) {
            if (transport.write(request) == 0) {
                break;
            }
        }
        boolean done = !request.hasRemaining() && transport.flush();
        if (done) {
            registration.disable(SelectionKey.OP_WRITE);
        } else {
            registration.enable(SelectionKey.OP_WRITE);
        }
        return done;
    }

    /** Stops or restarts read interest (backpressure of the head exchange). */
    void readInterest(boolean wanted) {
        if (wanted) {
            registration.enable(SelectionKey.OP_READ);
        } else {
            registration.disable(SelectionKey.OP_READ);
        }
    }

    @Override
    public void ready(int readyOps) throws IOException {
        if (closed) {
            return;
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            writePending();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            readAvailable();
        }
    }

    /**
     * Feeds buffered and newly readable bytes to the head exchange until it pauses, the
     * pipeline empties, the socket has nothing more, or the per-event budget is spent.
     */
    void readAvailable() throws IOException {
        if (closed) {
            return;
        }
        if (pipeline.isEmpty()) {
            readWhileIdle();
            return;
        }
        reading = true;
        try {
            readIntoPipeline();
        } finally {
            reading = false;
            if (closed) {
                release();
            }
        }
    }

    private void readIntoPipeline() throws IOException {
        int budget = READ_BUDGET_PER_EVENT;
        Exchange head;
        while (!closed && (head = pipeline.peekFirst()) != null && head.wantsData()) {
            if (!readBuffer.hasRemaining()) {
                if (budget <= 0) {
                    return;
                }
                ByteBuffer lent = head.lendBodyBuffer();
                if (lent != null) {
                    int count = readInto(head, lent);
                    if (count <= 0) {
                        return;
                    }
                    budget -= count;
                    continue;
                }
                readBuffer.clear();
                int count;
                try {
                    count = transport.read(readBuffer);
                } finally {
                    readBuffer.flip();
                }
                if (count < 0) {
                    head.endOfStream();
                    return;
                }
                if (count == 0) {
                    return;
                }
                budget -= count;
                head.progressed();
            }
            head.received(readBuffer);
        }
    }

    /**
     * Reads straight into a buffer the head exchange lent and gives it back (also when
     * nothing or the end of the stream was read, or the read failed).
     */
    private int readInto(Exchange head, ByteBuffer lent) throws IOException {
        int start = lent.position();
        int count;
        try {
            count = transport.read(lent);
        } catch (IOException e) {
            lent.limit(lent.position()).position(start);
            head.receivedLent(lent);
            throw e;
        }
        lent.limit(lent.position()).position(start);
        if (count > 0) {
            head.progressed();
        }
        head.receivedLent(lent);
        if (count < 0) {
            head.endOfStream();
        }
        return count;
    }

    private void readWhileIdle() throws IOException {
        readBuffer.clear();
        int count;
        try {
            count = transport.read(readBuffer);
        } finally {
            readBuffer.flip();
        }
        if (count != 0) {
            LOG.debug("idle connection {} {}; closing it", route, count < 0 ? "closed by the server" : "got stray bytes");
            close();
        }
    }

    @Override
    public void closed(Throwable cause) {
        closed = true;
        release();
        forgetInPool();
        failPipeline(cause instanceof IOException ? (IOException) cause
                : new IOException("connection handler failed: " + cause, cause));
    }

    /**
     * Closes the socket. Exchanges still queued behind the one that asked are failed so that
     * their chains can retry them elsewhere.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        transport.close();
        registration.close();
        release();
        forgetInPool();
        failPipeline(new IOException("an earlier exchange on the connection ended it"));
    }

    private void failPipeline(IOException cause) {
        List<Exchange> queued = new ArrayList<>(pipeline);
        pipeline.clear();
        for (Exchange exchange : queued) {
            exchange.connectionFailed(cause);
        }
    }

    private void forgetInPool() {
        if (pool != null) {
            pool.forget(this);
        }
    }

    /** Whether the connection waits in the pool with no exchange. */
    boolean isIdle() {
        return idle;
    }

    private void release() {
        if (readBuffer != null && !reading) {
            bufferPool.release(readBuffer);
            readBuffer = null;
        }
    }

    @Override
    public String toString() {
        return "connection to " + route;
    }
}
