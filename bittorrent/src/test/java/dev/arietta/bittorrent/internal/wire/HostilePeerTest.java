package dev.arietta.bittorrent.internal.wire;

import static dev.arietta.bittorrent.internal.wire.WireBytes.concat;
import static dev.arietta.bittorrent.internal.wire.WireBytes.encode;
import static dev.arietta.bittorrent.internal.wire.WireBytes.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a hostile peer sends after a good handshake, mapped to the exact close reason and
 * detail the swarm hears. Geometry: 10 pieces of 32 KiB, the last one 20000 bytes.
 */
class HostilePeerTest {

    /** What our side does before the hostile bytes arrive. */
    enum Setup {
        NOTHING,
        /** The peer unchokes us and we request piece 0 offset 0, 16 KiB. */
        WE_REQUEST,
        /** We unchoke the peer. */
        WE_UNCHOKE
    }

    private static byte[] piece(int piece, int offset, int length) {
        return concat(encode(out -> MessageEncoder.pieceHeader(out, piece, offset, length)), new byte[length]);
    }

    private static byte[] requestFlood() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset <= PeerWireLimits.MAX_INCOMING_REQUESTS; offset++) {
            out.writeBytes(message(MessageId.REQUEST, 0, offset, 1));
        }
        return out.toByteArray();
    }

    static Stream<Arguments> hostilePeers() {
        return Stream.of(
                Arguments.of("huge length prefix", false, Setup.NOTHING, new byte[] {0x7f, -1, -1, -1},
                        "message length 2147483647 exceeds the limit of 1048589"),
                Arguments.of("bitfield of the wrong size", false, Setup.NOTHING, message(MessageId.BITFIELD, new byte[3]),
                        "bitfield of 3 bytes, expected 2 for 10 pieces"),
                Arguments.of("bitfield with spare bits set", false, Setup.NOTHING,
                        message(MessageId.BITFIELD, new byte[] {0, 0x20}), "bitfield has spare bits set after its 10 pieces"),
                Arguments.of("second bitfield", true, Setup.NOTHING,
                        concat(message(MessageId.HAVE_ALL, new byte[0]), message(MessageId.BITFIELD, new byte[2])),
                        "bitfield after the peer's pieces were already announced"),
                Arguments.of("have out of range", false, Setup.NOTHING, message(MessageId.HAVE, 10),
                        "have for piece 10 out of range: the torrent has 10 pieces"),
                Arguments.of("unrequested piece", false, Setup.NOTHING, piece(0, 0, 16384),
                        "piece 0 offset 0 length 16384: block was not requested"),
                Arguments.of("piece larger than requested", false, Setup.WE_REQUEST, piece(0, 0, 32768),
                        "piece 0 offset 0: block of 32768 bytes, larger than the 16384 requested"),
                Arguments.of("piece smaller than requested", false, Setup.WE_REQUEST, piece(0, 0, 100),
                        "piece 0 offset 0: block of 100 bytes, smaller than the 16384 requested"),
                Arguments.of("piece at another offset", true, Setup.WE_REQUEST, piece(0, 16384, 16384),
                        "piece 0 offset 16384 length 16384: block was not requested"),
                Arguments.of("piece past the end of the last piece", false, Setup.WE_REQUEST, piece(9, 16384, 16384),
                        "piece piece 9 offset 16384 length 16384: past the end of the piece (20000 bytes)"),
                Arguments.of("piece block above the request limit", false, Setup.WE_REQUEST,
                        ByteBuffer.allocate(5).putInt(9 + 1024 * 1024).put((byte) MessageId.PIECE).array(),
                        "piece block of 1048576 bytes exceeds the limit of 131072"),
                Arguments.of("reject of a block never requested", true, Setup.WE_REQUEST,
                        message(MessageId.REJECT, 1, 0, 16384),
                        "reject piece 1 offset 0 length 16384: block was not requested"),
                Arguments.of("request flood", false, Setup.WE_UNCHOKE, requestFlood(),
                        "request piece 0 offset 500 length 1: more than 500 requests outstanding"),
                Arguments.of("request past the piece end", false, Setup.WE_UNCHOKE, message(MessageId.REQUEST, 2, 32768, 1),
                        "request piece 2 offset 32768 length 1: past the end of the piece (32768 bytes)"),
                Arguments.of("request above the request limit", false, Setup.WE_UNCHOKE,
                        message(MessageId.REQUEST, 2, 0, 256 * 1024),
                        "request piece 2 offset 0 length 262144: longer than 131072 bytes"),
                Arguments.of("have all without the fast extension", false, Setup.NOTHING,
                        message(MessageId.HAVE_ALL, new byte[0]), "have all received without the fast extension"),
                Arguments.of("extension handshake that is not a dictionary", true, Setup.NOTHING,
                        message(MessageId.EXTENDED, concat(new byte[] {0}, "l4:spame".getBytes(StandardCharsets.US_ASCII))),
                        "extension handshake is a bencoded list, not a dictionary"),
                Arguments.of("extension handshake above 64 KiB", true, Setup.NOTHING,
                        ByteBuffer.allocate(6).putInt(2 + 70_000).put((byte) MessageId.EXTENDED).put((byte) 0).array(),
                        "extension handshake of 70000 bytes exceeds the limit of 65536"));
    }

    /** The callbacks the swarm may hear before the close: those of the valid messages sent first. */
    private static List<String> expectedBefore(String name, Setup setup) {
        List<String> events = new ArrayList<>();
        if (name.equals("second bitfield")) {
            events.add("bitfield ffc0");
        } else if (name.equals("request flood")) {
            for (int offset = 0; offset < PeerWireLimits.MAX_INCOMING_REQUESTS; offset++) {
                events.add("request 0 " + offset + " 1");
            }
        }
        if (setup == Setup.WE_REQUEST) {
            events.add("failed 0 0 16384 CLOSED");
        }
        return events;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePeers")
    void hostilePeerIsDisconnectedWithTheExactReason(String name, boolean extensions, Setup setup, byte[] bytes,
            String detail) throws Exception {
        try (ConnectionHarness h = new ConnectionHarness()) {
            h.handshake(extensions, extensions);
            switch (setup) {
                case WE_REQUEST -> {
                    h.peer.write(message(MessageId.UNCHOKE, new byte[0]));
                    h.listener.expect("unchoked");
                    h.on(c -> c.request(0, 0, 16384));
                    h.peer.expect(MessageId.REQUEST);
                }
                case WE_UNCHOKE -> {
                    h.on(PeerConnection::unchoke);
                    h.peer.expect(MessageId.UNCHOKE);
                }
                case NOTHING -> {
                }
            }
            h.peer.write(bytes);
            List<String> before = new ArrayList<>();
            String event;
            while (!(event = h.listener.next()).startsWith("closed ")) {
                before.add(event);
            }
            assertEquals("closed PROTOCOL_VIOLATION: " + detail, event);
            // Nothing else: only what the valid messages before the hostile one caused, then the close.
            assertEquals(expectedBefore(name, setup), before);
            h.peer.expectEndOfStream();
            assertNull(h.listener.events.poll(100, TimeUnit.MILLISECONDS), "an event after the close");
        }
    }
}
