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

/**
 * The session's FTP clients, one per combination of client-level options
 * ({@code connect-timeout}, {@code timeout}, {@code ftp-pasv}), so logged-in control connections
 * are pooled across downloads that agree on them. Loop thread only; {@link #close()} at shutdown.
 */
final class FtpClients implements AutoCloseable {

    private record Key(int connectTimeoutMillis, int readTimeoutMillis, boolean passive) {
    }

    private final EventLoop loop;
    private final Map<Key, FtpClient> clients = new HashMap<>();

    FtpClients(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * A fetcher for a download with {@code options}: its client, and credentials from the URL,
     * then {@code netrc} (unless {@code no-netrc}), then {@code ftp-user}/{@code ftp-passwd}.
     */
    FtpSourceFetcher fetcherFor(Options options, Netrc netrc) {
        Key key = new Key(millis(options.get(Option.CONNECT_TIMEOUT)), millis(options.get(Option.TIMEOUT)),
                options.get(Option.FTP_PASV));
        FtpClient client = clients.computeIfAbsent(key, this::build);
        Netrc entries = options.get(Option.NO_NETRC) ? Netrc.empty() : netrc;
        String user = orDefault(options.get(Option.FTP_USER), FtpCredentials.ANONYMOUS_USER);
        String password = orDefault(options.get(Option.FTP_PASSWD), FtpCredentials.ANONYMOUS_PASSWORD);
        return new FtpSourceFetcher(loop, client, (FtpUrl url) -> FtpCredentials.resolve(url, entries, user, password));
    }

    private FtpClient build(Key key) {
        FtpSessionOptions options = new FtpSessionOptions(key.connectTimeoutMillis(), key.readTimeoutMillis(),
                !key.passive(), FtpSessionOptions.DEFAULTS.passiveAddressPolicy(), FtpSessionOptions.DEFAULTS.limits());
        return FtpClient.builder(loop).options(options).build();
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
