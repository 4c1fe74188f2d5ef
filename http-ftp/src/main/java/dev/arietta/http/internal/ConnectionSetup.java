package dev.arietta.http.internal;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.ChannelHandler;
import dev.arietta.core.internal.loop.ConnectListener;
import dev.arietta.core.internal.loop.Connector;
import dev.arietta.core.internal.loop.EventLoopClosedException;
import dev.arietta.core.internal.loop.Registration;
import dev.arietta.core.internal.loop.TimerScheduler;
import dev.arietta.http.HttpException;
import dev.arietta.http.HttpNetworkException;
import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpResponseHeaders;
import dev.arietta.http.HttpStatusException;
import dev.arietta.http.HttpTimeoutException;
import dev.arietta.http.HttpTlsException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a ready-to-use {@link HttpConnection} for a {@link Route}. Loop-thread only.
 *
 * <ol>
 *   <li>TCP connect with the {@link Connector} (resolution off-loop, Happy Eyeballs).</li>
 *   <li>For https through a proxy, and http through a tunnelling one: {@code CONNECT host:port}
 *       with proxy Basic credentials;
 *       a 2xx opens the tunnel, anything else fails with an {@link HttpStatusException} marked
 *       {@linkplain HttpStatusException#fromProxy() from the proxy}.</li>
 *   <li>For https: the TLS handshake (SNI, certificate and host name checks).</li>
 * </ol>
 *
 * <p>One connect timeout covers all three steps; the {@link HttpTimeoutException} says which
 * step was running.
 */
final class ConnectionSetup implements ConnectListener, ChannelHandler, Cancellable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSetup.class);

    /** Hears the outcome once, on the loop thread. */
    interface Listener {
        void ready(HttpConnection connection);

        void failed(HttpException failure);
    }

    private enum Step { TCP, TUNNEL_REQUEST, TUNNEL_RESPONSE, TLS, DONE }

    private final Route route;
    private final URI uri;
    private final Connector connector;
    private final TimerScheduler scheduler;
    private final TlsContext tls;
    private final BufferPool bufferPool;
    private final HttpLimits limits;
    private final String userAgent;
    private final long connectTimeoutNanos;
    private final Listener listener;
    private Step step = Step.TCP;
    private Cancellable pendingConnect;
    private Cancellable deadline;
    private Registration registration;
    private ByteBuffer tunnelRequest;
    private ByteBuffer tunnelResponse;
    private ResponseHeadParser tunnelParser;
    private TlsTransport tlsTransport;

    ConnectionSetup(Route route, URI uri, Connector connector, TimerScheduler scheduler, TlsContext tls,
                    BufferPool bufferPool, HttpLimits limits, String userAgent, long connectTimeoutNanos,
                    Listener listener) {
        this.route = route;
        this.uri = uri;
        this.connector = connector;
        this.scheduler = scheduler;
        this.tls = tls;
        this.bufferPool = bufferPool;
        this.limits = limits;
        this.userAgent = userAgent;
        this.connectTimeoutNanos = connectTimeoutNanos;
        this.listener = listener;
    }

    void start() {
        deadline = scheduler.schedule(connectTimeoutNanos, this::timedOut);
        pendingConnect = connector.connect(route.connectHost(), route.connectPort(), connectTimeoutNanos, this);
    }

    @Override
    public void connected(Registration connected, InetSocketAddress remote) {
        pendingConnect = null;
        registration = connected;
        registration.handler(this);
        try {
            if (route.tunnel()) {
                step = Step.TUNNEL_REQUEST;
                tunnelRequest = RequestEncoder.encodeConnect(route.host(), route.port(), userAgent,
                        route.proxy().credentials());
                tunnelParser = new ResponseHeadParser(limits, uri);
                tunnelResponse = ByteBuffer.allocate(4096);
                writeTunnelRequest();
            } else if (route.secure()) {
                startTls();
            } else {
                done(new PlainTransport(channel()));
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void failed(IOException cause) {
        pendingConnect = null;
        fail(cause);
    }

    @Override
    public void ready(int readyOps) throws IOException {
        switch (step) {
            case TUNNEL_REQUEST:
                writeTunnelRequest();
                break;
            case TUNNEL_RESPONSE:
                readTunnelResponse();
                break;
            case TLS:
                handshake();
                break;
            default:
                break;
        }
    }

    @Override
    public void closed(Throwable cause) {
        fail(cause instanceof IOException ? (IOException) cause : new IOException(cause.toString(), cause));
    }

    private SocketChannel channel() {
        return (SocketChannel) registration.channel();
    }

    private void writeTunnelRequest() throws IOException {
        channel().write(tunnelRequest);
        if (tunnelRequest.hasRemaining()) {
            registration.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        step = Step.TUNNEL_RESPONSE;
        registration.interestOps(SelectionKey.OP_READ);
    }

    private void readTunnelResponse() throws IOException {
        tunnelResponse.clear();
        int count = channel().read(tunnelResponse);
        tunnelResponse.flip();
        if (count < 0) {
            throw new HttpProtocolException(uri, -1, HttpProtocolException.Reason.NO_RESPONSE,
                    "proxy " + route.proxy().authority() + " closed the connection before answering CONNECT");
        }
        HttpResponseHeaders head = tunnelParser.parse(tunnelResponse);
        if (head == null) {
            return;
        }
        if (head.status() / 100 != 2) {
            throw new HttpStatusException(uri, head, null, true);
        }
        if (tunnelResponse.hasRemaining()) {
            throw new HttpProtocolException(uri, head.status(), HttpProtocolException.Reason.UNEXPECTED_RESPONSE,
                    "proxy sent bytes after its CONNECT answer, before the origin spoke");
        }
        if (route.secure()) {
            startTls();
        } else {
            done(new PlainTransport(channel()));
        }
    }

    private void startTls() throws IOException {
        step = Step.TLS;
        tlsTransport = new TlsTransport(channel(), tls.newEngine(route.host(), route.port()));
        registration.interestOps(0);
        handshake();
    }

    private void handshake() throws IOException {
        switch (tlsTransport.handshake()) {
            case NEED_READ:
                registration.interestOps(SelectionKey.OP_READ);
                break;
            case NEED_WRITE:
                registration.interestOps(SelectionKey.OP_WRITE);
                break;
            default:
                LOG.debug("{} with {}", tlsTransport.protocol(), Route.authority(route.host(), route.port()));
                done(tlsTransport);
        }
    }

    private void done(Transport transport) {
        step = Step.DONE;
        deadline.cancel();
        registration.interestOps(0);
        listener.ready(new HttpConnection(route, registration, transport, bufferPool, limits));
    }

    private void timedOut() {
        if (step == Step.DONE) {
            return;
        }
        HttpTimeoutException.Phase phase = step == Step.TCP ? HttpTimeoutException.Phase.CONNECT
                : step == Step.TLS ? HttpTimeoutException.Phase.TLS_HANDSHAKE : HttpTimeoutException.Phase.PROXY_TUNNEL;
        String what = step == Step.TCP ? "connecting to " + Route.authority(route.connectHost(), route.connectPort())
                : step == Step.TLS ? "TLS handshake with " + Route.authority(route.host(), route.port())
                : "proxy CONNECT answer from " + route.proxy().authority();
        finishWith(new HttpTimeoutException(uri, -1, phase,
                what + " timed out after " + connectTimeoutNanos / 1_000_000 + " ms"));
    }

    private void fail(IOException cause) {
        if (step == Step.DONE) {
            return;
        }
        finishWith(map(cause));
    }

    private HttpException map(IOException cause) {
        if (cause instanceof HttpException) {
            return (HttpException) cause;
        }
        if (cause instanceof UnknownHostException) {
            return new HttpNetworkException(uri, -1, ErrorCode.NAME_RESOLVE_ERROR,
                    "cannot resolve " + route.connectHost() + ": " + cause.getMessage(), cause);
        }
        if (cause instanceof SocketTimeoutException) {
            return new HttpTimeoutException(uri, -1, HttpTimeoutException.Phase.CONNECT, cause.getMessage());
        }
        if (cause instanceof SSLException) {
            return new HttpTlsException(uri, "TLS handshake with " + Route.authority(route.host(), route.port())
                    + " failed: " + cause.getMessage(), cause);
        }
        if (cause instanceof EventLoopClosedException) {
            return new HttpNetworkException(uri, -1, ErrorCode.NETWORK, "client shut down", cause);
        }
        String target = Route.authority(route.connectHost(), route.connectPort());
        return new HttpNetworkException(uri, -1, ErrorCode.NETWORK,
                (step == Step.TCP ? "cannot connect to " : "connection to ") + target + " failed: " + cause.getMessage(),
                cause);
    }

    private void finishWith(HttpException failure) {
        step = Step.DONE;
        if (deadline != null) {
            deadline.cancel();
        }
        if (pendingConnect != null) {
            pendingConnect.cancel();
            pendingConnect = null;
        }
        if (tlsTransport != null) {
            tlsTransport.close();
        }
        if (registration != null) {
            registration.close();
        }
        listener.failed(failure);
    }

    /** Gives up silently: nothing is reported. */
    @Override
    public void cancel() {
        if (step == Step.DONE) {
            return;
        }
        step = Step.DONE;
        if (deadline != null) {
            deadline.cancel();
        }
        if (pendingConnect != null) {
            pendingConnect.cancel();
        }
        if (tlsTransport != null) {
            tlsTransport.close();
        }
        if (registration != null) {
            registration.close();
        }
    }
}
