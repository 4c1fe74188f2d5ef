package dev.arietta.internal.engine;

import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.ftp.internal.FtpClient;
import dev.arietta.ftp.internal.FtpCredentials;
import dev.arietta.ftp.internal.FtpSessionOptions;
import dev.arietta.ftp.internal.FtpUrl;
import dev.arietta.http.internal.netrc.Netrc;
import dev.arietta.http.internal.proxy.ProxySettings;
import dev.arietta.http.internal.transfer.FtpSourceFetcher;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The session's FTP clients, one per combination of client-level options
 * ({@code connect-timeout}, {@code timeout}, {@code ftp-pasv}, {@code ftp-reuse-connection}, and with
 * {@code proxy-method=tunnel} the proxy options and {@code user-agent}), so logged-in control
 * connections are pooled across downloads that agree on them. Loop thread only;
 * {@link #close()} at shutdown.
 */
final class FtpClients implements AutoCloseable {

    /** What makes two downloads' FTP clients differ. */
    private record Key(FtpSessionOptions session, Map<String, String> tunnelProxyOptions, String userAgent,
                       boolean reuseConnections) {
    }

    private final EventLoop loop;
    private final Map<Key, FtpClient> clients = new HashMap<>();

    FtpClients(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * A fetcher for a download with {@code options}: its client, and credentials from the URL,
     * then {@code netrc} (unless {@code no-netrc}), then {@code ftp-user}/{@code ftp-passwd}.
     * With {@code tunnelProxies} (aria2's {@code proxy-method=tunnel}) control and data
     * connections go through CONNECT tunnels to the proxy those settings pick for each URL
     * ({@code ftp-proxy}, else {@code all-proxy}, unless {@code no-proxy}); null connects
     * directly. {@code dry-run} makes it ask only SIZE and MDTM, {@code remote-time} adds MDTM.
     */
    FtpSourceFetcher fetcherFor(Options options, Netrc netrc, ProxySettings tunnelProxies) {
        Key key = new Key(sessionOptions(options),
                tunnelProxies == null ? Map.of() : HttpClients.proxyOptions(options),
                tunnelProxies == null ? "" : options.get(Option.USER_AGENT), options.get(Option.FTP_REUSE_CONNECTION));
        FtpClient client = clients.computeIfAbsent(key, settings -> {
            FtpClient.Builder builder = FtpClient.builder(loop).options(settings.session());
            if (!settings.reuseConnections()) {
                // ftp-reuse-connection=false: every retrieval logs in on a control connection of its own.
                builder.maxIdlePerServer(0);
            }
            if (tunnelProxies != null) {
                builder.proxyChoice(uri -> tunnelProxies.select(uri).map(proxy -> HttpClients.clientProxy(proxy, true)));
                if (settings.userAgent() != null && !settings.userAgent().isEmpty()) {
                    builder.userAgent(settings.userAgent());
                }
            }
            return builder.build();
        });
        return new FtpSourceFetcher(loop, client, credentials(options, netrc), options.get(Option.DRY_RUN),
                options.get(Option.REMOTE_TIME));
    }

    /** The login for a URL under {@code options}: URL user info, netrc (unless {@code no-netrc}), options. */
    static Function<FtpUrl, FtpCredentials> credentials(Options options, Netrc netrc) {
        Netrc entries = options.get(Option.NO_NETRC) ? Netrc.empty() : netrc;
        String user = orDefault(options.get(Option.FTP_USER), FtpCredentials.ANONYMOUS_USER);
        String password = orDefault(options.get(Option.FTP_PASSWD), FtpCredentials.ANONYMOUS_PASSWORD);
        return url -> FtpCredentials.resolve(url, entries, user, password);
    }

    /** The client settings for {@code options}: {@code connect-timeout}, {@code timeout}, {@code ftp-pasv}. */
    static FtpSessionOptions sessionOptions(Options options) {
        return new FtpSessionOptions(millis(options.get(Option.CONNECT_TIMEOUT)), millis(options.get(Option.TIMEOUT)),
                !options.get(Option.FTP_PASV), FtpSessionOptions.DEFAULTS.passiveAddressPolicy(),
                FtpSessionOptions.DEFAULTS.limits());
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    @Override
    public void close() {
        for (FtpClient client : clients.values()) {
            client.close();
        }
        clients.clear();
    }
}
