package dev.arietta.ftp.internal;

import dev.arietta.core.internal.loop.ChannelHandler;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.loop.Registration;
import dev.arietta.core.internal.loop.SocketSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Active mode: a listening socket on the control connection's local address, registered on the
 * loop, that takes one data connection from the server. A connection from another address than
 * the server's is refused (only the server may feed the file). Loop-thread only.
 */
final class FtpActiveListener implements ChannelHandler {

    /** Hears the one outcome; called on the loop thread. */
    interface Listener {
        /** The server connected; the registration's interest set is empty. */
        void accepted(Registration data);

        /** Accepting failed, or another host connected. */
        void acceptFailed(IOException cause);
    }

    private final EventLoop loop;
    private final InetAddress expectedPeer;
    private final Listener listener;
    private final InetSocketAddress address;
    private Registration registration;
    private boolean done;

    private FtpActiveListener(EventLoop loop, InetAddress expectedPeer, Listener listener, InetSocketAddress address) {
        this.loop = loop;
        this.expectedPeer = expectedPeer;
        this.listener = listener;
        this.address = address;
    }

    /**
     * Listens on {@code local}'s address, a free port, backlog 1; the receive buffer of
     * {@code sockets} is set before binding so that the data connection inherits it.
     */
    static FtpActiveListener open(EventLoop loop, InetAddress local, InetAddress expectedPeer, SocketSettings sockets,
                                  Listener listener) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            sockets.applyTo(server);
            server.bind(new InetSocketAddress(local, 0), 1);
            FtpActiveListener active = new FtpActiveListener(loop, expectedPeer, listener,
                    (InetSocketAddress) server.getLocalAddress());
            active.registration = loop.register(server, SelectionKey.OP_ACCEPT, active);
            return active;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The address to announce with EPRT or PORT. */
    InetSocketAddress address() {
        return address;
    }

    @Override
    public void ready(int readyOps) throws IOException {
        SocketChannel data = ((ServerSocketChannel) registration.channel()).accept();
        if (data == null) {
            return;
        }
        registration.close();
        InetAddress from = ((InetSocketAddress) data.getRemoteAddress()).getAddress();
        if (!from.equals(expectedPeer)) {
            data.close();
            done = true;
            listener.acceptFailed(new IOException("active data connection from " + from.getHostAddress()
                    + ", not the server"));
            return;
        }
        Registration accepted;
        try {
            accepted = loop.register(data, 0, this);
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
        done = true;
        listener.accepted(accepted);
    }

    @Override
    public void closed(Throwable cause) {
        if (!done) {
            done = true;
            listener.acceptFailed(cause instanceof IOException ? (IOException) cause
                    : new IOException(cause.toString(), cause));
        }
    }

    /** Stops listening; the listener hears nothing more. */
    void close() {
        done = true;
        registration.close();
    }
}
