package dev.arietta.bittorrent.metainfo;

import static dev.arietta.bittorrent.metainfo.TorrentCreatorTest.joinedPaths;
import static dev.arietta.bittorrent.metainfo.TorrentCreatorTest.reproducible;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arietta.bittorrent.it.TorrentFixtures;
import dev.arietta.bittorrent.metainfo.CreatedTorrent.SkipReason;
import dev.arietta.bittorrent.metainfo.CreatedTorrent.SkippedPath;
import dev.arietta.bittorrent.metainfo.TorrentCreationException.Reason;
import dev.arietta.bittorrent.metainfo.TorrentCreator.HiddenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which entries of a source directory go into a torrent, and the typed errors for sources that cannot. */
class TorrentCreatorSourceTest {

    @TempDir
    Path directory;

    private TorrentCreationException refused(TorrentCreator.Builder builder, Reason reason) {
        TorrentCreationException e = assertThrows(TorrentCreationException.class, () -> builder.build().create());
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    @Test
    void hiddenEntriesAreIncludedByDefaultAndSkippedOnRequest() throws Exception {
        Path root = directory.resolve("hidden");
        TorrentFixtures.randomFile(root.resolve(".config/settings"), 10, 1);
        TorrentFixtures.randomFile(root.resolve(".profile"), 10, 2);
        TorrentFixtures.randomFile(root.resolve("visible/.keep"), 1, 3);
        TorrentFixtures.randomFile(root.resolve("visible/file"), 10, 4);
        assertEquals(List.of(".config/settings", ".profile", "visible/.keep", "visible/file"),
                joinedPaths(reproducible(root).build().create().metainfo()));
        CreatedTorrent skipping = reproducible(root).hiddenFiles(HiddenFiles.SKIP).build().create();
        assertEquals(List.of("visible/file"), joinedPaths(skipping.metainfo()));
        assertEquals(List.of(new SkippedPath(root.resolve(".config"), SkipReason.HIDDEN),
                new SkippedPath(root.resolve(".profile"), SkipReason.HIDDEN),
                new SkippedPath(root.resolve("visible/.keep"), SkipReason.HIDDEN)), skipping.skipped());
    }

    @Test
    void symlinksInsideTheRootAreFollowedOthersSkipped() throws Exception {
        Path outside = TorrentFixtures.randomFile(directory.resolve("outside/secret"), 10, 1);
        Path root = directory.resolve("links");
        Path data = TorrentFixtures.randomFile(root.resolve("data/file"), 100, 2);
        Files.createSymbolicLink(root.resolve("alias"), Path.of("data/file"));
        Files.createSymbolicLink(root.resolve("data-dir"), Path.of("data"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("escape-dir"), outside.getParent());
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
        Files.createSymbolicLink(root.resolve("data/loop"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("ring-a"), Path.of("ring-b"));
        Files.createSymbolicLink(root.resolve("ring-b"), Path.of("ring-a"));

        CreatedTorrent created = reproducible(root).build().create();
        assertEquals(List.of("alias", "data/file", "data-dir/file"), joinedPaths(created.metainfo()));
        // Walk order: a directory's own entries when it is listed, its subdirectories' after.
        assertEquals(List.of(new SkippedPath(root.resolve("dangling"), SkipReason.BROKEN_SYMLINK),
                new SkippedPath(root.resolve("escape"), SkipReason.SYMLINK_OUTSIDE_ROOT),
                new SkippedPath(root.resolve("escape-dir"), SkipReason.SYMLINK_OUTSIDE_ROOT),
                new SkippedPath(root.resolve("ring-a"), SkipReason.BROKEN_SYMLINK),
                new SkippedPath(root.resolve("ring-b"), SkipReason.BROKEN_SYMLINK),
                new SkippedPath(root.resolve("data/loop"), SkipReason.SYMLINK_LOOP),
                new SkippedPath(root.resolve("data-dir/loop"), SkipReason.SYMLINK_LOOP)), created.skipped());
        byte[] content = Files.readAllBytes(data);
        byte[] stream = new byte[300];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(content, 0, stream, i * 100, 100);
        }
        assertArrayEquals(TorrentCreatorTest.pieceHashes(stream, TorrentCreatorTest.PIECE),
                TorrentCreatorTest.allPieceHashes(created.metainfo()));
    }

    @Test
    void specialFilesAreSkipped() throws Exception {
        Path root = directory.resolve("special");
        TorrentFixtures.randomFile(root.resolve("regular"), 10, 1);
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
        } catch (java.io.IOException noMkfifo) {
            assumeTrue(false, "mkfifo is not available");
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        CreatedTorrent created = reproducible(root).build().create();
        assertEquals(List.of("regular"), joinedPaths(created.metainfo()));
        assertEquals(List.of(new SkippedPath(root.resolve("pipe"), SkipReason.NOT_REGULAR_FILE)), created.skipped());
    }

    @Test
    void sourcesWithoutDataAreRefused() throws Exception {
        Path empty = Files.createDirectories(directory.resolve("empty"));
        assertTrue(refused(reproducible(empty), Reason.NO_DATA).getMessage().endsWith("empty: holds no files"));
        Path zeros = directory.resolve("zeros");
        Files.createDirectories(zeros.resolve("sub"));
        Files.createFile(zeros.resolve("sub/a"));
        Files.createFile(zeros.resolve("b"));
        refused(reproducible(zeros), Reason.NO_DATA);
        Path onlyHidden = directory.resolve("only-hidden");
        TorrentFixtures.randomFile(onlyHidden.resolve(".x"), 5, 1);
        TorrentCreationException hidden = refused(reproducible(onlyHidden).hiddenFiles(HiddenFiles.SKIP),
                Reason.NO_DATA);
        assertTrue(hidden.getMessage().contains("(1 entries skipped)"), hidden.getMessage());
        Path emptyFile = Files.createFile(directory.resolve("empty.bin"));
        assertEquals(Optional.of(emptyFile), refused(reproducible(emptyFile), Reason.NO_DATA).path());
    }

    @Test
    void missingSourcesAreRefused() throws Exception {
        Path missing = directory.resolve("missing");
        TorrentCreationException e = refused(reproducible(missing), Reason.UNREADABLE);
        assertEquals(missing + ": does not exist", e.getMessage());
    }

    /** Only a user other than root can be denied a file; as root (CI) this one cannot be arranged. */
    @Test
    void unreadableSourcesAreRefused() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads every file");
        Path root = directory.resolve("locked");
        Path locked = TorrentFixtures.randomFile(root.resolve("locked.bin"), 10, 1);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assertEquals(Optional.of(locked), refused(reproducible(root), Reason.UNREADABLE).path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a:b", "trailing.", "trailing ", "con.txt", "NUL", "tab\there", "bidi\u202Eexe",
            "back\\slash", "star*", "question?"})
    void namesAClientWouldChangeAreRefused(String name) throws Exception {
        Path root = directory.resolve("names");
        Path bad = TorrentFixtures.randomFile(root.resolve(name), 10, 1);
        TorrentFixtures.randomFile(root.resolve("fine"), 10, 2);
        TorrentCreationException e = refused(reproducible(root), Reason.BAD_NAME);
        assertEquals(Optional.of(bad), e.path());
        assertTrue(e.getMessage().contains("would be saved"), e.getMessage());
        assertEquals(Optional.of(bad), refused(reproducible(bad), Reason.BAD_NAME).path());
    }

    @Test
    void overlongNamesAndBadDirectoryNamesAreRefused() throws Exception {
        Path root = directory.resolve("long");
        Path longName = TorrentFixtures.randomFile(root.resolve("x".repeat(60) + ".bin"), 10, 1);
        assertEquals(Optional.of(longName), refused(reproducible(root).limits(TorrentLimits.DEFAULT
                .withMaxNameBytes(50)), Reason.BAD_NAME).path());
        Path dirs = directory.resolve("dirs");
        TorrentFixtures.randomFile(dirs.resolve("a|b/file"), 10, 1);
        assertEquals(Optional.of(dirs.resolve("a|b")), refused(reproducible(dirs), Reason.BAD_NAME).path());
        Path badRoot = directory.resolve("root:name");
        TorrentFixtures.randomFile(badRoot.resolve("file"), 10, 1);
        assertEquals(Optional.of(badRoot), refused(reproducible(badRoot), Reason.BAD_NAME).path());
    }

    @Test
    void namesEqualIgnoringCaseAreRefused() throws Exception {
        Path root = directory.resolve("case");
        TorrentFixtures.randomFile(root.resolve("Readme.txt"), 10, 1);
        Path second = TorrentFixtures.randomFile(root.resolve("README.TXT"), 10, 2);
        TorrentCreationException e = refused(reproducible(root), Reason.BAD_NAME);
        assertTrue(e.getMessage().contains("differs only in letter case"), e.getMessage());
        assertTrue(e.path().orElseThrow().equals(second) || e.path().orElseThrow().equals(root.resolve("Readme.txt")));
        Path mixed = directory.resolve("mixed");
        TorrentFixtures.randomFile(mixed.resolve("Docs/a"), 10, 1);
        TorrentFixtures.randomFile(mixed.resolve("docs"), 10, 2);
        refused(reproducible(mixed), Reason.BAD_NAME);
    }

    @Test
    void limitsStopHugeTreesEarly() throws Exception {
        Path wide = directory.resolve("wide");
        for (int i = 0; i < 30; i++) {
            TorrentFixtures.randomFile(wide.resolve("f" + i), 1, i);
        }
        assertTrue(refused(reproducible(wide).limits(TorrentLimits.DEFAULT.withMaxFiles(20)), Reason.LIMIT_EXCEEDED)
                .getMessage().contains("TorrentLimits.maxFiles"));
        Path deep = directory.resolve("deep");
        TorrentFixtures.randomFile(deep.resolve("a/b/c/d/e/f"), 1, 1);
        assertTrue(refused(reproducible(deep).limits(TorrentLimits.DEFAULT.withMaxPathDepth(4)),
                Reason.LIMIT_EXCEEDED).getMessage().contains("TorrentLimits.maxPathDepth"));
        assertEquals(List.of("a/b/c/d/e/f"), joinedPaths(reproducible(deep).limits(TorrentLimits.DEFAULT
                .withMaxPathDepth(6)).build().create().metainfo()));
    }

    @Test
    void pieceAndSizeLimitsAreCheckedBeforeHashing() throws Exception {
        Path file = TorrentFixtures.randomFile(directory.resolve("pieces.bin"), 100 * TorrentCreatorTest.PIECE, 1);
        assertTrue(refused(reproducible(file).limits(TorrentLimits.DEFAULT.withMaxPieces(99)),
                Reason.LIMIT_EXCEEDED).getMessage().contains("TorrentLimits.maxPieces"));
        assertTrue(refused(reproducible(file).limits(TorrentLimits.DEFAULT.withMaxTorrentBytes(1500)),
                Reason.LIMIT_EXCEEDED).getMessage().contains("TorrentLimits.maxTorrentBytes"));
        assertTrue(refused(reproducible(file).limits(TorrentLimits.DEFAULT.withMaxDecodeTokens(5)),
                Reason.LIMIT_EXCEEDED).getMessage().contains("refused by TorrentParser"));
        Path padded = directory.resolve("padded");
        for (int i = 0; i < 6; i++) {
            TorrentFixtures.randomFile(padded.resolve("f" + i), 7, i);
        }
        assertTrue(refused(reproducible(padded).padding(TorrentCreator.Padding.AFTER_EVERY_FILE)
                .limits(TorrentLimits.DEFAULT.withMaxFiles(10)), Reason.LIMIT_EXCEEDED).getMessage()
                .contains("with padding"));
        assertThrows(IllegalArgumentException.class, () -> reproducible(file).pieceLength(1 << 20)
                .limits(TorrentLimits.DEFAULT.withMaxPieceLength(512 * 1024)).build());
        assertTrue(refused(TorrentCreator.builder(file).limits(TorrentLimits.DEFAULT.withMaxPieceLength(8192)),
                Reason.LIMIT_EXCEEDED).getMessage().contains("below the smallest piece length"));
    }
}
