package dev.arietta.internal.engine;

import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.ProxyMethod;
import dev.arietta.TlsVersion;
import dev.arietta.ftp.internal.FtpCredentials;
import dev.arietta.http.internal.CookieSource;
import dev.arietta.http.internal.CredentialSource;
import dev.arietta.http.internal.Credentials;
import dev.arietta.http.internal.Http1Client;
import dev.arietta.http.internal.HttpRequest;
import dev.arietta.http.internal.ProxyServer;
import dev.arietta.http.internal.TlsSettings;
import dev.arietta.http.internal.netrc.Netrc;
import dev.arietta.http.internal.proxy.ProxyOptionException;
import dev.arietta.http.internal.proxy.ProxySettings;
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
 * User-Agent, TLS, proxies, netrc use, {@code http-auth-challenge}, {@code enable-http-keep-alive}
 * (false keeps no idle connection)), so connections are pooled across downloads that agree
 * on them. All clients share the session's cookie jar and netrc entries. Loop thread only;
 * {@link #close()} at shutdown.
 *
 * <p>Proxies come from the options only ({@code http-proxy}, {@code https-proxy},
 * {@code ftp-proxy}, {@code all-proxy}, their {@code -user}/{@code -passwd}, {@code no-proxy});
 * the process environment ({@code http_proxy}...) is not read: an embedding application
 * decides. With {@code proxy-method=get} (aria2's default) http and ftp URLs go to the proxy
 * in absolute form; with {@code tunnel} http goes through a CONNECT tunnel (https always
 * does) and ftp is left to the FTP client's tunnels ({@link FtpClients}).
 * {@code min-tls-version=TLSv1.1} is applied as TLSv1.2, the lowest version the client offers.
 */
final class HttpClients implements AutoCloseable {

    /** The proxy options {@link ProxySettings} reads, by aria2 name. */
    private static final List<Option<?>> PROXY_OPTIONS = List.of(Option.HTTP_PROXY, Option.HTTPS_PROXY,
            Option.FTP_PROXY, Option.ALL_PROXY, Option.HTTP_PROXY_USER, Option.HTTP_PROXY_PASSWD,
            Option.HTTPS_PROXY_USER, Option.HTTPS_PROXY_PASSWD, Option.FTP_PROXY_USER, Option.FTP_PROXY_PASSWD,
            Option.ALL_PROXY_USER, Option.ALL_PROXY_PASSWD, Option.NO_PROXY);

    private record Key(Duration connectTimeout, Duration readTimeout, String userAgent, boolean checkCertificate,
                       Path caCertificate, Path certificate, Path privateKey, TlsVersion minTlsVersion,
                       boolean pipelining, Map<String, String> proxyOptions, boolean tunnelPlainHttp,
                       boolean useNetrc, boolean authChallenge, boolean keepAlive) {
    }

    private final EventLoop loop;
    private final CookieSource cookies;
    private final Netrc netrc;
    private final Map<Key, Http1Client> clients = new HashMap<>();

    /**
     * @param cookies the session's cookie jar, as the clients see it
     * @param netrc   the session's netrc entries (used unless a download sets {@code no-netrc})
     */
    HttpClients(EventLoop loop, CookieSource cookies, Netrc netrc) {
        this.loop = loop;
        this.cookies = cookies;
        this.netrc = netrc;
    }

    /** The proxy options of {@code options} by aria2 name, as {@link ProxySettings} reads them. */
    static Map<String, String> proxyOptions(Options options) {
        Map<String, String> proxyOptions = new HashMap<>();
        for (Option<?> option : PROXY_OPTIONS) {
            Object value = options.get(option);
            if (value != null) {
                proxyOptions.put(option.name(), value instanceof List<?> list
                        ? String.join(",", list.stream().map(String::valueOf).toList()) : value.toString());
            }
        }
        return Map.copyOf(proxyOptions);
    }

    /**
     * The proxies {@code options} configure (the environment is not read).
     *
     * @throws IllegalArgumentException if a proxy option cannot be used
     */
    static ProxySettings proxySettings(Options options) {
        return proxySettings(proxyOptions(options));
    }

    private static ProxySettings proxySettings(Map<String, String> proxyOptions) {
        try {
            return ProxySettings.of(proxyOptions, Map.of());
        } catch (ProxyOptionException bad) {
            throw new IllegalArgumentException(bad.getMessage(), bad);
        }
    }

    Http1Client clientFor(Options options) {
        Map<String, String> proxyOptions = proxyOptions(options);
        Key key = new Key(options.get(Option.CONNECT_TIMEOUT), options.get(Option.TIMEOUT),
                options.get(Option.USER_AGENT), options.get(Option.CHECK_CERTIFICATE),
                options.get(Option.CA_CERTIFICATE), options.get(Option.CERTIFICATE), options.get(Option.PRIVATE_KEY),
                options.get(Option.MIN_TLS_VERSION), options.get(Option.ENABLE_HTTP_PIPELINING),
                proxyOptions, options.get(Option.PROXY_METHOD) == ProxyMethod.TUNNEL, !options.get(Option.NO_NETRC),
                options.get(Option.HTTP_AUTH_CHALLENGE), options.get(Option.ENABLE_HTTP_KEEP_ALIVE));
        return clients.computeIfAbsent(key, this::build);
    }

    private Http1Client build(Key key) {
        TlsSettings.Builder tls = TlsSettings.builder().verifyPeer(key.checkCertificate());
        if (key.caCertificate() != null) {
            tls.caCertificates(key.caCertificate());
        }
        if (key.certificate() != null) {
            tls.clientCertificate(key.certificate());
        }
        if (key.privateKey() != null) {
            tls.clientPrivateKey(key.privateKey());
        }
        if (key.minTlsVersion() == TlsVersion.TLS_1_3) {
            tls.minimumProtocol(TlsSettings.TLS_1_3);
        }
        ProxySettings proxies = proxySettings(key.proxyOptions());
        for (String name : List.of("http-proxy", "https-proxy", "ftp-proxy", "all-proxy")) {
            String value = key.proxyOptions().get(name);
            if (value != null && value.regionMatches(true, 0, "https://", 0, 8)) {
                // Sending requests in the clear to a proxy the user chose TLS for would be worse than failing.
                throw new IllegalArgumentException(name + ": TLS to the proxy (https://) is not supported");
            }
        }
        Http1Client.Builder builder = Http1Client.builder(loop).connectTimeout(key.connectTimeout())
                .readTimeout(key.readTimeout()).tls(tls.build()).pipeliningDepth(key.pipelining() ? 8 : 1)
                .proxyChoice(uri -> proxies.select(uri).map(proxy -> clientProxy(proxy, key.tunnelPlainHttp()))).cookies(cookies)
                .credentialSource(key.useNetrc() ? netrcCredentials(netrc) : CredentialSource.NONE)
                .authChallenge(key.authChallenge());
        if (!key.keepAlive()) {
            // enable-http-keep-alive=false: no connection outlives its request.
            builder.maxIdlePerRoute(0);
        }
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
        if ("ftp".equalsIgnoreCase(uri.getScheme())) {
            // An ftp URL the HTTP proxy fetches (proxy-method=get): the proxy logs in with these.
            String ftpUser = options.get(Option.FTP_USER);
            if (uri.getRawUserInfo() == null && ftpUser != null && !ftpUser.equals(FtpCredentials.ANONYMOUS_USER)) {
                String password = options.get(Option.FTP_PASSWD);
                request.credentials(new Credentials(ftpUser, password == null ? "" : password));
            }
            return;
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

    /** The HTTP client's view of a configured (plain HTTP) proxy; {@code tunnel}: also http through CONNECT. */
    static ProxyServer clientProxy(dev.arietta.http.internal.proxy.ProxyServer proxy, boolean tunnel) {
        Credentials credentials = proxy.credentials()
                .map(login -> new Credentials(login.user(), login.password())).orElse(null);
        return new ProxyServer(proxy.host(), proxy.port(), credentials, tunnel);
    }

    /** netrc entries as HTTP credentials: the host's {@code machine} entry, else {@code default}. */
    static CredentialSource netrcCredentials(Netrc netrc) {
        return host -> netrc.find(host).filter(entry -> entry.login() != null)
                .map(entry -> new Credentials(entry.login(), entry.password() == null ? "" : entry.password()));
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
