package dev.arietta;

import static dev.arietta.MetalinkFixtures.corrupted;
import static dev.arietta.MetalinkFixtures.document;
import static dev.arietta.MetalinkFixtures.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.resume.ResumeState;
import dev.arietta.core.internal.resume.ResumeStateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume of Metalink downloads: only verified pieces are saved and trusted; data found on disk is checked. */
class SessionMetalinkResumeTest {

    private static final int PIECE = SessionMetalinkTest.PIECE;

    @TempDir
    Path directory;
    private FakeHttpServer server;
    private byte[] content;
    private byte[] metalink;

    @BeforeEach
    void setUp() throws Exception {
        server = FakeHttpServer.start();
        content = TestFiles.random(2 * TestFiles.MIB, 71);
        metalink = document(file("f.bin", content, PIECE, server.url("/f.bin")).build());
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    private Session session() throws Exception {
        return Session.builder().directory(directory).option("file-allocation", "none").build();
    }

    @Test
    void aPausedDownloadSavesOnlyVerifiedPiecesAndARestartTrustsThem() throws Exception {
        server.serve("/f.bin", new FakeHttpServer.Resource(content, null, index -> FakeHttpServer.Effect.NORMAL, 0,
                512 * 1024));
        Path target = directory.resolve("f.bin");
        try (Session session = session()) {
            DownloadHandle handle = session.addMetalink(metalink, Options.of("split", "1")).get(0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (verifiedPieces(handle) < 2) {
                assertTrue(System.nanoTime() < deadline, "two pieces verified within 30 s");
                Thread.sleep(20);
            }
            handle.pause();
        }
        ResumeState saved = new ResumeStateFile(target).read().orElseThrow();
        assertEquals(PIECE, saved.pieceLength());
        Bitfield claimed = saved.verifiedPieces();
        assertTrue(claimed.cardinality() >= 2 && !claimed.isFull(), claimed.toString());
        byte[] onDisk = Files.readAllBytes(target);
        for (int piece = claimed.nextSetBit(0); piece >= 0; piece = claimed.nextSetBit(piece + 1)) {
            assertArrayEquals(Arrays.copyOfRange(content, piece * PIECE, (piece + 1) * PIECE),
                    Arrays.copyOfRange(onDisk, piece * PIECE, (piece + 1) * PIECE), "claimed piece " + piece);
        }

        int requestsBefore = server.requestLines().size();
        server.serve("/f.bin", content);
        try (Session session = session()) {
            DownloadResult result = session.addMetalink(metalink, Options.of("split", "1")).get(0).completion()
                    .get(60, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(target));
        List<String> restarted = server.requestLines().subList(requestsBefore, server.requestLines().size());
        assertTrue(restarted.get(0).endsWith("bytes=0-" + (PIECE - 1)), "the first request asks for one piece");
        for (String request : restarted.subList(1, restarted.size())) {
            String[] range = request.substring(request.indexOf("bytes=") + 6).split("-");
            long first = Long.parseLong(range[0]);
            long last = Long.parseLong(range[1]);
            for (int piece = claimed.nextSetBit(0); piece >= 0; piece = claimed.nextSetBit(piece + 1)) {
                assertTrue(last < (long) piece * PIECE || first >= (piece + 1L) * PIECE,
                        "claimed piece " + piece + " is not fetched again: " + restarted);
            }
        }
    }

    private static int verifiedPieces(DownloadHandle handle) {
        String bitfield = handle.status().bitfield();
        return bitfield.isEmpty() ? 0 : Bitfield.fromByteArray(HexFormat.of().parseHex(bitfield), 8).cardinality();
    }

    @Test
    void dataFoundOnDiskIsCheckedPieceByPieceAndABadPieceFetchedAgain() throws Exception {
        Path target = directory.resolve("f.bin");
        Files.write(target, corrupted(content, PIECE, 3));
        server.serve("/f.bin", content);
        try (Session session = session()) {
            DownloadResult result = session.addMetalink(metalink, Options.of("continue", "true", "split", "1"))
                    .get(0).completion().get(60, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(target));
        assertTrue(server.requestLines().stream().anyMatch(line -> line.endsWith("bytes=" + 3 * PIECE + "-"
                + (4 * PIECE - 1))), "only piece 3 fetched again: " + server.requestLines());
    }

    @Test
    void saveSessionNamesTheMetalinkWithItsUnfinishedFilesAndInputFileRestoresThem() throws Exception {
        byte[] quick = TestFiles.random(100_000, 72);
        server.serve("/quick.bin", quick);
        server.serve("/f.bin", new FakeHttpServer.Resource(content, null, index -> FakeHttpServer.Effect.NORMAL, 0,
                256 * 1024));
        byte[] both = document(file("quick.bin", quick, PIECE, server.url("/quick.bin")).build(),
                file("f.bin", content, PIECE, server.url("/f.bin")).build());
        Path sessionFile = directory.resolve("session.txt");
        try (Session session = Session.builder().directory(directory).option("file-allocation", "none")
                .option("save-session", sessionFile.toString()).build()) {
            List<DownloadHandle> handles = session.addMetalink(both, Options.of("split", "1"));
            assertTrue(handles.get(0).completion().get(30, TimeUnit.SECONDS).isSuccess());
        }
        String saved = Files.readString(sessionFile);
        Path copy = directory.resolve(HexFormat.of().formatHex(MetalinkFixtures.sha1(both)) + ".meta4");
        assertArrayEquals(both, Files.readAllBytes(copy), "the document is kept for the session file");
        List<String> lines = saved.lines().filter(line -> !line.isBlank()).toList();
        assertEquals(List.of(copy.toAbsolutePath().toString(), "split=1", "select-file=2"),
                lines.stream().map(String::strip).toList(), saved);

        server.serve("/f.bin", content);
        try (Session session = Session.builder().directory(directory).option("file-allocation", "none")
                .option("input-file", sessionFile.toString()).build()) {
            List<DownloadStatus> restored = session.waiting(0, 10);
            restored = restored.isEmpty() ? session.active() : restored;
            assertEquals(1, restored.size());
            DownloadResult result = session.handle(restored.get(0).gid()).orElseThrow().completion()
                    .get(60, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("f.bin")));
        assertArrayEquals(quick, Files.readAllBytes(directory.resolve("quick.bin")));
        assertTrue(!Files.exists(directory.resolve("quick.1.bin")), "the finished file is not fetched again");
    }
}
