package dev.arietta.bittorrent.internal.wire;

import java.nio.ByteBuffer;

/**
 * Writes peer wire messages (length prefix, id, fixed fields) at a buffer's position, which
 * must have room for the stated size. Variable parts (bitfield bytes, block data, extended
 * payloads) follow the headers written here and are appended by the caller, so that block data
 * is copied only once. Stateless.
 */
public final class MessageEncoder {

    /** Bytes in a keep-alive. */
    public static final int KEEP_ALIVE_LENGTH = 4;
    /** Bytes in a message without fields: choke, unchoke, (not) interested, have all, have none. */
    public static final int SIMPLE_LENGTH = 5;
    /** Bytes in a message with one piece index: have, suggest, allowed fast. */
    public static final int INDEXED_LENGTH = 9;
    /** Bytes in request, cancel, reject. */
    public static final int BLOCK_MESSAGE_LENGTH = 17;
    /** Bytes before a piece message's block data. */
    public static final int PIECE_HEADER_LENGTH = 13;
    /** Bytes before a bitfield message's bits. */
    public static final int BITFIELD_HEADER_LENGTH = 5;
    /** Bytes in a port message. */
    public static final int PORT_LENGTH = 7;
    /** Bytes before an extended message's payload. */
    public static final int EXTENDED_HEADER_LENGTH = 6;

    private MessageEncoder() {
    }

    public static void keepAlive(ByteBuffer out) {
        out.putInt(0);
    }

    public static void choke(ByteBuffer out) {
        simple(out, MessageId.CHOKE);
    }

    public static void unchoke(ByteBuffer out) {
        simple(out, MessageId.UNCHOKE);
    }

    public static void interested(ByteBuffer out, boolean interested) {
        simple(out, interested ? MessageId.INTERESTED : MessageId.NOT_INTERESTED);
    }

    public static void haveAll(ByteBuffer out) {
        simple(out, MessageId.HAVE_ALL);
    }

    public static void haveNone(ByteBuffer out) {
        simple(out, MessageId.HAVE_NONE);
    }

    public static void have(ByteBuffer out, int piece) {
        indexed(out, MessageId.HAVE, piece);
    }

    public static void suggest(ByteBuffer out, int piece) {
        indexed(out, MessageId.SUGGEST, piece);
    }

    public static void allowedFast(ByteBuffer out, int piece) {
        indexed(out, MessageId.ALLOWED_FAST, piece);
    }

    public static void request(ByteBuffer out, int piece, int offset, int length) {
        blockMessage(out, MessageId.REQUEST, piece, offset, length);
    }

    public static void cancel(ByteBuffer out, int piece, int offset, int length) {
        blockMessage(out, MessageId.CANCEL, piece, offset, length);
    }

    public static void reject(ByteBuffer out, int piece, int offset, int length) {
        blockMessage(out, MessageId.REJECT, piece, offset, length);
    }

    /** The header of a piece message carrying {@code dataLength} bytes of block data. */
    public static void pieceHeader(ByteBuffer out, int piece, int offset, int dataLength) {
        out.putInt(1 + 8 + dataLength).put((byte) MessageId.PIECE).putInt(piece).putInt(offset);
    }

    /** The header of a bitfield message of {@code byteLength} bytes of bits. */
    public static void bitfieldHeader(ByteBuffer out, int byteLength) {
        out.putInt(1 + byteLength).put((byte) MessageId.BITFIELD);
    }

    public static void port(ByteBuffer out, int port) {
        out.putInt(3).put((byte) MessageId.PORT).putShort((short) port);
    }

    /** The header of a BEP 10 extended message with {@code payloadLength} bytes after it. */
    public static void extendedHeader(ByteBuffer out, int extensionId, int payloadLength) {
        out.putInt(2 + payloadLength).put((byte) MessageId.EXTENDED).put((byte) extensionId);
    }

    private static void simple(ByteBuffer out, int id) {
        out.putInt(1).put((byte) id);
    }

    private static void indexed(ByteBuffer out, int id, int piece) {
        out.putInt(5).put((byte) id).putInt(piece);
    }

    private static void blockMessage(ByteBuffer out, int id, int piece, int offset, int length) {
        out.putInt(13).put((byte) id).putInt(piece).putInt(offset).putInt(length);
    }
}
