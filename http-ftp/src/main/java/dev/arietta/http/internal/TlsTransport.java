package dev.arietta.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS over a non-blocking socket with an {@link SSLEngine}. Loop-thread only.
 *
 * <p>Buffers: one network-in and one network-out buffer of the session's packet size per
 * connection (about 16.7 KiB each), plus an application overflow buffer used only when the
 * caller's buffer is too small for a whole record. Delegated handshake tasks (certificate
 * checks) run inline on the loop: they take milliseconds, once per connection.
 */
final class TlsTransport implements Transport {

    /** What the handshake needs next. */
    enum HandshakeStep { DONE, NEED_READ, NEED_WRITE }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ByteBuffer networkIn;
    private final ByteBuffer networkOut;
    private final ByteBuffer applicationIn;
    private boolean inboundClosed;
    private boolean handshakeStarted;

    TlsTransport(SocketChannel channel, SSLEngine engine) {
        this.channel = channel;
        this.engine = engine;
        int packetSize = engine.getSession().getPacketBufferSize();
        this.networkIn = ByteBuffer.allocateDirect(packetSize);
        this.networkOut = ByteBuffer.allocateDirect(packetSize);
        this.applicationIn = ByteBuffer.allocateDirect(engine.getSession().getApplicationBufferSize());
        this.networkOut.flip();
        this.applicationIn.flip();
    }

    /** The negotiated protocol, e.g. {@code TLSv1.3}. */
    String protocol() {
        return engine.getSession().getProtocol();
    }

    /**
     * Advances the handshake as far as the socket allows.
     *
     * @throws SSLException when the peer is refused or the handshake fails
     */
    HandshakeStep handshake() throws IOException {
        if (!handshakeStarted) {
            // Until this call the engine reports NOT_HANDSHAKING, which reads as "done".
            handshakeStarted = true;
            engine.beginHandshake();
        }
        while (true) {
            if (!flush()) {
                return HandshakeStep.NEED_WRITE;
            }
            SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_WRAP:
                    wrap(EMPTY);
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    if (!unwrapHandshake()) {
                        return HandshakeStep.NEED_READ;
                    }
                    break;
                case NEED_TASK:
                    runTasks();
                    break;
                default:
                    return flush() ? HandshakeStep.DONE : HandshakeStep.NEED_WRITE;
            }
        }
    }

    /** One unwrap during the handshake; false when the socket has nothing to give. */
    private boolean unwrapHandshake() throws IOException {
        networkIn.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(networkIn, applicationIn.compact());
        } finally {
            applicationIn.flip();
            networkIn.compact();
        }
        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new SSLHandshakeException("server closed the TLS session during the handshake");
        }
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0
                && result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
            int count = channel.read(networkIn);
            if (count < 0) {
                engine.closeOutbound();
                throw new SSLHandshakeException("connection closed during the TLS handshake");
            }
            return count > 0;
        }
        return true;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Encrypts from {@code source} into the network-out buffer. */
    private SSLEngineResult wrap(ByteBuffer source) throws IOException {
        networkOut.compact();
        SSLEngineResult result;
        try {
            result = engine.wrap(source, networkOut);
        } finally {
            networkOut.flip();
        }
        if (result.getStatus() == SSLEngineResult.Status.CLOSED && source.hasRemaining()) {
            throw new SSLException("TLS session closed");
        }
        return result;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        int total = drainApplication(destination);
        if (total > 0 || !destination.hasRemaining()) {
            return total;
        }
        if (inboundClosed) {
            return -1;
        }
        while (true) {
            networkIn.flip();
            // Unwrap straight into the caller's buffer when a whole record fits: saves a copy.
            boolean direct = destination.remaining() >= applicationIn.capacity();
            ByteBuffer target = direct ? destination : applicationIn.compact();
            SSLEngineResult result;
            try {
                result = engine.unwrap(networkIn, target);
            } finally {
                networkIn.compact();
                if (!direct) {
                    applicationIn.flip();
                }
            }
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                // Post-handshake messages (TLS 1.3 key update) may need an answer.
                wrap(EMPTY);
                flush();
            }
            int produced = direct ? result.bytesProduced() : drainApplication(destination);
            switch (result.getStatus()) {
                case OK:
                    if (produced > 0) {
                        return produced;
                    }
                    break;
                case CLOSED:
                    inboundClosed = true;
                    return produced > 0 ? produced : -1;
                case BUFFER_UNDERFLOW:
                    if (produced > 0) {
                        return produced;
                    }
                    int count = channel.read(networkIn);
                    if (count < 0) {
                        inboundClosed = true;
                        // A peer that closes without close_notify: HTTP framing still detects truncation.
                        return -1;
                    }
                    if (count == 0) {
                        return 0;
                    }
                    break;
                default:
                    throw new SSLException("TLS record larger than the application buffer");
            }
        }
    }

    private int drainApplication(ByteBuffer destination) {
        int count = Math.min(applicationIn.remaining(), destination.remaining());
        if (count == 0) {
            return 0;
        }
        int limit = applicationIn.limit();
        applicationIn.limit(applicationIn.position() + count);
        destination.put(applicationIn);
        applicationIn.limit(limit);
        return count;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        int accepted = 0;
        while (source.hasRemaining()) {
            if (!flush()) {
                break;
            }
            SSLEngineResult result = wrap(source);
            accepted += result.bytesConsumed();
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                throw new SSLException("TLS engine accepts no data (" + result.getStatus() + ", "
                        + result.getHandshakeStatus() + ")");
            }
        }
        flush();
        return accepted;
    }

    @Override
    public boolean hasPendingOutput() {
        return networkOut.hasRemaining();
    }

    @Override
    public boolean flush() throws IOException {
        while (networkOut.hasRemaining()) {
            if (channel.write(networkOut) == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            engine.closeOutbound();
            if (channel.isOpen() && channel.isConnected()) {
                wrap(EMPTY);
                flush();
            }
        } catch (IOException ignored) {
            // close_notify is a courtesy; the socket closes regardless.
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Gone either way.
            }
        }
    }
}
