package dev.arietta.ftp.internal;

import static dev.arietta.ftp.internal.FtpClientFixture.ANONYMOUS;
import static dev.arietta.ftp.internal.FtpClientTest.CONTENT;
import static dev.arietta.ftp.internal.FtpClientTest.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.FtpException.Reason;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and failing servers against the event-loop driver: each fault maps to its exact
 * {@link Reason}, and leaves the control connection pooled only when the session is still sound.
 * Timeouts run on the fixture's fake clock: the test waits until the fault is in place, then
 * moves the clock to just before and just past the deadline.
 */
class FtpClientFaultTest {
    private static final FtpSessionOptions OPTIONS = new FtpSessionOptions(5000, 5000, false,
            PassiveAddressPolicy.REJECT_MISMATCH, new FtpLimits(1024, 64));

    private FakeFtpServer server;
    private FtpClientFixture fixture;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() throws Exception {
        release.countDown();
        if (fixture != null) {
            fixture.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> hostileServers() throws Exception {
        return HostileFtpServers.all();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("hostileServers")
    void hostileServerGivesExactError(String name, HostileFtpServers.ServerSetup setup, Reason reason,
                                      boolean usableAfter) throws Exception {
        server = new FakeFtpServer(CONTENT);
        setup.apply(server);
        fixture = new FtpClientFixture(OPTIONS);
        FtpUrl url = url(server, "/dir/file.bin");
        RecordingFtpListener first = fixture.retrieve(FtpRetrieval.range(url, ANONYMOUS, 100, FtpRetrieval.TO_END));
        FtpException failure;
        if (first.completion.handle((bytes, error) -> error).get(10, TimeUnit.SECONDS) != null) {
            failure = first.failure();
        } else {
            failure = fixture.retrieve(FtpRetrieval.range(url, ANONYMOUS, 0, FtpRetrieval.TO_END)).failure();
        }
        assertEquals(reason, failure.reason(), failure.getMessage());
        assertEquals(url.masked(), failure.url());
        assertEquals(usableAfter ? 1 : 0, fixture.idleConnections(), "connection pooled after " + name);
    }

    @Test
    void silentServerTimesOutOnTheInjectedClock() throws Exception {
        server = new FakeFtpServer(CONTENT);
        CountDownLatch featReceived = new CountDownLatch(1);
        server.on("FEAT", (c, a) -> featReceived.countDown());
        fixture = new FtpClientFixture(OPTIONS);
        RecordingFtpListener listener = fixture.retrieve(FtpRetrieval.query(url(server, "/f"), ANONYMOUS));
        assertTrue(featReceived.await(10, TimeUnit.SECONDS));
        fixture.advance(OPTIONS.readTimeoutMillis() - 1, TimeUnit.MILLISECONDS);
        assertFalse(listener.completion.isDone(), "no timeout before the deadline");
        fixture.advance(1, TimeUnit.MILLISECONDS);
        FtpException failure = listener.failure();
        assertEquals(Reason.TIMEOUT, failure.reason(), failure.getMessage());
        assertEquals(ErrorCode.TIMEOUT, failure.errorCode());
        assertEquals(0, fixture.idleConnections());
    }

    /** RETR answers 150 and sends the first {@code bytes} of the content, then nothing until the test ends. */
    private void sendThenStall(int bytes) {
        server.on("RETR", (c, a) -> {
            c.write("150 go\r\n");
            try (Socket data = c.openData()) {
                data.getOutputStream().write(CONTENT, 0, bytes);
                data.getOutputStream().flush();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void dataStalledMidTransferTimesOut() throws Exception {
        server = new FakeFtpServer(CONTENT);
        sendThenStall(1000);
        fixture = new FtpClientFixture(OPTIONS);
        CompletableFuture<Void> allSent = new CompletableFuture<>();
        RecordingFtpListener listener = new RecordingFtpListener();
        listener.onBody(buffer -> {
            if (listener.bodySize() == 1000) {
                allSent.complete(null);
            }
        });
        fixture.retrieve(new FtpRetrieval(url(server, "/f"), ANONYMOUS, 0, FtpRetrieval.TO_END, false, false, true),
                listener);
        allSent.get(10, TimeUnit.SECONDS);
        fixture.advance(OPTIONS.readTimeoutMillis() - 1, TimeUnit.MILLISECONDS);
        assertFalse(listener.completion.isDone(), "no timeout before the deadline");
        fixture.advance(1, TimeUnit.MILLISECONDS);
        FtpException failure = listener.failure();
        assertEquals(Reason.TIMEOUT, failure.reason(), failure.getMessage());
        assertTrue(failure.getMessage().contains("after 1000 bytes"), failure.getMessage());
    }

    @Test
    void unansweredAborStillCompletesTheRangeAndDropsTheConnection() throws Exception {
        server = new FakeFtpServer(CONTENT);
        // The server sends the range and then nothing at all: no 226 (or 426) for the transfer, no
        // answer to ABOR or NOOP. A final reply arriving after the clock has moved would count as
        // progress and push the deadline past the test's single advance.
        sendThenStall(10);
        fixture = new FtpClientFixture(OPTIONS);
        CompletableFuture<Void> rangeReceived = new CompletableFuture<>();
        RecordingFtpListener listener = new RecordingFtpListener();
        listener.onBody(buffer -> {
            if (listener.bodySize() == 10) {
                rangeReceived.complete(null);
            }
        });
        fixture.retrieve(FtpRetrieval.range(url(server, "/f"), ANONYMOUS, 0, 10), listener);
        rangeReceived.get(10, TimeUnit.SECONDS);
        assertFalse(listener.completion.isDone(), "completion waits for the ABOR answer");
        fixture.advance(OPTIONS.readTimeoutMillis(), TimeUnit.MILLISECONDS);
        assertEquals(10, listener.bytes().length);
        assertEquals(0, fixture.idleConnections());
    }

    @Test
    void aborAnsweredWithoutEndStillCompletesTheRangeAndDropsTheConnection() throws Exception {
        server = new FakeFtpServer(CONTENT);
        server.on("ABOR", (c, a) -> {
            for (int i = 0; i <= FtpProtocol.MAX_REPLIES_WHILE_ABORTING; i++) {
                c.write("226 still here\r\n");
            }
        });
        server.on("NOOP", (c, a) -> { });
        fixture = new FtpClientFixture(OPTIONS);
        RecordingFtpListener listener = fixture.retrieve(FtpRetrieval.range(url(server, "/f"), ANONYMOUS, 0, 10));
        assertEquals(10, listener.bytes().length);
        assertEquals(0, fixture.idleConnections());
    }

    @Test
    void listenerThrowingFailsOnlyItsRetrieval() throws Exception {
        server = new FakeFtpServer(CONTENT);
        fixture = new FtpClientFixture(OPTIONS);
        RecordingFtpListener throwing = new RecordingFtpListener().onBody(buffer -> {
            throw new IllegalStateException("listener bug");
        });
        fixture.retrieve(FtpRetrieval.range(url(server, "/f"), ANONYMOUS, 0, FtpRetrieval.TO_END), throwing);
        FtpException failure = throwing.failure();
        assertEquals(Reason.DATA_CONNECTION_FAILED, failure.reason(), failure.getMessage());
        assertEquals(0, fixture.idleConnections(), "the interrupted session is not pooled");
        RecordingFtpListener next = fixture.retrieve(FtpRetrieval.range(url(server, "/f"), ANONYMOUS, 0, 100));
        assertEquals(100, next.bytes().length, "the loop and the client carry on");
    }

    @Test
    void connectTimeoutCountsOnTheInjectedClock() throws Exception {
        fixture = new FtpClientFixture(builder -> builder.options(OPTIONS).resolver(host -> new CompletableFuture<>()));
        RecordingFtpListener listener = fixture.retrieve(FtpRetrieval.query(
                FtpUrl.parse(URI.create("ftp://slow.example/f")), ANONYMOUS));
        fixture.advance(OPTIONS.connectTimeoutMillis() - 1, TimeUnit.MILLISECONDS);
        assertFalse(listener.completion.isDone());
        fixture.advance(1, TimeUnit.MILLISECONDS);
        assertEquals(Reason.TIMEOUT, listener.failure().reason());
    }

    @Test
    void unresolvableHost() throws Exception {
        fixture = new FtpClientFixture(builder -> builder.options(OPTIONS)
                .resolver(host -> CompletableFuture.failedFuture(new UnknownHostException(host))));
        FtpException failure = fixture.retrieve(FtpRetrieval.query(
                FtpUrl.parse(URI.create("ftp://no-such-host.invalid/f")), ANONYMOUS)).failure();
        assertEquals(Reason.NAME_RESOLUTION_FAILED, failure.reason());
        assertEquals(ErrorCode.NAME_RESOLVE_ERROR, failure.errorCode());
    }

    @Test
    void refusedConnection() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        fixture = new FtpClientFixture(OPTIONS);
        FtpException failure = fixture.retrieve(FtpRetrieval.query(
                FtpUrl.parse(URI.create("ftp://127.0.0.1:" + port + "/f")), ANONYMOUS)).failure();
        assertEquals(Reason.CONNECTION_FAILED, failure.reason());
    }

    @Test
    void activeConnectionFromAnotherHostIsRefused() throws Exception {
        server = new FakeFtpServer(CONTENT);
        server.on("EPRT", (c, a) -> {
            String[] parts = a.split("\\|");
            // Connect from 127.0.0.2: a third party racing the server.
            try (Socket intruder = new Socket()) {
                intruder.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                intruder.connect(new java.net.InetSocketAddress(InetAddress.getByName(parts[2]),
                        Integer.parseInt(parts[3])));
            }
            c.write("200 EPRT ok\r\n");
        });
        server.reply("RETR", "150 go\r\n");
        fixture = new FtpClientFixture(OPTIONS.withActiveMode(true));
        FtpException failure = fixture.retrieve(FtpRetrieval.range(url(server, "/f"), ANONYMOUS, 0,
                FtpRetrieval.TO_END)).failure();
        assertEquals(Reason.DATA_CONNECTION_FAILED, failure.reason(), failure.getMessage());
    }
}
