package dev.arietta.core.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
        CompletableFuture<InetSocketAddress> result = new CompletableFuture<>();
        loop.execute(() -> new Connector(loop, resolver).connect(host, port, TIMEOUT, new ConnectListener() {
            @Override
            public void connected(Registration registration, InetSocketAddress remote) {
                boolean ok = ((SocketChannel) registration.channel()).isConnected()
                        && registration.interestOps() == 0;
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
