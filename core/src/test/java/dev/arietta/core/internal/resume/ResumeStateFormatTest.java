package dev.arietta.core.internal.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.resume.ResumeStateException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResumeStateFormatTest {

    private static final Path FILE = Path.of("x.iso.arietta");
    private static final ResumeStateLimits LIMITS = ResumeStateLimits.DEFAULTS;

    static ResumeState urlState() {
        Bitfield verified = new Bitfield(10);
        verified.set(0);
        verified.set(3);
        verified.set(9);
        return new ResumeState(new ResumeIdentity.Url("https://example.org/x.iso"), 1024, 10 * 1024 - 7, verified, 123_456);
    }

    static ResumeState infoHashState() {
        Bitfield verified = new Bitfield(17);
        verified.setAll();
        verified.clear(16);
        byte[] infoHash = HexFormat.of().parseHex("0123456789abcdef0123456789abcdef01234567");
        return new ResumeState(new ResumeIdentity.InfoHash(infoHash), 262_144, 262_144L * 16 + 1, verified, 0);
    }

    @Test
    void roundTripsEveryField() throws ResumeStateException {
        for (ResumeState state : new ResumeState[] {urlState(), infoHashState()}) {
            ResumeState decoded = ResumeStateFormat.decode(ResumeStateFormat.encode(state, LIMITS), FILE, LIMITS);
            assertEquals(state, decoded);
            assertEquals(state.verifiedPieces(), decoded.verifiedPieces());
        }
    }

    @Test
    void roundTripsAnEmptyDownloadAndAV2InfoHashAndNonAsciiUrl() throws ResumeStateException {
        ResumeState empty = new ResumeState(new ResumeIdentity.InfoHash(new byte[32]), 16384, 0, new Bitfield(0), 5);
        ResumeState unicode = new ResumeState(new ResumeIdentity.Url("https://例え.jp/ファイル.bin"), 1, 3, new Bitfield(3), 0);
        for (ResumeState state : new ResumeState[] {empty, unicode}) {
            assertEquals(state, ResumeStateFormat.decode(ResumeStateFormat.encode(state, LIMITS), FILE, LIMITS));
        }
    }

    @Test
    void layoutMatchesTheDocumentedFormat() {
        byte[] bytes = ResumeStateFormat.encode(urlState(), LIMITS);
        byte[] url = "https://example.org/x.iso".getBytes(StandardCharsets.UTF_8);
        int n = url.length;
        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertEquals(41 + n + 2, bytes.length);
        assertEquals("89415249455454 41".replace(" ", ""), HexFormat.of().formatHex(bytes, 0, 8));
        assertEquals(1, in.getShort(8));
        assertEquals(2, in.get(10));
        assertEquals(n, in.getShort(11));
        assertArrayEquals(url, Arrays.copyOfRange(bytes, 13, 13 + n));
        assertEquals(1024, in.getInt(13 + n));
        assertEquals(10 * 1024 - 7, in.getLong(17 + n));
        assertEquals(123_456, in.getLong(25 + n));
        assertEquals(2, in.getInt(33 + n));
        assertEquals((byte) 0b1001_0000, bytes[37 + n]);
        assertEquals((byte) 0b0100_0000, bytes[38 + n]);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 39 + n);
        assertEquals((int) crc.getValue(), in.getInt(39 + n));
    }

    @Test
    void encodeRefusesStatesOverTheLimits() {
        ResumeStateLimits small = new ResumeStateLimits(10, 8);
        assertThrows(IllegalArgumentException.class, () -> ResumeStateFormat.encode(urlState(), small));
        ResumeState nine = new ResumeState(new ResumeIdentity.Url("u"), 1, 9, new Bitfield(9), 0);
        assertThrows(IllegalArgumentException.class, () -> ResumeStateFormat.encode(nine, small));
    }

    @Test
    void everyTruncationIsATypedError() {
        byte[] valid = ResumeStateFormat.encode(urlState(), LIMITS);
        for (int length = 0; length < valid.length; length++) {
            byte[] truncated = Arrays.copyOf(valid, length);
            int at = length;
            ResumeStateException e = assertThrows(ResumeStateException.class,
                    () -> ResumeStateFormat.decode(truncated, FILE, LIMITS), () -> "truncated to " + at);
            assertEquals(Reason.TRUNCATED, e.reason(), e.getMessage());
        }
    }

    @Test
    void everySingleByteChangeIsATypedError() {
        for (ResumeState state : new ResumeState[] {urlState(), infoHashState()}) {
            byte[] valid = ResumeStateFormat.encode(state, LIMITS);
            for (int offset = 0; offset < valid.length; offset++) {
                for (int xor = 1; xor < 256; xor++) {
                    byte[] changed = valid.clone();
                    changed[offset] ^= (byte) xor;
                    int at = offset;
                    int pattern = xor;
                    assertThrows(ResumeStateException.class, () -> ResumeStateFormat.decode(changed, FILE, LIMITS),
                            () -> "byte " + at + " xor " + pattern);
                }
            }
        }
    }

    static Stream<Arguments> hostileFiles() {
        return Stream.of(
                Arguments.of("text file", raw("hello world, this is not a resume file at all........."), Reason.NOT_A_RESUME_FILE),
                Arguments.of("aria2 control file", withCrc(edit(b -> b.put(0, (byte) 0).put(1, (byte) 1))), Reason.NOT_A_RESUME_FILE),
                Arguments.of("version 0", edit(b -> b.putShort(8, (short) 0)), Reason.MALFORMED),
                Arguments.of("version 2", withCrc(edit(b -> b.putShort(8, (short) 2))), Reason.UNSUPPORTED_VERSION),
                Arguments.of("version 65535", edit(b -> b.putShort(8, (short) 0xFFFF)), Reason.UNSUPPORTED_VERSION),
                Arguments.of("identity type 0", withCrc(edit(b -> b.put(10, (byte) 0))), Reason.MALFORMED),
                Arguments.of("identity type 3", withCrc(edit(b -> b.put(10, (byte) 3))), Reason.MALFORMED),
                Arguments.of("info-hash of 25 bytes", withCrc(edit(b -> b.put(10, (byte) 1))), Reason.MALFORMED),
                Arguments.of("URL longer than the limit", withCrc(edit(b -> b.putShort(11, (short) 0xFFFF))), Reason.TOO_LARGE),
                Arguments.of("empty URL", withCrc(edit(b -> b.putShort(11, (short) 0))), Reason.MALFORMED),
                Arguments.of("bitfield length 2^31-1", withCrc(edit(b -> b.putInt(33 + 25, Integer.MAX_VALUE))), Reason.TOO_LARGE),
                Arguments.of("negative bitfield length", withCrc(edit(b -> b.putInt(33 + 25, -1))), Reason.MALFORMED),
                Arguments.of("trailing byte", withCrc(append(new byte[1])), Reason.MALFORMED),
                Arguments.of("bad CRC", edit(b -> b.putInt(b.limit() - 4, b.getInt(b.limit() - 4) + 1)), Reason.CHECKSUM_MISMATCH),
                Arguments.of("zero piece length", withCrc(edit(b -> b.putInt(13 + 25, 0))), Reason.MALFORMED),
                Arguments.of("negative piece length", withCrc(edit(b -> b.putInt(13 + 25, -1024))), Reason.MALFORMED),
                Arguments.of("negative total length", withCrc(edit(b -> b.putLong(17 + 25, -1))), Reason.MALFORMED),
                Arguments.of("negative uploaded bytes", withCrc(edit(b -> b.putLong(25 + 25, Long.MIN_VALUE))), Reason.MALFORMED),
                Arguments.of("2^63-1 bytes in 1-byte pieces", withCrc(edit(b -> b.putInt(13 + 25, 1).putLong(17 + 25, Long.MAX_VALUE))),
                        Reason.TOO_LARGE),
                Arguments.of("total length implying 3 bitfield bytes", withCrc(edit(b -> b.putLong(17 + 25, 1024L * 17))), Reason.MALFORMED),
                Arguments.of("spare bit set", withCrc(edit(b -> b.put(38 + 25, (byte) 0b0110_0000))), Reason.MALFORMED),
                Arguments.of("URL not UTF-8", withCrc(edit(b -> b.put(13, (byte) 0xC3).put(14, (byte) 0x28))), Reason.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void hostileFileGivesTheExactReason(String description, byte[] bytes, Reason reason) {
        ResumeStateException e = assertThrows(ResumeStateException.class, () -> ResumeStateFormat.decode(bytes, FILE, LIMITS));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(FILE, e.file());
    }

    @Test
    void tooNewVersionMessageSaysSo() {
        ResumeStateException e = assertThrows(ResumeStateException.class,
                () -> ResumeStateFormat.decode(withCrc(edit(b -> b.putShort(8, (short) 7))), FILE, LIMITS));
        assertEquals(Reason.UNSUPPORTED_VERSION, e.reason());
        assertTrue(e.getMessage().contains("version 7"), e.getMessage());
    }

    /** The url state (identity 25 bytes) with an edit applied, its CRC left stale. */
    private static byte[] edit(Consumer<ByteBuffer> change) {
        byte[] bytes = ResumeStateFormat.encode(urlState(), LIMITS);
        assertEquals(25, "https://example.org/x.iso".length());
        change.accept(ByteBuffer.wrap(bytes));
        return bytes;
    }

    private static byte[] append(byte[] extra) {
        byte[] bytes = ResumeStateFormat.encode(urlState(), LIMITS);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + extra.length);
        System.arraycopy(extra, 0, longer, bytes.length, extra.length);
        return longer;
    }

    /** Recomputes the trailer so that only the edited field is wrong. */
    private static byte[] withCrc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }

    private static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
