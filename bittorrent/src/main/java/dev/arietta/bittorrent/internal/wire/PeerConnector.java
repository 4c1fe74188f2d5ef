package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.loop.ConnectListener;
import dev.arietta.core.internal.loop.Connector;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.loop.Registration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Opens outgoing peer connections: a TCP connect through core's {@link Connector} with a
 * connect timeout, then the BitTorrent handshake on the returned connection.
 *
 * <p>Loop thread only. Outcomes reach the {@link PeerListener}: {@link PeerListener#onHandshake}
 * once the handshakes are done, or {@link PeerListener#onClosed} with
 * {@link PeerCloseReason#NETWORK_ERROR} if the connect fails or times out (the connection's
 * {@link PeerConnection#peerId()} is then not available).
 */
public final class PeerConnector {

    private final EventLoop loop;
    private final Connector connector;
    private final PeerWireBuffers buffers;

    public PeerConnector(EventLoop loop, Connector connector, PeerWireBuffers buffers) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.buffers = Objects.requireNonNull(buffers, "buffers");
    }

    /** Connects with the default connect timeout, {@link PeerWireLimits#CONNECT_TIMEOUT_NANOS}. */
    public DefaultPeerConnection connect(InetSocketAddress address, HandshakeParams params, PeerListener listener) {
        return connect(address, params, listener, PeerWireLimits.CONNECT_TIMEOUT_NANOS);
    }

    /**
     * Starts connecting to {@code address}.
     *
     * @param connectTimeoutNanos TCP connect timeout in nanoseconds; the handshake then has
     *                            {@link PeerWireLimits#HANDSHAKE_TIMEOUT_NANOS}
     * @return the connection, not yet established; closing it gives the attempt up
     */
    public DefaultPeerConnection connect(InetSocketAddress address, HandshakeParams params, PeerListener listener,
            long connectTimeoutNanos) {
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("connect must be called on the event loop");
        }
        DefaultPeerConnection connection = DefaultPeerConnection.outgoing(loop, buffers, address, params, listener);
        String host = address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress();
        connection.connecting(connector.connect(host, address.getPort(), connectTimeoutNanos, new ConnectListener() {
            @Override
            public void connected(Registration registration, InetSocketAddress remote) {
                connection.attach(registration);
            }

            @Override
            public void failed(IOException cause) {
                connection.connectFailed(cause);
            }
        }));
        return connection;
    }
}
