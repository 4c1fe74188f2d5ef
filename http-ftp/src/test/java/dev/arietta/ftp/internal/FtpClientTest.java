package dev.arietta.ftp.internal;

import static dev.arietta.ftp.internal.FtpClientFixture.ANONYMOUS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.ftp.FtpException;
import dev.arietta.http.internal.ExchangeHandle;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event-loop FTP driver against the in-JVM fake server: transfers, ranges, reuse, backpressure. */
class FtpClientTest {
    static final byte[] CONTENT = randomBytes(3 * 1024 * 1024 + 17);
    static final FtpSessionOptions OPTIONS = new FtpSessionOptions(5000, 5000, false,
            PassiveAddressPolicy.REJECT_MISMATCH, FtpLimits.DEFAULTS);

    private FakeFtpServer server;
    private FtpClientFixture fixture;

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    static FtpUrl url(FakeFtpServer server, String path) throws FtpException {
        return FtpUrl.parse(URI.create("ftp://127.0.0.1:" + server.port() + path));
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

    private FtpClientFixture start(FtpSessionOptions options) throws Exception {
        server = new FakeFtpServer(CONTENT);
        fixture = new FtpClientFixture(options);
        return fixture;
    }

    @Test
    void retrievesWholeFileWithSizeAndTime() throws Exception {
        start(OPTIONS);
        RecordingFtpListener listener = fixture.retrieve(FtpRetrieval.range(url(server, "/pub/file.bin"), ANONYMOUS,
                0, FtpRetrieval.TO_END));
        assertArrayEquals(CONTENT, listener.bytes());
        FtpResponse response = listener.response.get();
        assertEquals(OptionalLong.of(CONTENT.length), response.size());
        assertEquals(Optional.of(Instant.parse("2024-01-31T23:59:59Z")), response.lastModified());
        assertEquals(0, response.offset());
        assertEquals(CONTENT.length, response.length());
        assertEquals(List.of("USER anonymous", "PASS arietta@", "FEAT", "PWD", "TYPE I", "CWD pub",
                "SIZE file.bin", "MDTM file.bin", "EPSV", "RETR file.bin"), server.commands());
        assertEquals(1, fixture.idleConnections());
    }

    @Test
    void asciiTypeIsAskedForAtLogin() throws Exception {
        start(OPTIONS.withAsciiType(true));
        RecordingFtpListener listener = fixture.retrieve(new FtpRetrieval(url(server, "/pub/file.bin"), ANONYMOUS,
                0, FtpRetrieval.TO_END, false, false, true));
        assertArrayEquals(CONTENT, listener.bytes());
        assertEquals(List.of("USER anonymous", "PASS arietta@", "FEAT", "PWD", "TYPE A", "CWD pub", "EPSV",
                "RETR file.bin"), server.commands());
    }

    @Test
    void boundedRangeEndsWithAborAndTheConnectionServesTheNextSegment() throws Exception {
        start(OPTIONS);
        FtpUrl url = url(server, "/pub/file.bin");
        RecordingFtpListener first = fixture.retrieve(FtpRetrieval.range(url, ANONYMOUS, 1000, 6000));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 1000, 6000), first.bytes());
        assertEquals(5000, first.response.get().length());
        assertEquals(1, fixture.idleConnections());

        RecordingFtpListener second = fixture.retrieve(new FtpRetrieval(url, ANONYMOUS, 2_000_000,
                FtpRetrieval.TO_END, false, false, true));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 2_000_000, CONTENT.length), second.bytes());
        assertEquals(-1, second.response.get().length(), "no SIZE asked: length unknown");

        List<String> commands = server.commands();
        assertEquals(1, commands.stream().filter(c -> c.startsWith("USER")).count(), commands.toString());
        assertEquals(1, commands.stream().filter(c -> c.startsWith("CWD")).count(), commands.toString());
        assertTrue(commands.containsAll(List.of("REST 1000", "ABOR", "NOOP", "REST 2000000")), commands.toString());
        assertEquals(1, fixture.idleConnections());
    }

    @Test
    void rangeReachingTheFileEndReadsToTheEndWithoutAbor() throws Exception {
        start(OPTIONS);
        RecordingFtpListener listener = fixture.retrieve(FtpRetrieval.range(url(server, "/f.bin"), ANONYMOUS,
                CONTENT.length - 10, CONTENT.length));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, CONTENT.length - 10, CONTENT.length), listener.bytes());
        assertFalse(server.commands().contains("ABOR"), server.commands().toString());
    }

    @Test
    void otherFileOnTheSameServerReusesTheLogin() throws Exception {
        start(OPTIONS);
        assertArrayEquals(CONTENT, fixture.retrieve(FtpRetrieval.range(url(server, "/a/f.bin"), ANONYMOUS, 0,
                FtpRetrieval.TO_END)).bytes());
        server.reply("SIZE", "550 no such file\r\n");
        FtpUrl other = url(server, "/b/g.bin");
        FtpException failure = fixture.retrieve(FtpRetrieval.range(other, ANONYMOUS, 0, FtpRetrieval.TO_END)).failure();
        assertEquals(FtpException.Reason.FILE_NOT_FOUND, failure.reason());
        assertEquals(other.masked(), failure.url(), "the error names the second file's URL");
        assertEquals(1, server.commands().stream().filter(c -> c.startsWith("USER")).count());
        assertTrue(server.commands().containsAll(List.of("CWD /", "CWD b")), server.commands().toString());
        assertEquals(1, fixture.idleConnections());
    }

    @Test
    void activeModeWithEprt() throws Exception {
        start(OPTIONS.withActiveMode(true));
        RecordingFtpListener listener = fixture.retrieve(new FtpRetrieval(url(server, "/f.bin"), ANONYMOUS, 3,
                FtpRetrieval.TO_END, false, false, true));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 3, CONTENT.length), listener.bytes());
        assertTrue(server.commands().stream().anyMatch(c -> c.startsWith("EPRT |1|127.0.0.1|")),
                server.commands().toString());
    }

    @Test
    void pasvWhenExtendedPassiveIsOff() throws Exception {
        start(OPTIONS.withExtendedPassive(false));
        assertArrayEquals(CONTENT, fixture.retrieve(FtpRetrieval.range(url(server, "/f.bin"), ANONYMOUS, 0,
                FtpRetrieval.TO_END)).bytes());
        assertTrue(server.commands().contains("PASV"), server.commands().toString());
        assertFalse(server.commands().contains("EPSV"), server.commands().toString());
    }

    @Test
    void ipv6PassiveAndActive() throws Exception {
        server = new FakeFtpServer(CONTENT, InetAddress.getByName("::1"));
        FtpUrl url = FtpUrl.parse(URI.create("ftp://[::1]:" + server.port() + "/f.bin"));
        for (boolean active : new boolean[] {false, true}) {
            try (FtpClientFixture client = new FtpClientFixture(OPTIONS.withActiveMode(active))) {
                assertArrayEquals(CONTENT, client.retrieve(FtpRetrieval.range(url, ANONYMOUS, 0,
                        FtpRetrieval.TO_END)).bytes(), "active " + active);
            }
        }
        assertTrue(server.commands().contains("EPSV"), server.commands().toString());
        assertTrue(server.commands().stream().anyMatch(c -> c.startsWith("EPRT |2|0:0:0:0:0:0:0:1|")), server.commands().toString());
    }

    @Test
    void queryGivesSizeAndTimeWithoutTransfer() throws Exception {
        start(OPTIONS);
        RecordingFtpListener listener = fixture.retrieve(FtpRetrieval.query(url(server, "/a/b/f.bin"), ANONYMOUS));
        assertEquals(0, listener.bytes().length);
        assertEquals(OptionalLong.of(CONTENT.length), listener.response.get().size());
        assertFalse(server.commands().stream().anyMatch(c -> c.startsWith("RETR") || c.startsWith("EPSV")));
        assertEquals(1, fixture.idleConnections());
    }

    @Test
    void pauseStopsTheFlowAndSuspendsTheReadTimeout() throws Exception {
        start(OPTIONS);
        CompletableFuture<Integer> pausedAt = new CompletableFuture<>();
        // The first bytes may arrive before retrieve() has returned the handle to this thread.
        CompletableFuture<ExchangeHandle> handle = new CompletableFuture<>();
        RecordingFtpListener listener = new RecordingFtpListener();
        listener.onBody(buffer -> {
            if (!pausedAt.isDone()) {
                handle.join().pause();
                pausedAt.complete(listener.bodySize());
            }
        });
        fixture.retrieve(FtpRetrieval.range(url(server, "/f.bin"), ANONYMOUS, 0, FtpRetrieval.TO_END), listener);
        handle.complete(fixture.lastHandle);
        int size = pausedAt.get(10, TimeUnit.SECONDS);
        fixture.advance(OPTIONS.readTimeoutMillis() * 3L, TimeUnit.MILLISECONDS);
        assertEquals(size, listener.bodySize(), "no bytes while paused");
        assertFalse(listener.completion.isDone(), "no timeout while paused");
        fixture.lastHandle.resume();
        assertArrayEquals(CONTENT, listener.bytes());
    }

    @Test
    void cancelMidTransferAbortsAndKeepsTheConnection() throws Exception {
        start(OPTIONS);
        CompletableFuture<Void> someBytes = new CompletableFuture<>();
        RecordingFtpListener listener = new RecordingFtpListener().onBody(buffer -> someBytes.complete(null));
        fixture.retrieve(FtpRetrieval.range(url(server, "/f.bin"), ANONYMOUS, 0, FtpRetrieval.TO_END), listener);
        someBytes.get(10, TimeUnit.SECONDS);
        fixture.lastHandle.cancel();
        // The fake server serves one control connection at a time: wait for the ABOR to finish.
        fixture.awaitIdleConnections(1);
        RecordingFtpListener next = fixture.retrieve(FtpRetrieval.range(url(server, "/f.bin"), ANONYMOUS, 7, 70));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 7, 70), next.bytes());
        assertFalse(listener.completion.isDone(), "a cancelled retrieval hears nothing more");
        assertEquals(1, server.commands().stream().filter(c -> c.startsWith("USER")).count(),
                server.commands().toString());
    }

    @Test
    void poolKeepsConnectionsOnlyForTheKeepAliveTime() throws Exception {
        server = new FakeFtpServer(CONTENT);
        fixture = new FtpClientFixture(builder -> builder.options(OPTIONS).keepAlive(java.time.Duration.ofSeconds(15)));
        fixture.retrieve(FtpRetrieval.query(url(server, "/f.bin"), ANONYMOUS)).bytes();
        assertEquals(1, fixture.idleConnections());
        fixture.advance(14, TimeUnit.SECONDS);
        assertEquals(1, fixture.idleConnections());
        fixture.advance(1, TimeUnit.SECONDS);
        assertEquals(0, fixture.idleConnections());
    }

    @Test
    void pooledConnectionClosedByTheServerIsDroppedAndReplaced() throws Exception {
        start(OPTIONS);
        server.on("MDTM", (c, a) -> {
            c.write("213 20240131235959\r\n");
            c.close();
        });
        fixture.retrieve(FtpRetrieval.query(url(server, "/f.bin"), ANONYMOUS)).bytes();
        fixture.awaitIdleConnections(0);
        server.reply("MDTM", "213 20240131235959\r\n");
        RecordingFtpListener again = fixture.retrieve(FtpRetrieval.query(url(server, "/f.bin"), ANONYMOUS));
        again.bytes();
        assertEquals(OptionalLong.of(CONTENT.length), again.response.get().size());
        assertEquals(2, server.commands().stream().filter(c -> c.startsWith("USER")).count());
    }

    @Test
    void pooledConnectionDroppedAsItIsReusedIsRetriedOnceOnANewOne() throws Exception {
        start(OPTIONS);
        fixture.retrieve(FtpRetrieval.query(url(server, "/f.bin"), ANONYMOUS)).bytes();
        java.util.concurrent.atomic.AtomicBoolean dropped = new java.util.concurrent.atomic.AtomicBoolean();
        server.on("SIZE", (c, a) -> {
            if (dropped.compareAndSet(false, true)) {
                c.write("421 Timeout.\r\n");
                c.close();
            } else {
                c.write("213 " + CONTENT.length + "\r\n");
            }
        });
        RecordingFtpListener again = fixture.retrieve(FtpRetrieval.range(url(server, "/f.bin"), ANONYMOUS, 5, 50));
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 5, 50), again.bytes());
        assertEquals(2, server.commands().stream().filter(c -> c.startsWith("USER")).count());
    }
}
