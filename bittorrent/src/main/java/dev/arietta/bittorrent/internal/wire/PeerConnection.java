package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.piece.Bitfield;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One established BitTorrent peer connection as the swarm sees it: the socket, framing,
 * message codec and the per-peer protocol state (choke and interest flags, the outstanding
 * request pipeline with its adaptive depth, timeouts, snubbing, keep-alives) live behind it.
 *
 * <p>Loop thread only: every method must be called on the session's event loop, and every
 * {@link PeerListener} callback arrives there. Methods never block; sends are queued and
 * flushed as the socket allows.
 *
 * <p>Validation happens below this interface: the swarm only sees messages that passed it
 * (indexes in range, bitfield size and spare bits, blocks matching a request we sent,
 * requests within the piece and at most {@link PeerWireLimits#MAX_REQUEST_LENGTH}). A
 * violation closes the connection with {@link PeerCloseReason#PROTOCOL_VIOLATION}.
 */
public interface PeerConnection {

    InetSocketAddress remoteAddress();

    /** Whether the peer connected to us. */
    boolean isIncoming();

    /** The peer's id from its handshake. */
    PeerId peerId();

    /** BEP 6: both sides set the fast extension bit. */
    boolean fastExtension();

    /** BEP 10: both sides set the extension protocol bit. */
    boolean extensionProtocol();

    /** The peer's BEP 10 handshake, once received. */
    Optional<ExtensionHandshake> remoteExtensions();

    boolean amChoking();

    boolean amInterested();

    boolean peerChoking();

    boolean peerInterested();

    /** Sends choke; with the fast extension, queued requests from the peer that are not allowed-fast get rejects. */
    void choke();

    void unchoke();

    /** Sends interested or not-interested when the flag changes; no-op otherwise. */
    void setInterested(boolean interested);

    /**
     * Sends our pieces right after the handshake: a bitfield, or have-all / have-none when the
     * fast extension is on and the set is full / empty. Only once, before any other message
     * but the extension handshake.
     */
    void sendBitfield(Bitfield pieces);

    void sendHave(int piece);

    /**
     * How many more block requests the adaptive pipeline wants now: the queue depth (starts
     * at {@link PeerWireLimits#INITIAL_REQUEST_QUEUE_DEPTH}, grows with the peer's rate up to
     * the peer's {@code reqq} and {@link PeerWireLimits#MAX_REQUEST_QUEUE_DEPTH}) minus
     * outstanding requests. 0 while choked (except for allowed-fast pieces) or snubbed beyond 1.
     */
    int requestCapacity();

    /** Requests we sent that are neither answered nor failed. */
    int outstandingRequests();

    /** Sends a request; the answer arrives as {@link PeerListener#onBlock} or {@link PeerListener#onRequestFailed}. */
    void request(int piece, int offset, int length);

    /** Cancels a request we sent (end-game); reports {@link RequestFailure#CANCELLED} unless the block already came. */
    void cancel(int piece, int offset, int length);

    /**
     * Queues a block the peer requested. {@code data} holds exactly {@code length} bytes
     * between its position and limit; the connection copies it before returning, so the
     * caller keeps ownership.
     */
    void sendBlock(int piece, int offset, ByteBuffer data);

    /**
     * Refuses a request the peer made: with the fast extension a BEP 6 REJECT is sent; without
     * it the request is forgotten unanswered (BEP 3 has no refusal).
     */
    void reject(int piece, int offset, int length);

    /** BEP 6. */
    void sendAllowedFast(int piece);

    /** BEP 6. */
    void sendSuggest(int piece);

    /**
     * Sends a BEP 10 extended message. {@code payload} is copied before returning.
     *
     * @param extensionId the id the peer asked for in its handshake's {@code m}
     */
    void sendExtended(int extensionId, ByteBuffer payload);

    /** Payload bytes per second received from the peer, over the last few seconds. */
    long downloadRate();

    /** Payload bytes per second sent to the peer, over the last few seconds. */
    long uploadRate();

    /** Payload bytes received in total. */
    long downloadedBytes();

    /** Payload bytes sent in total. */
    long uploadedBytes();

    /** No block from the peer for {@link PeerWireLimits#SNUB_TIMEOUT_NANOS} while requests were outstanding. */
    boolean isSnubbed();

    /** Bytes queued for sending, not yet written to the socket: the swarm serves more blocks only below a bound. */
    int queuedSendBytes();

    /** Closes the connection; outstanding requests are reported failed with {@link RequestFailure#CLOSED} first. */
    void close(PeerCloseReason reason);

    boolean isClosed();
}
