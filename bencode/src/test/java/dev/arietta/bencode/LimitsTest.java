package dev.arietta.bencode;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void tokenLimit() throws Exception {
        byte[] list = "li1ei2ei3ee".getBytes(US_ASCII); // list + 3 integers + end = 5 tokens
        assertEquals(6, Bencode.decoder().maxTokens(5).build().decode(list).tokenCount());
        BencodeException error = assertThrows(BencodeException.class,
                () -> Bencode.decoder().maxTokens(4).build().decode(list));
        assertEquals("more than the limit of 4 tokens at offset 10", error.getMessage());
    }

    @Test
    void depthLimitCountsTheRootContainer() throws Exception {
        byte[] three = "lllee".getBytes(US_ASCII);
        byte[] closed = "llleee".getBytes(US_ASCII);
        assertEquals(6, Bencode.decoder().maxDepth(3).build().decode(closed).length());
        BencodeException error = assertThrows(BencodeException.class,
                () -> Bencode.decoder().maxDepth(2).build().decode(three));
        assertEquals("nesting deeper than the limit of 2 at offset 2", error.getMessage());
    }

    @Test
    void defaultDepthAllowsOneHundredLevels() throws Exception {
        byte[] hundred = ("l".repeat(100) + "e".repeat(100)).getBytes(US_ASCII);
        assertEquals(200, Bencode.decode(hundred).length());
        byte[] hundredOne = ("l".repeat(101) + "e".repeat(101)).getBytes(US_ASCII);
        assertThrows(BencodeException.class, () -> Bencode.decode(hundredOne));
    }

    @Test
    void streamInputIsBounded() throws Exception {
        byte[] big = ("1000:" + "x".repeat(1000)).getBytes(US_ASCII);
        BencodeDecoder small = Bencode.decoder().maxInputLength(500).build();
        BencodeException error = assertThrows(BencodeException.class, () -> small.decode(new ByteArrayInputStream(big)));
        assertEquals("input longer than the limit of 500 bytes at offset 500", error.getMessage());
        BDocument exact = Bencode.decoder().maxInputLength(big.length).build().decode(trickle(big));
        assertEquals(1000, exact.root().stringLength());
    }

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> BencodeLimits.DEFAULT.withMaxDepth(0));
        assertThrows(IllegalArgumentException.class,
                () -> BencodeLimits.DEFAULT.withMaxDepth(BencodeLimits.MAX_DEPTH_CEILING + 1));
        assertThrows(IllegalArgumentException.class,
                () -> BencodeLimits.DEFAULT.withMaxTokens(BencodeLimits.MAX_TOKENS_CEILING + 1));
        assertThrows(IllegalArgumentException.class, () -> BencodeLimits.DEFAULT.withMaxInputLength(0));
        assertEquals(100, BencodeLimits.DEFAULT.maxDepth());
        assertEquals(2_000_000, BencodeLimits.DEFAULT.maxTokens());
    }

    /** A stream that returns a few bytes per read, as sockets do. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }
}
