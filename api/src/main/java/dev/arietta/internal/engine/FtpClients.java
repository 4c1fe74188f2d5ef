package dev.arietta.internal.engine;

import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.ftp.internal.FtpClient;
import dev.arietta.ftp.internal.FtpCredentials;
import dev.arietta.ftp.internal.FtpSessionOptions;
import dev.arietta.ftp.internal.FtpUrl;
import dev.arietta.http.internal.netrc.Netrc;
import dev.arietta.http.internal.transfer.FtpSourceFetcher;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The session's FTP clients, one per combination of client-level options
 * ({@code connect-timeout}, {@code timeout}, {@code ftp-pasv}), so logged-in control connections
 * are pooled across downloads that agree on them. Loop thread only; {@link #close()} at shutdown.
 */
final class FtpClients implements AutoCloseable {

    private final EventLoop loop;
    private final Map<FtpSessionOptions, FtpClient> clients = new HashMap<>();

    FtpClients(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * A fetcher for a download with {@code options}: its client, and credentials from the URL,
     * then {@code netrc} (unless {@code no-netrc}), then {@code ftp-user}/{@code ftp-passwd}.
     */
    FtpSourceFetcher fetcherFor(Options options, Netrc netrc) {
        FtpClient client = clients.computeIfAbsent(sessionOptions(options),
                settings -> FtpClient.builder(loop).options(settings).build());
        return new FtpSourceFetcher(loop, client, credentials(options, netrc));
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
