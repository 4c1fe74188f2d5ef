package dev.arietta.bittorrent.internal.wire;

import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.loop.ChannelHandler;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.loop.Registration;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts incoming peer connections for every torrent of a session on one listening port.
 *
 * <p>Binds the first free port of a range (aria2's {@code listen-port}, default
 * {@value PeerWireLimits#DEFAULT_LISTEN_PORT_FIRST}-{@value PeerWireLimits#DEFAULT_LISTEN_PORT_LAST}).
 * Each accepted connection reads the peer's handshake up to the info-hash and asks the
 * router for the torrent: a {@link TorrentEndpoint} makes it a {@link DefaultPeerConnection}
 * for that torrent (our handshake answers, the endpoint's listener hears the rest); empty
 * closes it. At most {@link PeerWireLimits#MAX_PENDING_INCOMING_HANDSHAKES} connections may be
 * in their handshake at once; more are closed on accept.
 *
 * <p>Loop thread only, the router included: it is called on the loop thread.
 */
public final class PeerAcceptor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerAcceptor.class);

    /** Accepts per readiness event before yielding to other channels. */
    private static final int MAX_ACCEPTS_PER_EVENT = 16;

    private final EventLoop loop;
    private final PeerWireBuffers buffers;
    private final Function<InfoHash, Optional<TorrentEndpoint>> router;
    private final ServerSocketChannel server;
    private final InetSocketAddress localAddress;
    private Registration registration;
    private int pendingHandshakes;
    private boolean closed;

    private PeerAcceptor(EventLoop loop, PeerWireBuffers buffers, Function<InfoHash, Optional<TorrentEndpoint>> router,
            ServerSocketChannel server) throws IOException {
        this.loop = loop;
        this.buffers = buffers;
        this.router = router;
        this.server = server;
        this.localAddress = (InetSocketAddress) server.getLocalAddress();
    }

    /**
     * Listens on the first port of {@code firstPort..lastPort} that is free.
     *
     * @param bindAddress the local address (the wildcard address to listen on all)
     * @param firstPort   first port tried; 0 (with {@code lastPort} 0) lets the system pick one
     * @throws BindException if every port of the range is taken
     */
    public static PeerAcceptor open(EventLoop loop, PeerWireBuffers buffers, InetAddress bindAddress, int firstPort,
            int lastPort, Function<InfoHash, Optional<TorrentEndpoint>> router) throws IOException {
        Objects.requireNonNull(router, "router");
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("open must be called on the event loop");
        }
        if (firstPort < 0 || lastPort > 65535 || firstPort > lastPort) {
            throw new IllegalArgumentException("port range " + firstPort + "-" + lastPort);
        }
        BindException last = null;
        for (int port = firstPort; port <= lastPort; port++) {
            ServerSocketChannel server = ServerSocketChannel.open();
            try {
                server.bind(new InetSocketAddress(bindAddress, port));
            } catch (BindException e) {
                server.close();
                last = e;
                continue;
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            PeerAcceptor acceptor = new PeerAcceptor(loop, buffers, router, server);
            acceptor.registration = loop.register(server, SelectionKey.OP_ACCEPT, acceptor.new Handler());
            LOG.debug("listening for peers on {}", acceptor.localAddress);
            return acceptor;
        }
        BindException failure = new BindException("no free port in " + bindAddress.getHostAddress() + ":" + firstPort
                + "-" + lastPort);
        if (last != null) {
            failure.initCause(last);
        }
        throw failure;
    }

    /** The bound port. */
    public int port() {
        return localAddress.getPort();
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Incoming connections still in their handshake. */
    public int pendingHandshakes() {
        return pendingHandshakes;
    }

    /** Stops listening; connections already accepted stay open. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            registration.close();
        }
    }

    private void acceptable() throws IOException {
        for (int i = 0; i < MAX_ACCEPTS_PER_EVENT; i++) {
            SocketChannel socket = server.accept();
            if (socket == null) {
                return;
            }
            if (pendingHandshakes >= PeerWireLimits.MAX_PENDING_INCOMING_HANDSHAKES) {
                LOG.debug("refusing {}: {} handshakes pending", socket.getRemoteAddress(), pendingHandshakes);
                socket.close();
                continue;
            }
            try {
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
                InetSocketAddress remote = (InetSocketAddress) socket.getRemoteAddress();
                Registration accepted = loop.register(socket, 0, new IdleHandler());
                pendingHandshakes++;
                boolean[] ended = new boolean[1];
                DefaultPeerConnection connection = DefaultPeerConnection.incoming(loop, buffers, remote, router, () -> {
                    if (!ended[0]) {
                        ended[0] = true;
                        pendingHandshakes--;
                    }
                });
                connection.attach(accepted);
            } catch (IOException e) {
                LOG.debug("accepted connection failed at once", e);
                socket.close();
            }
        }
    }

    private final class Handler implements ChannelHandler {
        @Override
        public void ready(int readyOps) throws IOException {
            acceptable();
        }

        @Override
        public void closed(Throwable cause) {
            closed = true;
            LOG.debug("peer acceptor on {} closed", localAddress, cause);
        }
    }

    /** Placeholder until the connection takes the registration over in the same call. */
    private static final class IdleHandler implements ChannelHandler {
        @Override
        public void ready(int readyOps) {
        }

        @Override
        public void closed(Throwable cause) {
        }
    }
}
