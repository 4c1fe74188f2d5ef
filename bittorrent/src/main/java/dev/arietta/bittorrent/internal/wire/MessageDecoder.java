package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.piece.Bitfield;
import java.nio.ByteBuffer;

/**
 * Sans-IO framing and decoding of the peer wire messages that follow the handshake.
 *
 * <p>{@link #decode} consumes every byte it is given, in any split (one byte at a time works),
 * keeps what belongs to an unfinished message, and calls the {@link PeerMessageHandler} once
 * per complete message. Fixed fields are collected in a small array; block data is handed
 * over as the caller's own buffer narrowed to the block when the block lies whole in it, and
 * otherwise assembled in a buffer borrowed from the {@link BufferPool} (a heap buffer when the
 * payload is larger than the pool's buffers) and returned once the message is dispatched. No
 * allocation per message otherwise (benchmark: {@code MessageDecoderBenchmark}).
 *
 * <p>Checks, each a {@link PeerProtocolException} naming the message and values: length prefix
 * above {@link PeerWireLimits#MAX_MESSAGE_LENGTH}; a length that does not fit the message id;
 * piece indexes out of range; a bitfield of the wrong size or with spare bits set; request,
 * cancel and reject of length 0, above {@link PeerWireLimits#MAX_REQUEST_LENGTH} or past the
 * piece end; piece blocks above {@link PeerWireLimits#MAX_REQUEST_LENGTH} or past the piece end;
 * BEP 6 messages without the fast extension; BEP 10 messages without the extension protocol;
 * extension handshakes that are too big or not a dictionary. Unknown message ids are skipped
 * without being buffered, within the length limit.
 *
 * <p>Not thread-safe: one decoder per connection, used on the loop thread.
 */
public final class MessageDecoder {

    private static final int LENGTH_PREFIX = 4;
    private static final int ID_END = LENGTH_PREFIX + 1;
    /** Length prefix, id and the longest fixed part (request: index, offset, length). */
    private static final int HEADER_CAPACITY = ID_END + 12;

    private final int pieceCount;
    private final int pieceLength;
    private final long totalLength;
    private final int bitfieldLength;
    private final BufferPool pool;
    private boolean fastExtension;
    private boolean extensionProtocol;

    private final byte[] header = new byte[HEADER_CAPACITY];
    private int headerFilled;
    private int headerNeeded = LENGTH_PREFIX;
    /** Bytes after the length prefix, or -1 while the prefix is incomplete. */
    private int messageLength = -1;
    private int id = -1;

    private boolean inBody;
    private boolean skipping;
    private int bodyLength;
    private int bodyRead;
    private int bodyPiece;
    private int bodyOffset;
    private int bodyExtensionId;
    private ByteBuffer assembly;
    private boolean assemblyPooled;
    private boolean dispatching;
    private boolean closed;

    /**
     * @param pieceCount  pieces in the torrent (positive)
     * @param pieceLength bytes per piece (positive)
     * @param totalLength bytes in the torrent, consistent with the two above
     * @param pool        lends buffers to assemble payloads split across reads
     */
    public MessageDecoder(int pieceCount, int pieceLength, long totalLength, BufferPool pool) {
        if (pieceCount <= 0 || pieceLength <= 0 || totalLength <= (long) pieceLength * (pieceCount - 1)
                || totalLength > (long) pieceLength * pieceCount) {
            throw new IllegalArgumentException("inconsistent geometry: " + pieceCount + " pieces of " + pieceLength
                    + " bytes for " + totalLength + " bytes");
        }
        this.pieceCount = pieceCount;
        this.pieceLength = pieceLength;
        this.totalLength = totalLength;
        this.bitfieldLength = (pieceCount + 7) / 8;
        this.pool = pool;
    }

    /** A decoder for the torrent {@code params} describes. */
    public static MessageDecoder forTorrent(HandshakeParams params, BufferPool pool) {
        return new MessageDecoder(params.pieceCount(), params.pieceLength(), params.totalLength(), pool);
    }

    /** Whether BEP 6 messages are allowed (both sides set the bit); off by default. */
    public void fastExtension(boolean enabled) {
        this.fastExtension = enabled;
    }

    /** Whether BEP 10 messages are allowed (both sides set the bit); off by default. */
    public void extensionProtocol(boolean enabled) {
        this.extensionProtocol = enabled;
    }

    /**
     * Consumes all of {@code in} (position moves to its limit, or to where decoding stopped
     * because of an exception or {@link #close()}), dispatching every message completed.
     *
     * @throws PeerProtocolException from a check, or from the handler; the decoder must not be
     *                               used again
     */
    public void decode(ByteBuffer in, PeerMessageHandler handler) throws PeerProtocolException {
        while (!closed && in.hasRemaining()) {
            if (inBody) {
                body(in, handler);
                continue;
            }
            int count = Math.min(headerNeeded - headerFilled, in.remaining());
            in.get(header, headerFilled, count);
            headerFilled += count;
            if (headerFilled < headerNeeded) {
                return;
            }
            if (messageLength < 0) {
                long length = intAt(0) & 0xFFFF_FFFFL;
                if (length == 0) {
                    reset();
                    handler.onKeepAlive();
                    continue;
                }
                if (length > PeerWireLimits.MAX_MESSAGE_LENGTH) {
                    throw new PeerProtocolException("message length " + length + " exceeds the limit of "
                            + PeerWireLimits.MAX_MESSAGE_LENGTH);
                }
                messageLength = (int) length;
                headerNeeded = ID_END;
                continue;
            }
            if (id < 0) {
                id = header[LENGTH_PREFIX] & 0xFF;
                int fixed = fixedPart(id, messageLength);
                headerNeeded = ID_END + fixed;
                if (fixed > 0) {
                    continue;
                }
            }
            headerComplete(in, handler);
        }
    }

    /** Whether the decoder is between messages (nothing partial kept). */
    public boolean isIdle() {
        return headerFilled == 0 && !inBody;
    }

    /** Stops decoding and returns any borrowed buffer to the pool. Idempotent. */
    public void close() {
        closed = true;
        if (!dispatching) {
            releaseAssembly();
        }
    }

    /** Validates the length against the id, returns the fixed field bytes after the id. */
    private int fixedPart(int messageId, int length) throws PeerProtocolException {
        switch (messageId) {
            case MessageId.CHOKE, MessageId.UNCHOKE, MessageId.INTERESTED, MessageId.NOT_INTERESTED:
                return expectLength(messageId, length, 1);
            case MessageId.HAVE:
                return expectLength(messageId, length, 5);
            case MessageId.REQUEST, MessageId.CANCEL:
                return expectLength(messageId, length, 13);
            case MessageId.BITFIELD:
                if (length != 1 + bitfieldLength) {
                    throw new PeerProtocolException("bitfield of " + (length - 1) + " bytes, expected "
                            + bitfieldLength + " for " + pieceCount + " pieces");
                }
                return 0;
            case MessageId.PIECE:
                if (length < 9) {
                    throw new PeerProtocolException("piece message of length " + length
                            + ", shorter than its 9-byte header");
                }
                if (length - 9 > PeerWireLimits.MAX_REQUEST_LENGTH) {
                    throw new PeerProtocolException("piece block of " + (length - 9) + " bytes exceeds the limit of "
                            + PeerWireLimits.MAX_REQUEST_LENGTH);
                }
                return 8;
            case MessageId.PORT:
                return expectLength(messageId, length, 3);
            case MessageId.SUGGEST, MessageId.ALLOWED_FAST:
                requireFast(messageId);
                return expectLength(messageId, length, 5);
            case MessageId.HAVE_ALL, MessageId.HAVE_NONE:
                requireFast(messageId);
                return expectLength(messageId, length, 1);
            case MessageId.REJECT:
                requireFast(messageId);
                return expectLength(messageId, length, 13);
            case MessageId.EXTENDED:
                if (!extensionProtocol) {
                    throw new PeerProtocolException("extended message received without the extension protocol");
                }
                if (length < 2) {
                    throw new PeerProtocolException("extended message of length " + length + ", expected at least 2");
                }
                return 1;
            default:
                return 0;
        }
    }

    private int expectLength(int messageId, int length, int expected) throws PeerProtocolException {
        if (length != expected) {
            throw new PeerProtocolException(MessageId.name(messageId) + " message of length " + length
                    + ", expected " + expected);
        }
        return expected - 1;
    }

    private void requireFast(int messageId) throws PeerProtocolException {
        if (!fastExtension) {
            throw new PeerProtocolException(MessageId.name(messageId) + " received without the fast extension");
        }
    }

    private void headerComplete(ByteBuffer in, PeerMessageHandler handler) throws PeerProtocolException {
        int messageId = id;
        int length = messageLength;
        int first = intAt(ID_END);
        int second = intAt(ID_END + 4);
        int third = intAt(ID_END + 8);
        switch (messageId) {
            case MessageId.CHOKE -> {
                reset();
                handler.onChoke();
            }
            case MessageId.UNCHOKE -> {
                reset();
                handler.onUnchoke();
            }
            case MessageId.INTERESTED -> {
                reset();
                handler.onInterested();
            }
            case MessageId.NOT_INTERESTED -> {
                reset();
                handler.onNotInterested();
            }
            case MessageId.HAVE -> {
                checkIndex(messageId, first);
                reset();
                handler.onHave(first);
            }
            case MessageId.REQUEST -> {
                checkRequest(messageId, first, second, third);
                reset();
                handler.onRequest(first, second, third);
            }
            case MessageId.CANCEL -> {
                checkRequest(messageId, first, second, third);
                reset();
                handler.onCancel(first, second, third);
            }
            case MessageId.REJECT -> {
                checkRequest(messageId, first, second, third);
                reset();
                handler.onReject(first, second, third);
            }
            case MessageId.PIECE -> {
                int dataLength = length - 9;
                checkIndex(messageId, first);
                checkWithinPiece(messageId, first, second, dataLength);
                startBody(in, handler, dataLength, first, second, 0);
            }
            case MessageId.BITFIELD -> startBody(in, handler, bitfieldLength, 0, 0, 0);
            case MessageId.PORT -> {
                int port = ((header[ID_END] & 0xFF) << 8) | (header[ID_END + 1] & 0xFF);
                reset();
                handler.onPort(port);
            }
            case MessageId.SUGGEST -> {
                checkIndex(messageId, first);
                reset();
                handler.onSuggest(first);
            }
            case MessageId.ALLOWED_FAST -> {
                checkIndex(messageId, first);
                reset();
                handler.onAllowedFast(first);
            }
            case MessageId.HAVE_ALL -> {
                reset();
                handler.onHaveAll();
            }
            case MessageId.HAVE_NONE -> {
                reset();
                handler.onHaveNone();
            }
            case MessageId.EXTENDED -> {
                int extensionId = header[ID_END] & 0xFF;
                int payloadLength = length - 2;
                if (extensionId == MessageId.EXTENSION_HANDSHAKE
                        && payloadLength > PeerWireLimits.MAX_EXTENSION_HANDSHAKE_LENGTH) {
                    throw new PeerProtocolException("extension handshake of " + payloadLength
                            + " bytes exceeds the limit of " + PeerWireLimits.MAX_EXTENSION_HANDSHAKE_LENGTH);
                }
                startBody(in, handler, payloadLength, 0, 0, extensionId);
            }
            default -> {
                // Unknown ids are ignored (BEP 3); the body is skipped, never buffered.
                inBody = true;
                skipping = true;
                bodyLength = length - 1;
                bodyRead = 0;
                if (bodyLength == 0) {
                    reset();
                }
            }
        }
    }

    private void startBody(ByteBuffer in, PeerMessageHandler handler, int length, int piece, int offset,
            int extensionId) throws PeerProtocolException {
        inBody = true;
        skipping = false;
        bodyLength = length;
        bodyRead = 0;
        bodyPiece = piece;
        bodyOffset = offset;
        bodyExtensionId = extensionId;
        if (length == 0) {
            int limit = in.limit();
            int position = in.position();
            in.limit(position);
            try {
                dispatchBody(in, handler);
            } finally {
                in.limit(limit);
                in.position(position);
            }
        }
    }

    private void body(ByteBuffer in, PeerMessageHandler handler) throws PeerProtocolException {
        int remainingBody = bodyLength - bodyRead;
        if (skipping) {
            int count = Math.min(remainingBody, in.remaining());
            in.position(in.position() + count);
            bodyRead += count;
            if (bodyRead == bodyLength) {
                reset();
            }
            return;
        }
        if (assembly == null && in.remaining() >= remainingBody) {
            // The whole payload is in the caller's buffer: hand it over in place.
            int start = in.position();
            int limit = in.limit();
            in.limit(start + remainingBody);
            try {
                dispatchBody(in, handler);
            } finally {
                in.limit(limit);
                in.position(start + remainingBody);
            }
            return;
        }
        if (assembly == null) {
            if (remainingBody <= pool.bufferSize()) {
                assembly = pool.acquire();
                assemblyPooled = true;
            } else {
                assembly = ByteBuffer.allocate(remainingBody);
                assemblyPooled = false;
            }
            assembly.limit(remainingBody);
        }
        int count = Math.min(assembly.remaining(), in.remaining());
        int limit = in.limit();
        in.limit(in.position() + count);
        assembly.put(in);
        in.limit(limit);
        bodyRead += count;
        if (!assembly.hasRemaining()) {
            assembly.flip();
            try {
                dispatchBody(assembly, handler);
            } finally {
                releaseAssembly();
            }
        }
    }

    private void dispatchBody(ByteBuffer data, PeerMessageHandler handler) throws PeerProtocolException {
        int messageId = id;
        int piece = bodyPiece;
        int offset = bodyOffset;
        int extensionId = bodyExtensionId;
        reset();
        dispatching = true;
        try {
            switch (messageId) {
                case MessageId.PIECE -> handler.onPiece(piece, offset, data);
                case MessageId.BITFIELD -> handler.onBitfield(bitfield(data));
                case MessageId.EXTENDED -> {
                    if (extensionId == MessageId.EXTENSION_HANDSHAKE) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(data.position(), bytes);
                        handler.onExtensionHandshake(ExtensionHandshakeCodec.decode(bytes, 0, bytes.length));
                    } else {
                        handler.onExtended(extensionId, data);
                    }
                }
                default -> throw new IllegalStateException("no body for message " + messageId);
            }
        } finally {
            dispatching = false;
        }
    }

    private Bitfield bitfield(ByteBuffer data) throws PeerProtocolException {
        byte[] bytes = new byte[bitfieldLength];
        data.get(data.position(), bytes);
        int spareBits = bitfieldLength * 8 - pieceCount;
        if (spareBits > 0 && (bytes[bitfieldLength - 1] & ((1 << spareBits) - 1)) != 0) {
            throw new PeerProtocolException("bitfield has spare bits set after its " + pieceCount + " pieces");
        }
        return Bitfield.fromByteArray(bytes, pieceCount);
    }

    private void checkIndex(int messageId, int piece) throws PeerProtocolException {
        if (piece < 0 || piece >= pieceCount) {
            throw new PeerProtocolException(MessageId.name(messageId) + " for piece " + Integer.toUnsignedString(piece)
                    + " out of range: the torrent has " + pieceCount + " pieces");
        }
    }

    private void checkRequest(int messageId, int piece, int offset, int length) throws PeerProtocolException {
        checkIndex(messageId, piece);
        if (length == 0) {
            throw new PeerProtocolException(describe(messageId, piece, offset, length) + ": zero length");
        }
        if (length < 0 || length > PeerWireLimits.MAX_REQUEST_LENGTH) {
            throw new PeerProtocolException(describe(messageId, piece, offset, length) + ": longer than "
                    + PeerWireLimits.MAX_REQUEST_LENGTH + " bytes");
        }
        checkWithinPiece(messageId, piece, offset, length);
    }

    private void checkWithinPiece(int messageId, int piece, int offset, int length) throws PeerProtocolException {
        long size = pieceSize(piece);
        if ((offset & 0xFFFF_FFFFL) + length > size) {
            throw new PeerProtocolException(describe(messageId, piece, offset, length)
                    + ": past the end of the piece (" + size + " bytes)");
        }
    }

    private static String describe(int messageId, int piece, int offset, int length) {
        return MessageId.name(messageId) + " piece " + piece + " offset " + Integer.toUnsignedString(offset)
                + " length " + Integer.toUnsignedString(length);
    }

    private long pieceSize(int piece) {
        return piece == pieceCount - 1 ? totalLength - (long) pieceLength * (pieceCount - 1) : pieceLength;
    }

    private int intAt(int index) {
        return ((header[index] & 0xFF) << 24) | ((header[index + 1] & 0xFF) << 16)
                | ((header[index + 2] & 0xFF) << 8) | (header[index + 3] & 0xFF);
    }

    private void reset() {
        headerFilled = 0;
        headerNeeded = LENGTH_PREFIX;
        messageLength = -1;
        id = -1;
        inBody = false;
        skipping = false;
    }

    private void releaseAssembly() {
        if (assembly != null) {
            if (assemblyPooled) {
                pool.release(assembly);
            }
            assembly = null;
        }
    }
}
