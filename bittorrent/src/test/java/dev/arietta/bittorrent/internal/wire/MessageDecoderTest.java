package dev.arietta.bittorrent.internal.wire;

import static dev.arietta.bittorrent.internal.wire.WireBytes.concat;
import static dev.arietta.bittorrent.internal.wire.WireBytes.encode;
import static dev.arietta.bittorrent.internal.wire.WireBytes.message;
import static dev.arietta.bittorrent.internal.wire.WireBytes.pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.loop.BufferPool;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageDecoderTest {

    /** 10 pieces of 32 KiB, the last one 20000 bytes: a 2-byte bitfield with 6 spare bits. */
    static final int PIECE_COUNT = 10;
    static final int PIECE_LENGTH = 32 * 1024;
    static final long TOTAL_LENGTH = 9L * PIECE_LENGTH + 20_000;

    private final BufferPool pool = new BufferPool(64 * 1024, 4);

    private MessageDecoder decoder(boolean fast, boolean extensions) {
        MessageDecoder decoder = new MessageDecoder(PIECE_COUNT, PIECE_LENGTH, TOTAL_LENGTH, pool);
        decoder.fastExtension(fast);
        decoder.extensionProtocol(extensions);
        return decoder;
    }

    private static final byte[] SMALL_BLOCK = pattern(100, 3);
    private static final byte[] EXTENSION_HANDSHAKE = ("d1:md11:ut_metadatai3e6:ut_pexi1ee13:metadata_sizei31235e"
            + "1:pi6881e4:reqqi250e1:v14:libtorrent/2.06:yourip4:\u007f\0\0\u0001e").getBytes(StandardCharsets.ISO_8859_1);

    /** Every message kind: its bytes from the encoder and the event the decoder must report. */
    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of(encode(MessageEncoder::keepAlive), "keep-alive"),
                Arguments.of(encode(MessageEncoder::choke), "choke"),
                Arguments.of(encode(MessageEncoder::unchoke), "unchoke"),
                Arguments.of(encode(out -> MessageEncoder.interested(out, true)), "interested"),
                Arguments.of(encode(out -> MessageEncoder.interested(out, false)), "not interested"),
                Arguments.of(encode(out -> MessageEncoder.have(out, 9)), "have 9"),
                Arguments.of(concat(encode(out -> MessageEncoder.bitfieldHeader(out, 2)), new byte[] {(byte) 0xA5, (byte) 0x80}),
                        "bitfield a580"),
                Arguments.of(encode(out -> MessageEncoder.request(out, 9, 16384, 3616)), "request 9 16384 3616"),
                Arguments.of(concat(encode(out -> MessageEncoder.pieceHeader(out, 2, 16384, SMALL_BLOCK.length)), SMALL_BLOCK),
                        "piece 2 16384 " + HexFormat.of().formatHex(SMALL_BLOCK)),
                Arguments.of(encode(out -> MessageEncoder.cancel(out, 0, 0, 16384)), "cancel 0 0 16384"),
                Arguments.of(encode(out -> MessageEncoder.port(out, 51413)), "port 51413"),
                Arguments.of(encode(out -> MessageEncoder.suggest(out, 4)), "suggest 4"),
                Arguments.of(encode(MessageEncoder::haveAll), "have all"),
                Arguments.of(encode(MessageEncoder::haveNone), "have none"),
                Arguments.of(encode(out -> MessageEncoder.reject(out, 1, 32768 - 16384, 16384)), "reject 1 16384 16384"),
                Arguments.of(encode(out -> MessageEncoder.allowedFast(out, 7)), "allowed fast 7"),
                Arguments.of(concat(encode(out -> MessageEncoder.extendedHeader(out, 0, EXTENSION_HANDSHAKE.length)),
                        EXTENSION_HANDSHAKE), "extension handshake {ut_metadata=3, ut_pex=1} libtorrent/2.0 "
                        + "OptionalInt[250] 127.0.0.1 OptionalInt[6881] OptionalLong[31235]"),
                Arguments.of(concat(encode(out -> MessageEncoder.extendedHeader(out, 3, 5)), "hello".getBytes(StandardCharsets.US_ASCII)),
                        "extended 3 68656c6c6f"),
                Arguments.of(encode(out -> MessageEncoder.extendedHeader(out, 3, 0)), "extended 3 "));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void decodesEveryMessageAtEverySplit(byte[] bytes, String expected) throws Exception {
        for (int split = 0; split <= bytes.length; split++) {
            MessageDecoder decoder = decoder(true, true);
            RecordingMessageHandler handler = new RecordingMessageHandler();
            decoder.decode(ByteBuffer.wrap(bytes, 0, split), handler);
            decoder.decode(ByteBuffer.wrap(bytes, split, bytes.length - split), handler);
            assertEquals(List.of(expected), handler.events, "split at " + split);
            assertTrue(decoder.isIdle());
        }
    }

    @ParameterizedTest
    @MethodSource("messages")
    void decodesEveryMessageOneByteAtATime(byte[] bytes, String expected) throws Exception {
        MessageDecoder decoder = decoder(true, true);
        RecordingMessageHandler handler = new RecordingMessageHandler();
        for (byte b : bytes) {
            decoder.decode(ByteBuffer.wrap(new byte[] {b}), handler);
        }
        assertEquals(List.of(expected), handler.events);
    }

    @Test
    void decodesAStreamOfAllMessagesAtEverySplitAndInDirectBuffers() throws Exception {
        List<byte[]> parts = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        messages().forEach(arguments -> {
            parts.add((byte[]) arguments.get()[0]);
            expected.add((String) arguments.get()[1]);
        });
        byte[] stream = concat(parts.toArray(byte[][]::new));
        for (int split = 0; split <= stream.length; split++) {
            MessageDecoder decoder = decoder(true, true);
            RecordingMessageHandler handler = new RecordingMessageHandler();
            ByteBuffer first = ByteBuffer.allocateDirect(split).put(stream, 0, split).flip();
            ByteBuffer second = ByteBuffer.allocateDirect(stream.length - split).put(stream, split, stream.length - split).flip();
            decoder.decode(first, handler);
            decoder.decode(second, handler);
            assertEquals(expected, handler.events, "split at " + split);
            assertEquals(0, first.remaining() + second.remaining());
        }
    }

    @Test
    void contiguousBlockIsHandedOverInPlaceAndInputPositionRestored() throws Exception {
        byte[] block = pattern(16 * 1024, 1);
        byte[] bytes = concat(encode(out -> MessageEncoder.pieceHeader(out, 3, 0, block.length)), block,
                encode(out -> MessageEncoder.have(out, 1)));
        ByteBuffer input = ByteBuffer.wrap(bytes);
        List<ByteBuffer> seen = new ArrayList<>();
        RecordingMessageHandler handler = new RecordingMessageHandler() {
            @Override
            public void onPiece(int piece, int offset, ByteBuffer data) {
                seen.add(data);
                assertEquals(13, data.position());
                assertEquals(13 + block.length, data.limit());
                super.onPiece(piece, offset, data);
            }
        };
        decoder(false, false).decode(input, handler);
        assertSame(input, seen.get(0));
        assertEquals(bytes.length, input.position());
        assertEquals(bytes.length, input.limit());
        assertEquals(List.of("piece 3 0 " + HexFormat.of().formatHex(block), "have 1"), handler.events);
    }

    @Test
    void splitBlockIsAssembledInAPooledBufferThatGoesBack() throws Exception {
        byte[] block = pattern(16 * 1024, 5);
        byte[] bytes = concat(encode(out -> MessageEncoder.pieceHeader(out, 4, 16384, block.length)), block);
        ByteBuffer warm = pool.acquire();
        pool.release(warm);
        List<ByteBuffer> seen = new ArrayList<>();
        RecordingMessageHandler handler = new RecordingMessageHandler() {
            @Override
            public void onPiece(int piece, int offset, ByteBuffer data) {
                seen.add(data);
                super.onPiece(piece, offset, data);
            }
        };
        MessageDecoder decoder = decoder(false, false);
        decoder.decode(ByteBuffer.wrap(bytes, 0, 5000), handler);
        assertEquals(0, pool.retained(), "the pooled buffer is lent while the block is incomplete");
        decoder.decode(ByteBuffer.wrap(bytes, 5000, bytes.length - 5000), handler);
        assertSame(warm, seen.get(0));
        assertEquals(1, pool.retained());
        assertEquals(List.of("piece 4 16384 " + HexFormat.of().formatHex(block)), handler.events);
    }

    @Test
    void closeReturnsTheAssemblyBufferAndStopsDecoding() throws Exception {
        byte[] block = pattern(1000, 5);
        byte[] bytes = concat(encode(out -> MessageEncoder.pieceHeader(out, 4, 0, block.length)), block);
        MessageDecoder decoder = decoder(false, false);
        RecordingMessageHandler handler = new RecordingMessageHandler();
        decoder.decode(ByteBuffer.wrap(bytes, 0, 500), handler);
        decoder.close();
        assertEquals(1, pool.retained());
        decoder.decode(ByteBuffer.wrap(bytes, 500, bytes.length - 500), handler);
        assertEquals(List.of(), handler.events);
    }

    @Test
    void unknownMessagesAreSkippedUpToTheLengthLimit() throws Exception {
        byte[] unknown = message(99, new byte[PeerWireLimits.MAX_MESSAGE_LENGTH - 1]);
        byte[] bytes = concat(unknown, message(MessageId.UNCHOKE, new byte[0]), message(42, new byte[0]));
        MessageDecoder decoder = decoder(false, false);
        RecordingMessageHandler handler = new RecordingMessageHandler();
        for (int at = 0; at < bytes.length; at += 7) {
            decoder.decode(ByteBuffer.wrap(bytes, at, Math.min(7, bytes.length - at)), handler);
        }
        assertEquals(List.of("unchoke"), handler.events);
        assertTrue(decoder.isIdle());
    }

    static Stream<Arguments> hostileMessages() {
        byte[] tooBigHandshake = new byte[PeerWireLimits.MAX_EXTENSION_HANDSHAKE_LENGTH + 1];
        return Stream.of(
                Arguments.of("length prefix 0xFFFFFFFF", true, new byte[] {-1, -1, -1, -1},
                        "message length 4294967295 exceeds the limit of 1048589"),
                Arguments.of("length prefix one past the limit", true,
                        ByteBuffer.allocate(4).putInt(PeerWireLimits.MAX_MESSAGE_LENGTH + 1).array(),
                        "message length 1048590 exceeds the limit of 1048589"),
                Arguments.of("choke with a payload", true, message(MessageId.CHOKE, new byte[1]),
                        "choke message of length 2, expected 1"),
                Arguments.of("have of length 6", true, message(MessageId.HAVE, new byte[5]),
                        "have message of length 6, expected 5"),
                Arguments.of("request of length 12", true, message(MessageId.REQUEST, new byte[11]),
                        "request message of length 12, expected 13"),
                Arguments.of("cancel of length 17", true, message(MessageId.CANCEL, new byte[16]),
                        "cancel message of length 17, expected 13"),
                Arguments.of("port of length 5", true, message(MessageId.PORT, new byte[4]),
                        "port message of length 5, expected 3"),
                Arguments.of("bitfield one byte too long", true, message(MessageId.BITFIELD, new byte[3]),
                        "bitfield of 3 bytes, expected 2 for 10 pieces"),
                Arguments.of("bitfield one byte too short", true, message(MessageId.BITFIELD, new byte[1]),
                        "bitfield of 1 bytes, expected 2 for 10 pieces"),
                Arguments.of("bitfield with spare bits", true, message(MessageId.BITFIELD, new byte[] {-1, (byte) 0xC1}),
                        "bitfield has spare bits set after its 10 pieces"),
                Arguments.of("have past the last piece", true, message(MessageId.HAVE, 10),
                        "have for piece 10 out of range: the torrent has 10 pieces"),
                Arguments.of("have of a negative piece", true, message(MessageId.HAVE, -1),
                        "have for piece 4294967295 out of range: the torrent has 10 pieces"),
                Arguments.of("request out of range", true, message(MessageId.REQUEST, 10, 0, 16384),
                        "request for piece 10 out of range: the torrent has 10 pieces"),
                Arguments.of("request of length 0", true, message(MessageId.REQUEST, 1, 0, 0),
                        "request piece 1 offset 0 length 0: zero length"),
                Arguments.of("request above the limit", true, message(MessageId.REQUEST, 1, 0, 131073),
                        "request piece 1 offset 0 length 131073: longer than 131072 bytes"),
                Arguments.of("request past the end of the last piece", true, message(MessageId.REQUEST, 9, 16384, 16384),
                        "request piece 9 offset 16384 length 16384: past the end of the piece (20000 bytes)"),
                Arguments.of("request at a negative offset", true, message(MessageId.REQUEST, 1, -16384, 16384),
                        "request piece 1 offset 4294950912 length 16384: past the end of the piece (32768 bytes)"),
                Arguments.of("cancel past the piece end", true, message(MessageId.CANCEL, 0, 32768, 1),
                        "cancel piece 0 offset 32768 length 1: past the end of the piece (32768 bytes)"),
                Arguments.of("reject of length 0", true, message(MessageId.REJECT, 0, 0, 0),
                        "reject piece 0 offset 0 length 0: zero length"),
                Arguments.of("piece shorter than its header", true, message(MessageId.PIECE, new byte[7]),
                        "piece message of length 8, shorter than its 9-byte header"),
                Arguments.of("piece block above the limit", true,
                        ByteBuffer.allocate(5).putInt(9 + 131073).put((byte) MessageId.PIECE).array(),
                        "piece block of 131073 bytes exceeds the limit of 131072"),
                Arguments.of("piece out of range", true, message(MessageId.PIECE,
                        concat(ByteBuffer.allocate(8).putInt(12).putInt(0).array(), new byte[4])),
                        "piece for piece 12 out of range: the torrent has 10 pieces"),
                Arguments.of("piece past the piece end", true, message(MessageId.PIECE,
                        concat(ByteBuffer.allocate(8).putInt(9).putInt(19_999).array(), new byte[2])),
                        "piece piece 9 offset 19999 length 2: past the end of the piece (20000 bytes)"),
                Arguments.of("suggest out of range", true, message(MessageId.SUGGEST, 11),
                        "suggest for piece 11 out of range: the torrent has 10 pieces"),
                Arguments.of("allowed fast out of range", true, message(MessageId.ALLOWED_FAST, 10),
                        "allowed fast for piece 10 out of range: the torrent has 10 pieces"),
                Arguments.of("have all without the fast extension", false, message(MessageId.HAVE_ALL, new byte[0]),
                        "have all received without the fast extension"),
                Arguments.of("have none without the fast extension", false, message(MessageId.HAVE_NONE, new byte[0]),
                        "have none received without the fast extension"),
                Arguments.of("reject without the fast extension", false, message(MessageId.REJECT, 0, 0, 16384),
                        "reject received without the fast extension"),
                Arguments.of("allowed fast without the fast extension", false, message(MessageId.ALLOWED_FAST, 1),
                        "allowed fast received without the fast extension"),
                Arguments.of("suggest without the fast extension", false, message(MessageId.SUGGEST, 1),
                        "suggest received without the fast extension"),
                Arguments.of("have all of length 2", true, message(MessageId.HAVE_ALL, new byte[1]),
                        "have all message of length 2, expected 1"),
                Arguments.of("extended without the extension protocol", false, message(MessageId.EXTENDED, new byte[] {0}),
                        "extended message received without the extension protocol"),
                Arguments.of("extended without its id", true, message(MessageId.EXTENDED, new byte[0]),
                        "extended message of length 1, expected at least 2"),
                Arguments.of("extension handshake above 64 KiB", true,
                        message(MessageId.EXTENDED, concat(new byte[] {0}, tooBigHandshake)),
                        "extension handshake of 65537 bytes exceeds the limit of 65536"),
                Arguments.of("extension handshake that is a list", true,
                        message(MessageId.EXTENDED, concat(new byte[] {0}, "li1ee".getBytes(StandardCharsets.US_ASCII))),
                        "extension handshake is a bencoded list, not a dictionary"),
                Arguments.of("extension handshake that is an integer", true,
                        message(MessageId.EXTENDED, concat(new byte[] {0}, "i7e".getBytes(StandardCharsets.US_ASCII))),
                        "extension handshake is a bencoded integer, not a dictionary"),
                Arguments.of("extension handshake cut short", true,
                        message(MessageId.EXTENDED, concat(new byte[] {0}, "d1:md".getBytes(StandardCharsets.US_ASCII))),
                        "extension handshake is not valid bencode: "),
                Arguments.of("extension handshake with trailing bytes", true,
                        message(MessageId.EXTENDED, concat(new byte[] {0}, "de!".getBytes(StandardCharsets.US_ASCII))),
                        "extension handshake is not valid bencode: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileMessages")
    void hostileMessageIsATypedViolation(String name, boolean extensionsOn, byte[] bytes, String expected) {
        PeerProtocolException failure = assertThrows(PeerProtocolException.class,
                () -> decoder(extensionsOn, extensionsOn).decode(ByteBuffer.wrap(bytes), new RecordingMessageHandler()));
        assertEquals(PeerCloseReason.PROTOCOL_VIOLATION, failure.reason());
        String wanted = expected;
        if (wanted.endsWith(": ")) {
            assertTrue(failure.getMessage().startsWith(wanted), failure.getMessage());
            assertTrue(failure.getMessage().length() > wanted.length() + 10, failure.getMessage());
        } else {
            assertEquals(wanted, failure.getMessage());
        }
    }

    @Test
    void hostileMessageFailsWhateverItsSplit() {
        byte[] bytes = concat(message(MessageId.HAVE, 3), message(MessageId.BITFIELD, new byte[] {-1, -1}));
        for (int split = 0; split <= bytes.length; split++) {
            MessageDecoder decoder = decoder(true, true);
            RecordingMessageHandler handler = new RecordingMessageHandler();
            int at = split;
            PeerProtocolException failure = assertThrows(PeerProtocolException.class, () -> {
                decoder.decode(ByteBuffer.wrap(bytes, 0, at), handler);
                decoder.decode(ByteBuffer.wrap(bytes, at, bytes.length - at), handler);
            });
            assertEquals("bitfield has spare bits set after its 10 pieces", failure.getMessage());
            assertEquals(List.of("have 3"), handler.events);
        }
    }

    @Test
    void inconsistentGeometryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MessageDecoder(2, 100, 201, pool));
        assertThrows(IllegalArgumentException.class, () -> new MessageDecoder(2, 100, 100, pool));
        assertThrows(IllegalArgumentException.class, () -> new MessageDecoder(0, 100, 100, pool));
    }
}
