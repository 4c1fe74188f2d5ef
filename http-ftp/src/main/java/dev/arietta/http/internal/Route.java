package dev.arietta.http.internal;

import java.net.URI;
import java.util.Locale;

/**
 * Where a connection goes, the key of the connection pool: the origin (scheme, host, port)
 * and the proxy. Plain http through a proxy is keyed by the proxy alone, since one proxy
 * connection carries requests for any origin; https through a proxy is a tunnel to one
 * origin, and so is plain http through a proxy that tunnels it
 * ({@link ProxyServer#tunnelPlainHttp()}); ftp goes through a proxy like plain http without
 * a tunnel (the proxy speaks FTP). Immutable.
 *
 * @param secure whether TLS runs to the origin
 * @param host   the origin host, lower case (the proxy's for plain http through a proxy)
 * @param port   the origin port (the proxy's for plain http through a proxy)
 * @param proxy  the proxy, or null for a direct connection
 */
public record Route(boolean secure, String host, int port, ProxyServer proxy) {

    /** The route for {@code uri} through {@code proxy} (null for direct). */
    public static Route of(URI uri, ProxyServer proxy) {
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        if (proxy != null && !secure) {
            if (proxy.tunnelPlainHttp() && "http".equalsIgnoreCase(uri.getScheme())) {
                return new Route(false, host(uri), port(uri), proxy);
            }
            ProxyServer forwarding = new ProxyServer(proxy.host(), proxy.port(), proxy.credentials(), false);
            return new Route(false, proxy.host().toLowerCase(Locale.ROOT), proxy.port(), forwarding);
        }
        return new Route(secure, host(uri), port(uri), proxy);
    }

    /** The URL's host, lower case, without IPv6 brackets. */
    public static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("URL without host: " + UriMasking.mask(uri));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /** The URL's port, or the scheme's default (80, 443, 21 for ftp through a proxy). */
    public static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "ftp".equalsIgnoreCase(uri.getScheme()) ? 21 : 80;
    }

    /** {@code host:port}, IPv6 literals bracketed. */
    public static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Whether requests go to the proxy in absolute form (plain http through a proxy). */
    public boolean absoluteForm() {
        return proxy != null && !secure && !proxy.tunnelPlainHttp();
    }

    /** Whether the connection needs a CONNECT tunnel through the proxy. */
    public boolean tunnel() {
        return proxy != null && (secure || proxy.tunnelPlainHttp());
    }

    /** The host the TCP connection goes to. */
    public String connectHost() {
        return proxy != null ? proxy.host() : host;
    }

    /** The port the TCP connection goes to. */
    public int connectPort() {
        return proxy != null ? proxy.port() : port;
    }

    @Override
    public String toString() {
        return (secure ? "https://" : "http://") + authority(host, port) + (proxy == null ? "" : " via " + proxy);
    }
}
