package dev.arietta.core.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectorTest {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(60);

    private final AtomicLong clock = new AtomicLong();
    private final EventLoop loop = EventLoop.start(1, clock::get);

    ConnectorTest() throws IOException {
    }

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private CompletableFuture<InetSocketAddress> connect(HostResolver resolver, String host, int port) {
        return connect(resolver, host, port, SocketSettings.DEFAULTS, new CompletableFuture<>());
    }

    /** Connects with {@code sockets}; {@code receiveBuffer} gets the connected socket's SO_RCVBUF. */
    private CompletableFuture<InetSocketAddress> connect(HostResolver resolver, String host, int port,
                                                         SocketSettings sockets,
                                                         CompletableFuture<Integer> receiveBuffer) {
        CompletableFuture<InetSocketAddress> result = new CompletableFuture<>();
        Connector connector = new Connector(loop, resolver, HappyEyeballs.DEFAULT_ATTEMPT_DELAY_NANOS, sockets);
        loop.execute(() -> connector.connect(host, port, TIMEOUT, new ConnectListener() {
            @Override
            public void connected(Registration registration, InetSocketAddress remote) {
                SocketChannel channel = (SocketChannel) registration.channel();
                boolean ok = channel.isConnected() && registration.interestOps() == 0;
                try {
                    receiveBuffer.complete(channel.getOption(StandardSocketOptions.SO_RCVBUF));
                } catch (IOException e) {
                    receiveBuffer.completeExceptionally(e);
                }
                registration.close();
                result.complete(ok ? remote : null);
            }

            @Override
            public void failed(IOException cause) {
                result.completeExceptionally(cause);
            }
        }));
        return result;
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure, got " + future.get());
    }

    @Test
    void connectsToALoopbackListener() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress remote = connect(new DefaultHostResolver(Runnable::run), "127.0.0.1",
                    server.getLocalPort()).get(10, TimeUnit.SECONDS);
            assertEquals(server.getLocalPort(), remote.getPort());
            try (Socket accepted = server.accept()) {
                assertTrue(accepted.isConnected());
            }
        }
    }

    @Test
    void fallsBackToIpv4WhenIpv6Fails() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            List<InetAddress> addresses = List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
            HostResolver dualStack = host -> CompletableFuture.completedFuture(addresses);
            InetSocketAddress remote = connect(dualStack, "dual.example", server.getLocalPort())
                    .get(10, TimeUnit.SECONDS);
            assertEquals(InetAddress.getByName("127.0.0.1"), remote.getAddress());
        }
    }

    @Test
    void ipv4OnlyNeverTriesTheIpv6AddressesOfAName() throws Exception {
        try (ServerSocket v6 = new ServerSocket(0, 50, InetAddress.getByName("::1"))) {
            v6.setSoTimeout(300);
            List<InetAddress> addresses = List.of(InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1"));
            HostResolver dualStack = host -> CompletableFuture.completedFuture(addresses);
            InetSocketAddress both = connect(dualStack, "dual.example", v6.getLocalPort()).get(10, TimeUnit.SECONDS);
            assertEquals(InetAddress.getByName("::1"), both.getAddress());
            v6.accept().close();

            CompletableFuture<InetSocketAddress> v4Only = connect(dualStack, "dual.example", v6.getLocalPort(),
                    new SocketSettings(0, true), new CompletableFuture<>());
            try {
                InetSocketAddress reached = v4Only.get(10, TimeUnit.SECONDS);
                assertInstanceOf(java.net.Inet4Address.class, reached.getAddress());
            } catch (ExecutionException refusedOnIpv4) {
                assertInstanceOf(ConnectException.class, refusedOnIpv4.getCause());
            }
            assertThrows(SocketTimeoutException.class, v6::accept, "nothing may connect over IPv6");
        }
    }

    @Test
    void ipv4OnlyFailsANameWithOnlyIpv6AddressesAsUnknownHost() throws Exception {
        List<InetAddress> loopback6 = List.of(InetAddress.getByName("::1"));
        HostResolver v6Only = host -> CompletableFuture.completedFuture(loopback6);
        Throwable failure = failureOf(connect(v6Only, "v6.example", 80, new SocketSettings(0, true),
                new CompletableFuture<>()));
        assertInstanceOf(UnknownHostException.class, failure);
        assertTrue(failure.getMessage().contains("disable-ipv6"), failure.getMessage());
    }

    @Test
    void receiveBufferSizeIsSetOnTheSocket() throws Exception {
        int systemDefault;
        try (SocketChannel plain = SocketChannel.open()) {
            systemDefault = plain.getOption(StandardSocketOptions.SO_RCVBUF);
        }
        int asked = 8192;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Integer> small = new CompletableFuture<>();
            connect(new DefaultHostResolver(Runnable::run), "127.0.0.1", server.getLocalPort(),
                    new SocketSettings(asked, false), small).get(10, TimeUnit.SECONDS);
            CompletableFuture<Integer> untouched = new CompletableFuture<>();
            connect(new DefaultHostResolver(Runnable::run), "127.0.0.1", server.getLocalPort(),
                    SocketSettings.DEFAULTS, untouched).get(10, TimeUnit.SECONDS);
            int got = small.get(10, TimeUnit.SECONDS);
            // Linux doubles the value for its bookkeeping; others keep it.
            assertTrue(got >= asked && got <= 2 * asked, "SO_RCVBUF " + got + " for " + asked);
            assertEquals(systemDefault, untouched.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void refusedConnectionIsAConnectException() throws Exception {
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closedPort = server.getLocalPort();
        }
        Throwable failure = failureOf(connect(new DefaultHostResolver(Runnable::run), "127.0.0.1", closedPort));
        assertInstanceOf(ConnectException.class, failure);
        assertTrue(failure.getMessage().contains("127.0.0.1:" + closedPort), failure.getMessage());
    }

    @Test
    void unresolvableNameIsAnUnknownHostException() throws Exception {
        HostResolver nothing = host -> CompletableFuture.failedFuture(new UnknownHostException(host));
        assertInstanceOf(UnknownHostException.class, failureOf(connect(nothing, "nowhere.invalid", 80)));
    }

    @Test
    void defaultResolverAnswersLiteralsAtOnceAndNamesOnItsExecutor() throws Exception {
        List<Runnable> submitted = new java.util.ArrayList<>();
        DefaultHostResolver resolver = new DefaultHostResolver(submitted::add);
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), resolver.resolve("127.0.0.1").get());
        assertEquals(List.of(InetAddress.getByName("::1")), resolver.resolve("::1").get());
        assertTrue(submitted.isEmpty(), "literals need no lookup");
        CompletableFuture<List<InetAddress>> named = resolver.resolve("localhost");
        assertEquals(1, submitted.size());
        assertTrue(!named.isDone());
        submitted.get(0).run();
        assertTrue(named.get().stream().allMatch(InetAddress::isLoopbackAddress));
    }

    @Test
    void connectTimeoutCoversASlowResolver() throws Exception {
        CompletableFuture<List<InetAddress>> neverAnswers = new CompletableFuture<>();
        CompletableFuture<InetSocketAddress> result = connect(host -> neverAnswers, "slow.example", 80);
        CompletableFuture.runAsync(() -> { }, loop).get();
        clock.addAndGet(TIMEOUT);
        loop.wakeup();
        Throwable failure = failureOf(result);
        assertInstanceOf(SocketTimeoutException.class, failure);
        assertTrue(failure.getMessage().contains("slow.example:80"), failure.getMessage());
    }
}
