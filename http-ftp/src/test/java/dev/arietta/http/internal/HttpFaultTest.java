package dev.arietta.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.http.HttpException;
import dev.arietta.http.HttpNetworkException;
import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpProtocolException.Reason;
import dev.arietta.http.HttpRangeException;
import dev.arietta.http.HttpRedirectException;
import dev.arietta.http.HttpStatusException;
import dev.arietta.http.HttpTimeoutException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault the scripted server can inject, mapped to the exact typed error the client must
 * report. Timeouts run on the fixture's fake clock: the test waits until the fault is in
 * place, then advances the clock past the deadline.
 */
class HttpFaultTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

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

    /** One fault: what the server does, what the client asks, what must come out. */
    record Fault(List<FaultServer.Responder> script, Function<URI, HttpRequest> request,
                 UnaryOperator<Http1Client.Builder> configure, CountDownLatch faultInPlace,
                 Class<? extends HttpException> type, Object detail, ErrorCode code) {
    }

    private static Fault fault(Class<? extends HttpException> type, Object detail, ErrorCode code,
                               FaultServer.Responder... script) {
        return new Fault(List.of(script), uri -> HttpRequest.get(uri).build(), builder -> builder, null, type,
                detail, code);
    }

    private static Fault protocol(Reason reason, FaultServer.Responder... script) {
        return fault(HttpProtocolException.class, reason, ErrorCode.HTTP_PROTOCOL_ERROR, script);
    }

    private static Fault withRequest(Fault fault, Function<URI, HttpRequest> request) {
        return new Fault(fault.script, request, fault.configure, fault.faultInPlace, fault.type, fault.detail, fault.code);
    }

    private static Fault withClient(Fault fault, UnaryOperator<Http1Client.Builder> configure) {
        return new Fault(fault.script, fault.request, configure, fault.faultInPlace, fault.type, fault.detail, fault.code);
    }

    private static Fault stalled(String prefix, HttpTimeoutException.Phase phase) {
        CountDownLatch sent = new CountDownLatch(1);
        return new Fault(List.of(Replies.stallAfter(prefix, sent)), uri -> HttpRequest.get(uri).build(),
                builder -> builder, sent, HttpTimeoutException.class, phase, ErrorCode.TIMEOUT);
    }

    static Stream<Arguments> faults() throws Exception {
        byte[] bomb = ContentDecoderTest.gzip(new byte[32 * 1024 * 1024]);
        String hugeHeaders = "HTTP/1.1 200 OK\r\n" + ("X-Filler: " + "f".repeat(2000) + "\r\n").repeat(40) + "\r\n";
        return Stream.of(
                Arguments.of("stall after headers", stalled("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc",
                        HttpTimeoutException.Phase.RESPONSE_BODY)),
                Arguments.of("stall before any response", stalled("", HttpTimeoutException.Phase.RESPONSE_HEAD)),
                Arguments.of("stall in the middle of the head", stalled("HTTP/1.1 200 OK\r\nContent-Le",
                        HttpTimeoutException.Phase.RESPONSE_HEAD)),
                Arguments.of("reset mid-body", fault(HttpNetworkException.class, null, ErrorCode.NETWORK,
                        Replies.resetAfter("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "z".repeat(1000)))),
                Arguments.of("wrong Content-Range", withRequest(fault(HttpRangeException.class, "bytes 0-9/100",
                        ErrorCode.CANNOT_RESUME, Replies.raw("HTTP/1.1 206 P\r\nContent-Range: bytes 0-9/100\r\n"
                                + "Content-Length: 10\r\n\r\n0123456789")),
                        uri -> HttpRequest.get(uri).range(ByteRange.of(50, 10)).build())),
                Arguments.of("entity length changed", withRequest(fault(HttpRangeException.class, "bytes 50-59/90",
                        ErrorCode.CANNOT_RESUME, Replies.raw("HTTP/1.1 206 P\r\nContent-Range: bytes 50-59/90\r\n"
                                + "Content-Length: 10\r\n\r\n0123456789")),
                        uri -> HttpRequest.get(uri).range(ByteRange.of(50, 10)).expectedEntityLength(100).build())),
                Arguments.of("200 for a range", withRequest(fault(HttpRangeException.class, "",
                        ErrorCode.CANNOT_RESUME, Replies.ok("the whole file")),
                        uri -> HttpRequest.get(uri).range(ByteRange.of(5, 5)).build())),
                Arguments.of("206 without Content-Range", withRequest(fault(HttpRangeException.class, "",
                        ErrorCode.CANNOT_RESUME, Replies.raw("HTTP/1.1 206 P\r\nContent-Type: multipart/byteranges; "
                                + "boundary=x\r\nContent-Length: 0\r\n\r\n")),
                        uri -> HttpRequest.get(uri).range(ByteRange.of(5, 5)).build())),
                Arguments.of("Content-Length disagrees with Content-Range", withRequest(protocol(Reason.MALFORMED_CONTENT_RANGE,
                        Replies.raw("HTTP/1.1 206 P\r\nContent-Range: bytes 5-9/100\r\nContent-Length: 4\r\n\r\nabcd")),
                        uri -> HttpRequest.get(uri).range(ByteRange.of(5, 5)).build())),
                Arguments.of("206 without a range request", protocol(Reason.UNEXPECTED_RESPONSE,
                        Replies.raw("HTTP/1.1 206 P\r\nContent-Range: bytes 0-0/1\r\nContent-Length: 1\r\n\r\na"))),
                Arguments.of("lying Content-Length", protocol(Reason.TRUNCATED_BODY,
                        Replies.rawThenClose("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nshort"))),
                Arguments.of("conflicting Content-Length", protocol(Reason.CONFLICTING_CONTENT_LENGTH,
                        Replies.raw("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"))),
                Arguments.of("huge headers", protocol(Reason.HEADERS_TOO_LARGE, Replies.raw(hugeHeaders))),
                Arguments.of("huge header line", protocol(Reason.LINE_TOO_LONG,
                        Replies.raw("HTTP/1.1 200 OK\r\nX: " + "y".repeat(20_000) + "\r\n\r\n"))),
                Arguments.of("endless 1xx", protocol(Reason.TOO_MANY_INTERIM_RESPONSES,
                        Replies.raw("HTTP/1.1 100 Continue\r\n\r\n".repeat(1000)))),
                Arguments.of("gzip bomb", withRequest(withClient(protocol(Reason.DECOMPRESSION_RATIO_EXCEEDED,
                        Replies.write(out -> {
                            out.write(Replies.bytes("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
                                    + bomb.length + "\r\n\r\n"));
                            out.write(bomb);
                        })), builder -> builder.limits(HttpLimits.builder().maxInflateRatio(100).build())),
                        uri -> HttpRequest.get(uri).acceptCompressed(true).build())),
                Arguments.of("corrupt gzip", withRequest(protocol(Reason.MALFORMED_CONTENT_ENCODING,
                        Replies.raw("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 6\r\n\r\nnotgz!")),
                        uri -> HttpRequest.get(uri).acceptCompressed(true).build())),
                Arguments.of("bad chunk size", protocol(Reason.MALFORMED_CHUNK_SIZE,
                        Replies.raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nxyz\r\n"))),
                Arguments.of("chunk size overflow", protocol(Reason.MALFORMED_CHUNK_SIZE,
                        Replies.raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n"))),
                Arguments.of("chunk without CRLF", protocol(Reason.MALFORMED_CHUNK,
                        Replies.raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n"))),
                Arguments.of("close without response", protocol(Reason.NO_RESPONSE, Replies.closeWithoutResponse())),
                Arguments.of("garbage instead of HTTP", protocol(Reason.MALFORMED_STATUS_LINE,
                        Replies.rawThenClose("SSH-2.0-OpenSSH_9.2\r\n"))),
                Arguments.of("redirect loop", fault(HttpRedirectException.class, HttpRedirectException.Reason.LOOP,
                        ErrorCode.HTTP_TOO_MANY_REDIRECTS, Replies.redirect(302, "/b"), Replies.redirect(302, "/a"))),
                Arguments.of("too many redirects", withClient(fault(HttpRedirectException.class,
                        HttpRedirectException.Reason.TOO_MANY, ErrorCode.HTTP_TOO_MANY_REDIRECTS,
                        Replies.redirect(301, "/1"), Replies.redirect(301, "/2"), Replies.redirect(301, "/3"),
                        Replies.redirect(301, "/4")), builder -> builder.maxRedirects(3))),
                Arguments.of("redirect without Location", fault(HttpRedirectException.class,
                        HttpRedirectException.Reason.MISSING_LOCATION, ErrorCode.HTTP_PROTOCOL_ERROR,
                        Replies.raw("HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n"))),
                Arguments.of("redirect to ftp", fault(HttpRedirectException.class,
                        HttpRedirectException.Reason.BAD_LOCATION, ErrorCode.HTTP_PROTOCOL_ERROR,
                        Replies.redirect(302, "ftp://example.com/file"))),
                Arguments.of("404", fault(HttpStatusException.class, 404, ErrorCode.RESOURCE_NOT_FOUND,
                        Replies.raw(Replies.text(404, "missing")))),
                Arguments.of("401", fault(HttpStatusException.class, 401, ErrorCode.HTTP_AUTH_FAILED,
                        Replies.raw("HTTP/1.1 401 U\r\nWWW-Authenticate: Basic realm=x\r\nContent-Length: 0\r\n\r\n"))),
                Arguments.of("500", fault(HttpStatusException.class, 500, ErrorCode.HTTP_PROTOCOL_ERROR,
                        Replies.raw(Replies.text(500, "oops")))),
                Arguments.of("503 with Retry-After", fault(HttpStatusException.class, Duration.ofSeconds(120),
                        ErrorCode.HTTP_SERVICE_UNAVAILABLE,
                        Replies.raw("HTTP/1.1 503 Busy\r\nRetry-After: 120\r\nContent-Length: 0\r\n\r\n"))),
                Arguments.of("429 with a Retry-After date", withClient(fault(HttpStatusException.class,
                        Duration.ofSeconds(90), ErrorCode.HTTP_SERVICE_UNAVAILABLE,
                        Replies.raw("HTTP/1.1 429 Slow down\r\nRetry-After: Tue, 02 Jan 2024 03:05:35 GMT\r\n"
                                + "Content-Length: 0\r\n\r\n")),
                        builder -> builder.clock(Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void faultGivesItsTypedError(String name, Fault fault) throws Exception {
        server = FaultServer.start();
        fault.script.forEach(server::enqueue);
        fixture = new ClientFixture(builder -> fault.configure.apply(builder.readTimeout(READ_TIMEOUT)));
        URI uri = URI.create("http://user:secret@127.0.0.1:" + server.port() + "/a");
        RecordingListener listener = fixture.send(fault.request.apply(uri));
        if (fault.faultInPlace != null) {
            assertTrue(fault.faultInPlace.await(10, TimeUnit.SECONDS));
            // The client must have consumed what was sent before the clock jumps.
            waitUntilReceived(listener, fault.detail == HttpTimeoutException.Phase.RESPONSE_BODY);
            fixture.advance(READ_TIMEOUT.toSeconds() - 1, TimeUnit.SECONDS);
            assertFalse(listener.completion.isDone(), name + ": no timeout before the deadline");
            fixture.advance(1, TimeUnit.SECONDS);
        }
        HttpException failure = listener.failure();
        assertInstanceOf(fault.type, failure, name + ": " + failure);
        assertEquals(fault.code, failure.errorCode(), name);
        assertTrue(failure.getMessage().contains("user:****@127.0.0.1"), failure.getMessage());
        assertFalse(failure.getMessage().contains("secret"), failure.getMessage());
        checkDetail(name, fault.detail, failure);
    }

    private void waitUntilReceived(RecordingListener listener, boolean bodyStarted) throws Exception {
        if (bodyStarted) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (listener.bodySize() == 0 && System.nanoTime() < deadline) {
                fixture.sync();
            }
        }
        fixture.sync();
    }

    private static void checkDetail(String name, Object detail, HttpException failure) {
        if (failure instanceof HttpProtocolException) {
            assertEquals(detail, ((HttpProtocolException) failure).reason(), name + ": " + failure.getMessage());
        } else if (failure instanceof HttpTimeoutException) {
            assertEquals(detail, ((HttpTimeoutException) failure).phase(), name);
        } else if (failure instanceof HttpRedirectException) {
            assertEquals(detail, ((HttpRedirectException) failure).reason(), name);
        } else if (failure instanceof HttpRangeException) {
            assertEquals(detail, ((HttpRangeException) failure).received().orElse(""), name);
        } else if (failure instanceof HttpStatusException) {
            HttpStatusException status = (HttpStatusException) failure;
            if (detail instanceof Duration) {
                assertEquals(detail, status.retryAfter().orElseThrow(), name);
            } else {
                assertEquals(detail, status.status().getAsInt(), name);
            }
        }
    }

    @Test
    void refusedConnectionIsANetworkError() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = closed.getLocalPort();
        }
        fixture = new ClientFixture();
        HttpException failure = fixture.get(URI.create("http://127.0.0.1:" + port + "/")).failure();
        assertInstanceOf(HttpNetworkException.class, failure);
        assertEquals(ErrorCode.NETWORK, failure.errorCode());
        assertTrue(failure.getMessage().contains("127.0.0.1:" + port), failure.getMessage());
    }

    @Test
    void unknownHostIsANameResolutionError() throws Exception {
        fixture = new ClientFixture(builder -> builder.resolver(
                host -> CompletableFuture.failedFuture(new UnknownHostException(host))));
        HttpException failure = fixture.get(URI.create("http://no.such.host.invalid/")).failure();
        assertInstanceOf(HttpNetworkException.class, failure);
        assertEquals(ErrorCode.NAME_RESOLVE_ERROR, failure.errorCode());
        assertTrue(((HttpNetworkException) failure).isNameResolution());
    }

    @Test
    void connectTimeoutCountsOnTheInjectedClock() throws Exception {
        fixture = new ClientFixture(builder -> builder.connectTimeout(Duration.ofSeconds(10))
                .resolver(host -> new CompletableFuture<>()));
        RecordingListener listener = fixture.get(URI.create("http://slow.example/"));
        fixture.advance(9, TimeUnit.SECONDS);
        assertFalse(listener.completion.isDone());
        fixture.advance(1, TimeUnit.SECONDS);
        HttpException failure = listener.failure();
        assertInstanceOf(HttpTimeoutException.class, failure);
        assertEquals(HttpTimeoutException.Phase.CONNECT, ((HttpTimeoutException) failure).phase());
        assertEquals(ErrorCode.TIMEOUT, failure.errorCode());
    }
}
