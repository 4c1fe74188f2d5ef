package dev.arietta.ftp.internal;

import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.ConnectListener;
import dev.arietta.core.internal.loop.Connector;
import dev.arietta.core.internal.loop.DefaultHostResolver;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.loop.HappyEyeballs;
import dev.arietta.core.internal.loop.HostResolver;
import dev.arietta.core.internal.loop.Registration;
import dev.arietta.core.internal.loop.SocketSettings;
import dev.arietta.http.internal.ClientConnections;
import dev.arietta.http.internal.ConnectTunnel;
import dev.arietta.http.internal.ExchangeHandle;
import dev.arietta.http.internal.Http1Client;
import dev.arietta.http.internal.HttpLimits;
import dev.arietta.http.internal.ProxyChoice;
import dev.arietta.http.internal.ProxyServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * The FTP client of one session, running on the session's {@link EventLoop}: it drives
 * {@link FtpProtocol} over non-blocking control and data connections.
 *
 * <p>{@link #retrieve} starts an {@link FtpRetrieval} and returns an {@link ExchangeHandle} at
 * once (pause, resume, cancel, as for HTTP); the {@link FtpListener} hears the outcome on the
 * loop thread. Connections: control connections via {@link Connector} (resolution off-loop, Happy
 * Eyeballs), logged-in connections pooled per server, login and proxy ({@link FtpConnectionPool});
 * data connections passive ({@code EPSV}, then {@code PASV} on IPv4) or active ({@code EPRT},
 * then {@code PORT}) as {@link FtpSessionOptions} say. A bounded range ends with {@code ABOR}
 * and its control connection goes back to the pool; {@link ExchangeHandle#cancel()} of a running
 * transfer does the same, silently.
 *
 * <p>Proxies (aria2 {@code ftp-proxy}/{@code all-proxy}): with {@code proxy-method=tunnel} the
 * {@link Builder#proxyChoice} proxy carries the control connection and each data connection
 * through {@code CONNECT} tunnels (passive mode only; the PASV address is ignored for the server's
 * name). With {@code proxy-method=get} (aria2's default) the FTP client is not used at all: send
 * the {@code ftp://} URL through {@link Http1Client} with that proxy, which requests it in
 * absolute form.
 *
 * <p>Timeouts (from {@link FtpSessionOptions}): the connect timeout covers resolving, connecting
 * (and the tunnel) of each connection; the read timeout is an inactivity timeout over the control
 * and data connections together, suspended while paused. Both count on the loop's clock.
 *
 * <p>Thread-safety: {@link #retrieve} and {@link #close} may be called from any thread;
 * {@link #idleConnections()} on the loop thread.
 */
public final class FtpClient implements AutoCloseable {
    /** User-Agent sent with CONNECT requests to a tunnel proxy. */
    public static final String DEFAULT_USER_AGENT = Http1Client.DEFAULT_USER_AGENT;

    private final EventLoop loop;
    private final Connector connector;
    private final ClientConnections connections;
    private final FtpConnectionPool pool;
    private final FtpSessionOptions options;
    private final ProxyChoice proxyChoice;
    private final BufferPool bufferPool;
    private final String userAgent;
    private volatile boolean closed;

    private FtpClient(Builder builder) {
        this.loop = builder.loop;
        this.connections = new ClientConnections(loop, builder.resolver, "arietta-ftp-resolver-" + loop.name(),
                builder.happyEyeballsDelay, builder.sockets);
        this.connector = connections.connector();
        this.pool = new FtpConnectionPool(loop, builder.maxIdlePerServer, builder.keepAlive.toNanos());
        this.options = builder.options;
        this.proxyChoice = builder.proxyChoice;
        this.bufferPool = builder.bufferPool;
        this.userAgent = builder.userAgent;
    }

    /** A builder for a client on {@code loop}. */
    public static Builder builder(EventLoop loop) {
        return new Builder(loop);
    }

    /**
     * Starts {@code retrieval}. Callbacks never run inside this call.
     *
     * @return a handle to pause, resume or cancel the retrieval
     * @throws RejectedExecutionException once the client or its loop is closed
     */
    public ExchangeHandle retrieve(FtpRetrieval retrieval, FtpListener listener) {
        Objects.requireNonNull(retrieval, "retrieval");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new RejectedExecutionException("FTP client closed");
        }
        FtpExchange exchange = new FtpExchange(this, retrieval, listener);
        loop.execute(exchange::start);
        return exchange;
    }

    /**
     * Whether files are transferred in ASCII mode ({@link FtpSessionOptions#asciiType()}): the
     * bytes received are then not the file's bytes, offsets and SIZE do not apply to them.
     */
    public boolean asciiType() {
        return options.asciiType();
    }

    /** Idle pooled control connections. Loop thread only. */
    public int idleConnections() {
        return pool.idleCount();
    }

    /** Closes idle connections (with QUIT) and refuses new retrievals; running ones carry on. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connections.close(pool::close);
    }

    // --- for FtpExchange ---

    EventLoop loop() {
        return loop;
    }

    FtpConnectionPool pool() {
        return pool;
    }

    FtpSessionOptions options() {
        return options;
    }

    BufferPool bufferPool() {
        return bufferPool;
    }

    /** How data sockets are set up; the active-mode listener applies it too. */
    SocketSettings sockets() {
        return connector.sockets();
    }

    /** The tunnel proxy for {@code url}, or {@code null} to connect directly. */
    ProxyServer proxyFor(FtpUrl url) {
        URI uri = URI.create("ftp://" + (url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host())
                + ":" + url.port() + "/");
        return proxyChoice.proxyFor(uri).orElse(null);
    }

    /**
     * Opens a TCP connection to {@code host:port}, through a CONNECT tunnel when {@code proxy} is
     * set; a direct connection has no early bytes.
     */
    Cancellable dial(ProxyServer proxy, String host, int port, ConnectTunnel.Listener listener) {
        long timeoutNanos = options.connectTimeoutMillis() * 1_000_000L;
        if (proxy == null) {
            return connector.connect(host, port, timeoutNanos, new ConnectListener() {
                @Override
                public void connected(Registration registration, InetSocketAddress remote) {
                    listener.connected(registration, remote, ByteBuffer.allocate(0));
                }

                @Override
                public void failed(IOException cause) {
                    listener.failed(cause);
                }
            });
        }
        return ConnectTunnel.open(connector, proxy, host, port, timeoutNanos, userAgent, HttpLimits.defaults(),
                listener);
    }

    /** Builds an {@link FtpClient}. Not thread-safe. */
    public static final class Builder {
        private final EventLoop loop;
        private HostResolver resolver;
        private FtpSessionOptions options = FtpSessionOptions.DEFAULTS;
        private Duration happyEyeballsDelay = Duration.ofNanos(HappyEyeballs.DEFAULT_ATTEMPT_DELAY_NANOS);
        private SocketSettings sockets = SocketSettings.DEFAULTS;
        private int maxIdlePerServer = FtpConnectionPool.DEFAULT_MAX_IDLE_PER_KEY;
        private Duration keepAlive = Duration.ofNanos(FtpConnectionPool.DEFAULT_KEEP_ALIVE_NANOS);
        private ProxyChoice proxyChoice = ProxyChoice.DIRECT;
        private BufferPool bufferPool = BufferPool.large();
        private String userAgent = DEFAULT_USER_AGENT;

        private Builder(EventLoop loop) {
            this.loop = Objects.requireNonNull(loop, "loop");
        }

        /**
         * Name resolution; default: {@link DefaultHostResolver} on a cached pool of daemon
         * threads owned (and shut down) by the client.
         */
        public Builder resolver(HostResolver value) {
            this.resolver = value;
            return this;
        }

        /** Timeouts, passive or active mode, EPSV, PASV policy, reply limits; default {@link FtpSessionOptions#DEFAULTS}. */
        public Builder options(FtpSessionOptions value) {
            this.options = Objects.requireNonNull(value);
            return this;
        }

        /** Happy Eyeballs connection attempt delay; default 250 ms (RFC 8305). */
        public Builder happyEyeballsDelay(Duration value) {
            this.happyEyeballsDelay = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Receive buffer size and address family of control and data connections, and of the
         * active-mode listener (aria2 {@code socket-recv-buffer-size}, {@code disable-ipv6});
         * default {@link SocketSettings#DEFAULTS}.
         */
        public Builder sockets(SocketSettings value) {
            this.sockets = Objects.requireNonNull(value);
            return this;
        }

        /** Idle logged-in control connections kept per server, login and proxy; default 8. 0 keeps none. */
        public Builder maxIdlePerServer(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("negative pool size " + value);
            }
            this.maxIdlePerServer = value;
            return this;
        }

        /** How long an idle control connection is kept; default 15 s. */
        public Builder keepAlive(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("keep-alive must be positive: " + value);
            }
            this.keepAlive = value;
            return this;
        }

        /**
         * The HTTP proxy tunnelling FTP ({@code proxy-method=tunnel}), asked with an
         * {@code ftp://host:port/} URI; default {@link ProxyChoice#DIRECT}.
         */
        public Builder proxyChoice(ProxyChoice value) {
            this.proxyChoice = Objects.requireNonNull(value);
            return this;
        }

        /** Source of data read buffers; default a new {@link BufferPool#large()} (64 KiB buffers). */
        public Builder bufferPool(BufferPool value) {
            this.bufferPool = Objects.requireNonNull(value);
            return this;
        }

        /** User-Agent of CONNECT requests; default {@value FtpClient#DEFAULT_USER_AGENT}. */
        public Builder userAgent(String value) {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("line break in User-Agent");
            }
            this.userAgent = value;
            return this;
        }

        public FtpClient build() {
            return new FtpClient(this);
        }
    }
}
