package dev.arietta.http.internal;

import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.ChannelHandler;
import dev.arietta.core.internal.loop.ConnectListener;
import dev.arietta.core.internal.loop.Connector;
import dev.arietta.core.internal.loop.Registration;
import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpResponseHeaders;
import dev.arietta.http.HttpStatusException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A raw TCP connection to {@code host:port} through an HTTP proxy's {@code CONNECT} tunnel, for
 * protocols other than HTTP (FTP control and data connections). Loop-thread only.
 *
 * <ol>
 *   <li>TCP connect to the proxy with the {@link Connector}.</li>
 *   <li>{@code CONNECT host:port} with the proxy's Basic credentials.</li>
 *   <li>A 2xx answer hands the socket to the listener as if it were connected to the target;
 *       another status fails with an {@link HttpStatusException} marked from the proxy.</li>
 * </ol>
 *
 * <p>The connector's timeout covers the TCP connect only; the caller's own timer covers the
 * whole (it {@link #cancel()}s the tunnel). Bytes read after the proxy's answer already belong
 * to the tunnelled protocol (an FTP server speaks first, and its greeting may share a read with
 * the answer): they are handed over with the socket.
 */
public final class ConnectTunnel implements ConnectListener, ChannelHandler, Cancellable {

    /** Hears the outcome once, on the loop thread. */
    public interface Listener {
        /**
         * The tunnel is open. The caller owns {@code registration} (interest set empty, handler
         * to be replaced) and must process {@code early}, the target's first bytes, before
         * reading the socket.
         */
        void connected(Registration registration, InetSocketAddress proxyAddress, ByteBuffer early);

        /** No tunnel: a connect failure, an {@link HttpStatusException} from the proxy, or a malformed answer. */
        void failed(IOException cause);
    }

    /** Longest CONNECT answer head read, in bytes, before the parser's own limits apply. */
    private static final int ANSWER_BUFFER_SIZE = 4096;

    private final ProxyServer proxy;
    private final String host;
    private final int port;
    private final String userAgent;
    private final HttpLimits limits;
    private final Listener listener;
    private final URI target;
    private Cancellable pendingConnect;
    private Registration registration;
    private InetSocketAddress proxyAddress;
    private ByteBuffer request;
    private ByteBuffer answer;
    private ResponseHeadParser parser;
    private boolean done;

    private ConnectTunnel(ProxyServer proxy, String host, int port, String userAgent, HttpLimits limits,
                          Listener listener) {
        this.proxy = proxy;
        this.host = host;
        this.port = port;
        this.userAgent = userAgent;
        this.limits = limits;
        this.listener = listener;
        this.target = URI.create("tunnel://" + Route.authority(host, port) + "/");
    }

    /**
     * Opens a tunnel to {@code host:port} through {@code proxy}; the listener hears the outcome once.
     *
     * @param connectTimeoutNanos the TCP connect timeout to the proxy, in nanoseconds
     * @return a handle to give up silently
     */
    public static ConnectTunnel open(Connector connector, ProxyServer proxy, String host, int port,
                                     long connectTimeoutNanos, String userAgent, HttpLimits limits,
                                     Listener listener) {
        ConnectTunnel tunnel = new ConnectTunnel(proxy, host, port, userAgent, limits, listener);
        tunnel.pendingConnect = connector.connect(proxy.host(), proxy.port(), connectTimeoutNanos, tunnel);
        return tunnel;
    }

    @Override
    public void connected(Registration connected, InetSocketAddress remote) {
        pendingConnect = null;
        if (done) {
            connected.close();
            return;
        }
        registration = connected;
        proxyAddress = remote;
        registration.handler(this);
        request = RequestEncoder.encodeConnect(host, port, userAgent, proxy.credentials());
        parser = new ResponseHeadParser(limits, target);
        answer = ByteBuffer.allocate(ANSWER_BUFFER_SIZE);
        try {
            writeRequest();
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
        if (request.hasRemaining()) {
            writeRequest();
        } else {
            readAnswer();
        }
    }

    @Override
    public void closed(Throwable cause) {
        fail(cause instanceof IOException ? (IOException) cause : new IOException(cause.toString(), cause));
    }

    private SocketChannel channel() {
        return (SocketChannel) registration.channel();
    }

    private void writeRequest() throws IOException {
        channel().write(request);
        registration.interestOps(request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void readAnswer() throws IOException {
        answer.clear();
        int count = channel().read(answer);
        answer.flip();
        if (count < 0) {
            throw new HttpProtocolException(target, -1, HttpProtocolException.Reason.NO_RESPONSE,
                    "proxy " + proxy.authority() + " closed the connection before answering CONNECT");
        }
        HttpResponseHeaders head = parser.parse(answer);
        if (head == null) {
            return;
        }
        if (head.status() / 100 != 2) {
            throw new HttpStatusException(target, head, null, true);
        }
        ByteBuffer early = ByteBuffer.allocate(answer.remaining());
        early.put(answer).flip();
        done = true;
        registration.interestOps(0);
        listener.connected(registration, proxyAddress, early);
    }

    private void fail(IOException cause) {
        if (done) {
            return;
        }
        done = true;
        if (registration != null) {
            registration.close();
        }
        listener.failed(cause);
    }

    /** Gives up silently: the listener hears nothing. */
    @Override
    public void cancel() {
        if (done) {
            return;
        }
        done = true;
        if (pendingConnect != null) {
            pendingConnect.cancel();
        }
        if (registration != null) {
            registration.close();
        }
    }
}
