package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.loop.Registration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The send side of a {@link DefaultPeerConnection}: encodes each message into the
 * {@link SendQueue}, flushes the queue once per loop turn with a gathering write, waits for
 * write readiness while the socket is full, tells the connection when the queue drains below
 * {@link PeerWireLimits#SEND_LOW_WATER_BYTES}, and meters the block bytes written (the upload
 * rate). Sending never checks protocol state: the connection decides what may be sent.
 * Loop thread only.
 */
final class PeerSender {

    private final DefaultPeerConnection connection;
    private final EventLoop loop;
    private final SendQueue queue;
    private final ByteBuffer scratch = ByteBuffer.allocate(32);
    private final Runnable flushTask = this::flushScheduled;

    private SocketChannel channel;
    private Registration registration;
    private RateMeter uploaded;
    private boolean otherMessageSent;
    private long lastSentNanos;
    private boolean flushPending;
    private boolean waitingForWritable;

    PeerSender(DefaultPeerConnection connection, EventLoop loop, PeerWireBuffers buffers) {
        this.connection = connection;
        this.loop = loop;
        this.queue = new SendQueue(buffers.sendPool());
    }

    /** The connected channel: sending may start. */
    void attach(Registration connected, long now) {
        this.registration = connected;
        this.channel = (SocketChannel) connected.channel();
        this.lastSentNanos = now;
    }

    /** Both handshakes are done: block bytes are metered from now. */
    void handshakeDone(long now) {
        uploaded = new RateMeter(now);
    }

    // ---- messages

    void handshake(Handshake handshake) {
        queue.appendControl(ByteBuffer.wrap(handshake.toByteArray()));
        sent();
    }

    void extensionHandshake(byte[] payload) {
        scratch.clear();
        MessageEncoder.extendedHeader(scratch, MessageId.EXTENSION_HANDSHAKE, payload.length);
        scratch.flip();
        queue.appendControl(scratch);
        queue.appendControl(ByteBuffer.wrap(payload));
        sent();
    }

    void keepAlive() {
        MessageEncoder.keepAlive(start());
        queueControl();
    }

    void choke() {
        MessageEncoder.choke(start());
        queueControl();
    }

    void unchoke() {
        MessageEncoder.unchoke(start());
        queueControl();
    }

    void interested(boolean interested) {
        MessageEncoder.interested(start(), interested);
        queueControl();
    }

    void haveAll() {
        MessageEncoder.haveAll(start());
        queueControl();
    }

    void haveNone() {
        MessageEncoder.haveNone(start());
        queueControl();
    }

    void bitfield(byte[] bits) {
        MessageEncoder.bitfieldHeader(start(), bits.length);
        queueControl();
        queue.appendControl(ByteBuffer.wrap(bits));
    }

    void have(int piece) {
        MessageEncoder.have(start(), piece);
        queueControl();
    }

    void request(int piece, int offset, int length) {
        MessageEncoder.request(start(), piece, offset, length);
        queueControl();
    }

    void cancel(int piece, int offset, int length) {
        MessageEncoder.cancel(start(), piece, offset, length);
        queueControl();
    }

    void reject(int piece, int offset, int length) {
        MessageEncoder.reject(start(), piece, offset, length);
        queueControl();
    }

    void allowedFast(int piece) {
        MessageEncoder.allowedFast(start(), piece);
        queueControl();
    }

    void suggest(int piece) {
        MessageEncoder.suggest(start(), piece);
        queueControl();
    }

    void port(int port) {
        MessageEncoder.port(start(), port);
        queueControl();
    }

    /** A BEP 10 message; {@code payload} is copied. */
    void extended(int extensionId, ByteBuffer payload) {
        MessageEncoder.extendedHeader(start(), extensionId, payload.remaining());
        queueControl();
        queue.appendControl(payload);
    }

    /** A PIECE message; {@code data} is copied. */
    void block(int piece, int offset, ByteBuffer data) {
        otherMessageSent = true;
        queue.appendBlock(piece, offset, data);
        sent();
    }

    /** Takes a queued block back (the peer cancelled it); false if it is no longer queued whole. */
    boolean removeBlock(int piece, int offset, int length) {
        return queue.removeBlock(piece, offset, length);
    }

    // ---- state

    /** Whether anything but the handshakes went out: the bitfield may no longer be sent. */
    boolean otherMessageSent() {
        return otherMessageSent;
    }

    long lastSentNanos() {
        return lastSentNanos;
    }

    int queuedBytes() {
        return queue.queuedBytes();
    }

    long uploadRate(long now) {
        return uploaded == null ? 0 : uploaded.rate(now);
    }

    long uploadedBytes() {
        return uploaded == null ? 0 : uploaded.total();
    }

    /** Drops everything queued (the connection closed). */
    void clear() {
        queue.clear();
    }

    // ---- flushing

    private ByteBuffer start() {
        scratch.clear();
        return scratch;
    }

    /** Queues the message in {@link #scratch}. */
    private void queueControl() {
        scratch.flip();
        queue.appendControl(scratch);
        otherMessageSent |= connection.isHandshakeDone();
        sent();
    }

    private void sent() {
        if (connection.isClosed()) {
            queue.clear();
            return;
        }
        lastSentNanos = loop.nanoTime();
        if (!flushPending && !waitingForWritable) {
            flushPending = true;
            loop.execute(flushTask);
        }
    }

    private void flushScheduled() {
        flushPending = false;
        if (!connection.isClosed()) {
            flush();
        }
    }

    /** Writes what the socket takes; waits for write readiness while something is left. */
    void flush() {
        int before = queue.queuedBytes();
        try {
            while (!queue.isEmpty()) {
                if (queue.writeTo(channel) == 0) {
                    break;
                }
            }
        } catch (IOException e) {
            connection.close(PeerCloseReason.REMOTE, "writing to " + connection.remoteAddress() + " failed: "
                    + e.getMessage());
            return;
        }
        long blockBytes = queue.takeWrittenBlockBytes();
        if (blockBytes > 0 && uploaded != null) {
            uploaded.add(blockBytes, loop.nanoTime());
        }
        boolean pending = !queue.isEmpty();
        if (pending != waitingForWritable) {
            waitingForWritable = pending;
            if (pending) {
                registration.enable(SelectionKey.OP_WRITE);
            } else {
                registration.disable(SelectionKey.OP_WRITE);
            }
        }
        if (connection.isHandshakeDone() && before >= PeerWireLimits.SEND_LOW_WATER_BYTES
                && queue.queuedBytes() < PeerWireLimits.SEND_LOW_WATER_BYTES) {
            connection.drained();
        }
    }
}
