package dev.arietta.bittorrent.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.it.TorrentFixtures.Layout;
import dev.arietta.bittorrent.it.TorrentFixtures.LibtorrentCheck;
import dev.arietta.bittorrent.it.TorrentFixtures.TorrentSpec;
import dev.arietta.bittorrent.metainfo.CreatedTorrent;
import dev.arietta.bittorrent.metainfo.TorrentCreator;
import dev.arietta.bittorrent.metainfo.TorrentCreator.Padding;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Torrents made by {@link TorrentCreator} against the real libtorrent 2.0 (python3-libtorrent):
 * libtorrent loads them, computes the same info-hash and verifies the data against them; and for
 * the same files, piece length and padding mode libtorrent's {@code create_torrent} writes a
 * byte-identical {@code info} dictionary.
 */
class TorrentCreatorLibtorrentIT {

    private static final String TRACKER = "http://127.0.0.1:1/announce";

    @TempDir
    Path directory;

    /**
     * A tree with what makes ordering and attributes tricky: upper case before lower case, a
     * directory name that is a prefix of file names, {@code -} and {@code .} around {@code /} in
     * byte order, an empty file, a hidden directory, non-ASCII names, an executable file, and
     * sizes both on and off piece boundaries.
     */
    private Path tree() throws IOException {
        Map<String, Long> files = new LinkedHashMap<>();
        files.put("ab", 1L);
        files.put("a.b/zz", 123_457L);
        files.put("a-c", 16_384L);
        files.put("a/b2/q", 33_333L);
        files.put("a/b", 5L);
        files.put("B", 70_000L);
        files.put(".hidden/x", 1000L);
        files.put("ünïcødé/名前.txt", 4321L);
        files.put("tool.sh", 2000L);
        Path root = TorrentFixtures.randomDirectory(directory.resolve("payload"), files, 42);
        Files.createFile(root.resolve("a.b/z"));
        Files.setPosixFilePermissions(root.resolve("tool.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }

    private static TorrentCreator.Builder ours(Path source, int pieceLength) {
        return TorrentCreator.builder(source).pieceLength(pieceLength).announceTier(TRACKER)
                .creationDate(Instant.parse("2024-01-02T03:04:05Z"));
    }

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of(Padding.NONE, Layout.SORTED, 16 * 1024),
                Arguments.of(Padding.NONE, Layout.SORTED, 64 * 1024),
                Arguments.of(Padding.BETWEEN_FILES, Layout.CANONICAL_NO_TAIL, 16 * 1024),
                Arguments.of(Padding.BETWEEN_FILES, Layout.CANONICAL_NO_TAIL, 64 * 1024),
                Arguments.of(Padding.AFTER_EVERY_FILE, Layout.CANONICAL, 16 * 1024),
                Arguments.of(Padding.AFTER_EVERY_FILE, Layout.CANONICAL, 64 * 1024));
    }

    @ParameterizedTest(name = "{0} = libtorrent {1}, pieces of {2}")
    @MethodSource("layouts")
    void libtorrentWritesTheSameInfoDictionary(Padding padding, Layout layout, int pieceLength) throws Exception {
        Path source = tree();
        CreatedTorrent created = ours(source, pieceLength).padding(padding).privateTorrent(true).build().create();
        TorrentFixtures.CreatedTorrent theirs = TorrentFixtures.createTorrent(source, directory.resolve("lt.torrent"),
                TorrentSpec.defaults().withPieceLength(pieceLength).withTier(TRACKER).withPrivate(true), layout);
        TorrentMetainfo theirsParsed = new TorrentParser().parse(theirs.bytes());
        assertEquals(theirsParsed.files(), created.metainfo().files());
        assertArrayEquals(theirsParsed.rawInfo(), created.metainfo().rawInfo());
        assertEquals(theirs.infoHash(), created.infoHash());
    }

    @Test
    void libtorrentWritesTheSameInfoDictionaryForASingleExecutableFile() throws Exception {
        Path file = TorrentFixtures.randomFile(directory.resolve("single/run.bin"), 1_000_003, 7);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        CreatedTorrent created = ours(file, 32 * 1024).build().create();
        TorrentFixtures.CreatedTorrent theirs = TorrentFixtures.createTorrent(file, directory.resolve("lt.torrent"),
                TorrentSpec.defaults(), Layout.WALK);
        assertTrue(created.metainfo().files().get(0).executable());
        assertArrayEquals(new TorrentParser().parse(theirs.bytes()).rawInfo(), created.metainfo().rawInfo());
        assertEquals(theirs.infoHash(), created.infoHash());
    }

    static Stream<Padding> paddings() {
        return Stream.of(Padding.values());
    }

    @ParameterizedTest
    @MethodSource("paddings")
    void libtorrentVerifiesTheDataAgainstOurTorrent(Padding padding) throws Exception {
        Path source = tree();
        CreatedTorrent created = ours(source, 16 * 1024).padding(padding).build().create();
        Path torrentFile = directory.resolve("ours.torrent");
        created.writeTo(torrentFile);
        LibtorrentCheck check = TorrentFixtures.checkWithLibtorrent(torrentFile, source.getParent());
        assertEquals(created.infoHash(), check.infoHash());
        assertEquals(created.metainfo().pieceCount(), check.pieceCount());
        assertEquals(check.pieceCount(), check.verifiedPieces(), check.toString());
        assertTrue(check.seeding(), check.toString());
    }

    @Test
    void libtorrentVerifiesASingleFileTorrentWithAutomaticPieceLength() throws Exception {
        Path file = TorrentFixtures.randomFile(directory.resolve("single/big.bin"), (33L << 20) + 17, 3);
        CreatedTorrent created = TorrentCreator.builder(file).build().create();
        assertEquals(32 * 1024, created.metainfo().pieceLength());
        Path torrentFile = directory.resolve("big.torrent");
        created.writeTo(torrentFile);
        LibtorrentCheck check = TorrentFixtures.checkWithLibtorrent(torrentFile, file.getParent());
        assertEquals(created.infoHash(), check.infoHash());
        assertEquals(check.pieceCount(), check.verifiedPieces(), check.toString());
        assertTrue(check.seeding(), check.toString());
    }

    /** The control: the same check fails a piece whose data differs from what was hashed. */
    @Test
    void libtorrentFindsAPieceThatDoesNotMatch() throws Exception {
        Path source = tree();
        CreatedTorrent created = ours(source, 16 * 1024).build().create();
        Path torrentFile = directory.resolve("ours.torrent");
        created.writeTo(torrentFile);
        try (FileChannel channel = FileChannel.open(source.resolve("a.b/zz"), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer oneByte = ByteBuffer.allocate(1);
            channel.read(oneByte, 100_000);
            oneByte.put(0, (byte) ~oneByte.get(0));
            channel.write(oneByte.rewind(), 100_000);
        }
        LibtorrentCheck check = TorrentFixtures.checkWithLibtorrent(torrentFile, source.getParent());
        assertEquals(created.infoHash(), check.infoHash());
        assertEquals(check.pieceCount() - 1, check.verifiedPieces(), check.toString());
        assertFalse(check.seeding());
    }
}
