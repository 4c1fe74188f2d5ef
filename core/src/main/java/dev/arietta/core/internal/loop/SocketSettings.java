package dev.arietta.core.internal.loop;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.util.List;

/**
 * How the sockets that download data are set up: aria2's {@code socket-recv-buffer-size} and
 * {@code disable-ipv6}. Immutable.
 *
 * @param receiveBufferBytes {@code SO_RCVBUF} in bytes, set before the socket connects (or, for
 *                           a listening socket, before it binds, so that accepted sockets
 *                           inherit it and TCP can scale its window to it); 0 leaves the
 *                           system default. Linux doubles the value it is given and caps it at
 *                           {@code net.core.rmem_max}
 * @param ipv4Only           whether IPv6 addresses are never connected to: names resolve to
 *                           their IPv4 addresses only, and an IPv6 literal has no usable address
 */
public record SocketSettings(int receiveBufferBytes, boolean ipv4Only) {

    /** The system's receive buffer, IPv4 and IPv6. */
    public static final SocketSettings DEFAULTS = new SocketSettings(0, false);

    public SocketSettings {
        if (receiveBufferBytes < 0) {
            throw new IllegalArgumentException("negative receive buffer size " + receiveBufferBytes);
        }
    }

    /** Applies the receive buffer size to {@code channel}, before it connects or binds. */
    public void applyTo(NetworkChannel channel) throws IOException {
        if (receiveBufferBytes > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
        }
    }

    /** The addresses that may be connected to, in the given order: all, or the IPv4 ones. */
    public List<InetAddress> usable(List<InetAddress> addresses) {
        if (!ipv4Only) {
            return addresses;
        }
        return addresses.stream().filter(address -> !(address instanceof Inet6Address)).toList();
    }
}
