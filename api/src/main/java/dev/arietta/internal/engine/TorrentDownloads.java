package dev.arietta.internal.engine;

import dev.arietta.DownloadHandle;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.bittorrent.internal.swarm.BitTorrentContext;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.ratelimit.RateLimiter;
import dev.arietta.http.internal.Http1Client;
import dev.arietta.http.internal.transfer.SourceFetcher;
import dev.arietta.internal.options.Syntaxes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The session's BitTorrent downloads: the {@link BitTorrentContext} they share (opened on the
 * loop when the first torrent starts, listening on the first free port of {@code listen-port};
 * closed at shutdown) and the making of {@link TorrentJob}s, added by the caller, followed from
 * a downloaded .torrent, or made for a Metalink's torrent metaurl.
 *
 * <p>The context is loop-thread only; making jobs is safe from any thread (they are queued
 * through {@link Engine#register}).
 */
final class TorrentDownloads {

    private final Engine engine;
    private final RateLimiter uploadLimiter;
    private BitTorrentContext context;

    TorrentDownloads(Engine engine, RateLimiter uploadLimiter) {
        this.engine = engine;
        this.uploadLimiter = uploadLimiter;
    }

    /**
     * The context, opened on first use. Loop thread only.
     *
     * @param http the HTTP client for trackers (the session's settings: proxies, TLS, user agent); web
     *             seeds are fetched as downloads with the session's options are
     * @throws IOException if no port of {@code listen-port} can be bound
     */
    BitTorrentContext context(Http1Client http) throws IOException {
        if (context != null) {
            return context;
        }
        IOException last = null;
        for (int[] range : Syntaxes.portRanges(engine.globalOptions().get(Option.LISTEN_PORT))) {
            try {
                context = BitTorrentContext.builder(engine.loop(), engine.diskExecutor(), engine.hashExecutor())
                        .httpClient(http).webSeedFetchers(webSeedFetchers()).listenPorts(range[0], range[1])
                        .random(new SplittableRandom(engine.randomLong()))
                        .uploadLimiter(uploadLimiter).downloadLimiter(engine.downloadLimiter()).open();
                return context;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * The web seeds' fetchers: HTTP(S) and FTP as a download with the session's options gets
     * them (proxies, {@code ftp-user}, netrc...); the context's defaults if those options cannot
     * be used (the downloads that use them fail with the reason).
     */
    private List<SourceFetcher> webSeedFetchers() {
        try {
            // Web seeds fetch piece ranges: the first-request rules of whole downloads do not apply.
            Options ranges = engine.globalOptions().toBuilder().set(Option.DRY_RUN, false)
                    .set(Option.USE_HEAD, false).set(Option.HTTP_ACCEPT_GZIP, false).build();
            return engine.fetchersFor(ranges, () -> null);
        } catch (IllegalArgumentException e) {
            engine.log().warn("web seeds use default HTTP and FTP settings: {}", e.getMessage());
            return null;
        }
    }

    /** The context if it is open, else null. Loop thread only. */
    BitTorrentContext contextIfOpen() {
        return context;
    }

    /** Closes the context if open (listening socket, tracker clients). Loop thread only. */
    void close() {
        if (context != null) {
            context.close();
        }
    }

    /**
     * A download the caller adds.
     *
     * @param torrentFile the .torrent file it came from (save-session refers to it), or null
     * @param options     the caller's options; {@code gid} is taken as the download's
     */
    DownloadHandle add(TorrentMetainfo metainfo, Path torrentFile, List<String> webSeeds, Options options,
                       int position) {
        long gid = engine.newGid(options.get(Option.GID));
        TorrentJob job = job(gid, metainfo, torrentFile, webSeeds, options.toBuilder().unset(Option.GID).build());
        engine.register(job, options.get(Option.PAUSE), position);
        return job.handle;
    }

    /**
     * Loop thread: the download of a .torrent that {@code parent} downloaded ({@code follow-torrent}),
     * with the parent's options (less its file name and checksum), at the front of the waiting
     * queue, paused with {@code pause-metadata}.
     *
     * @param torrentFile where the .torrent was saved, or null when kept in memory (then not saved with the session)
     */
    DownloadHandle follow(DownloadJob parent, TorrentMetainfo metainfo, Path torrentFile) {
        Options options = parent.options.toBuilder().unset(Option.GID).unset(Option.OUT).unset(Option.CHECKSUM)
                .unset(Option.PAUSE).build();
        return child(parent, metainfo, torrentFile, List.of(), options,
                parent.effective().get(Option.PAUSE_METADATA));
    }

    /**
     * Loop thread: a download made for {@code parent}'s metadata (a Metalink's torrent metaurl),
     * with {@code options} as its own, at the front of the waiting queue.
     */
    DownloadHandle child(DownloadJob parent, TorrentMetainfo metainfo, Path torrentFile, List<String> webSeeds,
                         Options options, boolean paused) {
        TorrentJob job = job(engine.newGid(null), metainfo, torrentFile, webSeeds, options);
        job.following = parent.gidText;
        engine.register(job, paused, 0);
        return job.handle;
    }

    private TorrentJob job(long gid, TorrentMetainfo metainfo, Path torrentFile, List<String> webSeeds,
                           Options options) {
        return new TorrentJob(engine, gid, engine.handleOf(gid), metainfo, torrentFile, webSeeds, options,
                engine.globalOptions());
    }
}
