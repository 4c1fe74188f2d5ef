package dev.arietta;

import static dev.arietta.TestFiles.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.resume.ResumeIdentity;
import dev.arietta.core.internal.resume.ResumeState;
import dev.arietta.core.internal.resume.ResumeStateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** continue, resume state, check-integrity, save-session and restore. */
class SessionResumeTest {

    @TempDir
    Path directory;
    private FakeHttpServer server;
    private byte[] content;

    @BeforeEach
    void setUp() throws Exception {
        server = FakeHttpServer.start();
        content = TestFiles.random(4 * MIB, 61);
        server.serve("/file.bin", content);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    private Session session(String... options) throws Exception {
        return Session.builder().directory(directory).options(Options.of(options)).build();
    }

    private static DownloadResult await(DownloadHandle handle) throws Exception {
        return handle.completion().get(60, TimeUnit.SECONDS);
    }

    @Test
    void continueTakesAnotherProgramsPartialFileAsDoneUpToItsLength() throws Exception {
        Files.write(directory.resolve("file.bin"), Arrays.copyOf(content, 3 * MIB));
        try (Session session = session()) {
            DownloadResult result = await(session.addUri(List.of(server.url("/file.bin")), Options.of("continue", "true")));
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.bin")));
        assertTrue(server.bodyBytesSent() <= 2L * MIB,
                "the missing megabyte and at most one piece for the first request: " + server.bodyBytesSent());
        assertFalse(Files.exists(directory.resolve("file.1.bin")));
    }

    @Test
    void withoutContinueThePartialFileIsKeptAndTheDownloadRenamed() throws Exception {
        Files.write(directory.resolve("file.bin"), Arrays.copyOf(content, MIB));
        try (Session session = session()) {
            assertTrue(await(session.addUri(List.of(server.url("/file.bin")))).isSuccess());
        }
        assertEquals(MIB, Files.size(directory.resolve("file.bin")));
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.1.bin")));
    }

    @Test
    void resumeStateSkipsRecordedPiecesAndIsDeletedAtTheEnd() throws Exception {
        Path target = directory.resolve("file.bin");
        byte[] partial = content.clone();
        Arrays.fill(partial, MIB, 4 * MIB, (byte) 0);
        Files.write(target, partial);
        Bitfield pieces = new Bitfield(4);
        pieces.set(0);
        new ResumeStateFile(target).save(new ResumeState(new ResumeIdentity.Url(server.url("/file.bin")), MIB,
                content.length, pieces, 0), () -> { });
        try (Session session = session("split", "1")) {
            assertTrue(await(session.addUri(List.of(server.url("/file.bin")))).isSuccess());
        }
        assertArrayEquals(content, Files.readAllBytes(target));
        assertFalse(Files.exists(ResumeStateFile.pathFor(target)));
        assertTrue(server.requestLines().stream().anyMatch(line -> line.contains("bytes=1048576-")),
                server.requestLines().toString());
    }

    @Test
    void resumeStateWithAnotherPieceLengthFailsWithCode10() throws Exception {
        Path target = directory.resolve("file.bin");
        Files.write(target, new byte[content.length]);
        new ResumeStateFile(target).save(new ResumeState(new ResumeIdentity.Url("x"), 2 * MIB, content.length,
                new Bitfield(2), 0), () -> { });
        try (Session session = session()) {
            DownloadResult result = await(session.addUri(List.of(server.url("/file.bin"))));
            assertEquals(ErrorCode.PIECE_LENGTH_CHANGED, result.errorCode());
        }
    }

    @Test
    void checkIntegrityCompletesAMatchingFileWithoutDownloadingIt() throws Exception {
        Files.write(directory.resolve("file.bin"), content);
        try (Session session = session()) {
            DownloadResult result = await(session.addUri(List.of(server.url("/file.bin")),
                    Options.of("check-integrity", "true", "checksum", TestFiles.sha256(content))));
            assertTrue(result.isSuccess(), result.toString());
        }
        assertFalse(Files.exists(directory.resolve("file.1.bin")));
        assertTrue(server.bodyBytesSent() < content.length, "nothing fetched but the probe: " + server.bodyBytesSent());
    }

    @Test
    void checkIntegrityDownloadsAMismatchingFileAgainInPlace() throws Exception {
        byte[] damaged = content.clone();
        damaged[12345] ^= 1;
        Files.write(directory.resolve("file.bin"), damaged);
        try (Session session = session()) {
            DownloadResult result = await(session.addUri(List.of(server.url("/file.bin")),
                    Options.of("check-integrity", "true", "checksum", TestFiles.sha256(content))));
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.bin")));
        assertFalse(Files.exists(directory.resolve("file.1.bin")));
    }

    @Test
    void savedSessionIsRestoredByTheNextSession() throws Exception {
        Path saved = directory.resolve("session.txt");
        String gid;
        try (Session session = session("save-session", saved.toString())) {
            DownloadHandle paused = session.addUri(List.of(server.url("/file.bin"), server.url("/mirror")),
                    Options.of("pause", "true", "split", "2"));
            gid = paused.gid();
            session.addUri(List.of(server.url("/gone")), Options.of("max-tries", "1"));
            session.saveSession(directory.resolve("explicit.txt"));
        }
        String text = Files.readString(saved);
        assertTrue(text.contains(server.url("/file.bin") + "\t" + server.url("/mirror")), text);
        assertTrue(text.contains(" gid=" + gid), text);
        assertTrue(text.contains(" pause=true"), text);
        assertTrue(text.contains(" split=2"), text);
        assertTrue(text.contains(server.url("/gone")), "a not-found error is saved (save-not-found): " + text);
        assertEquals(text, Files.readString(directory.resolve("explicit.txt")).isEmpty() ? "" : text);

        try (Session restored = session("input-file", saved.toString())) {
            DownloadHandle handle = restored.handle(gid).orElseThrow();
            assertEquals(DownloadState.PAUSED, handle.status().state());
            assertEquals(2, handle.options().get(Option.SPLIT));
            handle.unpause();
            assertTrue(await(handle).isSuccess());
        }
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.bin")));
    }

    @Test
    void sessionIsSavedPeriodicallyWithSaveSessionInterval() throws Exception {
        Path saved = directory.resolve("periodic.txt");
        try (Session session = session("save-session", saved.toString(), "save-session-interval", "1")) {
            session.addUri(List.of(server.url("/file.bin")), Options.of("pause", "true"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(saved)) {
                assertTrue(System.nanoTime() < deadline, "saved within the interval");
                Thread.sleep(20);
            }
            assertTrue(Files.readString(saved).contains(server.url("/file.bin")));
        }
    }
}
