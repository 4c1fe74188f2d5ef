package dev.arietta.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.internal.FakeFtpServer;
import dev.arietta.ftp.internal.FtpClient;
import dev.arietta.ftp.internal.FtpCredentials;
import dev.arietta.ftp.internal.FtpLimits;
import dev.arietta.ftp.internal.FtpSessionOptions;
import dev.arietta.ftp.internal.PassiveAddressPolicy;
import dev.arietta.ftp.internal.FtpListener;
import dev.arietta.ftp.internal.FtpResponse;
import dev.arietta.ftp.internal.FtpRetrieval;
import dev.arietta.ftp.internal.FtpUrl;
import dev.arietta.http.HttpException;
import dev.arietta.http.HttpNetworkException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FTP through an HTTP proxy, as aria2's {@code proxy-method}: {@code get} sends the ftp URL to the
 * proxy in absolute form with the HTTP client; {@code tunnel} runs FTP over CONNECT tunnels.
 */
class FtpProxyTest {
    private static final byte[] CONTENT = new byte[300_000];
    private static final Credentials PROXY_USER = new Credentials("proxy-user", "proxy-secret");
    private static final FtpCredentials ANONYMOUS =
            new FtpCredentials(FtpCredentials.ANONYMOUS_USER, FtpCredentials.ANONYMOUS_PASSWORD, null);

    static {
        new Random(3).nextBytes(CONTENT);
    }

    /** Connect timeout well below the read timeout, so the tunnel phase must use the former. */
    private static final FtpSessionOptions OPTIONS = new FtpSessionOptions(5000, 60_000, false,
            PassiveAddressPolicy.REJECT_MISMATCH, FtpLimits.DEFAULTS);

    private final AtomicLong clock = new AtomicLong();
    private FakeFtpServer ftp;
    private FakeProxy proxy;
    private ClientFixture http;
    private EventLoop loop;
    private FtpClient ftpClient;

    @AfterEach
    void tearDown() throws Exception {
        if (http != null) {
            http.close();
        }
        if (ftpClient != null) {
            ftpClient.close();
        }
        if (loop != null) {
            loop.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (ftp != null) {
            ftp.close();
        }
    }

    private ProxyServer proxyServer() {
        return new ProxyServer("127.0.0.1", proxy.port(), PROXY_USER);
    }

    @Test
    void getMethodSendsTheFtpUrlInAbsoluteFormWithTheLoginAsBasicCredentials() throws Exception {
        ftp = new FakeFtpServer(CONTENT);
        proxy = FakeProxy.requiring(PROXY_USER);
        ProxyServer server = proxyServer();
        http = new ClientFixture(builder -> builder.proxyChoice(uri -> Optional.of(server)));
        URI uri = URI.create("ftp://joe:pa55@127.0.0.1:" + ftp.port() + "/pub/file.bin");
        RecordingListener listener = http.send(HttpRequest.get(uri).range(ByteRange.of(1000, 5000)).build());
        assertEquals(new String(Arrays.copyOfRange(CONTENT, 1000, 6000), java.nio.charset.StandardCharsets.ISO_8859_1),
                listener.bodyText());
        assertEquals(206, listener.response.get().headers().status());
        assertEquals("GET ftp://127.0.0.1:" + ftp.port() + "/pub/file.bin HTTP/1.1", proxy.seen().get(0).requestLine(),
                "absolute form without the user info");
        assertEquals(PROXY_USER.basicHeaderValue(), proxy.seen().get(0).proxyAuthorization());
        assertTrue(ftp.commands().containsAll(List.of("USER joe", "PASS pa55", "CWD pub", "REST 1000")),
                ftp.commands().toString());
    }

    @Test
    void ftpUrlWithoutProxyIsRefusedByTheHttpClient() throws Exception {
        http = new ClientFixture();
        HttpException failure = http.get(URI.create("ftp://127.0.0.1:1/f.bin")).failure();
        assertInstanceOf(HttpNetworkException.class, failure);
        assertEquals(ErrorCode.NETWORK, failure.errorCode());
    }

    @Test
    void tunnelMethodRunsControlAndDataConnectionsThroughConnect() throws Exception {
        ftp = new FakeFtpServer(CONTENT);
        proxy = FakeProxy.requiring(PROXY_USER);
        startFtpClient();
        FtpUrl url = FtpUrl.parse(URI.create("ftp://127.0.0.1:" + ftp.port() + "/pub/file.bin"));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 10, 20_010),
                retrieve(FtpRetrieval.range(url, ANONYMOUS, 10, 20_010)).get(10, TimeUnit.SECONDS));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 20_010, CONTENT.length),
                retrieve(FtpRetrieval.range(url, ANONYMOUS, 20_010, FtpRetrieval.TO_END)).get(10, TimeUnit.SECONDS));

        List<FakeProxy.Seen> seen = proxy.seen();
        assertEquals("CONNECT 127.0.0.1:" + ftp.port() + " HTTP/1.1", seen.get(0).requestLine());
        assertEquals(3, seen.size(), "one control tunnel, reused, and one data tunnel per segment: " + seen);
        assertTrue(seen.get(1).requestLine().startsWith("CONNECT 127.0.0.1:"), seen.toString());
        assertTrue(seen.stream().allMatch(s -> PROXY_USER.basicHeaderValue().equals(s.proxyAuthorization())));
        assertEquals(1, ftp.commands().stream().filter(c -> c.startsWith("USER")).count());
    }

    @Test
    void tunnelWithPasvConnectsTheDataTunnelToTheServerName() throws Exception {
        ftp = new FakeFtpServer(CONTENT);
        proxy = FakeProxy.open();
        startFtpClient(OPTIONS.withExtendedPassive(false));
        FtpUrl url = FtpUrl.parse(URI.create("ftp://localhost:" + ftp.port() + "/f.bin"));
        assertArrayEquals(CONTENT, retrieve(FtpRetrieval.range(url, ANONYMOUS, 0, FtpRetrieval.TO_END))
                .get(10, TimeUnit.SECONDS));
        assertTrue(ftp.commands().contains("PASV"), ftp.commands().toString());
        assertTrue(proxy.seen().get(1).requestLine().startsWith("CONNECT localhost:"), proxy.seen().toString());
    }

    @Test
    void tunnelRefusedByTheProxyIsAConnectionFailure() throws Exception {
        ftp = new FakeFtpServer(CONTENT);
        proxy = FakeProxy.refusingTunnels(403);
        startFtpClient();
        FtpUrl url = FtpUrl.parse(URI.create("ftp://127.0.0.1:" + ftp.port() + "/f.bin"));
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> retrieve(FtpRetrieval.query(url, ANONYMOUS)).get(10, TimeUnit.SECONDS));
        FtpException cause = (FtpException) failure.getCause();
        assertEquals(FtpException.Reason.CONNECTION_FAILED, cause.reason(), cause.getMessage());
        assertTrue(cause.getMessage().contains("403"), cause.getMessage());
    }

    @Test
    void unansweredConnectTimesOutOnTheConnectTimeout() throws Exception {
        ftp = new FakeFtpServer(CONTENT);
        CountDownLatch connectReceived = new CountDownLatch(1);
        proxy = FakeProxy.stallingTunnels(connectReceived);
        startFtpClient();
        FtpUrl url = FtpUrl.parse(URI.create("ftp://127.0.0.1:" + ftp.port() + "/f.bin"));
        CompletableFuture<byte[]> result = retrieve(FtpRetrieval.query(url, ANONYMOUS));
        assertTrue(connectReceived.await(10, TimeUnit.SECONDS));
        advance(OPTIONS.connectTimeoutMillis() - 1);
        assertFalse(result.isDone(), "no timeout before the connect deadline");
        advance(1);
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> result.get(10, TimeUnit.SECONDS));
        assertEquals(FtpException.Reason.TIMEOUT, ((FtpException) failure.getCause()).reason());
    }

    private void advance(long millis) throws Exception {
        CompletableFuture.runAsync(() -> { }, loop).get(10, TimeUnit.SECONDS);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        loop.wakeup();
        CompletableFuture.runAsync(() -> { }, loop).get(10, TimeUnit.SECONDS);
    }

    private void startFtpClient() throws Exception {
        startFtpClient(OPTIONS);
    }

    private void startFtpClient(FtpSessionOptions options) throws Exception {
        loop = EventLoop.start(0, clock::get);
        ProxyServer server = proxyServer();
        ftpClient = FtpClient.builder(loop).options(options).proxyChoice(uri -> {
            assertEquals("ftp", uri.getScheme());
            return Optional.of(server);
        }).build();
    }

    private CompletableFuture<byte[]> retrieve(FtpRetrieval retrieval) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ftpClient.retrieve(retrieval, new FtpListener() {
            @Override
            public void onStart(FtpResponse response) {
                // Only the bytes matter here; sizes are checked by the FTP client's own tests.
            }

            @Override
            public void onBody(ByteBuffer content) {
                byte[] chunk = new byte[content.remaining()];
                content.get(chunk);
                body.writeBytes(chunk);
            }

            @Override
            public void onComplete() {
                result.complete(body.toByteArray());
            }

            @Override
            public void onFailure(FtpException failure) {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }
}
