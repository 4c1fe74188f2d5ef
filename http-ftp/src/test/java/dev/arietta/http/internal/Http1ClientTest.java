package dev.arietta.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.http.HttpException;
import dev.arietta.http.HttpProtocolException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Http1ClientTest {

    private FaultServer server;
    private ClientFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ClientFixture fixture() throws Exception {
        fixture = new ClientFixture(builder -> builder.userAgent("test-agent/1"));
        return fixture;
    }

    @Test
    void getsABodyWithTheExpectedRequestHead() throws Exception {
        server = FaultServer.start().enqueue(Replies.ok("hello world"));
        RecordingListener listener = fixture().send(HttpRequest.get(server.uri("/files/a%20b.iso?x=1#frag"))
                .referer("http://referer.example/")
                .header("X-Custom", "yes")
                .build());

        assertEquals("hello world", listener.bodyText());
        HttpResponse response = listener.response.get();
        assertEquals(200, response.status());
        assertEquals(11, response.bodyLength());
        assertFalse(response.decoded());
        FaultServer.RecordedRequest request = server.requests().get(0);
        assertEquals("GET /files/a%20b.iso?x=1 HTTP/1.1", request.requestLine());
        assertEquals("127.0.0.1:" + server.port(), request.header("Host"));
        assertEquals("test-agent/1", request.header("User-Agent"));
        assertEquals("http://referer.example/", request.header("Referer"));
        assertEquals("yes", request.header("X-Custom"));
        assertNull(request.header("Accept-Encoding"));
        assertNull(request.header("Authorization"));
    }

    @Test
    void lentBuffersTakeTheBodyWithoutReadingIntoTheNextResponse() throws Exception {
        String big = "x".repeat(300_000) + "end";
        server = FaultServer.start().enqueue(Replies.ok(big), Replies.ok("second"));
        fixture();
        RecordingListener first = fixture.send(HttpRequest.get(server.uri("/1")).build(), new RecordingListener().lendBuffers(4096));
        assertEquals(big, first.bodyText());
        assertTrue(first.lent.get() >= (big.length() - 65_536) / 4096, "read into lent buffers: " + first.lent.get());
        assertEquals(first.lent.get(), first.returned.get(), "every lent buffer came back");
        assertEquals("second", fixture.get(server.uri("/2")).bodyText());
        assertEquals(1, server.connectionCount(), "the connection stayed usable");
    }

    @Test
    void lentBufferComesBackWhenTheBodyIsCutShort() throws Exception {
        server = FaultServer.start().enqueue(Replies.rawThenClose("HTTP/1.1 200 OK\r\nContent-Length: 9000\r\n\r\n"
                + "y".repeat(5000)));
        fixture();
        RecordingListener listener = fixture.send(HttpRequest.get(server.uri("/short")).build(), new RecordingListener().lendBuffers(2048));
        HttpException failure = listener.failure();
        assertTrue(failure.getMessage().contains("5000"), failure.getMessage());
        assertEquals(listener.lent.get(), listener.returned.get());
    }

    @Test
    void chunkedBodiesAreNotReadIntoLentBuffers() throws Exception {
        server = FaultServer.start().enqueue(Replies.raw(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        fixture();
        RecordingListener listener = fixture.send(HttpRequest.get(server.uri("/chunked")).build(), new RecordingListener().lendBuffers(4096));
        assertEquals("hello", listener.bodyText());
        assertEquals(0, listener.lent.get());
    }

    @Test
    void reusesAKeptAliveConnection() throws Exception {
        server = FaultServer.start().enqueue(Replies.ok("one"), Replies.ok("two"));
        fixture();
        assertEquals("one", fixture.get(server.uri("/1")).bodyText());
        assertEquals("two", fixture.get(server.uri("/2")).bodyText());
        assertEquals(1, server.connectionCount());
        assertEquals(List.of(1, 1), server.requests().stream().map(FaultServer.RecordedRequest::connection).toList());
    }

    private int idleConnections(URI uri) throws Exception {
        Route route = Route.of(uri, null);
        return CompletableFuture.supplyAsync(() -> fixture.client.pool().idleCount(route), fixture.loop)
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void idleConnectionsExpireAfterTheKeepAliveTime() throws Exception {
        server = FaultServer.start().enqueue(Replies.ok("a"), Replies.ok("b"));
        fixture = new ClientFixture(builder -> builder.keepAlive(Duration.ofSeconds(15)));
        assertEquals("a", fixture.get(server.uri("/1")).bodyText());
        assertEquals(1, idleConnections(server.uri("/")));
        fixture.advance(14, TimeUnit.SECONDS);
        assertEquals(1, idleConnections(server.uri("/")));
        fixture.advance(1, TimeUnit.SECONDS);
        assertEquals(0, idleConnections(server.uri("/")));
        assertEquals("b", fixture.get(server.uri("/2")).bodyText());
        assertEquals(2, server.connectionCount());
    }

    @Test
    void idleConnectionClosedByTheServerLeavesThePool() throws Exception {
        server = FaultServer.start().enqueue(Replies.rawThenClose(Replies.text(200, "bye")));
        fixture();
        assertEquals("bye", fixture.get(server.uri("/1")).bodyText());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (idleConnections(server.uri("/")) > 0 && System.nanoTime() < deadline) {
            fixture.sync();
        }
        assertEquals(0, idleConnections(server.uri("/")));
    }

    /** Writes {@code first}, waits until the client's next request is readable, then runs {@code rest}. */
    private static FaultServer.Responder holdUntilNextRequest(String first, FaultServer.Responder rest) {
        return (request, socket, out) -> {
            out.write(Replies.bytes(first));
            out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (socket.getInputStream().available() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            return rest.respond(request, socket, out);
        };
    }

    @Test
    void pipelinesASecondRequestBehindARunningOne() throws Exception {
        server = FaultServer.start().enqueue(Replies.ok("warm"),
                holdUntilNextRequest("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nfirst", Replies.raw("-half")),
                Replies.ok("second"));
        fixture = new ClientFixture(builder -> builder.pipeliningDepth(2));
        assertEquals("warm", fixture.get(server.uri("/warm")).bodyText());
        RecordingListener first = fixture.get(server.uri("/a"));
        first.response.get(10, TimeUnit.SECONDS);
        RecordingListener second = fixture.get(server.uri("/b"));
        assertEquals("first-half", first.bodyText());
        assertEquals("second", second.bodyText());
        assertEquals(1, server.connectionCount());
        assertEquals(List.of("/warm", "/a", "/b"), server.requests().stream().map(FaultServer.RecordedRequest::target).toList());
    }

    @Test
    void pipelinedRequestIsRetriedWhenTheOneAheadFails() throws Exception {
        server = FaultServer.start().enqueue(Replies.ok("warm"),
                holdUntilNextRequest("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nfirst",
                        Replies.closeWithoutResponse()),
                Replies.ok("second"));
        fixture = new ClientFixture(builder -> builder.pipeliningDepth(2));
        fixture.get(server.uri("/warm")).bodyText();
        RecordingListener first = fixture.get(server.uri("/a"));
        first.response.get(10, TimeUnit.SECONDS);
        RecordingListener second = fixture.get(server.uri("/b"));
        HttpException failure = first.failure();
        assertEquals(HttpProtocolException.Reason.TRUNCATED_BODY, ((HttpProtocolException) failure).reason());
        assertEquals("second", second.bodyText());
        assertEquals(2, server.connectionCount());
    }

    @Test
    void withoutPipeliningASecondRequestOpensAnotherConnection() throws Exception {
        CountDownLatch secondDone = new CountDownLatch(1);
        server = FaultServer.start().enqueue(Replies.ok("warm"), (request, socket, out) -> {
            out.write(Replies.bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nfirst"));
            out.flush();
            assertTrue(secondDone.await(10, TimeUnit.SECONDS));
            out.write(Replies.bytes("-half"));
            return true;
        }, Replies.ok("second"));
        fixture();
        fixture.get(server.uri("/warm")).bodyText();
        RecordingListener first = fixture.get(server.uri("/a"));
        first.response.get(10, TimeUnit.SECONDS);
        assertEquals("second", fixture.get(server.uri("/b")).bodyText());
        secondDone.countDown();
        assertEquals("first-half", first.bodyText());
        assertEquals(2, server.connectionCount());
    }

    @Test
    void connectionCloseAndHttp10PreventReuse() throws Exception {
        server = FaultServer.start().enqueue(
                Replies.rawThenClose("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na"),
                Replies.rawThenClose("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nb"),
                Replies.ok("c"));
        fixture();
        assertEquals("a", fixture.get(server.uri("/1")).bodyText());
        assertEquals("b", fixture.get(server.uri("/2")).bodyText());
        assertEquals("c", fixture.get(server.uri("/3")).bodyText());
        assertEquals(3, server.connectionCount());
    }

    @Test
    void retriesOnceWhenAPooledConnectionTurnsOutDead() throws Exception {
        server = FaultServer.start().enqueue(Replies.ok("first"), Replies.closeWithoutResponse(), Replies.ok("second"));
        fixture();
        assertEquals("first", fixture.get(server.uri("/1")).bodyText());
        assertEquals("second", fixture.get(server.uri("/2")).bodyText());
        assertEquals(2, server.connectionCount());
    }

    @Test
    void sendsRangeAndValidatesThePartialResponse() throws Exception {
        server = FaultServer.start().enqueue(Replies.raw(
                "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 10-14/100\r\nContent-Length: 5\r\n\r\n01234"));
        RecordingListener listener = fixture().send(HttpRequest.get(server.uri("/f"))
                .range(ByteRange.of(10, 5)).acceptCompressed(true).expectedEntityLength(100).build());
        assertEquals("01234", listener.bodyText());
        assertEquals(new ContentRange(10, 14, 100), listener.response.get().contentRange());
        assertEquals(5, listener.response.get().bodyLength());
        assertEquals("bytes=10-14", server.requests().get(0).header("Range"));
        assertNull(server.requests().get(0).header("Accept-Encoding"), "never compressed ranges");
    }

    @Test
    void openRangeFromZeroAcceptsAWhole200() throws Exception {
        server = FaultServer.start().enqueue(Replies.ok("whole"));
        RecordingListener listener = fixture().send(HttpRequest.get(server.uri("/f")).range(ByteRange.from(0)).build());
        assertEquals("whole", listener.bodyText());
    }

    @Test
    void decodesGzipWhenOffered() throws Exception {
        byte[] compressed = ContentDecoderTest.gzip(Replies.bytes("compressed text ".repeat(1000)));
        server = FaultServer.start().enqueue(Replies.write(out -> {
            out.write(Replies.bytes("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"));
            out.write(Replies.bytes(Integer.toHexString(compressed.length) + "\r\n"));
            out.write(compressed);
            out.write(Replies.bytes("\r\n0\r\n\r\n"));
        }));
        RecordingListener listener = fixture().send(HttpRequest.get(server.uri("/t")).acceptCompressed(true).build());
        assertEquals("compressed text ".repeat(1000), listener.bodyText());
        assertTrue(listener.response.get().decoded());
        assertEquals(-1, listener.response.get().bodyLength());
        assertEquals("deflate, gzip", server.requests().get(0).header("Accept-Encoding"));
    }

    @Test
    void keepsCompressedBytesWhenCompressionWasNotOffered() throws Exception {
        byte[] compressed = ContentDecoderTest.gzip(Replies.bytes("archive"));
        server = FaultServer.start().enqueue(Replies.write(out -> {
            out.write(Replies.bytes("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + compressed.length + "\r\n\r\n"));
            out.write(compressed);
        }));
        RecordingListener listener = fixture().get(server.uri("/a.tar.gz"));
        assertArrayEquals(compressed, listener.completion.get(10, TimeUnit.SECONDS));
        assertFalse(listener.response.get().decoded());
    }

    @Test
    void trickledChunkedResponseArrivesWhole() throws Exception {
        server = FaultServer.start().enqueue(Replies.trickle(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;ext=1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n", 1));
        assertEquals("hello world", fixture().get(server.uri("/t")).bodyText());
    }

    @Test
    void headRequestAndNotModifiedHaveNoBody() throws Exception {
        server = FaultServer.start().enqueue(
                Replies.raw("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nLink: <http://m/a>; rel=duplicate\r\nDigest: SHA-256=x\r\n\r\n"),
                Replies.raw("HTTP/1.1 304 Not Modified\r\n\r\n"));
        fixture();
        RecordingListener head = fixture.send(HttpRequest.head(server.uri("/f")).build());
        assertEquals("", head.bodyText());
        assertEquals(List.of("<http://m/a>; rel=duplicate"), head.response.get().headers().links());
        assertEquals(List.of("SHA-256=x"), head.response.get().headers().digests());
        assertEquals(1000, head.response.get().headers().contentLength().getAsLong());

        Instant since = Instant.parse("2024-01-02T03:04:05Z");
        RecordingListener conditional = fixture.send(HttpRequest.get(server.uri("/f")).ifModifiedSince(since).build());
        assertEquals("", conditional.bodyText());
        assertEquals(304, conditional.response.get().status());
        assertEquals("HEAD /f HTTP/1.1", server.requests().get(0).requestLine());
        assertEquals("Tue, 02 Jan 2024 03:04:05 GMT", server.requests().get(1).header("If-Modified-Since"));
        assertEquals(1, server.connectionCount());
    }

    @Test
    void followsRelativeRedirectsKeepingTheRange() throws Exception {
        server = FaultServer.start().enqueue(
                Replies.redirect(302, "/second"),
                Replies.redirect(307, "third?x=1"),
                Replies.raw("HTTP/1.1 206 P\r\nContent-Range: bytes 0-1/2\r\nContent-Length: 2\r\n\r\nok"));
        RecordingListener listener = fixture().send(HttpRequest.get(server.uri("/dir/first"))
                .range(ByteRange.of(0, 2)).build());
        assertEquals("ok", listener.bodyText());
        assertEquals(server.uri("/third?x=1"), listener.response.get().uri());
        assertEquals(List.of(server.uri("/dir/first"), server.uri("/second")), listener.response.get().redirects());
        assertEquals("/third?x=1", server.requests().get(2).target());
        assertEquals("bytes=0-1", server.requests().get(2).header("Range"));
        assertEquals(1, server.connectionCount(), "redirect bodies drained, connection reused");
    }

    @Test
    void basicCredentialsFromUserInfoGoOnlyToTheirOrigin() throws Exception {
        try (FaultServer other = FaultServer.start().enqueue(Replies.ok("elsewhere"))) {
            server = FaultServer.start().enqueue(Replies.redirect(301, other.uri("/x").toString()));
            URI withUser = URI.create("http://us%65r:p%40ss@127.0.0.1:" + server.port() + "/secret");
            RecordingListener listener = fixture().get(withUser);
            assertEquals("elsewhere", listener.bodyText());
            assertEquals(new Credentials("user", "p@ss").basicHeaderValue(), server.requests().get(0).header("Authorization"));
            assertNull(other.requests().get(0).header("Authorization"));
        }
    }

    @Test
    void optionCredentialsAndNetrcFallback() throws Exception {
        server = FaultServer.start().enqueue(Replies.ok("a"), Replies.ok("b"));
        Credentials netrc = new Credentials("netrc-user", "netrc-pass");
        fixture = new ClientFixture(builder -> builder.credentialSource(host -> Optional.of(netrc)));
        fixture.send(HttpRequest.get(server.uri("/1")).credentials(new Credentials("opt", "pw")).build()).bodyText();
        fixture.get(server.uri("/2")).bodyText();
        assertEquals(new Credentials("opt", "pw").basicHeaderValue(), server.requests().get(0).header("Authorization"));
        assertEquals(netrc.basicHeaderValue(), server.requests().get(1).header("Authorization"));
    }

    @Test
    void challengeModeSendsCredentialsOnlyAfterA401() throws Exception {
        server = FaultServer.start().enqueue(
                Replies.raw("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"files\"\r\nContent-Length: 4\r\n\r\nnope"),
                Replies.ok("secret"));
        fixture = new ClientFixture(builder -> builder.authChallenge(true));
        RecordingListener listener = fixture.send(HttpRequest.get(server.uri("/s"))
                .credentials(new Credentials("u", "p")).build());
        assertEquals("secret", listener.bodyText());
        assertNull(server.requests().get(0).header("Authorization"));
        assertEquals(new Credentials("u", "p").basicHeaderValue(), server.requests().get(1).header("Authorization"));
    }

    @Test
    void cookiesAreOfferedAndStored() throws Exception {
        server = FaultServer.start().enqueue(Replies.redirect(302, "/b"),
                Replies.raw("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 0\r\n\r\n"));
        AtomicReference<List<String>> stored = new AtomicReference<>();
        fixture = new ClientFixture(builder -> builder.cookies(new CookieSource() {
            @Override
            public Optional<String> cookieHeader(URI uri) {
                return Optional.of("session=" + uri.getPath().substring(1));
            }

            @Override
            public void store(URI uri, List<String> setCookieValues) {
                stored.set(setCookieValues);
            }
        }));
        fixture.get(server.uri("/a")).bodyText();
        assertEquals("session=a", server.requests().get(0).header("Cookie"));
        assertEquals("session=b", server.requests().get(1).header("Cookie"));
        assertEquals(List.of("a=1", "b=2"), stored.get());
    }

    @Test
    void pauseStopsDeliveryUntilResume() throws Exception {
        String body = "x".repeat(200_000);
        CountDownLatch written = new CountDownLatch(1);
        server = FaultServer.start().enqueue((request, socket, out) -> {
            out.write(Replies.bytes(Replies.text(200, body)));
            out.flush();
            written.countDown();
            return true;
        });
        fixture();
        AtomicReference<ExchangeHandle> handle = new AtomicReference<>();
        RecordingListener listener = new RecordingListener().onBody(buffer -> handle.get().pause());
        handle.set(fixture.client.send(HttpRequest.get(server.uri("/big")).build(), listener));
        listener.response.get(10, TimeUnit.SECONDS);
        assertTrue(written.await(10, TimeUnit.SECONDS));
        fixture.sync();
        fixture.sync();
        int deliveredWhilePaused = listener.bodyCalls.get();
        assertTrue(deliveredWhilePaused >= 1 && listener.bodySize() < body.length(), "paused mid-body");
        fixture.advance(2, TimeUnit.MINUTES);
        assertEquals(deliveredWhilePaused, listener.bodyCalls.get(), "no delivery and no timeout while paused");
        assertFalse(listener.completion.isDone());

        listener.onBody(buffer -> { });
        handle.get().resume();
        assertEquals(body, listener.bodyText());
    }

    @Test
    void cancelClosesTheConnectionSilently() throws Exception {
        CountDownLatch headSent = new CountDownLatch(1);
        server = FaultServer.start().enqueue(Replies.stallAfter("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab", headSent));
        fixture();
        RecordingListener listener = new RecordingListener();
        ExchangeHandle handle = fixture.client.send(HttpRequest.get(server.uri("/x")).build(), listener);
        listener.response.get(10, TimeUnit.SECONDS);
        handle.cancel();
        fixture.advance(5, TimeUnit.MINUTES);
        assertFalse(listener.completion.isDone());
    }

    @Test
    void downloadsIntoAFileAtAnOffset(@TempDir Path directory) throws Exception {
        server = FaultServer.start().enqueue(Replies.ok("payload"));
        Path file = directory.resolve("out.bin");
        fixture();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            HttpResponse response = fixture.client.download(HttpRequest.get(server.uri("/p")).build(), channel, 3)
                    .get(10, TimeUnit.SECONDS);
            assertEquals(200, response.status());
        }
        assertArrayEquals(new byte[] {0, 0, 0, 'p', 'a', 'y', 'l', 'o', 'a', 'd'}, Files.readAllBytes(file));
    }
}
