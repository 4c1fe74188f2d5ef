package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP option families (proxies for HTTP and FTP with both proxy methods, cookies, netrc,
 * TLS) reach the clients of a session.
 */
class SessionHttpOptionsTest {

    @TempDir
    Path directory;
    private FakeHttpServer server;
    private final byte[] content = TestFiles.random(50_000, 9);

    @BeforeEach
    void start() throws Exception {
        server = FakeHttpServer.start().serve("/file.bin", content);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private DownloadResult download(Session session, String url, Options options) throws Exception {
        return session.addUri(List.of(url), options).completion().get(30, TimeUnit.SECONDS);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean hasField(String head, String field) {
        return head.toLowerCase().contains("\r\n" + field.toLowerCase() + "\r\n");
    }

    @Test
    void httpProxyCarriesTheRequestWithItsCredentials() throws Exception {
        // The origin does not exist: only the proxy can answer, in absolute form.
        String origin = "http://origin.invalid/file.bin";
        server.serve(origin, content);
        try (Session session = Session.builder().directory(directory).build()) {
            DownloadResult result = download(session, origin, Options.of(
                    "http-proxy", "http://127.0.0.1:" + server.port(), "http-proxy-user", "proxyuser",
                    "http-proxy-passwd", "proxypass"));
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.bin")));
        String head = server.requestHeads().get(0);
        assertTrue(head.startsWith("GET " + origin + " HTTP/1.1"), head);
        assertTrue(hasField(head, "Proxy-Authorization: " + basic("proxyuser", "proxypass")), head);
    }

    @Test
    void allProxyIsSkippedForNoProxyHosts() throws Exception {
        int closedPort = closedPort();
        try (Session session = Session.builder().directory(directory).build()) {
            DownloadResult result = download(session, server.url("/file.bin"), Options.of(
                    "all-proxy", "http://127.0.0.1:" + closedPort, "no-proxy", "127.0.0.1", "max-tries", "1"));
            assertTrue(result.isSuccess(), result.toString());
            DownloadResult proxied = download(session, server.url("/file.bin"), Options.of(
                    "all-proxy", "http://127.0.0.1:" + closedPort, "max-tries", "1", "out", "second.bin"));
            assertEquals(ErrorCode.NETWORK, proxied.errorCode(), proxied.toString());
        }
        assertTrue(server.requestHeads().stream().allMatch(head -> head.startsWith("GET /file.bin ")),
                server.requestHeads().toString());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void ftpProxyFetchesFtpUrlsWithGetAndItsOwnCredentials() throws Exception {
        // No FTP server listens there: only the proxy, speaking FTP itself, can answer.
        String origin = "ftp://127.0.0.1:" + closedPort() + "/pub/file.bin";
        server.serve(origin, content);
        try (Session session = Session.builder().directory(directory).build()) {
            DownloadResult result = download(session, origin, Options.of("ftp-proxy", "http://127.0.0.1:"
                    + server.port(), "ftp-proxy-user", "ftpproxy", "ftp-proxy-passwd", "secret",
                    "http-proxy-user", "wrong", "max-tries", "1"));
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.bin")));
        String head = server.requestHeads().get(0);
        assertTrue(head.startsWith("GET " + origin + " HTTP/1.1"), head);
        assertTrue(hasField(head, "Proxy-Authorization: " + basic("ftpproxy", "secret")), head);
    }

    @Test
    void allProxyCarriesFtpUnlessNoProxyExcludesTheHost() throws Exception {
        String origin = "ftp://127.0.0.1:" + closedPort() + "/all.bin";
        server.serve(origin, content);
        String proxy = "http://127.0.0.1:" + server.port();
        try (Session session = Session.builder().directory(directory).build()) {
            DownloadResult proxied = download(session, origin, Options.of("all-proxy", proxy, "max-tries", "1"));
            assertTrue(proxied.isSuccess(), proxied.toString());
            DownloadResult direct = download(session, origin, Options.of("all-proxy", proxy, "no-proxy", "127.0.0.1",
                    "max-tries", "1", "out", "direct.bin"));
            assertEquals(ErrorCode.NETWORK, direct.errorCode(), "straight to the closed FTP port: " + direct);
        }
        assertEquals(1, server.requestHeads().size(), server.requestHeads().toString());
    }

    @Test
    void tunnelMethodSendsFtpThroughConnect() throws Exception {
        // This proxy refuses tunnels (404): the CONNECT it saw shows where the FTP client went.
        int ftpPort = closedPort();
        try (Session session = Session.builder().directory(directory).build()) {
            DownloadResult result = download(session, "ftp://127.0.0.1:" + ftpPort + "/f.bin", Options.of(
                    "ftp-proxy", "http://127.0.0.1:" + server.port(), "ftp-proxy-user", "tunnel",
                    "ftp-proxy-passwd", "pw", "proxy-method", "tunnel", "max-tries", "1"));
            assertEquals(DownloadState.ERROR, result.state(), result.toString());
            assertTrue(result.errorMessage().contains("404"), result.errorMessage());
        }
        String head = server.requestHeads().get(0);
        assertTrue(head.startsWith("CONNECT 127.0.0.1:" + ftpPort + " HTTP/1.1"), head);
        assertTrue(hasField(head, "Proxy-Authorization: " + basic("tunnel", "pw")), head);
    }

    @Test
    void tunnelMethodSendsPlainHttpThroughConnect() throws Exception {
        server.relayTunnels();
        try (Session session = Session.builder().directory(directory).build()) {
            DownloadResult result = download(session, server.url("/file.bin"), Options.of("http-proxy",
                    "http://127.0.0.1:" + server.port(), "proxy-method", "tunnel"));
            assertTrue(result.isSuccess(), result.toString());
        }
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.bin")));
        List<String> heads = server.requestHeads();
        assertTrue(heads.get(0).startsWith("CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1"), heads.toString());
        assertTrue(heads.get(1).startsWith("GET /file.bin HTTP/1.1"), "origin form inside the tunnel: " + heads);
    }

    @Test
    void requestFieldsComeFromTheDownloadsOptions() throws Exception {
        try (Session session = Session.builder().directory(directory).build()) {
            DownloadResult result = download(session, server.url("/file.bin"), Options.builder()
                    .set(Option.HEADER, List.of("X-One: 1", "X-Two: two words"))
                    .set(Option.USER_AGENT, "agent/9").set(Option.REFERER, "*").set(Option.HTTP_USER, "hu")
                    .set(Option.HTTP_PASSWD, "hp").set(Option.HTTP_NO_CACHE, true).build());
            assertTrue(result.isSuccess(), result.toString());
        }
        String head = server.requestHeads().get(0);
        for (String field : List.of("X-One: 1", "X-Two: two words", "User-Agent: agent/9",
                "Referer: " + server.url("/file.bin"), "Authorization: " + basic("hu", "hp"),
                "Cache-Control: no-cache", "Pragma: no-cache")) {
            assertTrue(hasField(head, field), field + " in " + head);
        }
    }

    @Test
    void authChallengeHoldsCredentialsBackUntilAsked() throws Exception {
        try (Session session = Session.builder().directory(directory).build()) {
            DownloadResult result = download(session, server.url("/file.bin"),
                    Options.of("http-user", "hu", "http-passwd", "hp", "http-auth-challenge", "true"));
            assertTrue(result.isSuccess(), result.toString());
        }
        assertTrue(server.requestHeads().stream().noneMatch(head -> head.toLowerCase().contains("\r\nauthorization:")),
                "the server never asked: " + server.requestHeads());
    }

    @Test
    void withoutKeepAliveEveryRequestHasItsOwnConnection() throws Exception {
        byte[] large = TestFiles.random(3 * 1024 * 1024, 10);
        server.serve("/large.bin", large);
        try (Session session = Session.builder().directory(directory).build()) {
            assertTrue(download(session, server.url("/large.bin"), Options.of("split", "1")).isSuccess());
            int kept = server.connectionCount();
            assertTrue(download(session, server.url("/large.bin"), Options.of("split", "1", "out", "b.bin",
                    "enable-http-keep-alive", "false")).isSuccess());
            int closed = server.connectionCount() - kept;
            assertEquals(1, kept, "the first piece and the rest on one kept-alive connection");
            assertEquals(2, closed, "one connection per request: " + server.requestLines());
        }
        assertArrayEquals(large, Files.readAllBytes(directory.resolve("b.bin")));
    }

    @Test
    void cookiesAreLoadedSentStoredAndSaved() throws Exception {
        Path load = directory.resolve("cookies.txt");
        Files.writeString(load, "127.0.0.1\tFALSE\t/\tFALSE\t0\tloaded\tfromfile\n", StandardCharsets.ISO_8859_1);
        Path save = directory.resolve("saved-cookies.txt");
        server.responseFields("Set-Cookie: fresh=fromserver; Path=/; Max-Age=3600\r\n");
        try (Session session = Session.builder().directory(directory).option("load-cookies", load.toString())
                .option("save-cookies", save.toString()).build()) {
            DownloadResult result = download(session, server.url("/file.bin"), Options.of());
            assertTrue(result.isSuccess(), result.toString());
        }
        assertTrue(hasField(server.requestHeads().get(0), "Cookie: loaded=fromfile"), server.requestHeads().get(0));
        String saved = Files.readString(save, StandardCharsets.ISO_8859_1);
        assertTrue(saved.contains("\tfresh\tfromserver"), saved);
        assertTrue(saved.contains("\tloaded\tfromfile"), saved);
    }

    @Test
    void netrcCredentialsAreSentUnlessNoNetrc() throws Exception {
        Path netrc = directory.resolve("netrc");
        Files.writeString(netrc, "machine 127.0.0.1 login alice password wonderland\n");
        Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-------"));
        try (Session session = Session.builder().directory(directory).option("netrc-path", netrc.toString()).build()) {
            assertTrue(download(session, server.url("/file.bin"), Options.of()).isSuccess());
            assertTrue(download(session, server.url("/file.bin"), Options.of("no-netrc", "true", "out", "b.bin"))
                    .isSuccess());
        }
        List<String> heads = server.requestHeads();
        assertTrue(hasField(heads.get(0), "Authorization: " + basic("alice", "wonderland")), heads.get(0));
        assertTrue(!heads.get(heads.size() - 1).toLowerCase().contains("\r\nauthorization:"),
                heads.get(heads.size() - 1));
    }

    @Test
    void unusableTlsFilesFailTheDownloadWithBadOption() throws Exception {
        Path missing = directory.resolve("no-such-cert.pem");
        try (Session session = Session.builder().directory(directory).option("certificate", missing.toString())
                .build()) {
            DownloadResult result = download(session, server.url("/file.bin"), Options.of());
            assertEquals(ErrorCode.BAD_OPTION, result.errorCode(), result.toString());
            assertTrue(result.errorMessage().contains("no-such-cert.pem"), result.errorMessage());
        }
        try (Session session = Session.builder().directory(directory).option("private-key", missing.toString())
                .build()) {
            DownloadResult keyOnly = download(session, server.url("/file.bin"), Options.of());
            assertEquals(ErrorCode.BAD_OPTION, keyOnly.errorCode(), keyOnly.toString());
            assertTrue(keyOnly.errorMessage().contains("certificate"), keyOnly.errorMessage());
        }
        assertEquals(0, server.requestHeads().size());
    }

    @Test
    void httpsProxyIsRefusedRatherThanUsedInTheClear() throws Exception {
        try (Session session = Session.builder().directory(directory).build()) {
            DownloadResult result = download(session, server.url("/file.bin"),
                    Options.of("http-proxy", "https://127.0.0.1:" + server.port()));
            assertEquals(ErrorCode.BAD_OPTION, result.errorCode(), result.toString());
        }
        assertEquals(0, server.requestHeads().size());
    }
}
