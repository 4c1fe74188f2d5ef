package dev.arietta;

import static dev.arietta.MetalinkFixtures.document;
import static dev.arietta.MetalinkFixtures.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * follow-metalink (true, mem, false), Metalink/HTTP {@code Link} and {@code Digest} headers,
 * and the end-game against a trickling mirror, through a session and in-JVM servers.
 */
class SessionFollowAndLinksTest {

    @TempDir
    Path directory;
    private FakeHttpServer a;
    private FakeHttpServer b;
    private Session session;

    @BeforeEach
    void setUp() throws Exception {
        a = FakeHttpServer.start();
        b = FakeHttpServer.start();
        session = Session.builder().directory(directory).option("file-allocation", "none").build();
    }

    @AfterEach
    void tearDown() throws Exception {
        session.close();
        a.close();
        b.close();
    }

    private static DownloadResult await(DownloadHandle handle) throws Exception {
        return handle.completion().get(30, TimeUnit.SECONDS);
    }

    private static String digest(byte[] content) {
        return "Digest: SHA-256=" + Base64.getEncoder().encodeToString(MetalinkFixtures.sha256(content)) + "\r\n";
    }

    /** Serves at {@code path} a Metalink with one file, payload.bin, at the relative URL payload.bin. */
    private byte[] serveMetalink(String path, byte[] payload) {
        a.serve("/payload.bin", payload);
        a.serve(path, document(file("payload.bin", payload, 256 * 1024, "payload.bin").build()));
        a.responseFields(path, "Content-Type: application/metalink4+xml\r\n");
        return payload;
    }

    private DownloadHandle child(DownloadHandle parent) {
        List<String> followedBy = parent.status().followedBy();
        assertEquals(1, followedBy.size(), followedBy.toString());
        return session.handle(followedBy.get(0)).orElseThrow();
    }

    @Test
    void aDownloadedMetalinkStartsTheDownloadsItDescribes() throws Exception {
        byte[] payload = serveMetalink("/list.meta4", TestFiles.random(600_000, 1));
        DownloadHandle parent = session.addUri(List.of(a.url("/list.meta4")));

        assertTrue(await(parent).isSuccess());
        DownloadHandle child = child(parent);
        assertTrue(await(child).isSuccess());

        assertEquals(Optional.of(parent.gid()), child.status().following());
        assertEquals(Optional.empty(), parent.status().following());
        assertArrayEquals(payload, Files.readAllBytes(directory.resolve("payload.bin")));
        assertTrue(Files.exists(directory.resolve("list.meta4")), "follow-metalink=true keeps the Metalink file");
    }

    @Test
    void memKeepsTheMetalinkInMemoryAndFollowsItByItsMediaType() throws Exception {
        byte[] payload = serveMetalink("/list", TestFiles.random(300_000, 2));
        DownloadHandle parent = session.addUri(List.of(a.url("/list")), Options.of("follow-metalink", "mem"));

        DownloadResult result = await(parent);

        assertTrue(result.isSuccess(), result.toString());
        assertEquals(List.of(), result.files(), "nothing saved");
        assertTrue(await(child(parent)).isSuccess());
        assertArrayEquals(payload, Files.readAllBytes(directory.resolve("payload.bin")));
        assertFalse(Files.exists(directory.resolve("list")));
    }

    @Test
    void falseOnlySavesTheMetalink() throws Exception {
        serveMetalink("/list.meta4", TestFiles.random(1000, 3));
        DownloadHandle parent = session.addUri(List.of(a.url("/list.meta4")), Options.of("follow-metalink", "false"));

        assertTrue(await(parent).isSuccess());

        assertEquals(List.of(), parent.status().followedBy());
        assertTrue(Files.exists(directory.resolve("list.meta4")));
        assertFalse(Files.exists(directory.resolve("payload.bin")));
    }

    @Test
    void pauseMetadataPausesTheFollowedDownloads() throws Exception {
        serveMetalink("/list.meta4", TestFiles.random(1000, 4));
        DownloadHandle parent = session.addUri(List.of(a.url("/list.meta4")), Options.of("pause-metadata", "true"));

        assertTrue(await(parent).isSuccess());

        assertEquals(DownloadState.PAUSED, child(parent).status().state());
    }

    @Test
    void anUnparsableMetalinkFailsTheDownloadThatFetchedItWithError20() throws Exception {
        a.serve("/broken.meta4", "<metalink".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        DownloadResult result = await(session.addUri(List.of(a.url("/broken.meta4"))));

        assertEquals(ErrorCode.METALINK_PARSE_ERROR, result.errorCode(), result.toString());
    }

    @Test
    void linkDuplicateMirrorsJoinTheDownload() throws Exception {
        byte[] content = TestFiles.random(4 * TestFiles.MIB, 5);
        a.serve("/f.bin", content);
        a.responseFields("/f.bin", "Link: <" + b.url("/f.bin") + ">; rel=duplicate; pri=1\r\n"
                + "Link: <" + a.url("/other") + ">; rel=describedby; type=\"application/metalink4+xml\"\r\n");
        b.serve("/f.bin", content);

        DownloadHandle handle = session.addUri(List.of(a.url("/f.bin")), Options.of("split", "2",
                "min-split-size", "1M"));

        assertTrue(await(handle).isSuccess());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("f.bin")));
        assertTrue(b.requestCount("/f.bin") > 0, "the linked mirror served part of the file");
        assertEquals(List.of(a.url("/f.bin"), b.url("/f.bin")), handle.status().files().get(0).uris().stream()
                .map(UriStatus::uri).toList());
        assertEquals(0, a.requestCount("/other"), "describedby is not followed, as aria2");
    }

    @Test
    void aMirrorWhoseDigestDisagreesIsDropped() throws Exception {
        byte[] content = TestFiles.random(4 * TestFiles.MIB, 6);
        a.serve("/f.bin", content).responseFields("/f.bin", digest(content));
        b.serve("/f.bin", content).responseFields("/f.bin", digest(new byte[] {1}));

        DownloadHandle handle = session.addUri(List.of(a.url("/f.bin"), b.url("/f.bin")), Options.of("split", "2",
                "min-split-size", "1M", "uri-selector", "inorder"));

        DownloadResult result = await(handle);
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("f.bin")));
        assertEquals(1, b.requestCount("/f.bin"), "asked once, refused, never again");
    }

    @Test
    void theDigestIsVerifiedWhenTheDownloadEnds() throws Exception {
        byte[] content = TestFiles.random(100_000, 7);
        a.serve("/f.bin", content).responseFields("/f.bin", digest(TestFiles.random(100_000, 8)));

        DownloadResult result = await(session.addUri(List.of(a.url("/f.bin"))));

        assertEquals(ErrorCode.CHECKSUM_ERROR, result.errorCode(), result.toString());
    }

    @Test
    void endGameRacesATricklingMirrorFromItsPositionAndFinishesWithoutIt() throws Exception {
        byte[] content = TestFiles.random(4 * TestFiles.MIB, 9);
        a.serve("/f.bin", content);
        b.serve("/f.bin", new FakeHttpServer.Resource(content, null, index -> FakeHttpServer.Effect.NORMAL, 0,
                32 * 1024));

        DownloadHandle handle = session.addUri(List.of(a.url("/f.bin"), b.url("/f.bin")), Options.of("split", "2",
                "min-split-size", "1M", "uri-selector", "inorder"));

        // The trickle alone would need a minute for its 2 MiB; the race ends it in a few seconds.
        DownloadResult result = await(handle);
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("f.bin")));
        assertTrue(b.requestLines().get(0).endsWith("bytes=2097152-4194303"), b.requestLines().toString());
        // Splits fall on multiples of piece-length (1 MiB); a race starts where the slow connection had got to.
        long raced = a.requestLines().stream().map(line -> line.substring(line.indexOf("bytes=") + 6))
                .mapToLong(range -> Long.parseLong(range.substring(0, range.indexOf('-'))))
                .filter(start -> start > 2 * TestFiles.MIB && start % TestFiles.MIB != 0).count();
        assertEquals(1, raced, "the fast mirror raced the slow range from where it was: " + a.requestLines());
        assertTrue(b.bodyBytesSent() < TestFiles.MIB, "the slow mirror's connection was cancelled");
    }
}
