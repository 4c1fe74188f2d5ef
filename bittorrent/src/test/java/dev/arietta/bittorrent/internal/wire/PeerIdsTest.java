package dev.arietta.bittorrent.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeerIdsTest {

    @Test
    void defaultPrefixThenTwelvePrintableCharacters() {
        PeerId id = PeerIds.generate(PeerIds.DEFAULT_PREFIX, new SplittableRandom(1));
        String text = new String(id.bytes(), StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("-AT0100-"), text);
        assertEquals(20, id.bytes().length);
        assertTrue(text.substring(8).matches("[0-9A-Za-z]{12}"), text);
    }

    @Test
    void differentRandomsGiveDifferentIds() {
        assertNotEquals(PeerIds.generate("-AT0100-", new SplittableRandom(1)),
                PeerIds.generate("-AT0100-", new SplittableRandom(2)));
        assertEquals(PeerIds.generate("-AT0100-", new SplittableRandom(3)),
                PeerIds.generate("-AT0100-", new SplittableRandom(3)));
    }

    @Test
    void longPrefixIsCutToTwentyBytesAndShortOneFilled() {
        assertEquals("A2-1-36-0-0123456789", new String(
                PeerIds.generate("A2-1-36-0-0123456789ABCDEF", new SplittableRandom(1)).bytes(), StandardCharsets.US_ASCII));
        String filled = new String(PeerIds.generate("", new SplittableRandom(1)).bytes(), StandardCharsets.US_ASCII);
        assertTrue(filled.matches("[0-9A-Za-z]{20}"), filled);
    }
}
