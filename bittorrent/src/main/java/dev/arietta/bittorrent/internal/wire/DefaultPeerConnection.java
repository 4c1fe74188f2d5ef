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
 * <p>This class holds the connection's state and our side of the protocol (what we may send
 * when); the parts are split by responsibility: {@link PeerHandshake} (the handshake phase),
 * {@link PeerInbound} (reading, and received messages checked and dispatched), {@link PeerSender} (encoding,
 * the send queue, flushing) and {@link PeerTimers} (keep-alive, inactivity, snubbing, request
 * timeouts).
 *
 * <p>Reads borrow a buffer from {@link PeerWireBuffers#readPool()} for the duration of one read;
 * received blocks are handed to the listener in place. Sends go to a {@link SendQueue} flushed
 * once per loop turn with a gathering write. Every timer runs on the loop's clock, so tests can
 * drive them. Loop thread only; not thread-safe. Once closed, sends are ignored and
 * {@link #requestCapacity()} is 0.
 */
public final class DefaultPeerConnection implements PeerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultPeerConnection.class);

    private final EventLoop loop;
    private final PeerWireBuffers buffers;
    private final InetSocketAddress remote;
    private final boolean incoming;
    private final Runnable handshakeEnded;
    private final Handler handler = new Handler();
    private final PeerHandshake handshake;
    private final PeerInbound inbound = new PeerInbound(this);
    private final PeerSender sender;
    private final PeerTimers timers;

    private Registration registration;
    private Cancellable connectAttempt;
    private SocketChannel channel;
    private HandshakeParams params;
    private PeerListener listener;
    private Optional<ExtensionHandshake> remoteExtensions = Optional.empty();
    private MessageDecoder decoder;

    private boolean amChoking = true;
    private boolean amInterested;
    private boolean bitfieldSent;
    private Bitfield allowedFastSent;

    private RequestPipeline pipeline;
    private final BlockList incomingRequests = new BlockList(32);
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
        this.handshakeEnded = handshakeEnded;
        this.handshake = new PeerHandshake(this, loop, remote, incoming, router);
        this.sender = new PeerSender(this, loop, buffers);
        this.timers = new PeerTimers(this, loop);
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
        timers.received(now);
        sender.attach(connected, now);
        handshake.start();
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
        PeerId id = handshake.peerId();
        if (id == null) {
            throw new IllegalStateException("no handshake from " + remote + " yet");
        }
        return id;
    }

    /** Whether both handshakes are done. */
    public boolean isHandshakeDone() {
        return handshake.isDone();
    }

    @Override
    public boolean fastExtension() {
        return handshake.fastExtension();
    }

    @Override
    public boolean extensionProtocol() {
        return handshake.extensionProtocol();
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
        return inbound.peerChoking();
    }

    @Override
    public boolean peerInterested() {
        return inbound.peerInterested();
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
        sender.choke();
        boolean fast = fastExtension();
        for (int i = incomingRequests.size() - 1; i >= 0; i--) {
            int piece = incomingRequests.piece(i);
            if (allowedFastSent(piece)) {
                continue;
            }
            if (fast) {
                sender.reject(piece, incomingRequests.offset(i), incomingRequests.length(i));
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
        sender.unchoke();
    }

    @Override
    public void setInterested(boolean interested) {
        if (!usable() || amInterested == interested) {
            return;
        }
        amInterested = interested;
        sender.interested(interested);
    }

    /** {@inheritDoc} Without the fast extension an empty set sends nothing (BEP 3 allows omitting it). */
    @Override
    public void sendBitfield(Bitfield pieces) {
        if (!usable()) {
            return;
        }
        if (bitfieldSent || sender.otherMessageSent()) {
            throw new IllegalStateException("the bitfield goes first and only once");
        }
        if (pieces.size() != params.pieceCount()) {
            throw new IllegalArgumentException("bitfield of " + pieces.size() + " pieces for a torrent of "
                    + params.pieceCount());
        }
        bitfieldSent = true;
        boolean fast = fastExtension();
        if (fast && pieces.isFull()) {
            sender.haveAll();
        } else if (fast && pieces.isEmpty()) {
            sender.haveNone();
        } else if (!pieces.isEmpty()) {
            sender.bitfield(pieces.toByteArray());
        }
    }

    @Override
    public void sendHave(int piece) {
        if (!usable()) {
            return;
        }
        checkPiece(piece);
        sender.have(piece);
    }

    @Override
    public int requestCapacity() {
        if (!isHandshakeDone() || closed) {
            return 0;
        }
        if (inbound.peerChoking() && !inbound.allowsAnyFast()) {
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
        if (inbound.peerChoking() && !inbound.allowsFast(piece)) {
            throw new IllegalStateException("request for piece " + piece + " while " + remote + " chokes us");
        }
        if (pipeline.isOutstanding(piece, offset)) {
            throw new IllegalArgumentException("piece " + piece + " offset " + offset + " is already requested");
        }
        pipeline.add(piece, offset, length, loop.nanoTime());
        sender.request(piece, offset, length);
    }

    /** {@inheritDoc} The failure is reported before this method returns. */
    @Override
    public void cancel(int piece, int offset, int length) {
        if (!usable() || !pipeline.fail(piece, offset, length)) {
            return;
        }
        sender.cancel(piece, offset, length);
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
        sender.block(piece, offset, data);
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
        if (fastExtension()) {
            sender.reject(piece, offset, length);
        }
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
        sender.allowedFast(piece);
    }

    @Override
    public void sendSuggest(int piece) {
        if (!usable()) {
            return;
        }
        checkFast("suggest");
        checkPiece(piece);
        sender.suggest(piece);
    }

    @Override
    public void sendExtended(int extensionId, ByteBuffer payload) {
        if (!usable()) {
            return;
        }
        if (!extensionProtocol()) {
            throw new IllegalStateException("the peer does not speak the extension protocol");
        }
        if (extensionId < 1 || extensionId > 255) {
            throw new IllegalArgumentException("extension id " + extensionId + " is not 1-255");
        }
        sender.extended(extensionId, payload);
    }

    /** Sends a BEP 5 port message: our DHT port. */
    public void sendPort(int port) {
        if (!usable()) {
            return;
        }
        sender.port(port);
    }

    @Override
    public long downloadRate() {
        return pipeline == null ? 0 : pipeline.downloadRate(loop.nanoTime());
    }

    @Override
    public long uploadRate() {
        return sender.uploadRate(loop.nanoTime());
    }

    @Override
    public long downloadedBytes() {
        return pipeline == null ? 0 : pipeline.downloadedBytes();
    }

    @Override
    public long uploadedBytes() {
        return sender.uploadedBytes();
    }

    @Override
    public boolean isSnubbed() {
        return pipeline != null && pipeline.isSnubbed();
    }

    @Override
    public int queuedSendBytes() {
        return sender.queuedBytes();
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
        PeerId id = handshake.peerId();
        return "peer " + remote + (id != null ? " " + id : "") + (incoming ? " (incoming)" : "");
    }

    // ---- for the parts

    /** The torrent's parameters; null for an incoming connection until its handshake is routed. */
    HandshakeParams params() {
        return params;
    }

    PeerListener listener() {
        return listener;
    }

    PeerSender sender() {
        return sender;
    }

    /** Our requests to the peer; null before the handshakes are done. */
    RequestPipeline pipeline() {
        return pipeline;
    }

    /** The peer's requests to us that are waiting for an answer. */
    BlockList incomingRequestList() {
        return incomingRequests;
    }

    long nanoTime() {
        return loop.nanoTime();
    }

    PeerHandshake handshake() {
        return handshake;
    }

    PeerTimers timers() {
        return timers;
    }

    /** The message decoder; null before the handshakes are done. */
    MessageDecoder decoder() {
        return decoder;
    }

    /** Whether the peer may request {@code piece} while we choke it: we sent it allowed-fast (BEP 6). */
    boolean allowedFastSent(int piece) {
        return fastExtension() && allowedFastSent != null && allowedFastSent.get(piece);
    }

    void remoteExtensions(ExtensionHandshake received) {
        remoteExtensions = Optional.of(received);
    }

    /** An incoming handshake named a torrent of ours. */
    void routed(TorrentEndpoint endpoint) {
        params = endpoint.params();
        listener = endpoint.listener();
    }

    /** Both handshakes are done: messages may flow. */
    void handshakeCompleted() {
        handshakeEnded.run();
        long now = loop.nanoTime();
        pipeline = new RequestPipeline(now);
        sender.handshakeDone(now);
        decoder = MessageDecoder.forTorrent(params, buffers.readPool());
        decoder.fastExtension(fastExtension());
        decoder.extensionProtocol(extensionProtocol());
        if (extensionProtocol()) {
            handshake.sendExtensionHandshake();
        }
        timers.start();
        if (!listener.onHandshake(this) && !closed) {
            close(PeerCloseReason.LOCAL, "refused by the swarm");
        }
    }

    /** The send queue fell below {@link PeerWireLimits#SEND_LOW_WATER_BYTES}. */
    void drained() {
        try {
            listener.onWritable(this);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    void listenerFailed(RuntimeException failure) {
        LOG.warn("{}: closing after a failure in its handling", this, failure);
        close(PeerCloseReason.LOCAL, "listener failed: " + failure);
    }

    // ---- internals

    /** False once closed (sends are then ignored); throws before the handshake. */
    private boolean usable() {
        if (closed) {
            return false;
        }
        if (!isHandshakeDone()) {
            throw new IllegalStateException("handshake with " + remote + " not done");
        }
        return true;
    }

    private void checkFast(String message) {
        if (!fastExtension()) {
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
        handshake.cancelTimer();
        timers.stop();
        if (decoder != null) {
            decoder.close();
        }
        if (registration != null) {
            registration.close();
        }
        sender.clear();
        if (!isHandshakeDone()) {
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
                inbound.readable(channel, buffers.readPool());
            }
            if ((readyOps & SelectionKey.OP_WRITE) != 0 && !closed) {
                sender.flush();
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
}
