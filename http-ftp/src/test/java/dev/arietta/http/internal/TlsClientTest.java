package dev.arietta.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.http.HttpException;
import dev.arietta.http.HttpRedirectException;
import dev.arietta.http.HttpTimeoutException;
import dev.arietta.http.HttpTlsException;
import dev.arietta.core.internal.loop.HostResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsClientTest {

    @TempDir
    static Path directory;
    private static TestCertificates certificates;

    private FaultServer server;
    private ClientFixture fixture;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.create(directory);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Every host name resolves to 127.0.0.1, so names can differ from the certificate's. */
    private static HostResolver loopbackResolver() {
        return host -> {
            try {
                return CompletableFuture.completedFuture(List.of(InetAddress.getByName("127.0.0.1")));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    private ClientFixture client(TlsSettings tls) throws Exception {
        return client(tls, builder -> builder);
    }

    private ClientFixture client(TlsSettings tls, UnaryOperator<Http1Client.Builder> more) throws Exception {
        fixture = new ClientFixture(builder -> more.apply(builder.tls(tls).resolver(loopbackResolver())));
        return fixture;
    }

    private URI uri(String host, String path) {
        return URI.create("https://" + host + ":" + server.port() + path);
    }

    private TlsSettings trustingTestCa() {
        return TlsSettings.builder().caCertificates(certificates.serverCertificatePem).build();
    }

    @Test
    void acceptsAServerSignedByTheGivenCa() throws Exception {
        String body = "secure ".repeat(100_000);
        server = FaultServer.startTls(certificates.serverContext(), false).enqueue(Replies.ok(body), Replies.ok("again"));
        client(trustingTestCa());
        assertEquals(body, fixture.get(uri("localhost", "/big")).bodyText());
        assertEquals("again", fixture.get(uri("localhost", "/small")).bodyText());
        assertEquals(1, server.connectionCount(), "TLS connection kept alive");
    }

    @Test
    void refusesAnUntrustedCertificate() throws Exception {
        server = FaultServer.startTls(certificates.serverContext(), false).enqueue(Replies.ok("never"));
        HttpException failure = client(TlsSettings.defaults()).get(uri("localhost", "/")).failure();
        assertInstanceOf(HttpTlsException.class, failure);
        assertEquals(ErrorCode.NETWORK, failure.errorCode());
    }

    @Test
    void refusesAHostNameTheCertificateDoesNotCover() throws Exception {
        server = FaultServer.startTls(certificates.serverContext(), false).enqueue(Replies.ok("never"));
        HttpException failure = client(trustingTestCa()).get(uri("wrong.example", "/")).failure();
        assertInstanceOf(HttpTlsException.class, failure);
        assertTrue(failure.getMessage().contains("wrong.example"), failure.getMessage());
    }

    @Test
    void acceptsAnAddressLiteralInTheCertificate() throws Exception {
        server = FaultServer.startTls(certificates.serverContext(), false).enqueue(Replies.ok("by address"));
        assertEquals("by address", client(trustingTestCa()).get(uri("127.0.0.1", "/")).bodyText());
    }

    @Test
    void uncheckedModeAcceptsAnything() throws Exception {
        server = FaultServer.startTls(certificates.serverContext(), false).enqueue(Replies.ok("insecure"));
        TlsSettings unchecked = TlsSettings.builder().verifyPeer(false).build();
        assertEquals("insecure", client(unchecked).get(uri("wrong.example", "/")).bodyText());
    }

    @Test
    void presentsAPkcs12ClientCertificate() throws Exception {
        server = FaultServer.startTls(certificates.serverContext(), true).enqueue(Replies.ok("hello client"));
        TlsSettings tls = TlsSettings.builder().caCertificates(certificates.serverCertificatePem)
                .clientCertificate(certificates.clientKeyStore).clientKeyPassword(TestCertificates.PASSWORD).build();
        assertEquals("hello client", client(tls).get(uri("localhost", "/")).bodyText());
    }

    @Test
    void presentsAPemClientCertificate() throws Exception {
        server = FaultServer.startTls(certificates.serverContext(), true).enqueue(Replies.ok("hello pem"));
        TlsSettings tls = TlsSettings.builder().caCertificates(certificates.serverCertificatePem)
                .clientCertificate(certificates.clientCertificatePem).clientPrivateKey(certificates.clientKeyPem).build();
        assertEquals("hello pem", client(tls).get(uri("localhost", "/")).bodyText());
    }

    @Test
    void withoutTheRequiredClientCertificateTheExchangeFails() throws Exception {
        server = FaultServer.startTls(certificates.serverContext(), true).enqueue(Replies.ok("never"));
        HttpException failure = client(trustingTestCa()).get(uri("localhost", "/")).failure();
        assertEquals(ErrorCode.NETWORK, failure.errorCode(), failure.toString());
    }

    @Test
    void minimumVersionIsEnforced() throws Exception {
        server = FaultServer.startTls(certificates.serverContext(), false, "TLSv1.2").enqueue(Replies.ok("never"));
        TlsSettings tls13 = TlsSettings.builder().caCertificates(certificates.serverCertificatePem)
                .minimumProtocol(TlsSettings.TLS_1_3).build();
        assertInstanceOf(HttpTlsException.class, client(tls13).get(uri("localhost", "/")).failure());
    }

    @Test
    void tls12IsStillSpoken() throws Exception {
        server = FaultServer.startTls(certificates.serverContext(), false, "TLSv1.2").enqueue(Replies.ok("old but fine"));
        assertEquals("old but fine", client(trustingTestCa()).get(uri("localhost", "/")).bodyText());
    }

    @Test
    void refusesARedirectFromHttpsToHttp() throws Exception {
        server = FaultServer.startTls(certificates.serverContext(), false)
                .enqueue(Replies.redirect(302, "http://localhost:1/plain"));
        HttpException failure = client(trustingTestCa()).get(uri("localhost", "/")).failure();
        assertInstanceOf(HttpRedirectException.class, failure);
        assertEquals(HttpRedirectException.Reason.DOWNGRADE, ((HttpRedirectException) failure).reason());
    }

    @Test
    void pausedTlsBodyResumesFromBytesHeldByTheEngine() throws Exception {
        String body = "t".repeat(300_000);
        server = FaultServer.startTls(certificates.serverContext(), false).enqueue(Replies.ok(body));
        client(trustingTestCa());
        AtomicReference<ExchangeHandle> handle = new AtomicReference<>();
        RecordingListener listener = new RecordingListener().onBody(buffer -> handle.get().pause());
        handle.set(fixture.client.send(HttpRequest.get(uri("localhost", "/p")).build(), listener));
        listener.response.get(10, TimeUnit.SECONDS);
        fixture.sync();
        assertFalse(listener.completion.isDone());
        listener.onBody(buffer -> { });
        handle.get().resume();
        assertEquals(body, listener.bodyText());
    }

    @Test
    void slowHandshakeTimesOutInTheTlsPhase() throws Exception {
        CountDownLatch helloReceived = new CountDownLatch(1);
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                try (Socket socket = silent.accept()) {
                    if (socket.getInputStream().read() >= 0) {
                        helloReceived.countDown();
                    }
                    while (socket.getInputStream().read() >= 0) {
                        // Never answer the ClientHello; wait for the client to give up.
                    }
                } catch (IOException ignored) {
                    // The client closed: expected.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            client(trustingTestCa(), builder -> builder.connectTimeout(Duration.ofSeconds(20)));
            RecordingListener listener = fixture.get(URI.create("https://localhost:" + silent.getLocalPort() + "/"));
            assertTrue(helloReceived.await(10, TimeUnit.SECONDS));
            fixture.advance(19, TimeUnit.SECONDS);
            assertFalse(listener.completion.isDone());
            fixture.advance(1, TimeUnit.SECONDS);
            HttpException failure = listener.failure();
            assertInstanceOf(HttpTimeoutException.class, failure);
            assertEquals(HttpTimeoutException.Phase.TLS_HANDSHAKE, ((HttpTimeoutException) failure).phase());
        }
    }

    @Test
    void unreadableCaFileFailsTheBuild() {
        TlsSettings missing = TlsSettings.builder().caCertificates(directory.resolve("missing.pem")).build();
        assertThrows(IOException.class, () -> TlsContext.create(missing));
    }
}
