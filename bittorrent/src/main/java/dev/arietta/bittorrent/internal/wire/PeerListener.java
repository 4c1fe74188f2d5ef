package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.piece.Bitfield;
import java.nio.ByteBuffer;

/**
 * The swarm's side of a peer connection: validated events, on the loop thread, in arrival
 * order. A callback that throws closes that connection (never the loop).
 */
public interface PeerListener {

    /**
     * Both handshakes done. Return {@code false} to refuse the peer (already connected,
     * banned, too many peers); the connection then closes with {@link PeerCloseReason#DUPLICATE}
     * or {@link PeerCloseReason#LOCAL}.
     */
    boolean onHandshake(PeerConnection peer);

    void onExtensionHandshake(PeerConnection peer, ExtensionHandshake handshake);

    /** The peer's pieces: its bitfield, or have-all / have-none as a full / empty set. Owned by the callee. */
    void onBitfield(PeerConnection peer, Bitfield pieces);

    void onHave(PeerConnection peer, int piece);

    /** Choke or unchoke from the peer. */
    void onChokeChanged(PeerConnection peer, boolean choked);

    void onInterestChanged(PeerConnection peer, boolean interested);

    /**
     * A block answering one of our requests. {@code data} (position to limit) is valid only
     * during the call: copy or write it before returning.
     */
    void onBlock(PeerConnection peer, int piece, int offset, ByteBuffer data);

    /** One of our requests will not be answered. */
    void onRequestFailed(PeerConnection peer, int piece, int offset, int length, RequestFailure reason);

    /** The peer requests a block; already checked to be within the torrent and allowed (unchoked or allowed-fast). */
    void onRequest(PeerConnection peer, int piece, int offset, int length);

    /** The peer cancels a request it made; drop the block if it is still queued. */
    void onCancel(PeerConnection peer, int piece, int offset, int length);

    /** BEP 6 suggest piece. */
    void onSuggest(PeerConnection peer, int piece);

    /** BEP 6 allowed fast: we may request this piece while choked. */
    void onAllowedFast(PeerConnection peer, int piece);

    /** A BEP 10 extended message other than the handshake; {@code payload} valid only during the call. */
    void onExtended(PeerConnection peer, int extensionId, ByteBuffer payload);

    /** BEP 5 {@code port}: the peer's DHT port. */
    void onDhtPort(PeerConnection peer, int port);

    /** The send queue drained below its low-water mark: the swarm may serve more blocks. */
    void onWritable(PeerConnection peer);

    /** The connection ended; no more callbacks for it follow. */
    void onClosed(PeerConnection peer, PeerCloseReason reason, String detail);
}
