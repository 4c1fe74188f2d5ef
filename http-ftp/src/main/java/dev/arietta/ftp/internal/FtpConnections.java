package dev.arietta.ftp.internal;

import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.FtpException.Reason;
import dev.arietta.http.internal.ProxyServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** How the event-loop driver sets up a session on a new control connection and names connect failures. */
final class FtpConnections {

    private FtpConnections() {
    }

    /**
     * The protocol core for a control connection to {@code url}'s server.
     *
     * @param connectedPeer the address the socket is connected to (the proxy's when tunnelled)
     * @param proxy the tunnel proxy, or {@code null}
     */
    static FtpProtocol newProtocol(FtpUrl url, FtpCredentials credentials, FtpSessionOptions options,
                                   InetAddress connectedPeer, ProxyServer proxy) throws UnknownHostException {
        InetAddress peer = proxy == null ? connectedPeer : tunnelledPeer(url.host());
        // Through a tunnel the data connection goes to the server's name via the proxy, so a
        // PASV address can neither be checked against the peer nor be used.
        FtpProtocol protocol = new FtpProtocol(url.masked(), peer, credentials, options.limits(),
                proxy == null ? options.passiveAddressPolicy() : PassiveAddressPolicy.USE_CONTROL_PEER);
        if (!options.extendedPassive() && peer instanceof Inet4Address) {
            protocol.skipExtendedPassive();
        }
        if (options.asciiType()) {
            protocol.useAsciiType();
        }
        return protocol;
    }

    /**
     * The server's address as far as the protocol needs it behind a proxy, which resolves the
     * name itself: an address literal as it is, a name as a placeholder IPv4 address (its family
     * lets PASV be tried when EPSV is refused).
     */
    private static InetAddress tunnelledPeer(String host) throws UnknownHostException {
        if (host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return InetAddress.getByName(host);
        }
        return InetAddress.getByAddress(host, new byte[4]);
    }

    /** A connect failure as an {@link FtpException}: name resolution, timeout, or connection failure. */
    static FtpException connectFailure(FtpUrl url, ProxyServer proxy, IOException cause, String which) {
        if (cause instanceof FtpException ftp) {
            return ftp;
        }
        Reason reason = cause instanceof UnknownHostException ? Reason.NAME_RESOLUTION_FAILED
                : cause instanceof SocketTimeoutException ? Reason.TIMEOUT : Reason.CONNECTION_FAILED;
        return new FtpException(reason, url.masked(), null, 0, null, "cannot open the " + which + " connection"
                + (proxy == null ? "" : " through " + proxy) + ": " + cause.getMessage(), cause);
    }
}
