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

        long sentBefore = server.bodyBytesSent();
        server.serve("/f.bin", content);
        try (Session session = session()) {
            DownloadResult result = session.addMetalink(metalink, Options.of("split", "1")).get(0).completion()
                    .get(60, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(target));
        long sentAfter = server.bodyBytesSent() - sentBefore;
        assertTrue(sentAfter <= content.length - (claimed.cardinality() - 1L) * PIECE,
                "claimed pieces are not fetched again (the first request may ask for one): " + sentAfter);
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
}
