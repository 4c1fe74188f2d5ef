package dev.arietta.bittorrent.internal.wire;

import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.ChannelHandler;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.loop.EventLoopClosedException;
import dev.arietta.core.internal.loop.Registration;
import dev.arietta.core.internal.piece.Bitfield;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PeerConnection} over a non-blocking {@link SocketChannel} on the session's
 * {@link EventLoop}.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>Created by {@link PeerConnector} (outgoing, torrent known) or {@link PeerAcceptor}
 *       (incoming, torrent found from the handshake's info-hash), then {@link #attach}ed to
 *       its connected channel; the handshake timer ({@link PeerWireLimits#HANDSHAKE_TIMEOUT_NANOS})
 *       starts.</li>
 *   <li>Handshakes: outgoing sends ours at once; incoming answers after reading the peer's
 *       info-hash. Another info-hash, our own peer id coming back (self-connection) or a
 *       malformed handshake close the connection.</li>
 *   <li>Both handshakes done: our BEP 10 handshake follows when both sides set the bit, then
 *       {@link PeerListener#onHandshake}, where the swarm sends its bitfield.</li>
 *   <li>Messages flow; a one-second tick sends keep-alives after
 *       {@link PeerWireLimits#KEEP_ALIVE_INTERVAL_NANOS} of our silence, closes after
 *       {@link PeerWireLimits#INACTIVITY_TIMEOUT_NANOS} of the peer's, times out requests and
 *       marks the peer snubbed.</li>
 *   <li>{@link #close} (ours, the peer's, or a violation): outstanding requests fail with
 *       {@link RequestFailure#CLOSED}, then {@link PeerListener#onClosed}, once.</li>
 * </ol>
 *
 * <p>Reads borrow a buffer from {@link PeerWireBuffers#readPool()} for the duration of one read;
 * received blocks are handed to the listener in place. Sends go to a {@link SendQueue} flushed
 * once per loop turn with a gathering write. Every timer runs on the loop's clock, so tests can
 * drive them. Loop thread only; not thread-safe. Once closed, sends are ignored and
 * {@link #requestCapacity()} is 0.
 */
public final class DefaultPeerConnection implements PeerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultPeerConnection.class);

    /** Reads per readiness event before yielding to other channels. */
    private static final int MAX_READS_PER_EVENT = 8;

    private final EventLoop loop;
    private final PeerWireBuffers buffers;
    private final InetSocketAddress remote;
    private final boolean incoming;
    private final Function<InfoHash, Optional<TorrentEndpoint>> router;
    private final Runnable handshakeEnded;
    private final SendQueue sendQueue;
    private final ByteBuffer scratch = ByteBuffer.allocate(32);
    private final Handler handler = new Handler();
    private final Messages messages = new Messages();
    private final Runnable flushTask = this::flushScheduled;
    private final Runnable tickTask = this::tick;

    private Registration registration;
    private Cancellable connectAttempt;
    private SocketChannel channel;
    private HandshakeParams params;
    private PeerListener listener;

    private final byte[] handshakeBytes = new byte[Handshake.LENGTH];
    private int handshakeFilled;
    private boolean handshakeDone;
    private Cancellable handshakeTimer;
    private PeerId peerId;
    private boolean fast;
    private boolean extended;
    private Optional<ExtensionHandshake> remoteExtensions = Optional.empty();
    private MessageDecoder decoder;

    private boolean amChoking = true;
    private boolean amInterested;
    private boolean peerChoking = true;
    private boolean peerInterested;
    private boolean bitfieldSent;
    private boolean otherMessageSent;
    private boolean bitfieldReceived;
    private Bitfield allowedFastReceived;
    private Bitfield allowedFastSent;

    private RequestPipeline pipeline;
    private final BlockList incomingRequests = new BlockList(32);
    private RateMeter uploaded;

    private long lastReceivedNanos;
    private long lastSentNanos;
    private Cancellable tickTimer;
    private boolean flushPending;
    private boolean waitingForWritable;
    private boolean closed;

    private DefaultPeerConnection(EventLoop loop, PeerWireBuffers buffers, InetSocketAddress remote, boolean incoming,
            HandshakeParams params, PeerListener listener, Function<InfoHash, Optional<TorrentEndpoint>> router,
            Runnable handshakeEnded) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.buffers = Objects.requireNonNull(buffers, "buffers");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.incoming = incoming;
        this.params = params;
        this.listener = listener;
        this.router = router;
        this.handshakeEnded = handshakeEnded;
        this.sendQueue = new SendQueue(buffers.sendPool());
    }

    /** An outgoing connection to {@code remote} for the torrent {@code params} describes; {@link #attach} once connected. */
    static DefaultPeerConnection outgoing(EventLoop loop, PeerWireBuffers buffers, InetSocketAddress remote,
            HandshakeParams params, PeerListener listener) {
        return new DefaultPeerConnection(loop, buffers, remote, false, Objects.requireNonNull(params, "params"),
                Objects.requireNonNull(listener, "listener"), null, () -> { });
    }

    /**
     * An incoming connection whose torrent {@code router} finds from the handshake's info-hash.
     *
     * @param handshakeEnded called once when the handshake completes or the connection closes before
     */
    static DefaultPeerConnection incoming(EventLoop loop, PeerWireBuffers buffers, InetSocketAddress remote,
            Function<InfoHash, Optional<TorrentEndpoint>> router, Runnable handshakeEnded) {
        return new DefaultPeerConnection(loop, buffers, remote, true, null, null,
                Objects.requireNonNull(router, "router"), Objects.requireNonNull(handshakeEnded, "handshakeEnded"));
    }

    /**
     * Takes over a connected channel: starts the handshake timer and reading, and sends our
     * handshake when the torrent is known.
     */
    void attach(Registration connected) {
        if (closed) {
            connected.close();
            return;
        }
        this.registration = connected;
        this.channel = (SocketChannel) connected.channel();
        connected.handler(handler);
        long now = loop.nanoTime();
        lastReceivedNanos = now;
        lastSentNanos = now;
        handshakeTimer = loop.schedule(PeerWireLimits.HANDSHAKE_TIMEOUT_NANOS, this::handshakeTimedOut);
        if (!incoming) {
            sendHandshake();
        }
        connected.interestOps(SelectionKey.OP_READ);
    }

    /** The pending TCP connect, called off if the connection is closed before it completes. */
    void connecting(Cancellable attempt) {
        this.connectAttempt = attempt;
    }

    /** The TCP connection could not be made. */
    void connectFailed(IOException cause) {
        close(PeerCloseReason.NETWORK_ERROR, "connecting to " + remote + " failed: " + cause.getMessage());
    }

    // ---- PeerConnection

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean isIncoming() {
        return incoming;
    }

    /** @throws IllegalStateException before the peer's handshake arrived */
    @Override
    public PeerId peerId() {
        if (peerId == null) {
            throw new IllegalStateException("no handshake from " + remote + " yet");
        }
        return peerId;
    }

    /** Whether both handshakes are done. */
    public boolean isHandshakeDone() {
        return handshakeDone;
    }

    @Override
    public boolean fastExtension() {
        return fast;
    }

    @Override
    public boolean extensionProtocol() {
        return extended;
    }

    @Override
    public Optional<ExtensionHandshake> remoteExtensions() {
        return remoteExtensions;
    }

    @Override
    public boolean amChoking() {
        return amChoking;
    }

    @Override
    public boolean amInterested() {
        return amInterested;
    }

    @Override
    public boolean peerChoking() {
        return peerChoking;
    }

    @Override
    public boolean peerInterested() {
        return peerInterested;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Without the fast extension every queued request from the peer is dropped (the peer
     * knows they are void); with it, each one that is not allowed-fast is rejected. A later
     * {@link #sendBlock} for a dropped request is ignored.
     */
    @Override
    public void choke() {
        if (!usable() || amChoking) {
            return;
        }
        amChoking = true;
        scratch.clear();
        MessageEncoder.choke(scratch);
        queueControl();
        for (int i = incomingRequests.size() - 1; i >= 0; i--) {
            int piece = incomingRequests.piece(i);
            if (fast && allowedFastSent != null && allowedFastSent.get(piece)) {
                continue;
            }
            if (fast) {
                scratch.clear();
                MessageEncoder.reject(scratch, piece, incomingRequests.offset(i), incomingRequests.length(i));
                queueControl();
            }
            incomingRequests.remove(i);
        }
    }

    @Override
    public void unchoke() {
        if (!usable() || !amChoking) {
            return;
        }
        amChoking = false;
        scratch.clear();
        MessageEncoder.unchoke(scratch);
        queueControl();
    }

    @Override
    public void setInterested(boolean interested) {
        if (!usable() || amInterested == interested) {
            return;
        }
        amInterested = interested;
        scratch.clear();
        MessageEncoder.interested(scratch, interested);
        queueControl();
    }

    /** {@inheritDoc} Without the fast extension an empty set sends nothing (BEP 3 allows omitting it). */
    @Override
    public void sendBitfield(Bitfield pieces) {
        if (!usable()) {
            return;
        }
        if (bitfieldSent || otherMessageSent) {
            throw new IllegalStateException("the bitfield goes first and only once");
        }
        if (pieces.size() != params.pieceCount()) {
            throw new IllegalArgumentException("bitfield of " + pieces.size() + " pieces for a torrent of "
                    + params.pieceCount());
        }
        bitfieldSent = true;
        scratch.clear();
        if (fast && pieces.isFull()) {
            MessageEncoder.haveAll(scratch);
        } else if (fast && pieces.isEmpty()) {
            MessageEncoder.haveNone(scratch);
        } else if (pieces.isEmpty()) {
            return;
        } else {
            byte[] bits = pieces.toByteArray();
            MessageEncoder.bitfieldHeader(scratch, bits.length);
            queueControl();
            sendQueue.appendControl(ByteBuffer.wrap(bits));
            return;
        }
        queueControl();
    }

    @Override
    public void sendHave(int piece) {
        if (!usable()) {
            return;
        }
        checkPiece(piece);
        scratch.clear();
        MessageEncoder.have(scratch, piece);
        queueControl();
    }

    @Override
    public int requestCapacity() {
        if (!handshakeDone || closed) {
            return 0;
        }
        if (peerChoking && allowedFastReceived == null) {
            return 0;
        }
        return pipeline.capacity(loop.nanoTime());
    }

    @Override
    public int outstandingRequests() {
        return pipeline == null ? 0 : pipeline.outstandingCount();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the block is outside the torrent, longer than
     *                                  {@link PeerWireLimits#MAX_REQUEST_LENGTH} or already outstanding
     * @throws IllegalStateException    while the peer chokes us and the piece is not allowed-fast
     */
    @Override
    public void request(int piece, int offset, int length) {
        if (!usable()) {
            return;
        }
        checkBlock(piece, offset, length);
        if (peerChoking && (allowedFastReceived == null || !allowedFastReceived.get(piece))) {
            throw new IllegalStateException("request for piece " + piece + " while " + remote + " chokes us");
        }
        if (pipeline.isOutstanding(piece, offset)) {
            throw new IllegalArgumentException("piece " + piece + " offset " + offset + " is already requested");
        }
        pipeline.add(piece, offset, length, loop.nanoTime());
        scratch.clear();
        MessageEncoder.request(scratch, piece, offset, length);
        queueControl();
    }

    /** {@inheritDoc} The failure is reported before this method returns. */
    @Override
    public void cancel(int piece, int offset, int length) {
        if (!usable() || !pipeline.fail(piece, offset, length)) {
            return;
        }
        scratch.clear();
        MessageEncoder.cancel(scratch, piece, offset, length);
        queueControl();
        listener.onRequestFailed(this, piece, offset, length, RequestFailure.CANCELLED);
    }

    /** {@inheritDoc} A block the peer no longer requests (cancelled, voided by our choke) is ignored. */
    @Override
    public void sendBlock(int piece, int offset, ByteBuffer data) {
        if (!usable()) {
            return;
        }
        int index = incomingRequests.indexOf(piece, offset, data.remaining());
        if (index < 0) {
            return;
        }
        incomingRequests.remove(index);
        otherMessageSent = true;
        sendQueue.appendBlock(piece, offset, data);
        sent();
    }

    @Override
    public void reject(int piece, int offset, int length) {
        if (!usable()) {
            return;
        }
        int index = incomingRequests.indexOf(piece, offset, length);
        if (index >= 0) {
            incomingRequests.remove(index);
        }
        if (!fast) {
            return;
        }
        scratch.clear();
        MessageEncoder.reject(scratch, piece, offset, length);
        queueControl();
    }

    @Override
    public void sendAllowedFast(int piece) {
        if (!usable()) {
            return;
        }
        checkFast("allowed fast");
        checkPiece(piece);
        if (allowedFastSent == null) {
            allowedFastSent = new Bitfield(params.pieceCount());
        }
        allowedFastSent.set(piece);
        scratch.clear();
        MessageEncoder.allowedFast(scratch, piece);
        queueControl();
    }

    @Override
    public void sendSuggest(int piece) {
        if (!usable()) {
            return;
        }
        checkFast("suggest");
        checkPiece(piece);
        scratch.clear();
        MessageEncoder.suggest(scratch, piece);
        queueControl();
    }

    @Override
    public void sendExtended(int extensionId, ByteBuffer payload) {
        if (!usable()) {
            return;
        }
        if (!extended) {
            throw new IllegalStateException("the peer does not speak the extension protocol");
        }
        if (extensionId < 1 || extensionId > 255) {
            throw new IllegalArgumentException("extension id " + extensionId + " is not 1-255");
        }
        scratch.clear();
        MessageEncoder.extendedHeader(scratch, extensionId, payload.remaining());
        queueControl();
        sendQueue.appendControl(payload);
    }

    /** Sends a BEP 5 port message: our DHT port. */
    public void sendPort(int port) {
        if (!usable()) {
            return;
        }
        scratch.clear();
        MessageEncoder.port(scratch, port);
        queueControl();
    }

    @Override
    public long downloadRate() {
        return pipeline == null ? 0 : pipeline.downloadRate(loop.nanoTime());
    }

    @Override
    public long uploadRate() {
        return uploaded == null ? 0 : uploaded.rate(loop.nanoTime());
    }

    @Override
    public long downloadedBytes() {
        return pipeline == null ? 0 : pipeline.downloadedBytes();
    }

    @Override
    public long uploadedBytes() {
        return uploaded == null ? 0 : uploaded.total();
    }

    @Override
    public boolean isSnubbed() {
        return pipeline != null && pipeline.isSnubbed();
    }

    @Override
    public int queuedSendBytes() {
        return sendQueue.queuedBytes();
    }

    /** Requests from the peer passed to the swarm and not yet served, cancelled or rejected. */
    public int incomingRequests() {
        return incomingRequests.size();
    }

    @Override
    public void close(PeerCloseReason reason) {
        close(reason, "closed locally");
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "peer " + remote + (peerId != null ? " " + peerId : "") + (incoming ? " (incoming)" : "");
    }

    // ---- internals

    /** False once closed (sends are then ignored); throws before the handshake. */
    private boolean usable() {
        if (closed) {
            return false;
        }
        if (!handshakeDone) {
            throw new IllegalStateException("handshake with " + remote + " not done");
        }
        return true;
    }

    private void checkFast(String message) {
        if (!fast) {
            throw new IllegalStateException(message + " needs the fast extension");
        }
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= params.pieceCount()) {
            throw new IllegalArgumentException("piece " + piece + " out of range 0-" + (params.pieceCount() - 1));
        }
    }

    private void checkBlock(int piece, int offset, int length) {
        checkPiece(piece);
        long pieceSize = piece == params.pieceCount() - 1
                ? params.totalLength() - (long) params.pieceLength() * (params.pieceCount() - 1)
                : params.pieceLength();
        if (offset < 0 || length <= 0 || length > PeerWireLimits.MAX_REQUEST_LENGTH || (long) offset + length > pieceSize) {
            throw new IllegalArgumentException("block piece " + piece + " offset " + offset + " length " + length
                    + " is not within the " + pieceSize + "-byte piece");
        }
    }

    /** Queues the message in {@link #scratch}. */
    private void queueControl() {
        scratch.flip();
        sendQueue.appendControl(scratch);
        otherMessageSent |= handshakeDone;
        sent();
    }

    private void sent() {
        if (closed) {
            sendQueue.clear();
            return;
        }
        lastSentNanos = loop.nanoTime();
        if (!flushPending && !waitingForWritable) {
            flushPending = true;
            loop.execute(flushTask);
        }
    }

    private void sendHandshake() {
        byte[] reserved = Handshake.reservedWith(true, true, false);
        ByteBuffer bytes = ByteBuffer.wrap(new Handshake(reserved, params.infoHash(), params.localPeerId()).toByteArray());
        sendQueue.appendControl(bytes);
        sent();
    }

    private void flushScheduled() {
        flushPending = false;
        if (!closed) {
            flush();
        }
    }

    private void flush() {
        int before = sendQueue.queuedBytes();
        try {
            while (!sendQueue.isEmpty()) {
                if (sendQueue.writeTo(channel) == 0) {
                    break;
                }
            }
        } catch (IOException e) {
            close(PeerCloseReason.REMOTE, "writing to " + remote + " failed: " + e.getMessage());
            return;
        }
        long blockBytes = sendQueue.takeWrittenBlockBytes();
        if (blockBytes > 0 && uploaded != null) {
            uploaded.add(blockBytes, loop.nanoTime());
        }
        boolean pending = !sendQueue.isEmpty();
        if (pending != waitingForWritable) {
            waitingForWritable = pending;
            if (pending) {
                registration.enable(SelectionKey.OP_WRITE);
            } else {
                registration.disable(SelectionKey.OP_WRITE);
            }
        }
        if (handshakeDone && before >= PeerWireLimits.SEND_LOW_WATER_BYTES
                && sendQueue.queuedBytes() < PeerWireLimits.SEND_LOW_WATER_BYTES) {
            try {
                listener.onWritable(this);
            } catch (RuntimeException e) {
                listenerFailed(e);
            }
        }
    }

    private void readable() {
        ByteBuffer buffer = buffers.readPool().acquire();
        try {
            for (int reads = 0; reads < MAX_READS_PER_EVENT && !closed; reads++) {
                int read = channel.read(buffer);
                if (read < 0) {
                    close(PeerCloseReason.REMOTE, "connection closed by the peer");
                    return;
                }
                if (read == 0) {
                    return;
                }
                lastReceivedNanos = loop.nanoTime();
                buffer.flip();
                consume(buffer);
                boolean full = buffer.limit() == buffer.capacity();
                buffer.clear();
                if (!full) {
                    return;
                }
            }
        } catch (PeerProtocolException e) {
            close(e.reason(), e.getMessage());
        } catch (IOException e) {
            close(PeerCloseReason.REMOTE, "reading from " + remote + " failed: " + e.getMessage());
        } catch (RuntimeException e) {
            listenerFailed(e);
        } finally {
            buffers.readPool().release(buffer);
        }
    }

    private void consume(ByteBuffer buffer) throws PeerProtocolException {
        if (!handshakeDone) {
            readHandshake(buffer);
            if (!handshakeDone || closed) {
                return;
            }
        }
        decoder.decode(buffer, messages);
    }

    private void readHandshake(ByteBuffer buffer) throws PeerProtocolException {
        while (buffer.hasRemaining() && !handshakeDone && !closed) {
            int target = incoming && params == null ? Handshake.INFO_HASH_END : Handshake.LENGTH;
            int count = Math.min(target - handshakeFilled, buffer.remaining());
            buffer.get(handshakeBytes, handshakeFilled, count);
            handshakeFilled += count;
            if (handshakeFilled < target) {
                return;
            }
            if (target == Handshake.INFO_HASH_END) {
                routeIncoming();
            } else {
                handshakeReceived();
            }
        }
    }

    private void routeIncoming() throws PeerProtocolException {
        Handshake.checkProtocol(handshakeBytes);
        InfoHash infoHash = Handshake.infoHashOf(handshakeBytes);
        Optional<TorrentEndpoint> endpoint = router.apply(infoHash);
        if (endpoint.isEmpty()) {
            throw new PeerProtocolException(PeerCloseReason.HANDSHAKE_FAILED, "no torrent with info-hash " + infoHash);
        }
        params = endpoint.get().params();
        listener = endpoint.get().listener();
        sendHandshake();
    }

    private void handshakeReceived() throws PeerProtocolException {
        Handshake handshake = Handshake.decode(handshakeBytes);
        if (!handshake.infoHash().equals(params.infoHash())) {
            throw new PeerProtocolException(PeerCloseReason.HANDSHAKE_FAILED, "handshake for info-hash "
                    + handshake.infoHash() + ", expected " + params.infoHash());
        }
        peerId = handshake.peerId();
        if (peerId.equals(params.localPeerId())) {
            throw new PeerProtocolException(PeerCloseReason.SELF_CONNECTION, "connected to ourselves (peer id "
                    + peerId + ")");
        }
        fast = handshake.fastExtension();
        extended = handshake.extensionProtocol();
        handshakeDone = true;
        handshakeTimer.cancel();
        handshakeEnded.run();
        long now = loop.nanoTime();
        pipeline = new RequestPipeline(now);
        uploaded = new RateMeter(now);
        decoder = MessageDecoder.forTorrent(params, buffers.readPool());
        decoder.fastExtension(fast);
        decoder.extensionProtocol(extended);
        if (extended) {
            sendExtensionHandshake();
        }
        tickTimer = loop.schedule(PeerWireLimits.TICK_INTERVAL_NANOS, tickTask);
        if (!listener.onHandshake(this) && !closed) {
            close(PeerCloseReason.LOCAL, "refused by the swarm");
        }
    }

    private void sendExtensionHandshake() {
        ExtensionHandshake local = params.localExtensions();
        ExtensionHandshake ours = new ExtensionHandshake(local.messageIds(), local.client(),
                local.requestQueue().isPresent() ? local.requestQueue()
                        : OptionalInt.of(PeerWireLimits.MAX_INCOMING_REQUESTS),
                local.yourIp().isPresent() ? local.yourIp() : Optional.ofNullable(remote.getAddress()),
                local.listenPort(), local.metadataSize());
        byte[] payload = ExtensionHandshakeCodec.encode(ours);
        scratch.clear();
        MessageEncoder.extendedHeader(scratch, MessageId.EXTENSION_HANDSHAKE, payload.length);
        scratch.flip();
        sendQueue.appendControl(scratch);
        sendQueue.appendControl(ByteBuffer.wrap(payload));
        sent();
    }

    private void handshakeTimedOut() {
        if (!handshakeDone && !closed) {
            close(PeerCloseReason.HANDSHAKE_FAILED, "handshake not completed within "
                    + PeerWireLimits.HANDSHAKE_TIMEOUT_NANOS / 1_000_000_000L + " s");
        }
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            long now = loop.nanoTime();
            if (now - lastReceivedNanos >= PeerWireLimits.INACTIVITY_TIMEOUT_NANOS) {
                close(PeerCloseReason.TIMEOUT, "nothing received for "
                        + (now - lastReceivedNanos) / 1_000_000_000L + " s");
                return;
            }
            // Snubbing looks at the outstanding requests before the timeouts below move them away.
            pipeline.checkSnub(now);
            int index;
            while (!closed && (index = pipeline.timedOut(now)) >= 0) {
                BlockList outstanding = pipeline.outstanding();
                int piece = outstanding.piece(index);
                int offset = outstanding.offset(index);
                int length = outstanding.length(index);
                pipeline.moveToLate(index);
                listener.onRequestFailed(this, piece, offset, length, RequestFailure.TIMED_OUT);
            }
            if (!closed && now - lastSentNanos >= PeerWireLimits.KEEP_ALIVE_INTERVAL_NANOS) {
                scratch.clear();
                MessageEncoder.keepAlive(scratch);
                queueControl();
            }
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
        if (!closed) {
            tickTimer = loop.schedule(PeerWireLimits.TICK_INTERVAL_NANOS, tickTask);
        }
    }

    private void listenerFailed(RuntimeException failure) {
        LOG.warn("{}: closing after a failure in its handling", this, failure);
        close(PeerCloseReason.LOCAL, "listener failed: " + failure);
    }

    /** Closes with a detail for {@link PeerListener#onClosed}. Idempotent. */
    public void close(PeerCloseReason reason, String detail) {
        if (closed) {
            return;
        }
        closed = true;
        LOG.debug("{}: closing, {}: {}", this, reason, detail);
        if (connectAttempt != null) {
            connectAttempt.cancel();
        }
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        if (tickTimer != null) {
            tickTimer.cancel();
        }
        if (decoder != null) {
            decoder.close();
        }
        if (registration != null) {
            registration.close();
        }
        sendQueue.clear();
        if (!handshakeDone) {
            handshakeEnded.run();
        }
        if (listener == null) {
            return;
        }
        try {
            if (pipeline != null) {
                BlockList outstanding = pipeline.outstanding();
                while (!outstanding.isEmpty()) {
                    int piece = outstanding.piece(0);
                    int offset = outstanding.offset(0);
                    int length = outstanding.length(0);
                    outstanding.remove(0);
                    listener.onRequestFailed(this, piece, offset, length, RequestFailure.CLOSED);
                }
            }
            listener.onClosed(this, reason, detail);
        } catch (RuntimeException e) {
            LOG.warn("{}: listener failed while closing", this, e);
        }
    }

    /** Readiness events from the loop. */
    private final class Handler implements ChannelHandler {
        @Override
        public void ready(int readyOps) {
            if ((readyOps & SelectionKey.OP_READ) != 0 && !closed) {
                readable();
            }
            if ((readyOps & SelectionKey.OP_WRITE) != 0 && !closed) {
                flush();
            }
        }

        @Override
        public void closed(Throwable cause) {
            close(cause instanceof EventLoopClosedException ? PeerCloseReason.LOCAL : PeerCloseReason.REMOTE,
                    String.valueOf(cause.getMessage()));
        }

        @Override
        public String toString() {
            return DefaultPeerConnection.this.toString();
        }
    }

    /** Validated messages from the decoder, checked against our state and passed to the listener. */
    private final class Messages implements PeerMessageHandler {

        @Override
        public void onKeepAlive() {
            // Receiving anything already counted as activity.
        }

        @Override
        public void onChoke() {
            if (peerChoking) {
                return;
            }
            peerChoking = true;
            if (!fast) {
                BlockList outstanding = pipeline.outstanding();
                while (!closed && !outstanding.isEmpty()) {
                    int piece = outstanding.piece(0);
                    int offset = outstanding.offset(0);
                    int length = outstanding.length(0);
                    pipeline.moveToLate(0);
                    listener.onRequestFailed(DefaultPeerConnection.this, piece, offset, length, RequestFailure.CHOKED);
                }
            }
            if (!closed) {
                listener.onChokeChanged(DefaultPeerConnection.this, true);
            }
        }

        @Override
        public void onUnchoke() {
            if (!peerChoking) {
                return;
            }
            peerChoking = false;
            listener.onChokeChanged(DefaultPeerConnection.this, false);
        }

        @Override
        public void onInterested() {
            if (!peerInterested) {
                peerInterested = true;
                listener.onInterestChanged(DefaultPeerConnection.this, true);
            }
        }

        @Override
        public void onNotInterested() {
            if (peerInterested) {
                peerInterested = false;
                listener.onInterestChanged(DefaultPeerConnection.this, false);
            }
        }

        @Override
        public void onHave(int piece) {
            listener.onHave(DefaultPeerConnection.this, piece);
        }

        @Override
        public void onBitfield(Bitfield pieces) throws PeerProtocolException {
            firstBitfield("bitfield");
            listener.onBitfield(DefaultPeerConnection.this, pieces);
        }

        @Override
        public void onHaveAll() throws PeerProtocolException {
            firstBitfield("have all");
            Bitfield pieces = new Bitfield(params.pieceCount());
            pieces.setAll();
            listener.onBitfield(DefaultPeerConnection.this, pieces);
        }

        @Override
        public void onHaveNone() throws PeerProtocolException {
            firstBitfield("have none");
            listener.onBitfield(DefaultPeerConnection.this, new Bitfield(params.pieceCount()));
        }

        private void firstBitfield(String name) throws PeerProtocolException {
            if (bitfieldReceived) {
                throw new PeerProtocolException(name + " after the peer's pieces were already announced");
            }
            bitfieldReceived = true;
        }

        @Override
        public void onRequest(int piece, int offset, int length) throws PeerProtocolException {
            if (amChoking && !(fast && allowedFastSent != null && allowedFastSent.get(piece))) {
                if (fast) {
                    scratch.clear();
                    MessageEncoder.reject(scratch, piece, offset, length);
                    queueControl();
                }
                return;
            }
            if (incomingRequests.indexOf(piece, offset, length) >= 0) {
                return;
            }
            if (incomingRequests.size() >= PeerWireLimits.MAX_INCOMING_REQUESTS) {
                throw new PeerProtocolException("request piece " + piece + " offset " + offset + " length " + length
                        + ": more than " + PeerWireLimits.MAX_INCOMING_REQUESTS + " requests outstanding");
            }
            incomingRequests.add(piece, offset, length, loop.nanoTime());
            listener.onRequest(DefaultPeerConnection.this, piece, offset, length);
        }

        @Override
        public void onPiece(int piece, int offset, ByteBuffer data) throws PeerProtocolException {
            pipeline.arrive(piece, offset, data.remaining(), loop.nanoTime());
            listener.onBlock(DefaultPeerConnection.this, piece, offset, data);
        }

        @Override
        public void onCancel(int piece, int offset, int length) {
            int index = incomingRequests.indexOf(piece, offset, length);
            boolean dropped;
            if (index >= 0) {
                incomingRequests.remove(index);
                listener.onCancel(DefaultPeerConnection.this, piece, offset, length);
                dropped = true;
            } else {
                dropped = sendQueue.removeBlock(piece, offset, length);
            }
            if (dropped && fast && !closed) {
                // BEP 6: every request gets exactly one answer, a cancelled one included.
                scratch.clear();
                MessageEncoder.reject(scratch, piece, offset, length);
                queueControl();
            }
        }

        @Override
        public void onPort(int port) {
            listener.onDhtPort(DefaultPeerConnection.this, port);
        }

        @Override
        public void onSuggest(int piece) {
            listener.onSuggest(DefaultPeerConnection.this, piece);
        }

        @Override
        public void onReject(int piece, int offset, int length) throws PeerProtocolException {
            if (pipeline.reject(piece, offset, length)) {
                listener.onRequestFailed(DefaultPeerConnection.this, piece, offset, length, RequestFailure.REJECTED);
            }
        }

        @Override
        public void onAllowedFast(int piece) {
            if (allowedFastReceived == null) {
                allowedFastReceived = new Bitfield(params.pieceCount());
            }
            allowedFastReceived.set(piece);
            listener.onAllowedFast(DefaultPeerConnection.this, piece);
        }

        @Override
        public void onExtensionHandshake(ExtensionHandshake handshake) {
            remoteExtensions = Optional.of(handshake);
            handshake.requestQueue().ifPresent(pipeline::peerRequestQueue);
            listener.onExtensionHandshake(DefaultPeerConnection.this, handshake);
        }

        @Override
        public void onExtended(int extensionId, ByteBuffer payload) {
            listener.onExtended(DefaultPeerConnection.this, extensionId, payload);
        }
    }
}
