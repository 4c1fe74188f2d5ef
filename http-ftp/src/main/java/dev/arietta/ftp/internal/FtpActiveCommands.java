package dev.arietta.ftp.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The arguments of active-mode commands: RFC 2428 EPRT and RFC 959 PORT. Stateless. */
final class FtpActiveCommands {
    private FtpActiveCommands() {
    }

    /** {@code |1|192.0.2.9|5000|} or {@code |2|2001:db8:0:0:0:0:0:9|5000|} (zone id dropped). */
    static String eprtArgument(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        String text = host.getHostAddress();
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        int family = host instanceof Inet4Address ? 1 : 2;
        return "|" + family + "|" + text + "|" + address.getPort() + "|";
    }

    /** {@code h1,h2,h3,h4,p1,p2} for an IPv4 address. */
    static String portArgument(InetSocketAddress address) {
        byte[] bytes = address.getAddress().getAddress();
        if (bytes.length != 4) {
            throw new IllegalArgumentException("PORT needs an IPv4 address: " + address);
        }
        int port = address.getPort();
        return (bytes[0] & 0xFF) + "," + (bytes[1] & 0xFF) + "," + (bytes[2] & 0xFF) + "," + (bytes[3] & 0xFF)
                + "," + (port >> 8) + "," + (port & 0xFF);
    }
}
