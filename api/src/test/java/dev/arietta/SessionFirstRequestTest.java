package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the first request of a download is made: aria2's use-head and http-accept-gzip. */
class SessionFirstRequestTest {

    @TempDir
    Path directory;
    private FakeHttpServer server;
    /** Three pieces of compressible text, so that gzip makes it much smaller. */
    private final byte[] text = "All work and no play makes Jack a dull boy.\n".repeat(75_000)
            .getBytes(StandardCharsets.US_ASCII);

    @BeforeEach
    void start() throws Exception {
        server = FakeHttpServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private DownloadResult download(String path, String... options) throws Exception {
        try (Session session = Session.builder().directory(directory).build()) {
            return session.addUri(List.of(server.url(path)), Options.of(options)).completion()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private FakeHttpServer.Resource resource(FakeHttpServer.Effect effect) {
        return new FakeHttpServer.Resource(text, null, index -> effect, 0, 0);
    }

    private List<String> lines() {
        return server.requestLines();
    }

    private static boolean offersGzip(String head) {
        return head.toLowerCase(Locale.ROOT).contains("\r\naccept-encoding: deflate, gzip\r\n");
    }

    @Test
    void useHeadAsksForTheHeadersFirstThenSplitsTheDataWithRanges() throws Exception {
        server.serve("/text.txt", text);
        DownloadResult result = download("/text.txt", "use-head", "true", "split", "3", "max-connection-per-server",
                "3", "min-split-size", "1M");
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(text, Files.readAllBytes(directory.resolve("text.txt")));
        assertTrue(lines().get(0).startsWith("HEAD /text.txt "), lines().toString());
        List<String> gets = lines().subList(1, lines().size());
        assertTrue(gets.size() >= 2, lines().toString());
        assertTrue(gets.stream().allMatch(line -> line.startsWith("GET /text.txt ") && line.contains("bytes=")),
                lines().toString());
        assertFalse(lines().get(0).contains("bytes="), "the HEAD asks for no range");
        assertTrue(gets.stream().noneMatch(line -> line.contains("bytes=0-1048575")),
                "no one-piece probe after the HEAD: " + lines());
    }

    @Test
    void withoutUseHeadTheFirstRequestIsAGet() throws Exception {
        server.serve("/text.txt", text);
        assertTrue(download("/text.txt").isSuccess());
        assertTrue(lines().stream().noneMatch(line -> line.startsWith("HEAD")), lines().toString());
    }

    @Test
    void headRefusedWith405IsFollowedByTheUsualGet() throws Exception {
        server.serve("/text.txt", resource(FakeHttpServer.Effect.HEAD_NOT_ALLOWED));
        DownloadResult result = download("/text.txt", "use-head", "true", "max-tries", "1");
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(text, Files.readAllBytes(directory.resolve("text.txt")));
        assertTrue(lines().get(0).startsWith("HEAD "), lines().toString());
        assertTrue(lines().get(1).startsWith("GET "), lines().toString());
    }

    @Test
    void acceptGzipInflatesACompressedAnswerReadAsOneStream() throws Exception {
        server.serve("/text.txt", resource(FakeHttpServer.Effect.GZIP));
        DownloadResult result = download("/text.txt", "http-accept-gzip", "true", "split", "4",
                "max-connection-per-server", "4", "min-split-size", "1M");
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(text, Files.readAllBytes(directory.resolve("text.txt")));
        assertEquals(text.length, result.totalLength());
        assertEquals(1, lines().size(), "a compressed body cannot be split: " + lines());
        assertFalse(lines().get(0).contains("bytes="), "the whole file is asked for, without Range");
        assertTrue(offersGzip(server.requestHeads().get(0)), server.requestHeads().get(0));
        assertTrue(server.bodyBytesSent() < text.length / 10, "compressed on the wire: " + server.bodyBytesSent());
    }

    @Test
    void acceptGzipStillSplitsWhenTheServerSendsTheFileUncompressedWithAcceptRanges() throws Exception {
        server.serve("/text.txt", text);
        DownloadResult result = download("/text.txt", "http-accept-gzip", "true", "split", "3",
                "max-connection-per-server", "3", "min-split-size", "1M");
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(text, Files.readAllBytes(directory.resolve("text.txt")));
        assertTrue(lines().size() >= 2, "Accept-Ranges: bytes lets it split: " + lines());
        assertTrue(offersGzip(server.requestHeads().get(0)), server.requestHeads().get(0));
        assertTrue(server.requestHeads().stream().skip(1).noneMatch(SessionFirstRequestTest::offersGzip),
                "ranged requests never offer compression");
    }

    @Test
    void withoutAcceptGzipNoCompressionIsOffered() throws Exception {
        server.serve("/text.txt", resource(FakeHttpServer.Effect.GZIP));
        assertTrue(download("/text.txt").isSuccess());
        assertArrayEquals(text, Files.readAllBytes(directory.resolve("text.txt")));
        assertTrue(server.requestHeads().stream().noneMatch(SessionFirstRequestTest::offersGzip));
    }
}
