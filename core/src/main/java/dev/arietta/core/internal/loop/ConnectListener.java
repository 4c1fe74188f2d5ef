package dev.arietta.core.internal.loop;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Hears the outcome of {@link Connector#connect}; called once, on the loop thread. */
public interface ConnectListener {

    /**
     * A TCP connection is established. The caller now owns {@code registration}: its channel
     * is a connected {@link java.nio.channels.SocketChannel}, its interest set is empty and
     * it must be given a new handler with {@link Registration#handler(ChannelHandler)}.
     */
    void connected(Registration registration, InetSocketAddress remote);

    /**
     * No connection: {@link java.net.UnknownHostException} when the name did not resolve,
     * {@link java.net.SocketTimeoutException} when the connect timeout passed,
     * {@link java.net.ConnectException} (or another {@link IOException}) when every address
     * refused, {@link EventLoopClosedException} when the loop shut down.
     */
    void failed(IOException cause);
}
