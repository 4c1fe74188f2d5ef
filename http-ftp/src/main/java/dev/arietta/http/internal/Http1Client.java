package dev.arietta.http.internal;

import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.loop.Connector;
import dev.arietta.core.internal.loop.DefaultHostResolver;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.loop.HappyEyeballs;
import dev.arietta.core.internal.loop.HostResolver;
import dev.arietta.core.internal.loop.SocketSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The HTTP/1.1 client of one session, running on the session's {@link EventLoop}.
 *
 * <p>{@link #send} starts a request and returns at once; the {@link ResponseListener} hears the
 * outcome on the loop thread. The client follows redirects, sends Basic credentials, keeps
 * connections alive per {@link Route} and reuses them, speaks TLS and goes through HTTP
 * proxies (absolute-form for http, CONNECT tunnels for https).
 *
 * <p>Thread-safety: {@link #send} and {@link #close} may be called from any thread.
 * Defaults follow aria2: connect timeout 60 s ({@code connect-timeout}), read timeout 60 s
 * ({@code timeout}), 20 redirects, certificates checked.
 */
public final class Http1Client implements AutoCloseable {

    /** Default User-Agent. */
    public static final String DEFAULT_USER_AGENT = "arietta/0.1";
    /** Default connect timeout (aria2 {@code connect-timeout}): 60 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(60);
    /** Default read (inactivity) timeout (aria2 {@code timeout}): 60 s. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Default most redirects followed per request: 20. */
    public static final int DEFAULT_MAX_REDIRECTS = 20;

    private final EventLoop loop;
    private final Connector connector;
    private final ClientConnections connections;
    private final ConnectionPool pool;
    private final TlsContext tls;
    private final BufferPool bufferPool;
    private final HttpLimits limits;
    private final String userAgent;
    private final long connectTimeoutNanos;
    private final long readTimeoutNanos;
    private final int maxRedirects;
    private final boolean allowInsecureRedirect;
    private final boolean authChallenge;
    private final int pipeliningDepth;
    private final ProxyChoice proxyChoice;
    private final CookieSource cookies;
    private final CredentialSource credentialSource;
    private final Clock clock;
    private volatile boolean closed;

    private Http1Client(Builder builder, TlsContext tls) {
        this.loop = builder.loop;
        this.connections = new ClientConnections(loop, builder.resolver, "arietta-resolver-" + loop.name(),
                builder.happyEyeballsDelay, builder.sockets);
        this.connector = connections.connector();
        this.pool = new ConnectionPool(loop, builder.maxIdlePerRoute, builder.keepAlive.toNanos());
        this.tls = tls;
        this.bufferPool = builder.bufferPool;
        this.limits = builder.limits;
        this.userAgent = builder.userAgent;
        this.connectTimeoutNanos = builder.connectTimeout.toNanos();
        this.readTimeoutNanos = builder.readTimeout.toNanos();
        this.maxRedirects = builder.maxRedirects;
        this.allowInsecureRedirect = builder.allowInsecureRedirect;
        this.authChallenge = builder.authChallenge;
        this.pipeliningDepth = builder.pipeliningDepth;
        this.proxyChoice = builder.proxyChoice;
        this.cookies = builder.cookies;
        this.credentialSource = builder.credentialSource;
        this.clock = builder.clock;
    }

    /** A builder for a client on {@code loop}. */
    public static Builder builder(EventLoop loop) {
        return new Builder(loop);
    }

    /**
     * Starts {@code request}. Callbacks never run inside this call; they come later on the
     * loop thread.
     *
     * @return a handle to pause, resume or cancel the request
     * @throws RejectedExecutionException once the client or its loop is closed
     */
    public ExchangeHandle send(HttpRequest request, ResponseListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new RejectedExecutionException("HTTP client closed");
        }
        RequestChain chain = new RequestChain(this, request, listener);
        loop.execute(chain::start);
        return chain;
    }

    /**
     * Convenience for tests and tools: downloads {@code request}'s body into {@code file},
     * writing at {@code fileOffset} onward (on the loop thread, positional writes).
     *
     * @return completes with the response once the body is written, or exceptionally with
     *         the {@link dev.arietta.http.HttpException} (or the file's {@link IOException})
     */
    public CompletableFuture<HttpResponse> download(HttpRequest request, java.nio.channels.FileChannel file,
                                                    long fileOffset) {
        FileSink sink = new FileSink(file, fileOffset);
        sink.handle = send(request, sink);
        return sink.result;
    }

    /** Closes idle connections and refuses new requests; requests in flight carry on. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connections.close(pool::close);
    }

    // --- for RequestChain and Exchange ---

    EventLoop loop() {
        return loop;
    }

    ConnectionPool pool() {
        return pool;
    }

    BufferPool bufferPool() {
        return bufferPool;
    }

    HttpLimits limits() {
        return limits;
    }

    String userAgent() {
        return userAgent;
    }

    int maxRedirects() {
        return maxRedirects;
    }

    boolean allowInsecureRedirect() {
        return allowInsecureRedirect;
    }

    boolean authChallenge() {
        return authChallenge;
    }

    ProxyChoice proxyChoice() {
        return proxyChoice;
    }

    int pipeliningDepth() {
        return pipeliningDepth;
    }

    CookieSource cookies() {
        return cookies;
    }

    CredentialSource credentialSource() {
        return credentialSource;
    }

    Clock clock() {
        return clock;
    }

    ConnectionSetup newSetup(Route route, URI uri, ConnectionSetup.Listener listener) {
        return new ConnectionSetup(route, uri, connector, loop, tls, bufferPool, limits, userAgent,
                connectTimeoutNanos, listener);
    }

    Exchange newExchange(HttpRequest request, ByteBuffer requestBytes, Exchange.Listener listener) {
        return new Exchange(request, requestBytes, listener, loop, readTimeoutNanos, limits);
    }

    /** Builds an {@link Http1Client}. Not thread-safe. */
    public static final class Builder {
        private final EventLoop loop;
        private HostResolver resolver;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration happyEyeballsDelay = Duration.ofNanos(HappyEyeballs.DEFAULT_ATTEMPT_DELAY_NANOS);
        private SocketSettings sockets = SocketSettings.DEFAULTS;
        private String userAgent = DEFAULT_USER_AGENT;
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;
        private boolean allowInsecureRedirect;
        private boolean authChallenge;
        private int pipeliningDepth = 1;
        private TlsSettings tlsSettings = TlsSettings.defaults();
        private ProxyChoice proxyChoice = ProxyChoice.DIRECT;
        private CookieSource cookies = CookieSource.NONE;
        private CredentialSource credentialSource = CredentialSource.NONE;
        private HttpLimits limits = HttpLimits.defaults();
        private int maxIdlePerRoute = ConnectionPool.DEFAULT_MAX_IDLE_PER_ROUTE;
        private Duration keepAlive = Duration.ofNanos(ConnectionPool.DEFAULT_KEEP_ALIVE_NANOS);
        private BufferPool bufferPool = BufferPool.large();
        private Clock clock = Clock.systemUTC();

        private Builder(EventLoop loop) {
            this.loop = Objects.requireNonNull(loop, "loop");
        }

        /**
         * Name resolution; default: {@link DefaultHostResolver} on a cached pool of daemon
         * threads owned (and shut down) by the client. Sessions pass their resolver executor's.
         */
        public Builder resolver(HostResolver value) {
            this.resolver = value;
            return this;
        }

        /** Connect timeout covering resolution, TCP, proxy CONNECT and TLS; default 60 s. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connect timeout");
            return this;
        }

        /** Inactivity timeout while sending or receiving; default 60 s. */
        public Builder readTimeout(Duration value) {
            this.readTimeout = positive(value, "read timeout");
            return this;
        }

        /** Happy Eyeballs connection attempt delay; default 250 ms (RFC 8305). */
        public Builder happyEyeballsDelay(Duration value) {
            this.happyEyeballsDelay = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Receive buffer size and address family of every connection (aria2
         * {@code socket-recv-buffer-size}, {@code disable-ipv6}); default
         * {@link SocketSettings#DEFAULTS}. Applies to proxy connections too.
         */
        public Builder sockets(SocketSettings value) {
            this.sockets = Objects.requireNonNull(value);
            return this;
        }

        /** User-Agent (aria2 {@code user-agent}); default {@value Http1Client#DEFAULT_USER_AGENT}. */
        public Builder userAgent(String value) {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("line break in User-Agent");
            }
            this.userAgent = value;
            return this;
        }

        /** Most redirects per request; default 20. */
        public Builder maxRedirects(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("negative redirect limit " + value);
            }
            this.maxRedirects = value;
            return this;
        }

        /** Whether an https URL may redirect to http; default false. */
        public Builder allowInsecureRedirect(boolean allow) {
            this.allowInsecureRedirect = allow;
            return this;
        }

        /**
         * aria2 {@code http-auth-challenge}: send Basic credentials only after a 401 asks for
         * them; default false (sent with the first request, as aria2 does).
         */
        public Builder authChallenge(boolean value) {
            this.authChallenge = value;
            return this;
        }

        /**
         * aria2 {@code enable-http-pipelining}: how many requests may be in flight on one
         * connection. Default 1 (no pipelining); 2 or more lets a new request to the same
         * route queue behind a running one on a connection that has shown keep-alive.
         */
        public Builder pipeliningDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("pipelining depth must be at least 1: " + depth);
            }
            this.pipeliningDepth = depth;
            return this;
        }

        /** TLS options; default {@link TlsSettings#defaults()} (certificates checked). */
        public Builder tls(TlsSettings value) {
            this.tlsSettings = Objects.requireNonNull(value);
            return this;
        }

        /** Proxy selection; default {@link ProxyChoice#DIRECT}. */
        public Builder proxyChoice(ProxyChoice value) {
            this.proxyChoice = Objects.requireNonNull(value);
            return this;
        }

        /** Cookie jar; default {@link CookieSource#NONE}. */
        public Builder cookies(CookieSource value) {
            this.cookies = Objects.requireNonNull(value);
            return this;
        }

        /** Fallback credentials (netrc); default {@link CredentialSource#NONE}. */
        public Builder credentialSource(CredentialSource value) {
            this.credentialSource = Objects.requireNonNull(value);
            return this;
        }

        /** Parser and decoder limits; default {@link HttpLimits#defaults()}. */
        public Builder limits(HttpLimits value) {
            this.limits = Objects.requireNonNull(value);
            return this;
        }

        /** Idle connections kept per route; default 16. */
        public Builder maxIdlePerRoute(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("negative pool size " + value);
            }
            this.maxIdlePerRoute = value;
            return this;
        }

        /** How long an idle connection is kept; default 15 s. */
        public Builder keepAlive(Duration value) {
            this.keepAlive = positive(value, "keep-alive");
            return this;
        }

        /** Source of 64 KiB read buffers; default a new {@link BufferPool#large()}. */
        public Builder bufferPool(BufferPool value) {
            if (value.bufferSize() < 16 * 1024 + 512) {
                throw new IllegalArgumentException("read buffers must hold a whole TLS record");
            }
            this.bufferPool = value;
            return this;
        }

        /** Wall clock for Retry-After dates; default the system UTC clock. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws IOException when a TLS file (CA, client certificate, key) cannot be loaded
         */
        public Http1Client build() throws IOException {
            return new Http1Client(this, TlsContext.create(tlsSettings));
        }

        private static Duration positive(Duration value, String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
