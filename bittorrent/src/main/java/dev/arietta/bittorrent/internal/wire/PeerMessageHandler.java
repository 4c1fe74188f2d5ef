package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.piece.Bitfield;
import java.nio.ByteBuffer;

/**
 * Receives the messages {@link MessageDecoder} decodes, already checked against the
 * torrent's geometry and {@link PeerWireLimits}. A method may throw a
 * {@link PeerProtocolException} for a violation only it can see (an unrequested block); the
 * decoder passes it to its caller.
 *
 * <p>Buffers handed over ({@code data}, {@code payload}) are valid only during the call, hold
 * the bytes between position and limit, and must not be modified; their position and limit
 * are restored by the decoder afterwards.
 */
public interface PeerMessageHandler {

    void onKeepAlive() throws PeerProtocolException;

    void onChoke() throws PeerProtocolException;

    void onUnchoke() throws PeerProtocolException;

    void onInterested() throws PeerProtocolException;

    void onNotInterested() throws PeerProtocolException;

    void onHave(int piece) throws PeerProtocolException;

    /** A bitfield of the torrent's size with no spare bits set; owned by the callee. */
    void onBitfield(Bitfield pieces) throws PeerProtocolException;

    void onRequest(int piece, int offset, int length) throws PeerProtocolException;

    void onPiece(int piece, int offset, ByteBuffer data) throws PeerProtocolException;

    void onCancel(int piece, int offset, int length) throws PeerProtocolException;

    void onPort(int port) throws PeerProtocolException;

    void onSuggest(int piece) throws PeerProtocolException;

    void onHaveAll() throws PeerProtocolException;

    void onHaveNone() throws PeerProtocolException;

    void onReject(int piece, int offset, int length) throws PeerProtocolException;

    void onAllowedFast(int piece) throws PeerProtocolException;

    void onExtensionHandshake(ExtensionHandshake handshake) throws PeerProtocolException;

    /** A BEP 10 extended message with an id other than 0. */
    void onExtended(int extensionId, ByteBuffer payload) throws PeerProtocolException;
}
