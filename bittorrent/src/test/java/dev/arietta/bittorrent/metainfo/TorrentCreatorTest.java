package dev.arietta.bittorrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bencode.BDocument;
import dev.arietta.bencode.Bencode;
import dev.arietta.bencode.BencodeMode;
import dev.arietta.bittorrent.it.TorrentFixtures;
import dev.arietta.bittorrent.metainfo.TorrentCreator.Padding;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a created torrent holds, and that it reads back through {@link TorrentParser} exactly as made. */
class TorrentCreatorTest {

    static final int PIECE = 16 * 1024;
    static final Instant DATE = Instant.parse("2024-05-06T07:08:09Z");

    @TempDir
    Path directory;

    /** The SHA-1 of each {@code pieceLength} slice of {@code stream}, concatenated. */
    static byte[] pieceHashes(byte[] stream, int pieceLength) throws Exception {
        ByteArrayOutputStream hashes = new ByteArrayOutputStream();
        for (int start = 0; start < stream.length; start += pieceLength) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(stream, start, Math.min(pieceLength, stream.length - start));
            hashes.write(sha1.digest());
        }
        return hashes.toByteArray();
    }

    static byte[] allPieceHashes(TorrentMetainfo torrent) {
        byte[] all = new byte[torrent.pieceCount() * 20];
        for (int piece = 0; piece < torrent.pieceCount(); piece++) {
            torrent.copyPieceHash(piece, all, piece * 20);
        }
        return all;
    }

    static TorrentCreator.Builder reproducible(Path source) {
        return TorrentCreator.builder(source).pieceLength(PIECE).creationDate(DATE);
    }

    /** The files libtorrent 2.0 sorts as B, a/b, a/b2/q, a-c, a.b/z, a.b/zz, ab (its canonical_files order). */
    Path orderingTree() throws Exception {
        Path root = directory.resolve("tree");
        TorrentFixtures.randomFile(root.resolve("ab"), 5, 1);
        TorrentFixtures.randomFile(root.resolve("a.b/zz"), 7, 2);
        Files.createFile(root.resolve("a.b/z"));
        TorrentFixtures.randomFile(root.resolve("a-c"), 5, 3);
        TorrentFixtures.randomFile(root.resolve("a/b2/q"), 3, 4);
        TorrentFixtures.randomFile(root.resolve("a/b"), 5, 5);
        TorrentFixtures.randomFile(root.resolve("B"), 5, 6);
        return root;
    }

    static List<String> joinedPaths(TorrentMetainfo torrent) {
        return torrent.files().stream().map(TorrentFile::joinedPath).toList();
    }

    @Test
    void singleFileTorrentRoundTripsWithEveryOuterKey() throws Exception {
        Path file = TorrentFixtures.randomFile(directory.resolve("payload.bin"), 100_000, 7);
        CreatedTorrent created = reproducible(file)
                .announceTier("http://tracker.one/announce", "udp://tracker.two:6969/announce")
                .announceTier("https://backup.example/announce")
                .webSeed("http://mirror.example/payload.bin")
                .webSeed("ftp://mirror.example/pub/payload.bin")
                .privateTorrent(true).comment("a comment, ünïcode").createdBy("test suite").source("SITE")
                .build().create();

        TorrentMetainfo torrent = new TorrentParser().parse(created.bytes());
        assertEquals(torrent, created.metainfo());
        assertEquals("payload.bin", torrent.name());
        assertFalse(torrent.isMultiFile());
        assertEquals(List.of(TorrentFile.of(List.of("payload.bin"), 100_000, 0)), torrent.files());
        assertEquals(PIECE, torrent.pieceLength());
        assertArrayEquals(pieceHashes(Files.readAllBytes(file), PIECE), allPieceHashes(torrent));
        assertEquals(List.of(List.of("http://tracker.one/announce", "udp://tracker.two:6969/announce"),
                List.of("https://backup.example/announce")), torrent.announceTiers());
        assertEquals(List.of("http://mirror.example/payload.bin", "ftp://mirror.example/pub/payload.bin"),
                torrent.webSeeds());
        assertTrue(torrent.isPrivate());
        assertEquals(Optional.of("a comment, ünïcode"), torrent.comment());
        assertEquals(Optional.of("test suite"), torrent.createdBy());
        assertEquals(Optional.of(DATE), torrent.creationDate());
        assertEquals(List.of(), created.skipped());

        BDocument document = Bencode.decoder().mode(BencodeMode.STRICT).build().decode(created.bytes());
        assertEquals("http://tracker.one/announce", document.root().get("announce").asString());
        assertEquals("SITE", document.root().get("info").get("source").asString());
        assertEquals(1, document.root().get("info").get("private").asLong());
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(document.root().get("info").rawBytes()),
                created.infoHash().bytes());
    }

    @Test
    void oneTrackerAndOneWebSeedAreWrittenAsLibtorrentWritesThem() throws Exception {
        Path file = TorrentFixtures.randomFile(directory.resolve("one.bin"), 1000, 1);
        byte[] bytes = reproducible(file).announceTier("http://only.example/announce")
                .webSeed("http://seed.example/one.bin").createdBy("").build().create().bytes();
        BDocument document = Bencode.decoder().mode(BencodeMode.STRICT).build().decode(bytes);
        assertEquals(null, document.root().get("announce-list"));
        assertTrue(document.root().get("url-list").isString());
        assertEquals(null, document.root().get("created by"));
        assertEquals(null, document.root().get("comment"));
        assertEquals(List.of(List.of("http://only.example/announce")),
                new TorrentParser().parse(bytes).announceTiers());
    }

    @Test
    void directoryFilesComeInLibtorrentsCanonicalOrderWithHashesAcrossFileBoundaries() throws Exception {
        Path root = orderingTree();
        CreatedTorrent created = reproducible(root).build().create();
        TorrentMetainfo torrent = created.metainfo();
        assertTrue(torrent.isMultiFile());
        assertEquals("tree", torrent.name());
        assertEquals(List.of("B", "a/b", "a/b2/q", "a-c", "a.b/z", "a.b/zz", "ab"), joinedPaths(torrent));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (TorrentFile file : torrent.files()) {
            stream.write(Files.readAllBytes(root.resolve(file.joinedPath())));
        }
        assertEquals(30, torrent.totalLength());
        assertArrayEquals(pieceHashes(stream.toByteArray(), PIECE), allPieceHashes(torrent));
    }

    @Test
    void hashesManyPiecesSpanningFilesOnSeveralThreadsLikeOneThread() throws Exception {
        Path root = directory.resolve("big");
        TorrentFixtures.randomFile(root.resolve("one"), 3 * PIECE + 123, 1);
        TorrentFixtures.randomFile(root.resolve("two"), 17, 2);
        TorrentFixtures.randomFile(root.resolve("three"), 40 * PIECE - 5, 3);
        byte[] parallel = reproducible(root).threads(4).readBufferBytes(4096).build().create().bytes();
        byte[] serial = reproducible(root).threads(1).build().create().bytes();
        assertArrayEquals(serial, parallel);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (String name : List.of("one", "three", "two")) {
            stream.write(Files.readAllBytes(root.resolve(name)));
        }
        assertArrayEquals(pieceHashes(stream.toByteArray(), PIECE),
                allPieceHashes(new TorrentParser().parse(parallel)));
    }

    @Test
    void paddingBetweenFilesMatchesLibtorrentsNoTailPaddingLayout() throws Exception {
        TorrentMetainfo torrent = reproducible(orderingTree()).padding(Padding.BETWEEN_FILES).build().create()
                .metainfo();
        assertEquals(List.of("B", ".pad/16379", "a/b", ".pad/16379", "a/b2/q", ".pad/16381", "a-c", "a.b/z",
                ".pad/16379", "a.b/zz", ".pad/16377", "ab"), joinedPaths(torrent));
        assertPaddingIsZeros(torrent);
    }

    @Test
    void paddingAfterEveryFileMatchesLibtorrentsCanonicalLayout() throws Exception {
        TorrentMetainfo torrent = reproducible(orderingTree()).padding(Padding.AFTER_EVERY_FILE).build().create()
                .metainfo();
        assertEquals(List.of("B", ".pad/16379", "a/b", ".pad/16379", "a/b2/q", ".pad/16381", "a-c", ".pad/16379",
                "a.b/z", "a.b/zz", ".pad/16377", "ab", ".pad/16379"), joinedPaths(torrent));
        assertEquals(6L * PIECE, torrent.totalLength());
        assertPaddingIsZeros(torrent);
    }

    /** Every padding entry has attribute p, and the piece hashes are of the files with zeros in the gaps. */
    private void assertPaddingIsZeros(TorrentMetainfo torrent) throws Exception {
        Path root = directory.resolve("tree");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (TorrentFile file : torrent.files()) {
            assertEquals(file.path().get(0).equals(".pad"), file.padding(), file.joinedPath());
            stream.write(file.padding() ? new byte[(int) file.length()] : Files.readAllBytes(root.resolve(
                    file.joinedPath())));
        }
        assertArrayEquals(pieceHashes(stream.toByteArray(), PIECE), allPieceHashes(torrent));
        for (TorrentFile file : torrent.files()) {
            if (!file.padding() && file.length() > 0) {
                assertEquals(0, file.offset() % PIECE, file.joinedPath() + " starts on a piece boundary");
            }
        }
    }

    @Test
    void singleFileIsNeverPadded() throws Exception {
        Path file = TorrentFixtures.randomFile(directory.resolve("alone.bin"), 5000, 1);
        TorrentMetainfo torrent = reproducible(file).padding(Padding.AFTER_EVERY_FILE).build().create().metainfo();
        assertEquals(List.of(TorrentFile.of(List.of("alone.bin"), 5000, 0)), torrent.files());
    }

    @Test
    void executableFilesGetAttributeXUnlessAttributesAreOff() throws Exception {
        Path root = directory.resolve("exec");
        Path tool = TorrentFixtures.randomFile(root.resolve("tool.sh"), 10, 1);
        TorrentFixtures.randomFile(root.resolve("data.txt"), 10, 2);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<TorrentFile> files = reproducible(root).build().create().metainfo().files();
        assertFalse(files.get(0).executable(), files.toString());
        assertTrue(files.get(1).executable(), files.toString());
        List<TorrentFile> plain = reproducible(root).fileAttributes(false).build().create().metainfo().files();
        assertFalse(plain.get(1).executable());
        TorrentMetainfo single = reproducible(tool).build().create().metainfo();
        assertTrue(single.files().get(0).executable());
    }

    @Test
    void sameInputsGiveTheSameBytesAndTheDefaultDateIsNow() throws Exception {
        Path root = orderingTree();
        assertArrayEquals(reproducible(root).build().create().bytes(), reproducible(root).build().create().bytes());
        Instant before = Instant.now().minusSeconds(1);
        TorrentMetainfo dated = TorrentCreator.builder(root).build().create().metainfo();
        Instant date = dated.creationDate().orElseThrow();
        assertTrue(!date.isBefore(before) && !date.isAfter(Instant.now()), date.toString());
        assertEquals(Optional.of(TorrentCreator.DEFAULT_CREATED_BY), dated.createdBy());
        assertEquals(Optional.empty(), TorrentCreator.builder(root).withoutCreationDate().build().create()
                .metainfo().creationDate());
    }

    @Test
    void autoPieceLengthAimsForAtMost2048PowerOfTwoPieces() {
        assertEquals(16 * 1024, TorrentCreator.autoPieceLength(1));
        assertEquals(16 * 1024, TorrentCreator.autoPieceLength(32L << 20));
        assertEquals(32 * 1024, TorrentCreator.autoPieceLength((32L << 20) + 1));
        assertEquals(128 * 1024, TorrentCreator.autoPieceLength(256L << 20));
        assertEquals(512 * 1024, TorrentCreator.autoPieceLength(1L << 30));
        assertEquals(2 << 20, TorrentCreator.autoPieceLength(4L << 30));
        assertEquals(16 << 20, TorrentCreator.autoPieceLength(32L << 30));
        assertEquals(16 << 20, TorrentCreator.autoPieceLength(1L << 40));
        for (long total = 1; total <= (32L << 30); total = total * 3 + 1) {
            int length = TorrentCreator.autoPieceLength(total);
            long pieces = (total + length - 1) / length;
            assertTrue(pieces <= TorrentCreator.AUTO_TARGET_PIECES, total + " -> " + pieces);
            assertTrue(length == TorrentCreator.MIN_PIECE_LENGTH || pieces > TorrentCreator.AUTO_TARGET_PIECES / 2,
                    total + " -> " + pieces);
        }
    }

    @Test
    void automaticPieceLengthIsUsedWhenNoneIsGiven() throws Exception {
        Path file = TorrentFixtures.randomFile(directory.resolve("auto.bin"), (40L << 20) + 3, 9);
        TorrentMetainfo torrent = TorrentCreator.builder(file).build().create().metainfo();
        assertEquals(32 * 1024, torrent.pieceLength());
        assertEquals(1281, torrent.pieceCount());
    }

    @Test
    void builderRefusesMisuse() {
        TorrentCreator.Builder builder = TorrentCreator.builder(directory);
        for (int bad : new int[] {-1, 1, 8192, 16 * 1024 + 1, 3 << 14}) {
            assertThrows(IllegalArgumentException.class, () -> builder.pieceLength(bad), Integer.toString(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> TorrentCreator.builder(directory).pieceLength(256 << 20)
                .build());
        for (String bad : List.of("", "tracker.example/announce", "http://a b/", "http://x/\u0001", " http://x/")) {
            assertThrows(IllegalArgumentException.class, () -> builder.announceTier(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> builder.webSeed(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> builder.announceTier(List.of()));
        builder.announceTier("http://a/announce");
        assertThrows(IllegalArgumentException.class, () -> builder.announceTier("udp://b:1/x", "http://a/announce"));
        builder.webSeed("http://w/");
        assertThrows(IllegalArgumentException.class, () -> builder.webSeed("http://w/"));
        assertThrows(IllegalArgumentException.class, () -> builder.threads(0));
        assertThrows(IllegalArgumentException.class, () -> builder.readBufferBytes(100));
    }

    @Test
    void progressCountsEveryPieceAndByteInOrder() throws Exception {
        Path root = directory.resolve("progress");
        TorrentFixtures.randomFile(root.resolve("a"), 10 * PIECE + 1, 1);
        TorrentFixtures.randomFile(root.resolve("b"), 3, 2);
        List<long[]> calls = new ArrayList<>();
        TorrentMetainfo torrent = reproducible(root).padding(Padding.BETWEEN_FILES).threads(3)
                .progress((hashedPieces, pieceCount, hashedBytes, totalBytes) -> calls.add(
                        new long[] {hashedPieces, pieceCount, hashedBytes, totalBytes}))
                .build().create().metainfo();
        assertEquals(torrent.pieceCount(), calls.size());
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(i + 1, calls.get(i)[0]);
            assertEquals(torrent.pieceCount(), calls.get(i)[1]);
            assertEquals(torrent.totalLength(), calls.get(i)[3]);
            assertTrue(i == 0 || calls.get(i)[2] > calls.get(i - 1)[2], Arrays.toString(calls.get(i)));
        }
        assertEquals(torrent.totalLength(), calls.get(calls.size() - 1)[2]);
    }
}
