package dev.arietta.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.FtpException.Reason;
import dev.arietta.http.internal.FakeProxy;
import dev.arietta.http.internal.ProxyServer;
import dev.arietta.http.internal.netrc.Netrc;
import dev.arietta.http.internal.netrc.NetrcLimits;
import dev.arietta.http.internal.netrc.NetrcParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event-loop FTP client against a real vsftpd on loopback (and through an in-JVM CONNECT proxy). */
class VsftpdClientIT {
    private static final FtpSessionOptions OPTIONS = new FtpSessionOptions(10_000, 10_000, false,
            PassiveAddressPolicy.REJECT_MISMATCH, FtpLimits.DEFAULTS);
    private static final FtpCredentials ANONYMOUS = FtpClientFixture.ANONYMOUS;

    @TempDir
    static Path directory;

    private static VsftpdTree tree;
    private static VsftpdServer server;

    private EventLoop loop;
    private FtpClient client;

    @BeforeAll
    static void startServer() throws Exception {
        VsftpdServer.requireInstalled();
        tree = VsftpdTree.create(directory);
        server = VsftpdServer.start(tree.root(), Files.createDirectories(directory.resolve("work")),
                InetAddress.getByName("127.0.0.1"));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
        if (loop != null) {
            loop.close();
        }
    }

    private FtpClient client(UnaryOperator<FtpClient.Builder> configure) throws IOException {
        closeClient();
        loop = EventLoop.start(0, System::nanoTime);
        client = configure.apply(FtpClient.builder(loop).options(OPTIONS)).build();
        return client;
    }

    private static FtpUrl url(String path) throws FtpException {
        return FtpUrl.parse(URI.create("ftp://127.0.0.1:" + server.port() + path));
    }

    private static RecordingFtpListener start(FtpClient client, FtpRetrieval retrieval) {
        RecordingFtpListener listener = new RecordingFtpListener();
        client.retrieve(retrieval, listener);
        return listener;
    }

    private static byte[] fetch(FtpClient client, FtpRetrieval retrieval) throws Exception {
        return start(client, retrieval).completion.get(30, TimeUnit.SECONDS);
    }

    private int idle() throws Exception {
        return CompletableFuture.supplyAsync(client::idleConnections, loop).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anonymousWholeFileWithSizeAndModificationTime() throws Exception {
        client(builder -> builder);
        RecordingFtpListener listener = start(client, FtpRetrieval.range(url("/big.bin"), ANONYMOUS, 0,
                FtpRetrieval.TO_END));
        assertArrayEquals(tree.big(), listener.completion.get(30, TimeUnit.SECONDS));
        assertEquals(OptionalLong.of(VsftpdTree.BIG_SIZE), listener.response.get().size());
        assertEquals(Optional.of(VsftpdTree.MODIFIED), listener.response.get().lastModified());
        assertEquals(1, idle());
    }

    @Test
    void passiveWithEpsvAndWithPasv() throws Exception {
        for (boolean extended : new boolean[] {true, false}) {
            client(builder -> builder.options(OPTIONS.withExtendedPassive(extended)));
            assertArrayEquals(tree.nested(), fetch(client, FtpRetrieval.range(url("/dir/sub/nested.bin"), ANONYMOUS,
                    0, FtpRetrieval.TO_END)), "extended passive " + extended);
        }
    }

    @Test
    void activeModeRangeThenReuse() throws Exception {
        client(builder -> builder.options(OPTIONS.withActiveMode(true)));
        assertArrayEquals(Arrays.copyOfRange(tree.big(), 5_000_000, 5_300_000),
                fetch(client, FtpRetrieval.range(url("/big.bin"), ANONYMOUS, 5_000_000, 5_300_000)));
        assertEquals(1, idle());
        assertArrayEquals(tree.small(), fetch(client, FtpRetrieval.range(url("/small.txt"), ANONYMOUS, 0,
                FtpRetrieval.TO_END)));
        assertEquals(1, idle());
    }

    @Test
    void restRangeGivesExactBytes() throws Exception {
        client(builder -> builder);
        assertArrayEquals(Arrays.copyOfRange(tree.big(), 12_345_678, 13_345_678),
                fetch(client, FtpRetrieval.range(url("/big.bin"), ANONYMOUS, 12_345_678, 13_345_678)));
        assertEquals(1, idle());
    }

    @Test
    void twoSegmentsOnOneConnection() throws Exception {
        client(builder -> builder.maxIdlePerServer(1));
        int split = 7 * 1024 * 1024;
        byte[] head = fetch(client, FtpRetrieval.range(url("/big.bin"), ANONYMOUS, 0, split));
        assertEquals(1, idle());
        byte[] tail = fetch(client, FtpRetrieval.range(url("/big.bin"), ANONYMOUS, split, FtpRetrieval.TO_END));
        byte[] whole = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, whole, head.length, tail.length);
        assertArrayEquals(tree.big(), whole);
        assertEquals(1, idle());
    }

    @Test
    void abortMidTransferThenReuseForOtherFiles() throws Exception {
        client(builder -> builder);
        assertArrayEquals(Arrays.copyOf(tree.big(), 65_536),
                fetch(client, FtpRetrieval.range(url("/big.bin"), ANONYMOUS, 0, 65_536)));
        RecordingFtpListener query = start(client, FtpRetrieval.query(url("/small.txt"), ANONYMOUS));
        query.completion.get(10, TimeUnit.SECONDS);
        assertEquals(OptionalLong.of(tree.small().length), query.response.get().size());
        assertArrayEquals(tree.nested(), fetch(client, FtpRetrieval.range(url("/dir/sub/nested.bin"), ANONYMOUS, 0,
                FtpRetrieval.TO_END)));
        assertArrayEquals(tree.small(), fetch(client, FtpRetrieval.range(url("/small.txt"), ANONYMOUS, 0,
                FtpRetrieval.TO_END)));
        assertEquals(1, idle(), "every request ran on the one pooled connection");
    }

    @Test
    void missingFileIsNotFoundAndTheConnectionStays() throws Exception {
        client(builder -> builder);
        FtpException failure = start(client, FtpRetrieval.range(url("/dir/missing.bin"), ANONYMOUS, 0,
                FtpRetrieval.TO_END)).failure();
        assertEquals(Reason.FILE_NOT_FOUND, failure.reason());
        assertEquals(550, failure.replyCode());
        assertEquals(1, idle());
        assertArrayEquals(tree.small(), fetch(client, FtpRetrieval.range(url("/small.txt"), ANONYMOUS, 0,
                FtpRetrieval.TO_END)));
    }

    @Test
    void missingDirectoryIsNotFound() throws Exception {
        client(builder -> builder);
        FtpException failure = start(client, FtpRetrieval.range(url("/no/such/file.bin"), ANONYMOUS, 0,
                FtpRetrieval.TO_END)).failure();
        assertEquals(Reason.FILE_NOT_FOUND, failure.reason());
        assertEquals("CWD no", failure.command());
    }

    @Test
    void utf8FileName() throws Exception {
        client(builder -> builder);
        assertArrayEquals(tree.small(), fetch(client, FtpRetrieval.range(url("/caf%C3%A9.txt"), ANONYMOUS, 0,
                FtpRetrieval.TO_END)));
    }

    @Test
    void userLoginFromNetrc() throws Exception {
        try (LocalFtpUser user = LocalFtpUser.ensure()) {
            FtpUrl url = url("/dir/sub/nested.bin");
            Netrc netrc = NetrcParser.parse("machine 127.0.0.1 login " + LocalFtpUser.NAME + " password "
                    + LocalFtpUser.PASSWORD + "\n", "netrc", NetrcLimits.DEFAULTS);
            FtpCredentials credentials = FtpCredentials.resolve(url, netrc, "anonymous", "arietta@");
            client(builder -> builder);
            assertArrayEquals(tree.nested(), fetch(client, FtpRetrieval.range(url, credentials, 0,
                    FtpRetrieval.TO_END)));
            FtpUrl wrongUrl = FtpUrl.parse(URI.create("ftp://" + LocalFtpUser.NAME + ":wrong-password@127.0.0.1:"
                    + server.port() + "/small.txt"));
            FtpCredentials wrong = FtpCredentials.resolve(wrongUrl, Netrc.empty(), "anonymous", "arietta@");
            FtpException refused = start(client, FtpRetrieval.query(wrongUrl, wrong)).failure();
            assertEquals(Reason.LOGIN_FAILED, refused.reason());
            assertEquals(530, refused.replyCode());
            assertEquals("PASS ***", refused.command());
            assertFalse(refused.getMessage().contains("wrong-password"), refused.getMessage());
        }
    }

    @Test
    void ipv6PassiveAndActive() throws Exception {
        InetAddress loopback6 = InetAddress.getByName("::1");
        try (ServerSocket probe = new ServerSocket(0, 1, loopback6)) {
            Assumptions.assumeTrue(probe.isBound());
        } catch (IOException noIpv6) {
            Assumptions.abort("no IPv6 loopback: " + noIpv6.getMessage());
        }
        try (VsftpdServer server6 = VsftpdServer.start(tree.root(),
                Files.createDirectories(directory.resolve("work6")), loopback6)) {
            FtpUrl url = FtpUrl.parse(URI.create("ftp://[::1]:" + server6.port() + "/big.bin"));
            for (boolean active : new boolean[] {false, true}) {
                client(builder -> builder.options(OPTIONS.withActiveMode(active)));
                assertArrayEquals(Arrays.copyOfRange(tree.big(), 1_000_000, 1_100_000),
                        fetch(client, FtpRetrieval.range(url, ANONYMOUS, 1_000_000, 1_100_000)), "active " + active);
            }
        }
    }

    @Test
    void throughAConnectTunnel() throws Exception {
        try (FakeProxy proxy = FakeProxy.open()) {
            ProxyServer via = new ProxyServer("127.0.0.1", proxy.port(), null);
            client(builder -> builder.proxyChoice(uri -> Optional.of(via)));
            assertArrayEquals(Arrays.copyOfRange(tree.big(), 100, 2_000_100),
                    fetch(client, FtpRetrieval.range(url("/big.bin"), ANONYMOUS, 100, 2_000_100)));
            assertArrayEquals(tree.nested(), fetch(client, FtpRetrieval.range(url("/dir/sub/nested.bin"), ANONYMOUS,
                    0, FtpRetrieval.TO_END)));
            assertEquals(3, proxy.seen().size(), "one control tunnel and two data tunnels: " + proxy.seen());
            assertTrue(proxy.seen().stream().allMatch(seen -> seen.requestLine().startsWith("CONNECT 127.0.0.1:")));
        }
    }
}
