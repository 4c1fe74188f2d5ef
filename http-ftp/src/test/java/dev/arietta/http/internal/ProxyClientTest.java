package dev.arietta.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.http.HttpException;
import dev.arietta.http.HttpStatusException;
import dev.arietta.http.HttpTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyClientTest {

    private static final Credentials PROXY_USER = new Credentials("proxy-user", "proxy-secret");

    @TempDir
    static Path directory;
    private static TestCertificates certificates;

    private FaultServer origin;
    private FakeProxy proxy;
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
        if (proxy != null) {
            proxy.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    private ClientFixture throughProxy(Credentials credentials) throws Exception {
        ProxyServer server = new ProxyServer("127.0.0.1", proxy.port(), credentials);
        fixture = new ClientFixture(builder -> builder.proxyChoice(uri -> Optional.of(server))
                .tls(TlsSettings.builder().caCertificates(certificates.serverCertificatePem).build())
                .connectTimeout(Duration.ofSeconds(20)));
        return fixture;
    }

    @Test
    void plainHttpGoesInAbsoluteFormWithProxyCredentials() throws Exception {
        origin = FaultServer.start().enqueue(Replies.ok("via proxy"), Replies.ok("again"));
        proxy = FakeProxy.requiring(PROXY_USER);
        throughProxy(PROXY_USER);
        assertEquals("via proxy", fixture.get(origin.uri("/file?q=1")).bodyText());
        assertEquals("again", fixture.get(origin.uri("/other")).bodyText());

        assertEquals("GET http://127.0.0.1:" + origin.port() + "/file?q=1 HTTP/1.1", proxy.seen().get(0).requestLine());
        assertEquals(PROXY_USER.basicHeaderValue(), proxy.seen().get(0).proxyAuthorization());
        assertEquals("/file?q=1", origin.requests().get(0).target());
        assertEquals("127.0.0.1:" + origin.port(), origin.requests().get(0).header("Host"));
        assertEquals(1, origin.connectionCount(), "the proxy connection was kept alive");
        assertEquals(1, proxy.seen().size(), "second request reused the proxy connection");
    }

    @Test
    void httpsGoesThroughAConnectTunnel() throws Exception {
        origin = FaultServer.startTls(certificates.serverContext(), false).enqueue(Replies.ok("tunnelled"));
        proxy = FakeProxy.requiring(PROXY_USER);
        throughProxy(PROXY_USER);
        URI uri = URI.create("https://localhost:" + origin.port() + "/secret");
        assertEquals("tunnelled", fixture.get(uri).bodyText());

        FakeProxy.Seen connect = proxy.seen().get(0);
        assertEquals("CONNECT localhost:" + origin.port() + " HTTP/1.1", connect.requestLine());
        assertEquals(PROXY_USER.basicHeaderValue(), connect.proxyAuthorization());
        assertEquals("GET /secret HTTP/1.1", origin.requests().get(0).requestLine());
        assertNull(origin.requests().get(0).header("Proxy-Authorization"), "proxy credentials stay with the proxy");
    }

    @Test
    void missingProxyCredentialsGive407FromTheProxy() throws Exception {
        origin = FaultServer.start();
        proxy = FakeProxy.requiring(PROXY_USER);
        throughProxy(null);
        HttpException plain = fixture.get(origin.uri("/x")).failure();
        assertInstanceOf(HttpStatusException.class, plain);
        assertTrue(((HttpStatusException) plain).fromProxy());
        assertEquals(ErrorCode.HTTP_AUTH_FAILED, plain.errorCode());

        HttpException tunnel = fixture.get(URI.create("https://localhost:" + origin.port() + "/x")).failure();
        assertInstanceOf(HttpStatusException.class, tunnel);
        assertTrue(((HttpStatusException) tunnel).fromProxy());
        assertEquals(407, tunnel.status().getAsInt());
        assertEquals(ErrorCode.HTTP_AUTH_FAILED, tunnel.errorCode());
        assertFalse(tunnel.getMessage().contains("proxy-secret"));
    }

    @Test
    void refusedTunnelIsAProxyStatusError() throws Exception {
        proxy = FakeProxy.refusingTunnels(403);
        throughProxy(null);
        HttpException failure = fixture.get(URI.create("https://localhost:9/x")).failure();
        assertInstanceOf(HttpStatusException.class, failure);
        assertTrue(((HttpStatusException) failure).fromProxy());
        assertEquals(ErrorCode.HTTP_PROTOCOL_ERROR, failure.errorCode());
    }

    @Test
    void silentProxyTimesOutInTheTunnelPhase() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        proxy = FakeProxy.stallingTunnels(received);
        throughProxy(null);
        RecordingListener listener = fixture.get(URI.create("https://localhost:9/x"));
        assertTrue(received.await(10, TimeUnit.SECONDS));
        fixture.advance(20, TimeUnit.SECONDS);
        HttpException failure = listener.failure();
        assertInstanceOf(HttpTimeoutException.class, failure);
        assertEquals(HttpTimeoutException.Phase.PROXY_TUNNEL, ((HttpTimeoutException) failure).phase());
    }

    @Test
    void routesAndMaskingOfProxyCredentials() {
        ProxyServer server = new ProxyServer("proxy.example", 3128, PROXY_USER);
        assertEquals("proxy proxy-user:****@proxy.example:3128", server.toString());
        Route plain = Route.of(URI.create("http://a.example/x"), server);
        Route other = Route.of(URI.create("http://b.example:8080/y"), server);
        assertEquals(plain, other, "plain http through one proxy shares connections");
        assertTrue(plain.absoluteForm());
        Route tunnel = Route.of(URI.create("https://a.example/x"), server);
        assertTrue(tunnel.tunnel());
        assertEquals("a.example", tunnel.host());
        assertEquals(443, tunnel.port());
        assertEquals("[2001:db8::1]:443", Route.of(URI.create("https://[2001:db8::1]/"), null).toString()
                .substring("https://".length()));
    }
}
