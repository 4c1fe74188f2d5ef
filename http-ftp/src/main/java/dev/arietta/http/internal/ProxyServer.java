package dev.arietta.http.internal;

import java.util.Objects;

/**
 * An HTTP proxy: http URLs are requested through it in absolute form, https URLs through a
 * CONNECT tunnel. {@link #toString()} masks the password. Immutable.
 *
 * @param host        the proxy's host name or address literal
 * @param port        the proxy's port
 * @param credentials Basic credentials for {@code Proxy-Authorization}, or null
 */
public record ProxyServer(String host, int port, Credentials credentials) {

    public ProxyServer {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad proxy port " + port);
        }
    }

    /** The {@code host:port} authority, IPv6 literals bracketed. */
    public String authority() {
        return Route.authority(host, port);
    }

    @Override
    public String toString() {
        return "proxy " + (credentials == null ? "" : credentials.user() + ":" + UriMasking.MASK + "@") + authority();
    }
}
