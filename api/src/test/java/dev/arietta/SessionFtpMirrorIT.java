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

/** Downloads that mix an HTTP mirror (nginx) and an FTP mirror (vsftpd) of one file. */
class SessionFtpMirrorIT {

    @TempDir
    static Path directory;
    private static Mirrors mirrors;
    private static byte[] content;

    @BeforeAll
    static void startServers() throws Exception {
        Path root = Files.createDirectories(directory.resolve("www"));
        content = TestFiles.random(8 * TestFiles.MIB + 4321, 77);
        Files.write(root.resolve("mixed.bin"), content);
        mirrors = Mirrors.start(directory, root, "", root);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (mirrors != null) {
            mirrors.close();
        }
    }

    @Test
    void splitDownloadFromAnHttpAndAnFtpMirror() throws Exception {
        Path target = directory.resolve("out-mixed");
        try (Session session = Session.builder().directory(target).build()) {
            DownloadHandle handle = session.addUri(
                    List.of(mirrors.http("/mixed.bin"), mirrors.ftp("/mixed.bin")),
                    Options.of("split", "4", "max-connection-per-server", "2", "min-split-size", "1M",
                            "no-netrc", "true", "checksum", TestFiles.sha256(content)));
            DownloadResult result = handle.completion().get(120, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(target.resolve("mixed.bin")));
        assertTrue(mirrors.nginx.accessLog().stream().anyMatch(line -> line.contains("/mixed.bin") && line.contains(" 206 ")),
                "the HTTP mirror served ranges: " + mirrors.nginx.accessLog());
        long ftpBytes = mirrors.vsftpd.downloadedBytes("/mixed.bin").stream().mapToLong(Long::longValue).sum();
        assertTrue(ftpBytes > 0, "the FTP mirror served bytes: " + mirrors.vsftpd.downloadedBytes("/mixed.bin"));
    }

    @Test
    void asciiTypeFetchesTheFileWholeOnOneConnection() throws Exception {
        Path target = directory.resolve("out-ascii");
        int before = mirrors.vsftpd.downloadedBytes("/mixed.bin").size();
        try (Session session = Session.builder().directory(target).build()) {
            DownloadResult result = session.addUri(List.of(mirrors.ftp("/mixed.bin")), Options.of("ftp-type", "ascii",
                    "split", "4", "min-split-size", "1M", "no-netrc", "true")).completion().get(120, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
        }
        // vsftpd sends ASCII-mode files unchanged unless ascii_download_enable is set.
        assertArrayEquals(content, Files.readAllBytes(target.resolve("mixed.bin")));
        List<Long> transfers = mirrors.vsftpd.downloadedBytes("/mixed.bin");
        assertEquals(List.of((long) content.length), transfers.subList(before, transfers.size()),
                "one transfer of the whole file, not split");
    }

    @Test
    void ftpOnlyDownloadInActiveMode() throws Exception {
        Path target = directory.resolve("out-active");
        try (Session session = Session.builder().directory(target).build()) {
            DownloadResult result = session.addUri(List.of(mirrors.ftp("/mixed.bin")),
                    Options.of("split", "2", "min-split-size", "1M", "ftp-pasv", "false", "no-netrc", "true"))
                    .completion().get(120, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(target.resolve("mixed.bin")));
    }

    @Test
    void ftpThroughAnHttpProxyTunnel() throws Exception {
        Path target = directory.resolve("out-tunnel");
        try (FakeHttpServer proxy = FakeHttpServer.start().relayTunnels();
             Session session = Session.builder().directory(target).build()) {
            DownloadResult result = session.addUri(List.of(mirrors.ftp("/mixed.bin")), Options.of("split", "2",
                    "min-split-size", "1M", "ftp-proxy", "http://127.0.0.1:" + proxy.port(), "proxy-method", "tunnel",
                    "no-netrc", "true", "remote-time", "true")).completion().get(120, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
            List<String> tunnels = proxy.requestLines();
            assertTrue(tunnels.get(0).startsWith("CONNECT 127.0.0.1:" + mirrors.vsftpd.port() + " "), tunnels.toString());
            assertTrue(tunnels.size() >= 2, "control and data connections tunnelled: " + tunnels);
        }
        assertArrayEquals(content, Files.readAllBytes(target.resolve("mixed.bin")));
        assertEquals(Files.getLastModifiedTime(directory.resolve("www/mixed.bin")).toInstant().getEpochSecond(),
                Files.getLastModifiedTime(target.resolve("mixed.bin")).toInstant().getEpochSecond(),
                "remote-time from MDTM");
    }

    @Test
    void withoutFtpReuseConnectionEachRetrievalLogsInAgain() throws Exception {
        int before = mirrors.vsftpd.logins();
        Path target = directory.resolve("out-reuse");
        try (Session session = Session.builder().directory(target).build()) {
            DownloadResult reused = session.addUri(List.of(mirrors.ftp("/mixed.bin")), Options.of("split", "1",
                    "no-netrc", "true")).completion().get(120, TimeUnit.SECONDS);
            assertTrue(reused.isSuccess(), reused.toString());
        }
        int afterReused = mirrors.vsftpd.logins();
        try (Session session = Session.builder().directory(target).build()) {
            DownloadResult fresh = session.addUri(List.of(mirrors.ftp("/mixed.bin")), Options.of("split", "1",
                    "no-netrc", "true", "ftp-reuse-connection", "false", "out", "fresh.bin"))
                    .completion().get(120, TimeUnit.SECONDS);
            assertTrue(fresh.isSuccess(), fresh.toString());
        }
        assertEquals(1, afterReused - before, "the first piece and the rest share one login");
        assertEquals(2, mirrors.vsftpd.logins() - afterReused, "one login per retrieval");
        assertArrayEquals(content, Files.readAllBytes(target.resolve("fresh.bin")));
    }

    @Test
    void missingFileOnTheFtpMirrorIsResourceNotFound() throws Exception {
        try (Session session = Session.builder().directory(directory.resolve("out-missing")).build()) {
            DownloadResult result = session.addUri(List.of(mirrors.ftp("/absent.bin")), Options.of("no-netrc", "true"))
                    .completion().get(60, TimeUnit.SECONDS);
            assertEquals(ErrorCode.RESOURCE_NOT_FOUND, result.errorCode());
        }
    }
}
