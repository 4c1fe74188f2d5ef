package dev.arietta.core.internal.loop;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Opens TCP connections for the loop: resolves the host off-loop with a {@link HostResolver},
 * races the addresses with {@link HappyEyeballs}, and enforces a connect timeout covering
 * resolution and connection.
 *
 * <p>Sockets get {@code TCP_NODELAY} (requests are written whole; Nagle only delays them) and
 * the {@link SocketSettings}: the receive buffer size, and with {@link SocketSettings#ipv4Only()}
 * only the IPv4 addresses of a name are tried (none left fails as an unknown host).
 * Thread-safety: {@link #connect} and the returned handle's {@code cancel()} are loop-thread
 * only; the listener is called on the loop thread.
 */
public final class Connector {

    private final EventLoop loop;
    private final HostResolver resolver;
    private final long attemptDelayNanos;
    private final SocketSettings sockets;

    /** A connector with RFC 8305's 250 ms connection attempt delay and default socket settings. */
    public Connector(EventLoop loop, HostResolver resolver) {
        this(loop, resolver, HappyEyeballs.DEFAULT_ATTEMPT_DELAY_NANOS);
    }

    /** @param attemptDelayNanos Happy Eyeballs connection attempt delay, in nanoseconds */
    public Connector(EventLoop loop, HostResolver resolver, long attemptDelayNanos) {
        this(loop, resolver, attemptDelayNanos, SocketSettings.DEFAULTS);
    }

    /**
     * @param attemptDelayNanos Happy Eyeballs connection attempt delay, in nanoseconds
     * @param sockets           receive buffer size and address family of the sockets opened
     */
    public Connector(EventLoop loop, HostResolver resolver, long attemptDelayNanos, SocketSettings sockets) {
        this.loop = loop;
        this.resolver = resolver;
        this.attemptDelayNanos = attemptDelayNanos;
        this.sockets = Objects.requireNonNull(sockets, "sockets");
    }

    /** The settings of the sockets this connector opens. */
    public SocketSettings sockets() {
        return sockets;
    }

    /**
     * Connects to {@code host:port}.
     *
     * @param host         a name or an address literal (IPv6 without brackets)
     * @param timeoutNanos connect timeout covering resolution and connection, nanoseconds
     * @return a handle to give up; after {@code cancel()} the listener is not called
     */
    public Cancellable connect(String host, int port, long timeoutNanos, ConnectListener listener) {
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("connect must be called on the event loop");
        }
        PendingConnect pending = new PendingConnect(host, port, timeoutNanos, listener);
        pending.begin();
        return pending;
    }

    private final class PendingConnect implements Cancellable, HappyEyeballs.Listener<SocketAttempt> {
        private final String host;
        private final int port;
        private final long timeoutNanos;
        private final ConnectListener listener;
        private Cancellable timeout;
        private HappyEyeballs<SocketAttempt> race;
        private boolean done;

        PendingConnect(String host, int port, long timeoutNanos, ConnectListener listener) {
            this.host = host;
            this.port = port;
            this.timeoutNanos = timeoutNanos;
            this.listener = listener;
        }

        void begin() {
            timeout = loop.schedule(timeoutNanos, this::timedOut);
            resolver.resolve(host).whenComplete((addresses, failure) -> {
                try {
                    loop.execute(() -> resolved(addresses, failure));
                } catch (RejectedExecutionException shutDown) {
                    // The loop is gone and so is everyone who could hear about it.
                }
            });
        }

        private void resolved(List<InetAddress> addresses, Throwable failure) {
            if (done) {
                return;
            }
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                fail(cause instanceof IOException ? (IOException) cause
                        : new UnknownHostException(host + ": " + cause));
                return;
            }
            if (addresses == null || addresses.isEmpty()) {
                fail(new UnknownHostException(host + ": no addresses"));
                return;
            }
            List<InetAddress> usable = sockets.usable(addresses);
            if (usable.isEmpty()) {
                fail(new UnknownHostException(host + ": no IPv4 address, and IPv6 is disabled (disable-ipv6)"));
                return;
            }
            race = new HappyEyeballs<>(loop, this::startAttempt, attemptDelayNanos, this);
            race.start(usable, port);
        }

        private SocketAttempt startAttempt(InetSocketAddress address, HappyEyeballs<SocketAttempt> owner)
                throws IOException {
            SocketAttempt attempt = new SocketAttempt(address, owner);
            attempt.open();
            return attempt;
        }

        private void timedOut() {
            if (done) {
                return;
            }
            if (race != null) {
                race.cancel();
            }
            fail(new SocketTimeoutException("connecting to " + host + ":" + port + " timed out after "
                    + timeoutNanos / 1_000_000 + " ms"));
        }

        @Override
        public void connected(SocketAttempt winner) {
            if (done) {
                winner.abandon();
                return;
            }
            done = true;
            timeout.cancel();
            listener.connected(winner.registration, winner.address);
        }

        @Override
        public void failed(IOException cause) {
            fail(cause);
        }

        private void fail(IOException cause) {
            if (done) {
                return;
            }
            done = true;
            timeout.cancel();
            listener.failed(cause);
        }

        @Override
        public void cancel() {
            if (!done) {
                done = true;
                timeout.cancel();
                if (race != null) {
                    race.cancel();
                }
            }
        }
    }

    /** A non-blocking connect to one address, reporting to its race. */
    private final class SocketAttempt implements HappyEyeballs.Attempt, ChannelHandler {
        private final InetSocketAddress address;
        private final HappyEyeballs<SocketAttempt> race;
        private Registration registration;

        SocketAttempt(InetSocketAddress address, HappyEyeballs<SocketAttempt> race) {
            this.address = address;
            this.race = race;
        }

        void open() throws IOException {
            SocketChannel channel = SocketChannel.open();
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                sockets.applyTo(channel);
                boolean connected = channel.connect(address);
                registration = loop.register(channel, connected ? 0 : SelectionKey.OP_CONNECT, this);
                if (connected) {
                    loop.execute(() -> race.attemptSucceeded(this));
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e instanceof IOException ? (IOException) e
                        : new IOException("connecting to " + address + ": " + e, e);
            }
        }

        @Override
        public void ready(int readyOps) throws IOException {
            SocketChannel channel = (SocketChannel) registration.channel();
            if (channel.finishConnect()) {
                registration.interestOps(0);
                race.attemptSucceeded(this);
            }
        }

        @Override
        public void closed(Throwable cause) {
            IOException failure;
            if (cause instanceof EventLoopClosedException) {
                failure = (EventLoopClosedException) cause;
            } else {
                failure = new ConnectException("connecting to " + address + ": " + cause.getMessage());
                failure.initCause(cause);
            }
            race.attemptFailed(this, failure);
        }

        @Override
        public void abandon() {
            if (registration != null) {
                registration.close();
            }
        }

        @Override
        public String toString() {
            return "connect to " + address;
        }
    }
}
