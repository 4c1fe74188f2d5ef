package dev.arietta.internal.engine;

import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.ProxyMethod;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.http.internal.Http1Client;
import dev.arietta.http.internal.netrc.Netrc;
import dev.arietta.http.internal.proxy.ProxySettings;
import dev.arietta.http.internal.transfer.HttpSourceFetcher;
import dev.arietta.http.internal.transfer.SourceFetcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The session's HTTP and FTP clients ({@link HttpClients}, {@link FtpClients}: pooled by the
 * options that make them differ) and what they share: the cookie jar ({@code load-cookies}) and
 * the {@code netrc-path} entries, both read when the session starts. Loop thread only, except
 * {@link #saveCookies}; {@link #close()} at shutdown.
 */
final class SessionClients implements AutoCloseable {

    private final Netrc netrc;
    private final SessionCookies cookies;
    private final HttpClients http;
    private final FtpClients ftp;

    /** Reads the netrc and cookie files {@code global} names; a file that cannot be used is logged and skipped. */
    SessionClients(EventLoop loop, Options global, Logger log) {
        this.netrc = SessionNetrc.load(global.get(Option.NETRC_PATH), log);
        this.cookies = SessionCookies.load(global.get(Option.LOAD_COOKIES), Clock.systemUTC(), log);
        this.http = new HttpClients(loop, cookies, netrc);
        this.ftp = new FtpClients(loop);
    }

    /** The HTTP client of {@code options} (the session's own serve trackers and web seeds). */
    Http1Client httpClient(Options options) {
        return http.clientFor(options);
    }

    /**
     * The fetchers of a download with {@code options}: HTTP(S), and FTP either directly, through
     * a CONNECT tunnel ({@code proxy-method=tunnel}) or as a GET to the HTTP proxy
     * ({@code proxy-method=get}, aria2's default) when {@code ftp-proxy} or {@code all-proxy}
     * applies. {@code dry-run} makes them ask only HEAD (FTP: SIZE and MDTM); {@code remote-time}
     * makes FTP ask MDTM; {@code http-accept-gzip} lets whole-file HTTP requests come
     * compressed. {@code ifModifiedSince} is read for every HTTP request: a non-null date makes
     * it conditional.
     *
     * @throws IllegalArgumentException if a proxy option cannot be used
     */
    List<SourceFetcher> fetchersFor(Options options, Supplier<Instant> ifModifiedSince) {
        ProxySettings proxies = HttpClients.proxySettings(options);
        boolean ftpByGet = options.get(Option.PROXY_METHOD) == ProxyMethod.GET;
        boolean dryRun = options.get(Option.DRY_RUN);
        HttpSourceFetcher httpFetcher = new HttpSourceFetcher(http.clientFor(options), (uri, request) -> {
            HttpClients.customize(options, uri, request);
            Instant since = ifModifiedSince.get();
            if (since != null && !"ftp".equalsIgnoreCase(uri.getScheme())) {
                request.ifModifiedSince(since);
            }
        }, dryRun, uri -> ftpByGet && proxies.select(uri).isPresent(), options.get(Option.HTTP_ACCEPT_GZIP));
        return List.of(httpFetcher, ftp.fetcherFor(options, netrc, ftpByGet ? null : proxies));
    }

    /** Writes the cookies to {@code file} ({@code save-cookies}); blocks, so not on the loop. Failures are logged. */
    void saveCookies(Path file) {
        cookies.save(file);
    }

    @Override
    public void close() {
        http.close();
        ftp.close();
    }
}
