package dev.arietta.ftp.internal;

import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.loop.ChannelHandler;
import dev.arietta.core.internal.loop.Registration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The receiving side of one FTP data connection on the event loop, with backpressure: reading
 * stops while {@link #pause() paused}. Loop-thread only.
 *
 * <p>The read buffer comes from the client's {@link BufferPool} and goes back on {@link #close()};
 * the {@link Sink} sees it only during {@link Sink#dataBytes}.
 */
final class FtpDataConnection implements ChannelHandler {
    /** Reads per readiness event before yielding to other channels. */
    private static final int MAX_READS_PER_EVENT = 8;

    /** Hears the data; called on the loop thread. */
    interface Sink {
        /** Bytes from {@code content}'s position to its limit; the sink consumes them before returning. */
        void dataBytes(ByteBuffer content);

        /** End of stream: the server sent everything. The connection is closed already. */
        void dataEnded();

        /** The socket failed; the connection is closed already. */
        void dataFailed(IOException cause);
    }

    private final Registration registration;
    private final BufferPool bufferPool;
    private final Sink sink;
    private ByteBuffer buffer;
    /** Bytes that came with the connection (through a tunnel), delivered before any read. */
    private ByteBuffer early;
    private boolean reading;
    private boolean paused;
    private boolean closed;

    FtpDataConnection(Registration registration, BufferPool bufferPool, Sink sink, ByteBuffer early) {
        this.registration = registration;
        this.bufferPool = bufferPool;
        this.sink = sink;
        this.early = early.hasRemaining() ? early : null;
        registration.handler(this);
        registration.interestOps(0);
    }

    /** Starts reading (the server accepted RETR); data that arrived earlier is waiting in the socket. */
    void start() {
        reading = true;
        updateInterest();
    }

    void pause() {
        paused = true;
        updateInterest();
    }

    void resume() {
        paused = false;
        updateInterest();
    }

    private void updateInterest() {
        if (early != null && reading && !paused && !closed) {
            ByteBuffer first = early;
            early = null;
            sink.dataBytes(first);
        }
        if (!closed) {
            registration.interestOps(reading && !paused ? SelectionKey.OP_READ : 0);
        }
    }

    @Override
    public void ready(int readyOps) throws IOException {
        if (buffer == null) {
            buffer = bufferPool.acquire();
        }
        SocketChannel channel = (SocketChannel) registration.channel();
        for (int reads = 0; reads < MAX_READS_PER_EVENT && !closed && !paused; reads++) {
            buffer.clear();
            int count = channel.read(buffer);
            if (count == 0) {
                return;
            }
            if (count < 0) {
                close();
                sink.dataEnded();
                return;
            }
            buffer.flip();
            sink.dataBytes(buffer);
        }
    }

    @Override
    public void closed(Throwable cause) {
        boolean wasClosed = closed;
        close();
        if (!wasClosed) {
            sink.dataFailed(cause instanceof IOException ? (IOException) cause : new IOException(cause.toString(), cause));
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        registration.close();
        if (buffer != null) {
            bufferPool.release(buffer);
            buffer = null;
        }
    }
}
