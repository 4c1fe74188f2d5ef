package dev.arietta.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.loop.HostResolver;
import dev.arietta.http.HttpException;
import dev.arietta.http.HttpStatusException;
import dev.arietta.http.HttpTlsException;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a real nginx: static files, ranges, keep-alive, gzip, chunked bodies
 * from a proxied in-JVM upstream, redirects, Basic auth, conditional GET, and TLS with
 * certificates made by openssl (trusted, untrusted, wrong host, expired).
 */
class NginxIT {

    @TempDir
    static Path directory;
    private static Nginx nginx;
    private static FaultServer upstream;
    private static OpenSslCertificates certificates;
    private static int port;
    private static int tlsPort;
    private static int expiredTlsPort;
    private static byte[] binary;
    private static String text;

    private ClientFixture fixture;

    @BeforeAll
    static void startNginx() throws Exception {
        Nginx.requireBinary();
        Path root = Files.createDirectories(directory.resolve("www"));
        binary = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(binary);
        Files.write(root.resolve("file.bin"), binary);
        StringBuilder words = new StringBuilder();
        Random random = new Random(2);
        while (words.length() < 500_000) {
            words.append("line ").append(random.nextInt(1000)).append(" of some compressible text\n");
        }
        text = words.toString();
        Files.writeString(root.resolve("text.txt"), text);
        Files.writeString(directory.resolve("htpasswd"), "alice:{PLAIN}wonderland\n");
        certificates = OpenSslCertificates.create(Files.createDirectories(directory.resolve("certs")));
        upstream = FaultServer.start();
        port = Nginx.freePort();
        tlsPort = Nginx.freePort();
        expiredTlsPort = Nginx.freePort();
        String server = "    root " + root + ";\n"
                + "    gzip on;\n    gzip_types text/plain;\n    gzip_min_length 20;\n"
                + "    location = /old { return 301 /file.bin; }\n"
                + "    location /private/ { auth_basic \"files\"; auth_basic_user_file " + directory.resolve("htpasswd")
                + "; alias " + root + "/; }\n"
                + "    location /upstream/ { proxy_pass http://127.0.0.1:" + upstream.port() + "/;"
                + " proxy_http_version 1.1; proxy_buffering off; chunked_transfer_encoding on; }\n";
        nginx = Nginx.start(directory.resolve("nginx"),
                "  server {\n    listen 127.0.0.1:" + port + ";\n" + server + "  }\n"
                        + "  server {\n    listen 127.0.0.1:" + tlsPort + " ssl;\n"
                        + "    ssl_certificate " + certificates.serverCertificate + ";\n"
                        + "    ssl_certificate_key " + certificates.serverKey + ";\n" + server + "  }\n"
                        + "  server {\n    listen 127.0.0.1:" + expiredTlsPort + " ssl;\n"
                        + "    ssl_certificate " + certificates.expiredCertificate + ";\n"
                        + "    ssl_certificate_key " + certificates.expiredKey + ";\n" + server + "  }\n",
                port, tlsPort, expiredTlsPort);
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @AfterEach
    void closeClient() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private ClientFixture client() throws Exception {
        return client(TlsSettings.builder().caCertificates(certificates.caCertificate).build());
    }

    private ClientFixture client(TlsSettings tls) throws Exception {
        HostResolver loopback = host -> {
            try {
                return CompletableFuture.completedFuture(List.of(InetAddress.getByName("127.0.0.1")));
            } catch (java.io.IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
        fixture = new ClientFixture(builder -> builder.tls(tls).resolver(loopback));
        return fixture;
    }

    private static URI http(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static byte[] bytes(RecordingListener listener) throws Exception {
        return listener.completion.get(30, TimeUnit.SECONDS);
    }

    @Test
    void downloadsAStaticFile() throws Exception {
        RecordingListener listener = client().get(http("/file.bin"));
        assertArrayEquals(binary, bytes(listener));
        assertEquals(binary.length, listener.response.get().bodyLength());
    }

    @Test
    void assemblesTheFileFromRangesOnOneKeptAliveConnection() throws Exception {
        client();
        ByteArrayOutputStream assembled = new ByteArrayOutputStream();
        long segment = 700_001;
        for (long offset = 0; offset < binary.length; offset += segment) {
            long length = Math.min(segment, binary.length - offset);
            RecordingListener listener = fixture.send(HttpRequest.get(http("/file.bin"))
                    .range(ByteRange.of(offset, length)).expectedEntityLength(binary.length).build());
            assembled.writeBytes(bytes(listener));
            HttpResponse response = listener.response.get();
            assertEquals(206, response.status());
            assertEquals(new ContentRange(offset, offset + length - 1, binary.length), response.contentRange());
        }
        assertArrayEquals(binary, assembled.toByteArray());
        List<String> log = nginx.accessLog();
        String lastLine = log.get(log.size() - 1);
        String connection = lastLine.split(" ")[0];
        long onThatConnection = log.stream().filter(line -> line.startsWith(connection + " ")).count();
        assertEquals(5, onThatConnection, "all five ranges on one connection: " + log);
    }

    @Test
    void decodesGzipSentChunked() throws Exception {
        client();
        RecordingListener listener = fixture.send(HttpRequest.get(http("/text.txt")).acceptCompressed(true).build());
        assertEquals(text, new String(bytes(listener), StandardCharsets.UTF_8));
        HttpResponse response = listener.response.get();
        assertTrue(response.decoded());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("chunked", response.headers().firstValue("Transfer-Encoding").orElseThrow());
    }

    @Test
    void rangesAreNeverCompressed() throws Exception {
        client();
        RecordingListener listener = fixture.send(HttpRequest.get(http("/text.txt"))
                .range(ByteRange.of(100, 50)).acceptCompressed(true).build());
        assertEquals(text.substring(100, 150), new String(bytes(listener), StandardCharsets.UTF_8));
    }

    @Test
    void readsAChunkedBodyFromAProxiedUpstream() throws Exception {
        upstream.enqueue(Replies.trickle("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-test\r\n\r\n"
                + "6\r\nchunk \r\n6\r\nafter \r\n5\r\nchunk\r\n0\r\n\r\n", 7));
        RecordingListener listener = client().get(http("/upstream/dynamic"));
        assertEquals("chunk after chunk", new String(bytes(listener), StandardCharsets.US_ASCII));
        assertEquals("chunked", listener.response.get().headers().firstValue("Transfer-Encoding").orElseThrow());
        assertEquals(-1, listener.response.get().bodyLength());
    }

    @Test
    void followsARedirect() throws Exception {
        RecordingListener listener = client().get(http("/old"));
        assertArrayEquals(binary, bytes(listener));
        assertEquals(http("/file.bin"), listener.response.get().uri());
    }

    @Test
    void basicAuthenticationFromTheUrl() throws Exception {
        client();
        HttpException refused = fixture.get(http("/private/text.txt")).failure();
        assertInstanceOf(HttpStatusException.class, refused);
        assertEquals(ErrorCode.HTTP_AUTH_FAILED, refused.errorCode());
        RecordingListener allowed = fixture.get(URI.create("http://alice:wonderland@127.0.0.1:" + port + "/private/file.bin"));
        assertArrayEquals(binary, bytes(allowed));
    }

    @Test
    void notFoundAndNotModified() throws Exception {
        client();
        HttpException missing = fixture.get(http("/missing")).failure();
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND, missing.errorCode());
        assertEquals(404, missing.status().getAsInt());

        RecordingListener head = fixture.send(HttpRequest.head(http("/file.bin")).build());
        assertEquals(0, bytes(head).length);
        assertEquals(binary.length, head.response.get().headers().contentLength().getAsLong());
        Instant lastModified = HttpDates.parse(head.response.get().headers().firstValue("Last-Modified").orElseThrow())
                .orElseThrow();
        RecordingListener conditional = fixture.send(HttpRequest.get(http("/file.bin")).ifModifiedSince(lastModified).build());
        assertEquals(0, bytes(conditional).length);
        assertEquals(304, conditional.response.get().status());
    }

    @Test
    void tlsWithTheTestCa() throws Exception {
        RecordingListener listener = client().get(URI.create("https://localhost:" + tlsPort + "/file.bin"));
        assertArrayEquals(binary, bytes(listener));
        RecordingListener gzip = fixture.send(HttpRequest.get(URI.create("https://localhost:" + tlsPort + "/text.txt"))
                .acceptCompressed(true).build());
        assertEquals(text, new String(bytes(gzip), StandardCharsets.UTF_8));
    }

    @Test
    void tlsRefusedWithoutTheCa() throws Exception {
        HttpException failure = client(TlsSettings.defaults()).get(URI.create("https://localhost:" + tlsPort + "/file.bin"))
                .failure();
        assertInstanceOf(HttpTlsException.class, failure);
    }

    @Test
    void tlsRefusedForAnotherHostName() throws Exception {
        HttpException failure = client().get(URI.create("https://not-localhost.example:" + tlsPort + "/file.bin")).failure();
        assertInstanceOf(HttpTlsException.class, failure);
    }

    @Test
    void tlsRefusedForAnExpiredCertificate() throws Exception {
        HttpException failure = client().get(URI.create("https://localhost:" + expiredTlsPort + "/file.bin")).failure();
        assertInstanceOf(HttpTlsException.class, failure);
        assertTrue(causes(failure).stream().anyMatch(CertificateExpiredException.class::isInstance),
                "expired: " + causes(failure));
    }

    private static List<Throwable> causes(Throwable failure) {
        Throwable[] chain = new Throwable[0];
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            chain = Arrays.copyOf(chain, chain.length + 1);
            chain[chain.length - 1] = cause;
        }
        return List.of(chain);
    }
}
