package dev.arietta.http.internal;

import java.util.Objects;

/**
 * An HTTP proxy: http URLs are requested through it in absolute form (or, with
 * {@code tunnelPlainHttp}, through a CONNECT tunnel: aria2's {@code proxy-method=tunnel}),
 * https URLs always through a CONNECT tunnel. {@link #toString()} masks the password.
 * Immutable.
 *
 * @param host            the proxy's host name or address literal
 * @param port            the proxy's port
 * @param credentials     Basic credentials for {@code Proxy-Authorization}, or null
 * @param tunnelPlainHttp whether http URLs go through a CONNECT tunnel too
 */
public record ProxyServer(String host, int port, Credentials credentials, boolean tunnelPlainHttp) {

    public ProxyServer {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad proxy port " + port);
        }
    }

    /** A proxy that gets http URLs in absolute form (aria2's default {@code proxy-method=get}). */
    public ProxyServer(String host, int port, Credentials credentials) {
        this(host, port, credentials, false);
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
