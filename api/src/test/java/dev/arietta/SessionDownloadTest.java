package dev.arietta;

import static dev.arietta.TestFiles.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole downloads through a session against the in-JVM server: naming, splitting, mirrors, files, checksums. */
class SessionDownloadTest {

    @TempDir
    Path directory;
    private FakeHttpServer server;
    private RecordingListener listener;
    private Session session;

    @BeforeEach
    void setUp() throws Exception {
        server = FakeHttpServer.start();
        listener = new RecordingListener();
        session = Session.builder().directory(directory).option("file-allocation", "none").listener(listener).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        session.close();
        server.close();
    }

    private static DownloadResult await(DownloadHandle handle) throws Exception {
        return handle.completion().get(60, TimeUnit.SECONDS);
    }

    @Test
    void downloadsOneFileAndReportsItsEventsInOrder() throws Exception {
        byte[] content = TestFiles.random(3 * MIB + 17, 1);
        server.serve("/data/file.bin", content);
        DownloadHandle handle = session.addUri(List.of(server.url("/data/file.bin")));
        assertTrue(handle.gid().matches("[0-9a-f]{16}"), handle.gid());
        DownloadResult result = await(handle);
        assertTrue(result.isSuccess(), result.toString());
        Path file = directory.resolve("file.bin");
        assertEquals(List.of(file.toAbsolutePath()), result.files());
        assertArrayEquals(content, Files.readAllBytes(file));
        assertEquals(List.of(DownloadEvent.START, DownloadEvent.FILE_COMPLETE, DownloadEvent.COMPLETE),
                listener.events(handle));
        assertTrue(listener.threads().stream().allMatch(name -> name.equals("arietta-callback")), listener.threads()
                .toString());
        DownloadStatus status = handle.status();
        assertEquals(DownloadState.COMPLETE, status.state());
        assertEquals(content.length, status.totalLength());
        assertEquals(content.length, status.completedLength());
        assertEquals(ErrorCode.FINISHED, status.errorCode());
        assertEquals(4, status.numPieces());
        assertEquals("f0", status.bitfield());
        assertFalse(Files.exists(directory.resolve("file.bin.arietta")), "resume state deleted on completion");
    }

    @Test
    void splitsAFileBetweenConnectionsWithRanges() throws Exception {
        byte[] content = TestFiles.random(8 * MIB, 2);
        server.serve("/big.bin", content);
        DownloadHandle handle = session.addUri(List.of(server.url("/big.bin")),
                Options.of("split", "4", "min-split-size", "1M", "max-connection-per-server", "4"));
        assertTrue(await(handle).isSuccess());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("big.bin")));
        long ranged = server.requestLines().stream().filter(line -> line.contains("bytes=") && !line.contains("bytes=0-"))
                .count();
        assertTrue(ranged >= 3, "expected split range requests: " + server.requestLines());
        // Bytes past a connection's cut-back end may sit in socket buffers when it closes: bounded, not doubled.
        assertTrue(server.bodyBytesSent() < 2L * content.length, "little waste: " + server.bodyBytesSent());
    }

    @Test
    void usesEveryMirror() throws Exception {
        byte[] content = TestFiles.random(6 * MIB, 3);
        try (FakeHttpServer second = FakeHttpServer.start()) {
            server.serve("/m.bin", content);
            second.serve("/m.bin", content);
            DownloadHandle handle = session.addUri(List.of(server.url("/m.bin"), second.url("/m.bin")),
                    Options.of("split", "2", "min-split-size", "1M", "uri-selector", "inorder"));
            assertTrue(await(handle).isSuccess());
            assertArrayEquals(content, Files.readAllBytes(directory.resolve("m.bin")));
            assertTrue(server.requestCount("/m.bin") > 0 && second.requestCount("/m.bin") > 0,
                    server.requestLines() + " / " + second.requestLines());
        }
    }

    @Test
    void namesTheFileFromContentDispositionSanitizedUnderTheDirectory() throws Exception {
        byte[] content = TestFiles.random(1000, 4);
        server.serve("/download?id=7", new FakeHttpServer.Resource(content, "attachment; filename=\"../../evil.txt\"",
                index -> FakeHttpServer.Effect.NORMAL, 0, 0));
        DownloadResult result = await(session.addUri(List.of(server.url("/download?id=7"))));
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("evil.txt")));
        assertEquals(List.of(directory.resolve("evil.txt").toAbsolutePath()), result.files());
    }

    @Test
    void outOptionWinsAndPercentEscapesAreDecoded() throws Exception {
        byte[] content = TestFiles.random(500, 5);
        server.serve("/a%20b.txt", content);
        assertTrue(await(session.addUri(List.of(server.url("/a%20b.txt")))).isSuccess());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("a b.txt")));
        assertTrue(await(session.addUri(List.of(server.url("/a%20b.txt")), Options.of("out", "sub/named.bin")))
                .isSuccess());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("sub/named.bin")));
    }

    @Test
    void existingFileIsRenamedRefusedOrOverwritten() throws Exception {
        byte[] content = TestFiles.random(2000, 6);
        server.serve("/x.txt", content);
        Files.writeString(directory.resolve("x.txt"), "precious");
        DownloadResult renamed = await(session.addUri(List.of(server.url("/x.txt"))));
        assertTrue(renamed.isSuccess());
        assertEquals("precious", Files.readString(directory.resolve("x.txt")));
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("x.1.txt")));

        DownloadResult refused = await(session.addUri(List.of(server.url("/x.txt")),
                Options.of("auto-file-renaming", "false")));
        assertEquals(DownloadState.ERROR, refused.state());
        assertEquals(ErrorCode.FILE_ALREADY_EXISTS, refused.errorCode());
        assertEquals("precious", Files.readString(directory.resolve("x.txt")));

        DownloadResult overwritten = await(session.addUri(List.of(server.url("/x.txt")),
                Options.of("allow-overwrite", "true")));
        assertTrue(overwritten.isSuccess());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("x.txt")));
    }

    @Test
    void checksumIsVerifiedAtTheEnd() throws Exception {
        byte[] content = TestFiles.random(3 * MIB, 7);
        server.serve("/good.bin", content);
        server.serve("/bad.bin", new FakeHttpServer.Resource(content, null, index -> FakeHttpServer.Effect.CORRUPT, 0, 0));
        DownloadResult good = await(session.addUri(List.of(server.url("/good.bin")),
                Options.of("checksum", TestFiles.sha256(content))));
        assertTrue(good.isSuccess(), good.toString());
        DownloadHandle badHandle = session.addUri(List.of(server.url("/bad.bin")),
                Options.of("checksum", TestFiles.sha256(content)));
        DownloadResult bad = await(badHandle);
        assertEquals(DownloadState.ERROR, bad.state());
        assertEquals(ErrorCode.CHECKSUM_ERROR, bad.errorCode());
        assertTrue(bad.errorMessage().contains("checksum mismatch"), bad.errorMessage());
        assertEquals(List.of(DownloadEvent.START, DownloadEvent.ERROR), listener.events(badHandle));
    }

    @Test
    void downloadsABodyOfUnknownLengthAsOneStream() throws Exception {
        byte[] content = TestFiles.random(300_000, 8);
        server.serve("/stream", new FakeHttpServer.Resource(content, null, index -> FakeHttpServer.Effect.CHUNKED, 0, 0));
        DownloadHandle handle = session.addUri(List.of(server.url("/stream")), Options.of("split", "4"));
        DownloadResult result = await(handle);
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("stream")));
        assertEquals(content.length, result.totalLength());
    }

    @Test
    void emptyFileCompletes() throws Exception {
        server.serve("/empty.txt", new byte[0]);
        DownloadResult result = await(session.addUri(List.of(server.url("/empty.txt"))));
        assertTrue(result.isSuccess(), result.toString());
        assertEquals(0, Files.size(directory.resolve("empty.txt")));
    }

    @Test
    void notFoundEverywhereFailsWithCode3AndMaxFileNotFoundWithCode4() throws Exception {
        DownloadResult missing = await(session.addUri(List.of(server.url("/nothing"))));
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND, missing.errorCode());
        try (FakeHttpServer second = FakeHttpServer.start()) {
            DownloadResult counted = await(session.addUri(List.of(server.url("/nothing"), second.url("/nothing")),
                    Options.of("max-file-not-found", "2")));
            assertEquals(ErrorCode.MAX_FILE_NOT_FOUND, counted.errorCode());
        }
    }

    @Test
    void stalledMirrorIsOutrunByTheOtherOne() throws Exception {
        byte[] content = TestFiles.random(4 * MIB, 9);
        try (FakeHttpServer good = FakeHttpServer.start()) {
            server.serve("/s.bin", new FakeHttpServer.Resource(content, null,
                    index -> index == 0 ? FakeHttpServer.Effect.NORMAL : FakeHttpServer.Effect.STALL_AFTER, 1000, 0));
            good.serve("/s.bin", content);
            DownloadHandle handle = session.addUri(List.of(server.url("/s.bin"), good.url("/s.bin")),
                    Options.of("split", "4", "min-split-size", "1M", "timeout", "2", "uri-selector", "inorder",
                            "max-connection-per-server", "2"));
            DownloadResult result = await(handle);
            assertTrue(result.isSuccess(), result.toString());
            assertArrayEquals(content, Files.readAllBytes(directory.resolve("s.bin")));
        }
    }

    @Test
    void resettingMirrorIsRetriedAndTheOtherFinishes() throws Exception {
        byte[] content = TestFiles.random(4 * MIB, 10);
        try (FakeHttpServer good = FakeHttpServer.start()) {
            server.serve("/r.bin", new FakeHttpServer.Resource(content, null,
                    index -> FakeHttpServer.Effect.RESET_AFTER, 100_000, 0));
            good.serve("/r.bin", content);
            DownloadResult result = await(session.addUri(List.of(server.url("/r.bin"), good.url("/r.bin")),
                    Options.of("split", "2", "min-split-size", "1M", "uri-selector", "inorder")));
            assertTrue(result.isSuccess(), result.toString());
            assertArrayEquals(content, Files.readAllBytes(directory.resolve("r.bin")));
        }
    }

    @Test
    void serverIgnoringRangesIsReadByOneConnection() throws Exception {
        byte[] content = TestFiles.random(3 * MIB, 11);
        server.serve("/norange.bin", new FakeHttpServer.Resource(content, null,
                index -> FakeHttpServer.Effect.IGNORE_RANGE, 0, 0));
        DownloadResult result = await(session.addUri(List.of(server.url("/norange.bin")),
                Options.of("split", "4", "min-split-size", "1M", "max-connection-per-server", "4")));
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("norange.bin")));
        // The bounded first request is refused (200 to a range), then the whole file comes on one connection.
        assertEquals(2, server.requestCount("/norange.bin"), server.requestLines().toString());
        assertTrue(server.requestLines().get(1).endsWith("bytes=0-"), server.requestLines().toString());
    }

    @Test
    void retryWaitDelaysTheRetryOfA503() throws Exception {
        byte[] content = TestFiles.random(10_000, 12);
        server.serve("/busy.bin", new FakeHttpServer.Resource(content, null,
                index -> index == 0 ? FakeHttpServer.Effect.UNAVAILABLE : FakeHttpServer.Effect.NORMAL, 0, 0));
        long started = System.nanoTime();
        DownloadResult result = await(session.addUri(List.of(server.url("/busy.bin")), Options.of("retry-wait", "1")));
        assertTrue(result.isSuccess(), result.toString());
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(900).toNanos(), "waited retry-wait");
        assertEquals(2, server.requestCount("/busy.bin"));
    }

    @Test
    void maxTriesGivesUpWithTheLastErrorCode() throws Exception {
        server.serve("/always-busy", new FakeHttpServer.Resource(new byte[10], null,
                index -> FakeHttpServer.Effect.UNAVAILABLE, 0, 0));
        DownloadResult result = await(session.addUri(List.of(server.url("/always-busy")), Options.of("max-tries", "3")));
        assertEquals(ErrorCode.HTTP_SERVICE_UNAVAILABLE, result.errorCode());
        assertEquals(3, server.requestCount("/always-busy"));
    }
}
