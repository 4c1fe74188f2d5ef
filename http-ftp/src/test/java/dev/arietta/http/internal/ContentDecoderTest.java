package dev.arietta.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpProtocolException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentDecoderTest {

    private static final URI URL = URI.create("http://example.com/x");
    private final BufferPool pool = new BufferPool(4096, 4);

    private static byte[] text() {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        String[] words = {"alpha", "beta", "gamma", "delta", "mirror", "segment", "range"};
        while (text.length() < 200_000) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(100)).append(' ');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean zlibWrapped) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, !zlibWrapped);
        try (DeflaterOutputStream stream = new DeflaterOutputStream(out, deflater)) {
            stream.write(data);
        }
        deflater.end();
        return out.toByteArray();
    }

    private byte[] decodeAll(String encoding, byte[] encoded, int slice, HttpLimits limits) throws HttpProtocolException {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        try (ContentDecoder decoder = ContentDecoder.forEncoding(encoding, limits, URL, 200, pool)) {
            for (int offset = 0; offset < encoded.length; offset += slice) {
                int length = Math.min(slice, encoded.length - offset);
                ByteBuffer input = ByteBuffer.allocateDirect(length);
                input.put(encoded, offset, length).flip();
                ByteBuffer output;
                do {
                    output = decoder.decode(input);
                    byte[] chunk = new byte[output.remaining()];
                    output.get(chunk);
                    decoded.writeBytes(chunk);
                } while (output.limit() == output.capacity() || input.hasRemaining());
            }
            decoder.finish();
        }
        return decoded.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 1000, 1 << 20})
    void decodesGzipInAnySlicing(int slice) throws Exception {
        byte[] original = text();
        assertArrayEquals(original, decodeAll("gzip", gzip(original), slice, HttpLimits.defaults()));
        assertEquals(1, pool.retained(), "output buffer returned to the pool");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000, 1 << 20})
    void decodesZlibAndRawDeflate(int slice) throws Exception {
        byte[] original = text();
        assertArrayEquals(original, decodeAll("deflate", deflate(original, true), slice, HttpLimits.defaults()));
        assertArrayEquals(original, decodeAll("deflate", deflate(original, false), slice, HttpLimits.defaults()));
    }

    @Test
    void decodesConcatenatedGzipMembersAndOptionalHeaderFields() throws Exception {
        byte[] first = gzip("first ".getBytes(StandardCharsets.US_ASCII));
        // A member with FEXTRA, FNAME, FCOMMENT and FHCRC, built by hand around a raw deflate stream.
        byte[] raw = deflate("second".getBytes(StandardCharsets.US_ASCII), false);
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        member.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
        member.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
        member.writeBytes("name.txt\0".getBytes(StandardCharsets.US_ASCII));
        member.writeBytes("a comment\0".getBytes(StandardCharsets.US_ASCII));
        member.writeBytes(new byte[] {0x12, 0x34});
        member.writeBytes(raw);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("second".getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        member.writeBytes(new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24), 6, 0, 0, 0});
        byte[] both = concat(first, member.toByteArray());
        for (int slice : new int[] {1, 5, 4096}) {
            assertEquals("first second", new String(decodeAll("x-gzip", both, slice, HttpLimits.defaults()),
                    StandardCharsets.US_ASCII));
        }
    }

    @Test
    void identityAndAbsentNeedNoDecoder() throws Exception {
        assertNull(ContentDecoder.forEncoding(null, HttpLimits.defaults(), URL, 200, pool));
        assertNull(ContentDecoder.forEncoding(" Identity ", HttpLimits.defaults(), URL, 200, pool));
    }

    @Test
    void emptyBodyIsFine() throws Exception {
        assertEquals(0, decodeAll("gzip", new byte[0], 1, HttpLimits.defaults()).length);
    }

    static Stream<Arguments> corruptBodies() throws IOException {
        byte[] good = gzip("hello hello hello".getBytes(StandardCharsets.US_ASCII));
        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 8] ^= 1;
        byte[] badSize = good.clone();
        badSize[badSize.length - 4] ^= 1;
        byte[] badMagic = good.clone();
        badMagic[1] = 0;
        byte[] badMethod = good.clone();
        badMethod[2] = 7;
        byte[] reservedFlag = good.clone();
        reservedFlag[3] = (byte) 0x80;
        byte[] corruptData = good.clone();
        corruptData[10] = (byte) 0xff;
        return Stream.of(
                Arguments.of("gzip CRC mismatch", "gzip", badCrc, Reason.MALFORMED_CONTENT_ENCODING),
                Arguments.of("gzip size mismatch", "gzip", badSize, Reason.MALFORMED_CONTENT_ENCODING),
                Arguments.of("bad magic", "gzip", badMagic, Reason.MALFORMED_CONTENT_ENCODING),
                Arguments.of("bad method", "gzip", badMethod, Reason.MALFORMED_CONTENT_ENCODING),
                Arguments.of("reserved flag", "gzip", reservedFlag, Reason.MALFORMED_CONTENT_ENCODING),
                Arguments.of("corrupt deflate data", "gzip", corruptData, Reason.MALFORMED_CONTENT_ENCODING),
                Arguments.of("truncated stream", "gzip", Arrays.copyOf(good, good.length - 3), Reason.MALFORMED_CONTENT_ENCODING),
                Arguments.of("trailing garbage", "gzip", concat(good, new byte[] {0, 0}), Reason.MALFORMED_CONTENT_ENCODING),
                Arguments.of("data after deflate end", "deflate", concat(deflate(new byte[] {1}, true), new byte[] {9}), Reason.MALFORMED_CONTENT_ENCODING),
                Arguments.of("unknown coding", "br", good, Reason.MALFORMED_CONTENT_ENCODING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptBodies")
    void corruptBodyGivesTypedError(String name, String encoding, byte[] body, Reason reason) {
        for (int slice : new int[] {1, 4096}) {
            HttpProtocolException error = assertThrows(HttpProtocolException.class,
                    () -> decodeAll(encoding, body, slice, HttpLimits.defaults()), name);
            assertEquals(reason, error.reason(), name + ": " + error.getMessage());
        }
    }

    @Test
    void gzipBombIsStoppedByTheRatioLimit() throws Exception {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        HttpLimits limits = HttpLimits.builder().maxInflateRatio(100).inflateRatioGraceBytes(1024 * 1024).build();
        HttpProtocolException error = assertThrows(HttpProtocolException.class,
                () -> decodeAll("gzip", bomb, 4096, limits));
        assertEquals(Reason.DECOMPRESSION_RATIO_EXCEEDED, error.reason());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
