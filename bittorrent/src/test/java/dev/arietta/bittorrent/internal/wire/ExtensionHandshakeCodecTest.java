package dev.arietta.bittorrent.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExtensionHandshakeCodecTest {

    private static ExtensionHandshake decode(String bencode) throws PeerProtocolException {
        byte[] bytes = bencode.getBytes(StandardCharsets.ISO_8859_1);
        return ExtensionHandshakeCodec.decode(bytes, 0, bytes.length);
    }

    @Test
    void encodesCanonicallyAndDecodesBack() throws Exception {
        ExtensionHandshake ours = new ExtensionHandshake(Map.of("ut_pex", 2, "ut_metadata", 1), Optional.of("Arietta 0.1.0"),
                OptionalInt.of(500), Optional.of(InetAddress.getByName("192.168.1.2")), OptionalInt.of(6881),
                OptionalLong.of(12345));
        byte[] bytes = ExtensionHandshakeCodec.encode(ours);
        assertEquals("d1:md11:ut_metadatai1e6:ut_pexi2ee13:metadata_sizei12345e1:pi6881e4:reqqi500e"
                + "1:v13:Arietta 0.1.06:yourip4:\u00c0\u00a8\u0001\u0002e", new String(bytes, StandardCharsets.ISO_8859_1));
        assertEquals(ours, ExtensionHandshakeCodec.decode(bytes, 0, bytes.length));
    }

    @Test
    void minimalHandshakeHasOnlyAnEmptyMap() throws Exception {
        ExtensionHandshake minimal = new ExtensionHandshake(Map.of(), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), OptionalInt.empty(), OptionalLong.empty());
        assertEquals("d1:mdee", new String(ExtensionHandshakeCodec.encode(minimal), StandardCharsets.US_ASCII));
        assertEquals(minimal, decode("de"));
    }

    @Test
    void readsIpv6YourIp() throws Exception {
        ExtensionHandshake decoded = decode("d6:yourip16:\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\u0001e");
        assertEquals(Optional.of(InetAddress.getByName("::1")), decoded.yourIp());
    }

    /** Known keys with the wrong type or out of range are dropped, as libtorrent does; unknown keys are skipped. */
    @Test
    void toleratesOddValues() throws Exception {
        ExtensionHandshake decoded = decode("d1:md1:ai256e1:bi-1e1:ci0e1:d3:abc1:ei7ee"
                + "13:metadata_sizei-5e1:pi70000e4:reqqi0e1:vi3e6:yourip3:abc7:unknownli1eee");
        assertEquals(Map.of("c", 0, "e", 7), decoded.messageIds());
        assertEquals(OptionalInt.empty(), decoded.messageId("c"));
        assertEquals(OptionalInt.of(7), decoded.messageId("e"));
        assertEquals(new ExtensionHandshake(Map.of("c", 0, "e", 7), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalLong.empty()), decoded);
    }

    @Test
    void refusesNonDictionariesAndOversizedInput() {
        assertEquals("extension handshake is a bencoded byte string, not a dictionary",
                assertThrows(PeerProtocolException.class, () -> decode("3:abc")).getMessage());
        byte[] huge = new byte[PeerWireLimits.MAX_EXTENSION_HANDSHAKE_LENGTH + 1];
        assertEquals("extension handshake of 65537 bytes exceeds the limit of 65536",
                assertThrows(PeerProtocolException.class, () -> ExtensionHandshakeCodec.decode(huge, 0, huge.length))
                        .getMessage());
        String deep = "d1:a" + "l".repeat(40) + "e".repeat(40) + "e";
        assertEquals("extension handshake is not valid bencode: ",
                assertThrows(PeerProtocolException.class, () -> decode(deep)).getMessage().substring(0, 42));
    }
}
