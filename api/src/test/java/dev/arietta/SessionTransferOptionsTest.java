package dev.arietta;

import static dev.arietta.TestFiles.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aria2's transfer options against the in-JVM server: conditional-get, remote-time, dry-run,
 * hash-check-only, reuse-uri, always-resume and max-resume-failure-tries.
 */
class SessionTransferOptionsTest {

    private static final Instant SERVER_TIME = Instant.parse("2021-06-07T08:09:10Z");

    @TempDir
    Path directory;
    private FakeHttpServer server;
    private RecordingListener listener;
    private Session session;
    private final byte[] content = TestFiles.random(3 * MIB + 99, 51);

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

    private DownloadResult download(List<String> uris, Options options) throws Exception {
        DownloadHandle handle = session.addUri(uris, options);
        DownloadResult result = handle.completion().get(60, TimeUnit.SECONDS);
        lastHandle = handle;
        return result;
    }

    private DownloadHandle lastHandle;

    private Path existing(String name, byte[] bytes, Instant modified) throws Exception {
        Path file = directory.resolve(name);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private List<Path> filesInDirectory() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    // ---- conditional-get ----

    @Test
    void conditionalGetLeavesAFileNewerThanTheRemoteOneAlone() throws Exception {
        server.serve("/file.bin", content).lastModified("/file.bin", SERVER_TIME);
        byte[] local = TestFiles.random(1000, 52);
        Path file = existing("file.bin", local, SERVER_TIME.plusSeconds(3600));
        DownloadResult result = download(List.of(server.url("/file.bin")), Options.of("conditional-get", "true"));
        assertTrue(result.isSuccess(), result.toString());
        assertEquals(List.of(file.toAbsolutePath()), result.files());
        assertEquals(local.length, result.totalLength());
        assertEquals(local.length, result.completedLength());
        assertArrayEquals(local, Files.readAllBytes(file), "the local file is untouched");
        assertEquals(0, server.bodyBytesSent());
        assertTrue(server.requestHeads().get(0).contains("\r\nIf-Modified-Since: "), server.requestHeads().get(0));
        assertEquals(List.of(DownloadEvent.START, DownloadEvent.FILE_COMPLETE, DownloadEvent.COMPLETE),
                listener.events(lastHandle));
        assertEquals(List.of(file), filesInDirectory(), "no resume state or second file");
    }

    @Test
    void conditionalGetFetchesANewerRemoteFileUnderTheUsualExistingFileRules() throws Exception {
        server.serve("/file.bin", content).lastModified("/file.bin", SERVER_TIME);
        byte[] local = TestFiles.random(1000, 53);
        Path file = existing("file.bin", local, SERVER_TIME.minusSeconds(3600));
        DownloadResult renamed = download(List.of(server.url("/file.bin")), Options.of("conditional-get", "true"));
        assertTrue(renamed.isSuccess(), renamed.toString());
        assertArrayEquals(local, Files.readAllBytes(file), "kept: allow-overwrite is off");
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.1.bin")));

        DownloadResult overwritten = download(List.of(server.url("/file.bin")),
                Options.of("conditional-get", "true", "allow-overwrite", "true"));
        assertTrue(overwritten.isSuccess(), overwritten.toString());
        assertArrayEquals(content, Files.readAllBytes(file));
        assertEquals(2, server.requestHeads().stream().filter(head -> head.contains("\r\nIf-Modified-Since: ")).count(),
                "the first request of each download, only: " + server.requestHeads());
    }

    @Test
    void conditionalGetIsNotSentForAFileWithResumeStateNorWithoutAFile() throws Exception {
        server.serve("/file.bin", content).lastModified("/file.bin", SERVER_TIME);
        DownloadResult fresh = download(List.of(server.url("/file.bin")), Options.of("conditional-get", "true"));
        assertTrue(fresh.isSuccess(), fresh.toString());
        existing("other.bin", TestFiles.random(500, 54), SERVER_TIME.plusSeconds(3600));
        Files.write(directory.resolve("other.bin.arietta"), new byte[] {1, 2, 3});
        DownloadResult ours = download(List.of(server.url("/file.bin")),
                Options.of("conditional-get", "true", "out", "other.bin"));
        assertTrue(ours.isSuccess(), ours.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("other.bin")), "our partial download, resumed");
        assertTrue(server.requestHeads().stream().noneMatch(head -> head.contains("If-Modified-Since")),
                server.requestHeads().toString());
    }

    // ---- remote-time ----

    @Test
    void remoteTimeGivesTheFileTheServersModificationTime() throws Exception {
        server.serve("/file.bin", content).lastModified("/file.bin", SERVER_TIME);
        DownloadResult stamped = download(List.of(server.url("/file.bin")), Options.of("remote-time", "true"));
        assertTrue(stamped.isSuccess(), stamped.toString());
        assertEquals(FileTime.from(SERVER_TIME), Files.getLastModifiedTime(directory.resolve("file.bin")));

        DownloadResult plain = download(List.of(server.url("/file.bin")), Options.of("out", "plain.bin"));
        assertTrue(plain.isSuccess(), plain.toString());
        assertNotEquals(FileTime.from(SERVER_TIME), Files.getLastModifiedTime(directory.resolve("plain.bin")));
    }

    // ---- dry-run ----

    @Test
    void dryRunAsksForTheHeadAndWritesNothing() throws Exception {
        server.serve("/file.bin", content);
        DownloadResult result = download(List.of(server.url("/file.bin")), Options.of("dry-run", "true"));
        assertTrue(result.isSuccess(), result.toString());
        assertEquals(content.length, result.totalLength());
        assertEquals(0, result.completedLength());
        assertEquals(List.of(), result.files());
        assertEquals(List.of(), filesInDirectory());
        assertEquals(0, server.bodyBytesSent());
        assertTrue(server.requestLines().stream().allMatch(line -> line.startsWith("HEAD /file.bin ")),
                server.requestLines().toString());
        assertEquals(List.of(DownloadEvent.START, DownloadEvent.COMPLETE), listener.events(lastHandle));
    }

    @Test
    void dryRunOfAMissingFileFailsAsTheDownloadWould() throws Exception {
        DownloadResult result = download(List.of(server.url("/absent.bin")), Options.of("dry-run", "true"));
        assertEquals(DownloadState.ERROR, result.state());
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND, result.errorCode());
        assertEquals(List.of(), filesInDirectory());
    }

    // ---- hash-check-only ----

    @Test
    void hashCheckOnlyCompletesAMatchingFileWithoutDownloadingIt() throws Exception {
        server.serve("/file.bin", content);
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        Path file = existing("file.bin", content, old);
        DownloadResult result = download(List.of(server.url("/file.bin")), Options.of("check-integrity", "true",
                "hash-check-only", "true", "checksum", TestFiles.sha256(content)));
        assertTrue(result.isSuccess(), result.toString());
        assertEquals(List.of(file.toAbsolutePath()), result.files());
        assertEquals(content.length, result.completedLength());
        assertEquals(FileTime.from(old), Files.getLastModifiedTime(file), "not rewritten");
        assertEquals(List.of(file), filesInDirectory());
    }

    @Test
    void hashCheckOnlyStopsAtAMismatchOrAMissingFile() throws Exception {
        server.serve("/file.bin", content);
        byte[] corrupt = content.clone();
        corrupt[5] ^= 1;
        Path file = existing("file.bin", corrupt, Instant.parse("2020-01-01T00:00:00Z"));
        Options options = Options.of("check-integrity", "true", "hash-check-only", "true",
                "checksum", TestFiles.sha256(content));
        DownloadResult mismatch = download(List.of(server.url("/file.bin")), options);
        assertEquals(ErrorCode.CHECKSUM_ERROR, mismatch.errorCode(), mismatch.toString());
        assertArrayEquals(corrupt, Files.readAllBytes(file), "not downloaded again");

        Files.delete(file);
        DownloadResult missing = download(List.of(server.url("/file.bin")), options);
        assertEquals(DownloadState.ERROR, missing.state());
        assertEquals(ErrorCode.IN_PROGRESS, missing.errorCode(), missing.toString());
        assertEquals(List.of(), filesInDirectory());
    }

    @Test
    void hashCheckOnlyNeedsCheckIntegrity() throws Exception {
        server.serve("/file.bin", content);
        DownloadResult result = download(List.of(server.url("/file.bin")), Options.of("hash-check-only", "true",
                "checksum", TestFiles.sha256(content)));
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.bin")));
    }

    // ---- reuse-uri ----

    @Test
    void withoutReuseUriEachMirrorCarriesOneConnection() throws Exception {
        byte[] big = TestFiles.random(6 * MIB, 55);
        server.serve("/slow.bin", new FakeHttpServer.Resource(big, null, index -> FakeHttpServer.Effect.NORMAL, 0,
                12L * MIB));
        Options split = Options.of("split", "4", "max-connection-per-server", "4", "min-split-size", "1M");
        DownloadResult single = download(List.of(server.url("/slow.bin")),
                split.toBuilder().set(Option.REUSE_URI, false).set(Option.OUT, Path.of("single.bin")).build());
        assertTrue(single.isSuccess(), single.toString());
        assertEquals(1, server.maxConcurrentBodies());
        assertArrayEquals(big, Files.readAllBytes(directory.resolve("single.bin")));

        DownloadResult reused = download(List.of(server.url("/slow.bin")),
                split.toBuilder().set(Option.OUT, Path.of("reused.bin")).build());
        assertTrue(reused.isSuccess(), reused.toString());
        assertTrue(server.maxConcurrentBodies() > 1, "reuse-uri lets one URI carry several connections");
    }

    // ---- always-resume, max-resume-failure-tries ----

    /** A server ignoring ranges, and a file another program left with the first bytes. */
    private Path partialFileAndServersIgnoringRanges(String... paths) throws Exception {
        for (String path : paths) {
            server.serve(path, new FakeHttpServer.Resource(content, null, index -> FakeHttpServer.Effect.IGNORE_RANGE,
                    0, 0));
        }
        return existing("file.bin", Arrays.copyOf(content, MIB + 123), Instant.now());
    }

    @Test
    void alwaysResumeFailsWhenNoSourceCanContinueTheFile() throws Exception {
        Path file = partialFileAndServersIgnoringRanges("/file.bin");
        DownloadResult result = download(List.of(server.url("/file.bin")), Options.of("continue", "true"));
        assertEquals(DownloadState.ERROR, result.state());
        assertEquals(ErrorCode.CANNOT_RESUME, result.errorCode(), result.toString());
        byte[] kept = Files.readAllBytes(file);
        assertTrue(kept.length < content.length, "not downloaded from scratch: " + kept.length);
        assertArrayEquals(Arrays.copyOf(content, kept.length), kept, "the data on disk is kept");
    }

    @Test
    void alwaysResumeContinuesFromAnotherSourceThatSupportsRanges() throws Exception {
        partialFileAndServersIgnoringRanges("/a/file.bin");
        server.serve("/b/file.bin", content);
        DownloadResult result = download(List.of(server.url("/a/file.bin"), server.url("/b/file.bin")),
                Options.of("continue", "true", "uri-selector", "inorder"));
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.bin")));
        assertTrue(server.requestLines().stream().anyMatch(line -> line.startsWith("GET /b/file.bin ")
                && line.endsWith("bytes=" + (MIB + 123) + "-")), server.requestLines().toString());
    }

    @Test
    void withoutAlwaysResumeTheFileIsDownloadedFromScratch() throws Exception {
        Path file = partialFileAndServersIgnoringRanges("/file.bin");
        DownloadResult result = download(List.of(server.url("/file.bin")),
                Options.of("continue", "true", "always-resume", "false"));
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(file));
        assertEquals(content.length, result.completedLength());
    }

    @Test
    void maxResumeFailureTriesStartsOverAfterThatManySourcesFailedToResume() throws Exception {
        partialFileAndServersIgnoringRanges("/a/file.bin", "/b/file.bin");
        List<String> mirrors = List.of(server.url("/a/file.bin"), server.url("/b/file.bin"));
        DownloadResult early = download(mirrors, Options.of("continue", "true", "always-resume", "false",
                "max-resume-failure-tries", "1", "uri-selector", "inorder"));
        assertTrue(early.isSuccess(), early.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.bin")));
        assertEquals(0, server.requestCount("/b/file.bin"), "started over after the first source");

        Files.write(directory.resolve("file.bin"), Arrays.copyOf(content, MIB + 123));
        DownloadResult late = download(mirrors, Options.of("continue", "true", "always-resume", "false",
                "uri-selector", "inorder"));
        assertTrue(late.isSuccess(), late.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.bin")));
        assertTrue(server.requestCount("/b/file.bin") > 0, "0 waits until every source failed to resume");
        assertFalse(Files.exists(directory.resolve("file.bin.arietta")));
    }
}
