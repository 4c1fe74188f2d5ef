package dev.arietta.bittorrent.internal.wire;

import static dev.arietta.bittorrent.internal.wire.ConnectionHarness.INFO_HASH;
import static dev.arietta.bittorrent.internal.wire.ConnectionHarness.OTHER_HASH;
import static dev.arietta.bittorrent.internal.wire.ConnectionHarness.OUR_ID;
import static dev.arietta.bittorrent.internal.wire.ConnectionHarness.THEIR_ID;
import static dev.arietta.bittorrent.internal.wire.WireBytes.concat;
import static dev.arietta.bittorrent.internal.wire.WireBytes.encode;
import static dev.arietta.bittorrent.internal.wire.WireBytes.message;
import static dev.arietta.bittorrent.internal.wire.WireBytes.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.piece.Bitfield;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DefaultPeerConnectionTest {

    private static final long SECOND = 1_000_000_000L;

    private ConnectionHarness harness;

    private ConnectionHarness harness() throws Exception {
        harness = new ConnectionHarness();
        return harness;
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static byte[] piece(int piece, int offset, byte[] data) {
        return concat(encode(out -> MessageEncoder.pieceHeader(out, piece, offset, data.length)), data);
    }

    @Test
    void exchangesHandshakesAndExtensionHandshakes() throws Exception {
        ConnectionHarness h = harness();
        ExtensionHandshake ours = h.handshake(true, true);
        assertEquals(Map.of("ut_metadata", 2), ours.messageIds());
        assertEquals(Optional.of("Arietta test"), ours.client());
        assertEquals(OptionalInt.of(PeerWireLimits.MAX_INCOMING_REQUESTS), ours.requestQueue());
        assertEquals(OptionalInt.of(6881), ours.listenPort());
        assertEquals(Optional.of(InetAddress.getLoopbackAddress()), ours.yourIp());

        byte[] theirs = "d1:md6:ut_pexi1ee4:reqqi3ee".getBytes(StandardCharsets.US_ASCII);
        h.peer.write(message(MessageId.EXTENDED, concat(new byte[] {0}, theirs)));
        h.listener.expect("extension handshake {ut_pex=1} reqq=OptionalInt[3] v=-");
        h.peer.write(message(MessageId.UNCHOKE, new byte[0]));
        h.listener.expect("unchoked");
        assertEquals(3, (int) h.get(PeerConnection::requestCapacity), "the peer's reqq caps the pipeline");
        assertTrue((boolean) h.get(c -> c.fastExtension() && c.extensionProtocol() && c.remoteExtensions().isPresent()));
        assertEquals(THEIR_ID, h.get(PeerConnection::peerId));
    }

    @Test
    void bitfieldGoesFirstAsBitfieldOrHaveAllOrNothing() throws Exception {
        ConnectionHarness h = harness();
        Bitfield some = new Bitfield(ConnectionHarness.PIECE_COUNT);
        some.set(0);
        some.set(9);
        h.listener.onHandshakeAction = peer -> peer.sendBitfield(some);
        h.handshake(true, false);
        assertEquals("8040", HexFormat.of().formatHex(h.peer.expect(MessageId.BITFIELD).payload()));
        assertThrows(IllegalStateException.class, () -> h.on(c -> c.sendBitfield(some)));
    }

    @Test
    void fullBitfieldIsHaveAllWithTheFastExtension() throws Exception {
        ConnectionHarness h = harness();
        Bitfield all = new Bitfield(ConnectionHarness.PIECE_COUNT);
        all.setAll();
        h.listener.onHandshakeAction = peer -> peer.sendBitfield(all);
        h.handshake(true, true);
        h.peer.expect(MessageId.HAVE_ALL);
    }

    @Test
    void fullBitfieldIsABitfieldWithoutTheFastExtension() throws Exception {
        ConnectionHarness h = harness();
        Bitfield all = new Bitfield(ConnectionHarness.PIECE_COUNT);
        all.setAll();
        h.listener.onHandshakeAction = peer -> peer.sendBitfield(all);
        h.handshake(false, false);
        assertEquals("ffc0", HexFormat.of().formatHex(h.peer.expect(MessageId.BITFIELD).payload()));
    }

    @Test
    void handshakeForAnotherTorrentIsRefused() throws Exception {
        ConnectionHarness h = harness();
        h.open();
        h.peer.readHandshake();
        h.peer.writeHandshake(OTHER_HASH, THEIR_ID, true, true);
        h.listener.expect("closed HANDSHAKE_FAILED: handshake for info-hash " + OTHER_HASH.hex() + ", expected "
                + INFO_HASH.hex());
        h.peer.expectEndOfStream();
    }

    @Test
    void ourOwnPeerIdBackIsASelfConnection() throws Exception {
        ConnectionHarness h = harness();
        h.open();
        h.peer.readHandshake();
        h.peer.writeHandshake(INFO_HASH, OUR_ID, true, true);
        h.listener.expect("closed SELF_CONNECTION: connected to ourselves (peer id -AT0100-ourselves012)");
        h.peer.expectEndOfStream();
    }

    @Test
    void anotherProtocolIsRefused() throws Exception {
        ConnectionHarness h = harness();
        h.open();
        h.peer.write(("GET / HTTP/1.1\r\nHost: example\r\n\r\n" + "x".repeat(40)).getBytes(StandardCharsets.US_ASCII));
        h.listener.expect("closed HANDSHAKE_FAILED: not a BitTorrent handshake: starts with "
                + "474554202f20485454502f312e310d0a486f7374");
    }

    @Test
    void handshakeTimesOut() throws Exception {
        ConnectionHarness h = harness();
        h.open();
        h.peer.readHandshake();
        h.fixture.advance(PeerWireLimits.HANDSHAKE_TIMEOUT_NANOS - 1);
        assertFalse((boolean) h.get(PeerConnection::isClosed));
        h.fixture.advance(1);
        h.listener.expect("closed HANDSHAKE_FAILED: handshake not completed within 20 s");
        h.peer.expectEndOfStream();
    }

    @Test
    void swarmMayRefuseThePeer() throws Exception {
        ConnectionHarness h = harness();
        h.listener.acceptHandshake = false;
        h.handshake(false, false);
        h.listener.expect("closed LOCAL: refused by the swarm");
    }

    @Test
    void keepAliveAfterTwoMinutesOfOurSilence() throws Exception {
        ConnectionHarness h = harness();
        h.handshake(false, false);
        h.fixture.advance(PeerWireLimits.KEEP_ALIVE_INTERVAL_NANOS - SECOND);
        h.fixture.run(() -> { });
        assertEquals(0, h.peer.input().available(), "no keep-alive before the interval");
        h.fixture.advance(SECOND);
        assertEquals(-1, h.peer.read().id(), "keep-alive");
        h.on(c -> c.sendHave(4));
        assertEquals(MessageId.HAVE, h.peer.read().id(), "one keep-alive, not one per tick");
    }

    @Test
    void silentPeerTimesOut() throws Exception {
        ConnectionHarness h = harness();
        h.handshake(false, false);
        h.fixture.advance(PeerWireLimits.INACTIVITY_TIMEOUT_NANOS - SECOND);
        assertFalse((boolean) h.get(PeerConnection::isClosed));
        h.fixture.advance(SECOND);
        h.listener.expect("closed TIMEOUT: nothing received for 180 s");
    }

    private ConnectionHarness unchokedWithTwoRequests(boolean fast) throws Exception {
        ConnectionHarness h = harness();
        h.handshake(fast, false);
        h.peer.write(message(MessageId.UNCHOKE, new byte[0]));
        h.listener.expect("unchoked");
        assertEquals(PeerWireLimits.INITIAL_REQUEST_QUEUE_DEPTH, (int) h.get(PeerConnection::requestCapacity));
        h.on(c -> {
            c.request(0, 0, 16384);
            c.request(0, 16384, 16384);
        });
        assertEquals("00000000" + "00000000" + "00004000", HexFormat.of().formatHex(h.peer.expect(MessageId.REQUEST).payload()));
        assertEquals("00000000" + "00004000" + "00004000", HexFormat.of().formatHex(h.peer.expect(MessageId.REQUEST).payload()));
        assertEquals(2, (int) h.get(PeerConnection::outstandingRequests));
        assertEquals(14, (int) h.get(PeerConnection::requestCapacity));
        return h;
    }

    @Test
    void requestedBlockIsDelivered() throws Exception {
        ConnectionHarness h = unchokedWithTwoRequests(false);
        byte[] data = pattern(16384, 11);
        h.peer.write(piece(0, 16384, data));
        h.listener.expect("block 0 16384 16384");
        assertArrayEquals(data, h.listener.blocks.get(0));
        assertEquals(1, (int) h.get(PeerConnection::outstandingRequests));
        assertEquals(16384L, (long) h.get(PeerConnection::downloadedBytes));
        assertEquals(16384L, (long) h.get(PeerConnection::downloadRate), "16 KiB in the first second");
    }

    @Test
    void chokeWithoutFastExtensionVoidsRequestsButALateBlockIsStillTaken() throws Exception {
        ConnectionHarness h = unchokedWithTwoRequests(false);
        h.peer.write(message(MessageId.CHOKE, new byte[0]));
        h.listener.expect("failed 0 0 16384 CHOKED", "failed 0 16384 16384 CHOKED", "choked");
        assertEquals(0, (int) h.get(PeerConnection::outstandingRequests));
        assertEquals(0, (int) h.get(PeerConnection::requestCapacity));
        assertThrows(IllegalStateException.class, () -> h.on(c -> c.request(1, 0, 16384)));
        h.peer.write(piece(0, 0, pattern(16384, 1)));
        h.listener.expect("block 0 0 16384");
    }

    @Test
    void chokeWithFastExtensionKeepsRequestsUntilRejected() throws Exception {
        ConnectionHarness h = unchokedWithTwoRequests(true);
        h.peer.write(message(MessageId.CHOKE, new byte[0]));
        h.listener.expect("choked");
        assertEquals(2, (int) h.get(PeerConnection::outstandingRequests));
        h.peer.write(message(MessageId.REJECT, 0, 16384, 16384));
        h.listener.expect("failed 0 16384 16384 REJECTED");
        h.peer.write(piece(0, 0, pattern(16384, 1)));
        h.listener.expect("block 0 0 16384");
    }

    @Test
    void unansweredRequestTimesOutAndThePeerIsSnubbed() throws Exception {
        ConnectionHarness h = unchokedWithTwoRequests(false);
        h.fixture.advance(PeerWireLimits.REQUEST_TIMEOUT_NANOS);
        h.listener.expect("failed 0 0 16384 TIMED_OUT", "failed 0 16384 16384 TIMED_OUT");
        assertTrue((boolean) h.get(PeerConnection::isSnubbed));
        assertEquals(1, (int) h.get(PeerConnection::requestCapacity), "a snubbed peer gets one request");
        h.on(c -> c.request(1, 0, 16384));
        assertEquals(0, (int) h.get(PeerConnection::requestCapacity));
        h.peer.write(piece(0, 0, pattern(16384, 1)));
        h.listener.expect("block 0 0 16384");
        assertFalse((boolean) h.get(PeerConnection::isSnubbed), "a block ends the snub");
    }

    @Test
    void cancelReportsAndSendsCancel() throws Exception {
        ConnectionHarness h = unchokedWithTwoRequests(false);
        h.on(c -> c.cancel(0, 0, 16384));
        h.listener.expect("failed 0 0 16384 CANCELLED");
        assertEquals("000000000000000000004000", HexFormat.of().formatHex(h.peer.expect(MessageId.CANCEL).payload()));
        h.peer.write(piece(0, 0, pattern(16384, 1)));
        h.listener.expect("block 0 0 16384");
    }

    @Test
    void closeFailsOutstandingRequestsFirst() throws Exception {
        ConnectionHarness h = unchokedWithTwoRequests(false);
        h.on(c -> c.close(PeerCloseReason.NOT_USEFUL));
        h.listener.expect("failed 0 0 16384 CLOSED", "failed 0 16384 16384 CLOSED", "closed NOT_USEFUL: closed locally");
        h.peer.expectEndOfStream();
        assertEquals(0, (int) h.get(PeerConnection::requestCapacity));
    }

    @Test
    void peerClosing() throws Exception {
        ConnectionHarness h = harness();
        h.handshake(false, false);
        h.peer.close();
        h.listener.expect("closed REMOTE: connection closed by the peer");
    }

    @Test
    void servesRequestsWhileUnchoked() throws Exception {
        ConnectionHarness h = harness();
        h.handshake(false, false);
        h.on(PeerConnection::unchoke);
        h.peer.expect(MessageId.UNCHOKE);
        h.peer.write(message(MessageId.INTERESTED, new byte[0]));
        h.peer.write(message(MessageId.REQUEST, 9, 16384, 3616));
        h.listener.expect("interested", "request 9 16384 3616");
        byte[] data = pattern(3616, 2);
        h.on(c -> c.sendBlock(9, 16384, ByteBuffer.wrap(data)));
        ScriptedPeer.Message block = h.peer.expect(MessageId.PIECE);
        assertEquals(ByteBuffer.wrap(concat(ByteBuffer.allocate(8).putInt(9).putInt(16384).array(), data)), block.buffer());
        assertEquals(3616L, (long) h.get(PeerConnection::uploadedBytes));
        h.on(c -> c.sendBlock(9, 16384, ByteBuffer.wrap(data)));
        h.on(c -> c.sendHave(1));
        h.peer.expect(MessageId.HAVE);
    }

    @Test
    void requestsWhileWeChokeAreIgnoredWithoutFastExtension() throws Exception {
        ConnectionHarness h = harness();
        h.handshake(false, false);
        h.peer.write(message(MessageId.REQUEST, 1, 0, 16384));
        h.peer.write(message(MessageId.HAVE, 2));
        h.listener.expect("have 2");
        assertEquals(0, (int) h.get(DefaultPeerConnection::incomingRequests));
    }

    @Test
    void requestsWhileWeChokeAreRejectedWithFastExtensionUnlessAllowedFast() throws Exception {
        ConnectionHarness h = harness();
        h.handshake(true, false);
        h.on(c -> c.sendAllowedFast(3));
        h.peer.expect(MessageId.ALLOWED_FAST);
        h.peer.write(message(MessageId.REQUEST, 1, 0, 16384));
        assertEquals("000000010000000000004000", HexFormat.of().formatHex(h.peer.expect(MessageId.REJECT).payload()));
        h.peer.write(message(MessageId.REQUEST, 3, 0, 16384));
        h.listener.expect("request 3 0 16384");
    }

    @Test
    void chokeWithFastExtensionRejectsQueuedRequestsButAllowedFast() throws Exception {
        ConnectionHarness h = harness();
        h.handshake(true, false);
        h.on(c -> {
            c.sendAllowedFast(3);
            c.unchoke();
        });
        h.peer.expect(MessageId.ALLOWED_FAST);
        h.peer.expect(MessageId.UNCHOKE);
        h.peer.write(message(MessageId.REQUEST, 1, 0, 16384));
        h.peer.write(message(MessageId.REQUEST, 3, 0, 16384));
        h.listener.expect("request 1 0 16384", "request 3 0 16384");
        h.on(PeerConnection::choke);
        h.peer.expect(MessageId.CHOKE);
        assertEquals("000000010000000000004000", HexFormat.of().formatHex(h.peer.expect(MessageId.REJECT).payload()));
        assertEquals(1, (int) h.get(DefaultPeerConnection::incomingRequests));
    }

    @Test
    void peerCancelDropsItsRequestAndIsRejectedWithFastExtension() throws Exception {
        ConnectionHarness h = harness();
        h.handshake(true, false);
        h.on(PeerConnection::unchoke);
        h.peer.expect(MessageId.UNCHOKE);
        h.peer.write(message(MessageId.REQUEST, 1, 0, 16384));
        h.peer.write(message(MessageId.CANCEL, 1, 0, 16384));
        h.listener.expect("request 1 0 16384", "cancel 1 0 16384");
        h.peer.expect(MessageId.REJECT);
        h.on(c -> c.sendBlock(1, 0, ByteBuffer.wrap(new byte[16384])));
        h.on(c -> c.sendHave(2));
        h.peer.expect(MessageId.HAVE);
    }

    @Test
    void cancelTakesBackAQueuedBlockAndDrainingCallsWritable() throws Exception {
        harness = new ConnectionHarness(4096);
        ConnectionHarness h = harness;
        h.handshake(true, false);
        h.on(PeerConnection::unchoke);
        h.peer.expect(MessageId.UNCHOKE);
        for (int piece = 0; piece < 9; piece++) {
            for (int offset = 0; offset < 32768; offset += 16384) {
                h.peer.write(message(MessageId.REQUEST, piece, offset, 16384));
            }
        }
        for (int i = 0; i < 18; i++) {
            assertTrue(h.listener.next().startsWith("request "));
        }
        h.on(c -> {
            for (int piece = 0; piece < 9; piece++) {
                for (int offset = 0; offset < 32768; offset += 16384) {
                    c.sendBlock(piece, offset, ByteBuffer.wrap(pattern(16384, piece)));
                }
            }
        });
        int queued = h.get(PeerConnection::queuedSendBytes);
        assertTrue(queued > 64 * 1024, "the socket takes only part of 288 KiB: " + queued + " bytes queued");
        h.peer.write(message(MessageId.CANCEL, 8, 16384, 16384));
        h.peer.write(message(MessageId.HAVE, 0));
        h.listener.expect("have 0");
        // The socket may have taken more of the queue since it was measured (the kernel frees send
        // buffer space as the peer's side acknowledges), so only a bound holds here; the messages
        // the peer reads below are exact.
        int left = h.get(PeerConnection::queuedSendBytes);
        assertTrue(left <= queued - 16384 - 13 + 17, "the block is gone, a reject is queued: " + left + " of "
                + queued + " bytes still queued");
        for (int i = 0; i < 17; i++) {
            ScriptedPeer.Message block = h.peer.expect(MessageId.PIECE);
            assertEquals(8 + 16384, block.payload().length);
        }
        assertEquals("000000080000400000004000", HexFormat.of().formatHex(h.peer.expect(MessageId.REJECT).payload()));
        h.listener.expect("writable");
    }

    @Test
    void otherPeerMessagesReachTheListener() throws Exception {
        ConnectionHarness h = harness();
        h.handshake(true, true);
        h.peer.write(concat(message(MessageId.INTERESTED, new byte[0]), message(MessageId.NOT_INTERESTED, new byte[0]),
                message(MessageId.HAVE_NONE, new byte[0]), message(MessageId.HAVE, 5), message(MessageId.SUGGEST, 6),
                message(MessageId.ALLOWED_FAST, 7), message(MessageId.PORT, new byte[] {0x1a, (byte) 0xe1}),
                message(MessageId.EXTENDED, new byte[] {2, 'h', 'i'}), encode(MessageEncoder::keepAlive)));
        h.listener.expect("interested", "not interested", "bitfield 0000", "have 5", "suggest 6", "allowed fast 7",
                "dht port 6881", "extended 2 6869");
        assertEquals(PeerWireLimits.INITIAL_REQUEST_QUEUE_DEPTH, (int) h.get(PeerConnection::requestCapacity),
                "allowed-fast pieces may be requested while choked");
        h.on(c -> c.request(7, 0, 16384));
        h.peer.expect(MessageId.REQUEST);
        h.on(c -> c.sendExtended(3, ByteBuffer.wrap(new byte[] {'o', 'k'})));
        assertArrayEquals(new byte[] {3, 'o', 'k'}, h.peer.expect(MessageId.EXTENDED).payload());
        h.on(c -> c.sendSuggest(2));
        h.peer.expect(MessageId.SUGGEST);
        h.on(c -> c.setInterested(true));
        h.peer.expect(MessageId.INTERESTED);
    }

    @Test
    void listenerFailureClosesTheConnection() throws Exception {
        ConnectionHarness h = harness();
        h.handshake(false, false);
        h.listener.failOnHave = true;
        h.peer.write(message(MessageId.HAVE, 1));
        h.listener.expect("have 1", "closed LOCAL: listener failed: java.lang.IllegalStateException: failing on purpose");
        h.peer.expectEndOfStream();
    }

    @Test
    void closeWithDetail() throws Exception {
        ConnectionHarness h = harness();
        h.handshake(false, false);
        h.on(c -> c.close(PeerCloseReason.BANNED, "hash failures"));
        h.listener.expect("closed BANNED: hash failures");
        h.on(c -> c.sendHave(1));
        assertTrue((boolean) h.get(PeerConnection::isClosed));
    }
}
