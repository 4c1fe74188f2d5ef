package dev.arietta.ftp.internal;

import dev.arietta.http.internal.ProxyServer;
import java.util.Locale;
import java.util.Objects;

/**
 * Which logged-in control connections can serve a retrieval: same server, same login, same
 * tunnel proxy. Immutable.
 *
 * @param host the server host, lower case, IPv6 without brackets
 * @param port the control port
 * @param credentials the login
 * @param proxy the HTTP proxy tunnelling the connection, or {@code null} for a direct one
 */
record FtpPoolKey(String host, int port, FtpCredentials credentials, ProxyServer proxy) {

    FtpPoolKey {
        host = host.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public String toString() {
        return FtpOctets.display(credentials.user()) + "@" + host + ":" + port + (proxy == null ? "" : " via " + proxy);
    }
}
