package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.piece.Bitfield;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The receiving side of a {@link DefaultPeerConnection}: reads the socket into a pooled buffer
 * (handshake bytes to {@link PeerHandshake}, then messages through the {@link MessageDecoder}),
 * takes the decoder's well-formed messages, checks them against the connection's state (one bitfield,
 * requests only while unchoked or allowed-fast and at most
 * {@link PeerWireLimits#MAX_INCOMING_REQUESTS}, rejects and blocks only for our requests), keeps
 * the peer's side of the state (its choke, its interest, the pieces it allows us fast), answers
 * what the protocol answers (BEP 6 rejects), and passes the rest to the {@link PeerListener}.
 * A violation is a {@link PeerProtocolException}, which closes the connection. Loop thread only.
 */
final class PeerInbound implements PeerMessageHandler {

    /** Reads per readiness event before yielding to other channels. */
    private static final int MAX_READS_PER_EVENT = 8;

    private final DefaultPeerConnection connection;
    private boolean peerChoking = true;
    private boolean peerInterested;
    private boolean bitfieldReceived;
    private Bitfield allowedFastReceived;

    PeerInbound(DefaultPeerConnection connection) {
        this.connection = connection;
    }

    boolean peerChoking() {
        return peerChoking;
    }

    boolean peerInterested() {
        return peerInterested;
    }

    /** Whether the peer allowed us any piece fast (BEP 6). */
    boolean allowsAnyFast() {
        return allowedFastReceived != null;
    }

    /** Whether the peer allowed us {@code piece} fast (BEP 6). */
    boolean allowsFast(int piece) {
        return allowedFastReceived != null && allowedFastReceived.get(piece);
    }

    /** Reads what the socket has, at most {@link #MAX_READS_PER_EVENT} buffers, and handles it. */
    void readable(SocketChannel channel, BufferPool readPool) {
        ByteBuffer buffer = readPool.acquire();
        try {
            for (int reads = 0; reads < MAX_READS_PER_EVENT && !connection.isClosed(); reads++) {
                int read = channel.read(buffer);
                if (read < 0) {
                    connection.close(PeerCloseReason.REMOTE, "connection closed by the peer");
                    return;
                }
                if (read == 0) {
                    return;
                }
                connection.timers().received(connection.nanoTime());
                buffer.flip();
                consume(buffer);
                boolean full = buffer.limit() == buffer.capacity();
                buffer.clear();
                if (!full) {
                    return;
                }
            }
        } catch (PeerProtocolException e) {
            connection.close(e.reason(), e.getMessage());
        } catch (IOException e) {
            connection.close(PeerCloseReason.REMOTE, "reading from " + connection.remoteAddress() + " failed: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            connection.listenerFailed(e);
        } finally {
            readPool.release(buffer);
        }
    }

    private void consume(ByteBuffer buffer) throws PeerProtocolException {
        if (!connection.isHandshakeDone()) {
            connection.handshake().read(buffer);
            if (!connection.isHandshakeDone() || connection.isClosed()) {
                return;
            }
        }
        connection.decoder().decode(buffer, this);
    }

    private PeerListener listener() {
        return connection.listener();
    }

    private RequestPipeline pipeline() {
        return connection.pipeline();
    }

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
        if (!connection.fastExtension()) {
            // BEP 3: a choke voids every outstanding request (BEP 6 keeps them: each gets an answer).
            BlockList outstanding = pipeline().outstanding();
            while (!connection.isClosed() && !outstanding.isEmpty()) {
                int piece = outstanding.piece(0);
                int offset = outstanding.offset(0);
                int length = outstanding.length(0);
                pipeline().moveToLate(0);
                listener().onRequestFailed(connection, piece, offset, length, RequestFailure.CHOKED);
            }
        }
        if (!connection.isClosed()) {
            listener().onChokeChanged(connection, true);
        }
    }

    @Override
    public void onUnchoke() {
        if (!peerChoking) {
            return;
        }
        peerChoking = false;
        listener().onChokeChanged(connection, false);
    }

    @Override
    public void onInterested() {
        if (!peerInterested) {
            peerInterested = true;
            listener().onInterestChanged(connection, true);
        }
    }

    @Override
    public void onNotInterested() {
        if (peerInterested) {
            peerInterested = false;
            listener().onInterestChanged(connection, false);
        }
    }

    @Override
    public void onHave(int piece) {
        listener().onHave(connection, piece);
    }

    @Override
    public void onBitfield(Bitfield pieces) throws PeerProtocolException {
        firstBitfield("bitfield");
        listener().onBitfield(connection, pieces);
    }

    @Override
    public void onHaveAll() throws PeerProtocolException {
        firstBitfield("have all");
        Bitfield pieces = new Bitfield(connection.params().pieceCount());
        pieces.setAll();
        listener().onBitfield(connection, pieces);
    }

    @Override
    public void onHaveNone() throws PeerProtocolException {
        firstBitfield("have none");
        listener().onBitfield(connection, new Bitfield(connection.params().pieceCount()));
    }

    private void firstBitfield(String name) throws PeerProtocolException {
        if (bitfieldReceived) {
            throw new PeerProtocolException(name + " after the peer's pieces were already announced");
        }
        bitfieldReceived = true;
    }

    @Override
    public void onRequest(int piece, int offset, int length) throws PeerProtocolException {
        if (connection.amChoking() && !connection.allowedFastSent(piece)) {
            if (connection.fastExtension()) {
                connection.sender().reject(piece, offset, length);
            }
            return;
        }
        BlockList incomingRequests = connection.incomingRequestList();
        if (incomingRequests.indexOf(piece, offset, length) >= 0) {
            return;
        }
        if (incomingRequests.size() >= PeerWireLimits.MAX_INCOMING_REQUESTS) {
            throw new PeerProtocolException("request piece " + piece + " offset " + offset + " length " + length
                    + ": more than " + PeerWireLimits.MAX_INCOMING_REQUESTS + " requests outstanding");
        }
        incomingRequests.add(piece, offset, length, connection.nanoTime());
        listener().onRequest(connection, piece, offset, length);
    }

    @Override
    public void onPiece(int piece, int offset, ByteBuffer data) throws PeerProtocolException {
        pipeline().arrive(piece, offset, data.remaining(), connection.nanoTime());
        listener().onBlock(connection, piece, offset, data);
    }

    @Override
    public void onCancel(int piece, int offset, int length) {
        BlockList incomingRequests = connection.incomingRequestList();
        int index = incomingRequests.indexOf(piece, offset, length);
        boolean dropped;
        if (index >= 0) {
            incomingRequests.remove(index);
            listener().onCancel(connection, piece, offset, length);
            dropped = true;
        } else {
            dropped = connection.sender().removeBlock(piece, offset, length);
        }
        if (dropped && connection.fastExtension() && !connection.isClosed()) {
            // BEP 6: every request gets exactly one answer, a cancelled one included.
            connection.sender().reject(piece, offset, length);
        }
    }

    @Override
    public void onPort(int port) {
        listener().onDhtPort(connection, port);
    }

    @Override
    public void onSuggest(int piece) {
        listener().onSuggest(connection, piece);
    }

    @Override
    public void onReject(int piece, int offset, int length) throws PeerProtocolException {
        if (pipeline().reject(piece, offset, length)) {
            listener().onRequestFailed(connection, piece, offset, length, RequestFailure.REJECTED);
        }
    }

    @Override
    public void onAllowedFast(int piece) {
        if (allowedFastReceived == null) {
            allowedFastReceived = new Bitfield(connection.params().pieceCount());
        }
        allowedFastReceived.set(piece);
        listener().onAllowedFast(connection, piece);
    }

    @Override
    public void onExtensionHandshake(ExtensionHandshake handshake) {
        connection.remoteExtensions(handshake);
        handshake.requestQueue().ifPresent(pipeline()::peerRequestQueue);
        listener().onExtensionHandshake(connection, handshake);
    }

    @Override
    public void onExtended(int extensionId, ByteBuffer payload) {
        listener().onExtended(connection, extensionId, payload);
    }
}
