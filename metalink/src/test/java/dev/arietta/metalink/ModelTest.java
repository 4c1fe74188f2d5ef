package dev.arietta.metalink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The model's invariants: names, hashes, piece counts, text that XML can carry. */
class ModelTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a.iso|",
        "dir/sub/a.iso|",
        "..a|",
        "a..|",
        ".hidden|",
        "my file.iso|",
        "日本.txt|",
        "../x|has a \"..\" segment",
        "a/../../x|has a \"..\" segment",
        "a/..|has a \"..\" segment",
        "/etc/x|is an absolute path",
        "..\\x|contains a backslash",
        "a\\b|contains a backslash",
        "C:\\x|contains a backslash",
        "C:x|starts with a drive letter",
        "c:|starts with a drive letter",
        "./x|has a \".\" segment",
        "a//b|has an empty path segment",
        "a/|has an empty path segment",
    })
    void fileNameRule(String name, String problem) {
        if (problem == null) {
            assertEquals(name, MetalinkFile.builder(name).build().name());
            return;
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> MetalinkFile.builder(name).build());
        assertTrue(error.getMessage().endsWith(problem), error.getMessage());
    }

    @Test
    void fileNameRefusesEmptyAndControlCharacters() {
        assertEquals("file name \"\" is empty",
                assertThrows(IllegalArgumentException.class, () -> MetalinkFile.builder("").build()).getMessage());
        for (String name : List.of("a\u0000b", "a\tb", "a\nb", "a\u007fb", "a\u0085b", "a\u009fb")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> MetalinkFile.builder(name).build());
            assertTrue(error.getMessage().contains("contains control character U+") || error.getMessage().contains("XML 1.0"),
                    error.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource({"md5,MD5", "MD5,MD5", "sha1,SHA_1", "SHA-1,SHA_1", "sha-224,SHA_224", "sha224,SHA_224",
        "sha-256,SHA_256", "Sha256,SHA_256", "sha-384,SHA_384", "sha512,SHA_512", "' sha-512 ',SHA_512"})
    void hashTypeNamesAreNormalizedToAria2Names(String name, HashType expected) {
        assertEquals(Optional.of(expected), HashType.fromName(name));
    }

    @ParameterizedTest
    @CsvSource({"whirlpool", "sha", "sha-3", "crc32", "md4", "sha--1", "''"})
    void unknownHashTypeNamesAreEmpty(String name) {
        assertEquals(Optional.empty(), HashType.fromName(name));
    }

    @Test
    void strengthOrderIsAria2s() {
        assertTrue(HashType.SHA_512.isStrongerThan(HashType.SHA_384));
        assertTrue(HashType.SHA_384.isStrongerThan(HashType.SHA_256));
        assertTrue(HashType.SHA_256.isStrongerThan(HashType.SHA_224));
        assertTrue(HashType.SHA_224.isStrongerThan(HashType.SHA_1));
        assertTrue(HashType.SHA_1.isStrongerThan(HashType.MD5));
        assertFalse(HashType.MD5.isStrongerThan(HashType.MD5));
    }

    @Test
    void hashHexIsValidatedAndLowercased() {
        Hash hash = new Hash(HashType.MD5, "0123456789ABCDEF0123456789abcdef");
        assertEquals("0123456789abcdef0123456789abcdef", hash.hex());
        assertArrayEquals(new byte[] {1, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef,
            1, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef}, hash.bytes());
        assertEquals(hash, Hash.of(HashType.MD5, hash.bytes()));

        assertEquals("md5 digest \"0123\" has 4 hex digits, expected 32",
                assertThrows(IllegalArgumentException.class, () -> new Hash(HashType.MD5, "0123")).getMessage());
        assertEquals("md5 digest \"0123456789abcdef0123456789abcdeg\" 'g' at position 31 is not a hex digit",
                assertThrows(IllegalArgumentException.class,
                        () -> new Hash(HashType.MD5, "0123456789abcdef0123456789abcdeg")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Hash.of(HashType.SHA_1, new byte[19]));
    }

    @Test
    void pieceHashesKeepTheirDigestsPrivate() {
        PieceHashes pieces = PieceHashes.ofHex(HashType.SHA_1, 16, List.of("11".repeat(20), "22".repeat(20)));
        byte[] second = pieces.digest(1);
        second[0] = 0;

        assertEquals("22".repeat(20), pieces.hex(1));
        assertTrue(pieces.matches(0, PieceHashes.ofHex(HashType.SHA_1, 16, List.of("11".repeat(20))).digest(0)));
        assertFalse(pieces.matches(1, second));
        assertEquals(2, pieces.count());
        assertEquals(pieces, PieceHashes.of(HashType.SHA_1, 16, pieces.packedDigests(), 2));
        assertNotEquals(pieces, PieceHashes.of(HashType.SHA_1, 17, pieces.packedDigests(), 2));
        assertEquals(pieces.hashCode(), PieceHashes.of(HashType.SHA_1, 16, pieces.packedDigests(), 2).hashCode());
        assertThrows(IndexOutOfBoundsException.class, () -> pieces.hex(2));
        assertThrows(IllegalArgumentException.class, () -> PieceHashes.of(HashType.SHA_1, 0, new byte[20], 1));
        assertThrows(IllegalArgumentException.class, () -> PieceHashes.of(HashType.SHA_1, 1, new byte[20], 2));
        assertThrows(IllegalArgumentException.class, () -> PieceHashes.ofHex(HashType.SHA_1, 1, List.of()));
    }

    @Test
    void pieceCountMustCoverTheSize() {
        PieceHashes three = PieceHashes.ofHex(HashType.SHA_1, 10, List.of("00".repeat(20), "00".repeat(20), "00".repeat(20)));
        MetalinkFile.builder("a").size(21).addPieces(three).build();
        MetalinkFile.builder("a").size(30).addPieces(three).build();
        MetalinkFile.builder("a").addPieces(three).build();

        assertEquals("file \"a\": sha-1 pieces of 10 bytes: 3 hashes, but size 31 needs 4",
                assertThrows(IllegalArgumentException.class,
                        () -> MetalinkFile.builder("a").size(31).addPieces(three).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MetalinkFile.builder("a").size(20).addPieces(three).build());
        assertThrows(IllegalArgumentException.class, () -> MetalinkFile.builder("a").size(0).addPieces(three).build());
    }

    @Test
    void textIsStrippedAndEmptyOptionalTextIsAbsent() {
        MetalinkFile file = MetalinkFile.builder("a").description("  \n text \r\n").version(" \t ").build();
        assertEquals("text", file.description());
        assertNull(file.version());
        assertEquals("language must not be empty",
                assertThrows(IllegalArgumentException.class, () -> MetalinkFile.builder("a").addLanguage(" ").build()).getMessage());
    }

    @Test
    void textXmlCannotCarryIsRefused() {
        assertEquals("description has character U+0001 at 1, which XML 1.0 cannot carry",
                assertThrows(IllegalArgumentException.class,
                        () -> MetalinkFile.builder("a").description("a\u0001b").build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MetalinkFile.builder("a").description("a\uFFFEb").build());
        assertThrows(IllegalArgumentException.class, () -> MetalinkFile.builder("a").description("a\uD800b").build());
        assertThrows(IllegalArgumentException.class, () -> MetalinkFile.builder("a").description("a\uDC00").build());
        assertThrows(IllegalArgumentException.class, () -> MetalinkUrl.of("http://x/\u0000"));
        assertEquals("a\uD83D\uDE00b", MetalinkFile.builder("a").description("a\uD83D\uDE00b").build().description());
    }

    @Test
    void urlsAndMetaurlsCheckTheirValues() {
        assertEquals("url must not be empty", assertThrows(IllegalArgumentException.class, () -> MetalinkUrl.of(" ")).getMessage());
        assertEquals("url priority must be 1 to 999999, was 0",
                assertThrows(IllegalArgumentException.class, () -> MetalinkUrl.of("http://x", null, 0)).getMessage());
        assertEquals(MetalinkUrl.LOWEST_PRIORITY, MetalinkUrl.of("http://x").effectivePriority());
        assertThrows(IllegalArgumentException.class,
                () -> new Metaurl("http://x", Metaurl.TORRENT, OptionalInt.empty(), "../escape"));
        assertThrows(IllegalArgumentException.class, () -> new Metaurl("http://x", " ", OptionalInt.empty(), null));
        assertTrue(Metaurl.torrent("http://x").isTorrent());
        assertThrows(IllegalArgumentException.class, () -> new Publisher(" ", null));
        assertThrows(IllegalArgumentException.class, () -> new Signature(Signature.PGP, ""));
    }

    @Test
    void documentRules() {
        MetalinkFile a = MetalinkFile.builder("a").build();
        assertEquals("a metalink needs at least one file",
                assertThrows(IllegalArgumentException.class, () -> MetalinkDocument.of(List.of())).getMessage());
        assertEquals("two files are named \"a\"",
                assertThrows(IllegalArgumentException.class, () -> MetalinkDocument.of(List.of(a, a))).getMessage());
        assertEquals("a dynamic metalink needs an origin",
                assertThrows(IllegalArgumentException.class,
                        () -> MetalinkDocument.builder().origin(null, true).addFile(a).build()).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MetalinkDocument.builder().published(Instant.parse("+10000-01-01T00:00:00Z")).addFile(a).build());
        assertThrows(IllegalArgumentException.class,
                () -> MetalinkDocument.builder().updated(Instant.parse("-0001-12-31T00:00:00Z")).addFile(a).build());
        MetalinkFile copy = a.toBuilder().size(5).build();
        assertEquals(5, copy.size().getAsLong());
        assertEquals(a, copy.toBuilder().size(OptionalLong.empty()).build());
    }
}
