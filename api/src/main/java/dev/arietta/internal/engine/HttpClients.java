package dev.arietta.internal.engine;

import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.http.internal.Credentials;
import dev.arietta.http.internal.Http1Client;
import dev.arietta.http.internal.HttpRequest;
import dev.arietta.http.internal.TlsSettings;
import dev.arietta.core.internal.loop.EventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The session's HTTP clients, one per combination of client-level options (timeouts,
 * User-Agent, TLS), so connections are pooled across downloads that agree on them. Loop
 * thread only; {@link #close()} at shutdown.
 */
final class HttpClients implements AutoCloseable {

    private record Key(Duration connectTimeout, Duration readTimeout, String userAgent, boolean checkCertificate,
                       Path caCertificate, boolean pipelining) {
    }

    private final EventLoop loop;
    private final Map<Key, Http1Client> clients = new HashMap<>();

    HttpClients(EventLoop loop) {
        this.loop = loop;
    }

    Http1Client clientFor(Options options) {
        Key key = new Key(options.get(Option.CONNECT_TIMEOUT), options.get(Option.TIMEOUT),
                options.get(Option.USER_AGENT), options.get(Option.CHECK_CERTIFICATE),
                options.get(Option.CA_CERTIFICATE), options.get(Option.ENABLE_HTTP_PIPELINING));
        return clients.computeIfAbsent(key, this::build);
    }

    private Http1Client build(Key key) {
        TlsSettings.Builder tls = TlsSettings.builder().verifyPeer(key.checkCertificate());
        if (key.caCertificate() != null) {
            tls.caCertificates(key.caCertificate());
        }
        Http1Client.Builder builder = Http1Client.builder(loop).connectTimeout(key.connectTimeout())
                .readTimeout(key.readTimeout()).tls(tls.build()).pipeliningDepth(key.pipelining() ? 8 : 1);
        if (key.userAgent() != null) {
            builder.userAgent(key.userAgent());
        }
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Adds a download's own request fields: headers, referer, credentials, no-cache. */
    static void customize(Options options, URI uri, HttpRequest.Builder request) {
        List<String> headers = options.get(Option.HEADER);
        if (headers != null) {
            for (String header : headers) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
                }
            }
        }
        String referer = options.get(Option.REFERER);
        if (referer != null && !referer.isEmpty()) {
            // aria2: "*" sends the download URI itself, without credentials.
            request.referer(referer.equals("*") ? withoutUserInfo(uri) : referer);
        }
        String user = options.get(Option.HTTP_USER);
        if (user != null) {
            String password = options.get(Option.HTTP_PASSWD);
            request.credentials(new Credentials(user, password == null ? "" : password));
        }
        if (options.get(Option.HTTP_NO_CACHE)) {
            request.header("Cache-Control", "no-cache");
            request.header("Pragma", "no-cache");
        }
    }

    private static String withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null)
                    .toASCIIString();
        } catch (java.net.URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost();
        }
    }

    @Override
    public void close() {
        for (Http1Client client : clients.values()) {
            client.close();
        }
        clients.clear();
    }
}
