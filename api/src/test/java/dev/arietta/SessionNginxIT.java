package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segmented multi-mirror downloads from a real nginx: two server blocks on two ports are the mirrors. */
class SessionNginxIT {

    @TempDir
    static Path directory;
    private static NginxServer nginx;
    private static int first;
    private static int second;
    private static byte[] content;
    private static byte[] text;

    @BeforeAll
    static void startNginx() throws Exception {
        NginxServer.requireBinary();
        Path root = Files.createDirectories(directory.resolve("www"));
        content = TestFiles.random(24 * TestFiles.MIB + 12345, 41);
        Files.write(root.resolve("big.bin"), content);
        Files.write(root.resolve("only-first.bin"), content);
        text = "nginx compresses this line for clients that offer gzip.\n".repeat(40_000)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(root.resolve("text.txt"), text);
        first = NginxServer.freePort();
        second = NginxServer.freePort();
        nginx = NginxServer.start(directory.resolve("nginx"),
                "  server { listen 127.0.0.1:" + first + "; root " + root + ";\n"
                        + "    location = /text.txt { gzip on; gzip_types *; } }\n"
                        + "  server { listen 127.0.0.1:" + second + "; root " + root + ";\n"
                        + "    location = /only-first.bin { return 404; } }\n",
                first, second);
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    private static String url(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void segmentedDownloadFromTwoMirrors() throws Exception {
        Path target = directory.resolve("out1");
        try (Session session = Session.builder().directory(target).build()) {
            DownloadHandle handle = session.addUri(List.of(url(first, "/big.bin"), url(second, "/big.bin")),
                    Options.of("split", "8", "max-connection-per-server", "4", "min-split-size", "1M",
                            "checksum", TestFiles.sha256(content)));
            DownloadResult result = handle.completion().get(120, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(target.resolve("big.bin")));
        List<String> log = nginx.accessLog();
        long fromFirst = log.stream().filter(line -> line.startsWith(first + " ") && line.contains("/big.bin")).count();
        long fromSecond = log.stream().filter(line -> line.startsWith(second + " ") && line.contains("/big.bin")).count();
        assertTrue(fromFirst > 0 && fromSecond > 0, "both mirrors served ranges: " + log);
        assertTrue(log.stream().filter(line -> line.contains("/big.bin")).allMatch(line -> line.contains(" 206 ")),
                "every request was a range: " + log);
    }

    @Test
    void mirrorWithoutTheFileIsDroppedAndTheOtherFinishes() throws Exception {
        Path target = directory.resolve("out2");
        try (Session session = Session.builder().directory(target).build()) {
            DownloadHandle handle = session.addUri(List.of(url(second, "/only-first.bin"), url(first, "/only-first.bin")),
                    Options.of("split", "4", "max-connection-per-server", "2", "min-split-size", "1M",
                            "uri-selector", "inorder"));
            DownloadResult result = handle.completion().get(120, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(target.resolve("only-first.bin")));
        assertTrue(nginx.accessLog().stream().anyMatch(line -> line.startsWith(second + " ")
                && line.contains("/only-first.bin") && line.contains(" 404 ")));
    }

    @Test
    void missingEverywhereFailsWithResourceNotFound() throws Exception {
        try (Session session = Session.builder().directory(directory.resolve("out3")).build()) {
            DownloadResult result = session.addUri(List.of(url(first, "/absent"), url(second, "/absent")))
                    .completion().get(60, TimeUnit.SECONDS);
            assertEquals(ErrorCode.RESOURCE_NOT_FOUND, result.errorCode());
        }
    }

    @Test
    void useHeadAsksNginxForTheHeadersThenSplitsWithRanges() throws Exception {
        Path target = directory.resolve("out-head");
        int logged = nginx.accessLog().size();
        try (Session session = Session.builder().directory(target).build()) {
            DownloadResult result = session.addUri(List.of(url(second, "/big.bin")), Options.of("use-head", "true",
                    "split", "4", "max-connection-per-server", "4", "min-split-size", "1M"))
                    .completion().get(120, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(target.resolve("big.bin")));
        List<String> log = nginx.accessLog().stream().skip(logged)
                .filter(line -> line.startsWith(second + " \"HEAD /big.bin") || line.startsWith(second + " \"GET /big.bin"))
                .toList();
        assertTrue(log.get(0).startsWith(second + " \"HEAD /big.bin "), log.toString());
        assertTrue(log.stream().skip(1).allMatch(line -> line.contains(" 206 ")), "then ranges only: " + log);
        assertTrue(log.size() >= 3, "split after the HEAD: " + log);
    }

    @Test
    void acceptGzipInflatesWhatNginxCompresses() throws Exception {
        Path target = directory.resolve("out-gzip");
        try (Session session = Session.builder().directory(target).build()) {
            DownloadResult result = session.addUri(List.of(url(first, "/text.txt")), Options.of("http-accept-gzip",
                    "true", "split", "4", "max-connection-per-server", "4", "min-split-size", "1M"))
                    .completion().get(120, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
            assertEquals(text.length, result.totalLength());
        }
        assertArrayEquals(text, Files.readAllBytes(target.resolve("text.txt")));
        List<String> log = nginx.accessLog().stream().filter(line -> line.contains("/text.txt")).toList();
        assertEquals(1, log.size(), "one compressed stream, not split: " + log);
        String line = log.get(0);
        assertTrue(line.contains(" 200 ") && line.endsWith("\"-\""), "whole file, no Range: " + line);
        long sent = Long.parseLong(line.split(" ")[line.split(" ").length - 2]);
        assertTrue(sent < text.length / 10, "nginx sent it compressed: " + line);
    }
}
