package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check-certificate}, {@code ca-certificate}, client certificates and {@code min-tls-version} over HTTPS. */
class SessionTlsOptionsTest {

    @TempDir
    static Path certificates;
    private static TestCertificates tls;

    @TempDir
    Path directory;
    private final byte[] content = TestFiles.random(40_000, 3);

    @BeforeAll
    static void makeCertificates() throws Exception {
        tls = TestCertificates.create(certificates);
    }

    private DownloadResult download(FakeHttpServer server, Session.Builder session) throws Exception {
        server.serve("/file.bin", content);
        try (server; Session started = session.directory(directory).build()) {
            return started.addUri(List.of(server.url("/file.bin")), Options.of("max-tries", "1"))
                    .completion().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void untrustedServerFailsWhileCertificatesAreChecked() throws Exception {
        DownloadResult result = download(FakeHttpServer.startTls(tls.serverContext(), false), Session.builder());
        assertEquals(ErrorCode.NETWORK, result.errorCode(), result.toString());
    }

    @Test
    void caCertificateMakesTheServerTrusted() throws Exception {
        DownloadResult result = download(FakeHttpServer.startTls(tls.serverContext(), false),
                Session.builder().option("ca-certificate", tls.serverCertificatePem.toString()));
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("file.bin")));
    }

    @Test
    void checkCertificateFalseAcceptsAnUntrustedServer() throws Exception {
        DownloadResult result = download(FakeHttpServer.startTls(tls.serverContext(), false),
                Session.builder().option("check-certificate", "false"));
        assertTrue(result.isSuccess(), result.toString());
    }

    @Test
    void clientCertificateIsPresentedWhenTheServerDemandsOne() throws Exception {
        DownloadResult without = download(FakeHttpServer.startTls(tls.serverContext(), true),
                Session.builder().option("ca-certificate", tls.serverCertificatePem.toString()));
        assertEquals(ErrorCode.NETWORK, without.errorCode(), without.toString());
        DownloadResult with = download(FakeHttpServer.startTls(tls.serverContext(), true),
                Session.builder().option("ca-certificate", tls.serverCertificatePem.toString())
                        .option("certificate", tls.clientCertificatePem.toString())
                        .option("private-key", tls.clientKeyPem.toString()));
        assertTrue(with.isSuccess(), with.toString());
    }

    @Test
    void minTlsVersionRefusesAnOlderServer() throws Exception {
        DownloadResult allowed = download(FakeHttpServer.startTls(tls.serverContext(), false, "TLSv1.2"),
                Session.builder().option("ca-certificate", tls.serverCertificatePem.toString()));
        assertTrue(allowed.isSuccess(), allowed.toString());
        DownloadResult refused = download(FakeHttpServer.startTls(tls.serverContext(), false, "TLSv1.2"),
                Session.builder().option("ca-certificate", tls.serverCertificatePem.toString())
                        .option("min-tls-version", "TLSv1.3").option("allow-overwrite", "true"));
        assertEquals(ErrorCode.NETWORK, refused.errorCode(), refused.toString());
    }
}
