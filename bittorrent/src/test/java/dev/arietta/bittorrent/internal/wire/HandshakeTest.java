package dev.arietta.bittorrent.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    static final InfoHash INFO_HASH = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");
    static final PeerId PEER_ID = PeerId.of("-AT0100-abcdefghijkl".getBytes(StandardCharsets.US_ASCII));

    @Test
    void encodesTheSixtyEightBytesWithOurReservedBits() {
        byte[] bytes = new Handshake(Handshake.reservedWith(true, true, true), INFO_HASH, PEER_ID).toByteArray();
        assertEquals(68, bytes.length);
        assertEquals("13" + HexFormat.of().formatHex("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII))
                + "0000000000100005" + INFO_HASH.hex()
                + HexFormat.of().formatHex("-AT0100-abcdefghijkl".getBytes(StandardCharsets.US_ASCII)),
                HexFormat.of().formatHex(bytes));
    }

    @Test
    void decodesWhatItEncodes() throws Exception {
        Handshake original = new Handshake(Handshake.reservedWith(true, false, true), INFO_HASH, PEER_ID);
        Handshake decoded = Handshake.decode(original.toByteArray());
        assertEquals(original, decoded);
        assertTrue(decoded.fastExtension());
        assertFalse(decoded.extensionProtocol());
        assertTrue(decoded.dht());
    }

    @Test
    void readsEachReservedBitAlone() throws Exception {
        assertTrue(new Handshake(Handshake.reservedWith(false, true, false), INFO_HASH, PEER_ID).extensionProtocol());
        Handshake none = new Handshake(new byte[8], INFO_HASH, PEER_ID);
        assertFalse(none.fastExtension() || none.extensionProtocol() || none.dht());
        byte[] reserved = new byte[8];
        reserved[7] = 0x04;
        assertTrue(new Handshake(reserved, INFO_HASH, PEER_ID).fastExtension());
        assertArrayEquals(reserved, new Handshake(reserved, INFO_HASH, PEER_ID).reserved());
    }

    @Test
    void refusesAnotherProtocol() {
        byte[] bytes = new Handshake(new byte[8], INFO_HASH, PEER_ID).toByteArray();
        bytes[5] = 'X';
        PeerProtocolException failure = assertThrows(PeerProtocolException.class, () -> Handshake.decode(bytes));
        assertEquals(PeerCloseReason.HANDSHAKE_FAILED, failure.reason());
        assertEquals("not a BitTorrent handshake: starts with 1342697454587272656e742070726f746f636f6c",
                failure.getMessage());
        byte[] wrongLength = new Handshake(new byte[8], INFO_HASH, PEER_ID).toByteArray();
        wrongLength[0] = 18;
        assertThrows(PeerProtocolException.class, () -> Handshake.decode(wrongLength));
    }
}
