package dev.arietta.core.internal.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.core.ErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WholeFileChecksumTest {

    @TempDir
    Path directory;

    @Test
    void knownDigestsOfAKnownText() throws IOException {
        Path file = Files.writeString(directory.resolve("fox.txt"), "The quick brown fox jumps over the lazy dog",
                StandardCharsets.US_ASCII);
        WholeFileChecksum checksum = new WholeFileChecksum();
        assertEquals("9e107d9d372bb6826bd81d3542a419d6", hex(checksum.compute(file, HashAlgorithm.MD5)));
        assertEquals("2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", hex(checksum.compute(file, HashAlgorithm.SHA_1)));
        assertEquals("d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592",
                hex(checksum.compute(file, HashAlgorithm.SHA_256)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, 100_000, 1 << 20})
    void anyBufferSizeGivesTheSameDigest(int bufferBytes) throws IOException {
        byte[] content = new byte[100_003];
        new Random(42).nextBytes(content);
        Path file = Files.write(directory.resolve("data"), content);
        byte[] expected = HashAlgorithm.SHA_512.newDigest().digest(content);
        assertArrayEquals(expected, new WholeFileChecksum(bufferBytes).compute(file, HashAlgorithm.SHA_512));
    }

    @Test
    void emptyFileHasTheEmptyDigest() throws IOException {
        Path file = Files.createFile(directory.resolve("empty"));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", hex(new WholeFileChecksum().compute(file, HashAlgorithm.SHA_1)));
    }

    @Test
    void channelPositionIsLeftAlone() throws IOException {
        Path file = Files.write(directory.resolve("data"), new byte[10_000]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(1234);
            byte[] digest = new WholeFileChecksum(999).compute(channel, HashAlgorithm.SHA_256);
            assertArrayEquals(HashAlgorithm.SHA_256.newDigest().digest(new byte[10_000]), digest);
            assertEquals(1234, channel.position());
        }
    }

    @Test
    void verifyPassesOnMatch() throws IOException {
        Path file = Files.writeString(directory.resolve("abc"), "abc", StandardCharsets.US_ASCII);
        assertDoesNotThrow(() -> new WholeFileChecksum().verify(file,
                ExpectedChecksum.parse("sha-1=a9993e364706816aba3e25717850c26c9cd0d89d")));
    }

    @Test
    void verifyReportsMismatchWithChecksumErrorCode() throws IOException {
        Path file = Files.writeString(directory.resolve("abd"), "abd", StandardCharsets.US_ASCII);
        ExpectedChecksum expected = ExpectedChecksum.parse("sha-1=a9993e364706816aba3e25717850c26c9cd0d89d");
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> new WholeFileChecksum().verify(file, expected));
        assertEquals(ErrorCode.CHECKSUM_ERROR, e.errorCode());
        assertEquals(32, e.errorCode().code());
        assertEquals(file, e.file());
        assertEquals(HashAlgorithm.SHA_1, e.algorithm());
        assertArrayEquals(expected.digest(), e.expected());
        assertArrayEquals(HashAlgorithm.SHA_1.newDigest().digest("abd".getBytes(StandardCharsets.US_ASCII)), e.actual());
    }

    @Test
    void missingFileIsAnIoError() {
        assertThrows(NoSuchFileException.class, () -> new WholeFileChecksum().verify(directory.resolve("absent"),
                ExpectedChecksum.parse("md5=900150983cd24fb0d6963f7d28e17f72")));
    }

    @Test
    void rejectsNonPositiveBufferSize() {
        assertThrows(IllegalArgumentException.class, () -> new WholeFileChecksum(0));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
