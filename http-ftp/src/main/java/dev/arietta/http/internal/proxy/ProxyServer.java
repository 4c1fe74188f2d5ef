package dev.arietta.http.internal.proxy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The proxy a request goes through. Immutable; {@link #toString()} masks the password.
 *
 * @param scheme how to talk to the proxy: {@code http} (plain) or {@code https} (TLS to the proxy)
 * @param host the proxy host name or IP literal (IPv6 without brackets)
 * @param port the proxy port, 1–65535
 * @param credentials the proxy user and password, if any
 */
public record ProxyServer(Scheme scheme, String host, int port, Optional<ProxyCredentials> credentials) {

    /** The protocol spoken to the proxy itself. */
    public enum Scheme {
        /** Plain HTTP to the proxy (aria2's only kind); default port 80, as in aria2. */
        HTTP(80),
        /** TLS to the proxy; default port 443. */
        HTTPS(443);

        private final int defaultPort;

        Scheme(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** The port used when the proxy URI names none. */
        public int defaultPort() {
            return defaultPort;
        }
    }

    public ProxyServer {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(credentials, "credentials");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty proxy host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port out of range: " + port);
        }
    }

    /** The proxy as a URI-like string without credentials, e.g. {@code http://[::1]:3128}. */
    public String address() {
        String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme.name().toLowerCase(Locale.ROOT) + "://" + shownHost + ":" + port;
    }

    @Override
    public String toString() {
        String user = credentials.map(c -> c.user() + ":***@").orElse("");
        return "ProxyServer[" + address().replace("://", "://" + user) + "]";
    }
}
