package dev.arietta.http.internal;

import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.loop.ChannelHandler;
import dev.arietta.core.internal.loop.Registration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open HTTP/1.1 connection (plain, TLS, or through a proxy) and the exchange it is
 * carrying, if any. Loop-thread only.
 *
 * <p>Lifecycle: {@link ConnectionSetup} creates it ready to use; an {@link Exchange} is
 * {@linkplain #start started} on it; when the exchange ends the connection goes back to the
 * {@link ConnectionPool} (if the response allows reuse) where it waits with read interest,
 * so that a server closing it, or sending unsolicited bytes, closes it at once.
 *
 * <p>The read buffer is a 64 KiB pooled direct buffer ({@link BufferPool#LARGE_BUFFER_SIZE})
 * kept in read mode: bytes between position and limit are received but not yet consumed
 * (they stay there while the exchange is paused).
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
    private ByteBuffer readBuffer;
    private Exchange exchange;
    private ConnectionPool idleIn;
    private int exchanges;
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

    Registration registration() {
        return registration;
    }

    ResponseHeadParser headParser() {
        return headParser;
    }

    /** Whether this connection carried an exchange before the current one. */
    boolean isReused() {
        return exchanges > 1;
    }

    boolean isOpen() {
        return !closed && registration.isOpen();
    }

    /** Hands the connection to {@code next}, which then writes its request. */
    void start(Exchange next) {
        if (exchange != null || closed) {
            throw new IllegalStateException("connection busy or closed: " + route);
        }
        idleIn = null;
        exchange = next;
        exchanges++;
        registration.interestOps(SelectionKey.OP_READ);
        next.attached(this);
    }

    /** Parks the connection in {@code pool}; called by the pool. */
    void parkIn(ConnectionPool pool) {
        exchange = null;
        idleIn = pool;
        registration.interestOps(SelectionKey.OP_READ);
    }

    /**
     * The current exchange ended.
     *
     * @param reusable whether the response left the connection in a reusable state
     */
    void exchangeDone(Exchange done, boolean reusable, ConnectionPool pool) {
        if (exchange != done) {
            return;
        }
        exchange = null;
        if (reusable && isOpen() && !readBuffer.hasRemaining() && !transport.hasPendingOutput()) {
            pool.release(this);
        } else {
            close();
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

    /** Stops or restarts read interest (exchange backpressure). */
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
        if ((readyOps & SelectionKey.OP_WRITE) != 0 && exchange != null) {
            exchange.writable();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            readAvailable();
        }
    }

    /**
     * Feeds buffered and newly readable bytes to the exchange until it pauses, it ends, the
     * socket has nothing more, or the per-event budget is spent.
     */
    void readAvailable() throws IOException {
        if (closed) {
            return;
        }
        if (exchange == null) {
            readWhileIdle();
            return;
        }
        reading = true;
        try {
            readIntoExchange();
        } finally {
            reading = false;
            if (closed) {
                release();
            }
        }
    }

    private void readIntoExchange() throws IOException {
        int budget = READ_BUDGET_PER_EVENT;
        while (exchange != null && !closed && exchange.wantsData()) {
            if (!readBuffer.hasRemaining()) {
                if (budget <= 0) {
                    return;
                }
                readBuffer.clear();
                int count;
                try {
                    count = transport.read(readBuffer);
                } finally {
                    readBuffer.flip();
                }
                if (count < 0) {
                    exchange.endOfStream();
                    return;
                }
                if (count == 0) {
                    return;
                }
                budget -= count;
                exchange.progressed();
            }
            exchange.received(readBuffer);
        }
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
        if (idleIn != null) {
            idleIn.remove(this);
            idleIn = null;
        }
        Exchange current = exchange;
        exchange = null;
        if (current != null) {
            current.connectionFailed(cause instanceof IOException ? (IOException) cause
                    : new IOException("connection handler failed: " + cause, cause));
        }
    }

    /** Closes the socket; the current exchange, if any, is not told (it asked for this). */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        exchange = null;
        if (idleIn != null) {
            idleIn.remove(this);
            idleIn = null;
        }
        transport.close();
        registration.close();
        release();
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
