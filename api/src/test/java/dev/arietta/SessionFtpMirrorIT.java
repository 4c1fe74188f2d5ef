package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    private static NginxServer nginx;
    private static VsftpdServer vsftpd;
    private static int httpPort;
    private static byte[] content;

    @BeforeAll
    static void startServers() throws Exception {
        NginxServer.requireBinary();
        VsftpdServer.requireInstalled();
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path root = Files.createDirectories(directory.resolve("www"));
        content = TestFiles.random(8 * TestFiles.MIB + 4321, 77);
        Files.write(root.resolve("mixed.bin"), content);
        httpPort = NginxServer.freePort();
        nginx = NginxServer.start(directory.resolve("nginx"),
                "  server { listen 127.0.0.1:" + httpPort + "; root " + root + "; }\n", httpPort);
        vsftpd = VsftpdServer.start(root, Files.createDirectories(directory.resolve("vsftpd")),
                InetAddress.getByName("127.0.0.1"));
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (vsftpd != null) {
            vsftpd.close();
        }
    }

    private static String ftpUrl(String path) {
        return "ftp://127.0.0.1:" + vsftpd.port() + path;
    }

    @Test
    void splitDownloadFromAnHttpAndAnFtpMirror() throws Exception {
        Path target = directory.resolve("out-mixed");
        try (Session session = Session.builder().directory(target).build()) {
            DownloadHandle handle = session.addUri(
                    List.of("http://127.0.0.1:" + httpPort + "/mixed.bin", ftpUrl("/mixed.bin")),
                    Options.of("split", "4", "max-connection-per-server", "2", "min-split-size", "1M",
                            "no-netrc", "true", "checksum", TestFiles.sha256(content)));
            DownloadResult result = handle.completion().get(120, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(target.resolve("mixed.bin")));
        assertTrue(nginx.accessLog().stream().anyMatch(line -> line.contains("/mixed.bin") && line.contains(" 206 ")),
                "the HTTP mirror served ranges: " + nginx.accessLog());
        long ftpBytes = vsftpd.downloadedBytes("/mixed.bin").stream().mapToLong(Long::longValue).sum();
        assertTrue(ftpBytes > 0, "the FTP mirror served bytes: " + vsftpd.downloadedBytes("/mixed.bin"));
    }

    @Test
    void ftpOnlyDownloadInActiveMode() throws Exception {
        Path target = directory.resolve("out-active");
        try (Session session = Session.builder().directory(target).build()) {
            DownloadResult result = session.addUri(List.of(ftpUrl("/mixed.bin")),
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
            DownloadResult result = session.addUri(List.of(ftpUrl("/mixed.bin")), Options.of("split", "2",
                    "min-split-size", "1M", "ftp-proxy", "http://127.0.0.1:" + proxy.port(), "proxy-method", "tunnel",
                    "no-netrc", "true", "remote-time", "true")).completion().get(120, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
            List<String> tunnels = proxy.requestLines();
            assertTrue(tunnels.get(0).startsWith("CONNECT 127.0.0.1:" + vsftpd.port() + " "), tunnels.toString());
            assertTrue(tunnels.size() >= 2, "control and data connections tunnelled: " + tunnels);
        }
        assertArrayEquals(content, Files.readAllBytes(target.resolve("mixed.bin")));
        assertEquals(Files.getLastModifiedTime(directory.resolve("www/mixed.bin")).toInstant().getEpochSecond(),
                Files.getLastModifiedTime(target.resolve("mixed.bin")).toInstant().getEpochSecond(),
                "remote-time from MDTM");
    }

    @Test
    void withoutFtpReuseConnectionEachRetrievalLogsInAgain() throws Exception {
        int before = vsftpd.logins();
        Path target = directory.resolve("out-reuse");
        try (Session session = Session.builder().directory(target).build()) {
            DownloadResult reused = session.addUri(List.of(ftpUrl("/mixed.bin")), Options.of("split", "1",
                    "no-netrc", "true")).completion().get(120, TimeUnit.SECONDS);
            assertTrue(reused.isSuccess(), reused.toString());
        }
        int afterReused = vsftpd.logins();
        try (Session session = Session.builder().directory(target).build()) {
            DownloadResult fresh = session.addUri(List.of(ftpUrl("/mixed.bin")), Options.of("split", "1",
                    "no-netrc", "true", "ftp-reuse-connection", "false", "out", "fresh.bin"))
                    .completion().get(120, TimeUnit.SECONDS);
            assertTrue(fresh.isSuccess(), fresh.toString());
        }
        assertEquals(1, afterReused - before, "the first piece and the rest share one login");
        assertEquals(2, vsftpd.logins() - afterReused, "one login per retrieval");
        assertArrayEquals(content, Files.readAllBytes(target.resolve("fresh.bin")));
    }

    @Test
    void missingFileOnTheFtpMirrorIsResourceNotFound() throws Exception {
        try (Session session = Session.builder().directory(directory.resolve("out-missing")).build()) {
            DownloadResult result = session.addUri(List.of(ftpUrl("/absent.bin")), Options.of("no-netrc", "true"))
                    .completion().get(60, TimeUnit.SECONDS);
            assertEquals(ErrorCode.RESOURCE_NOT_FOUND, result.errorCode());
        }
    }
}
