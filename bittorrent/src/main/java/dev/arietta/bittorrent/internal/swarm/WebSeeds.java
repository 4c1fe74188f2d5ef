package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.swarm.webseed.WebSeed;
import dev.arietta.bittorrent.internal.swarm.webseed.WebSeedHost;
import dev.arietta.bittorrent.internal.swarm.webseed.WebSeedUrls;
import dev.arietta.bittorrent.metainfo.TorrentFile;
import dev.arietta.core.internal.piece.PieceRange;
import dev.arietta.http.internal.transfer.SourceFetcher;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web seeds of a running torrent (BEP 19): the torrent's {@code url-list} and the URIs
 * given when it was added, HTTP, HTTPS and FTP ones, each a {@link WebSeed} fetching runs of
 * pieces through the context's web seed fetchers (the session's HTTP and FTP clients). Their blocks take the same path as peers' blocks. Loop
 * thread only.
 */
final class WebSeeds implements WebSeedHost {

    private static final Logger LOG = LoggerFactory.getLogger(WebSeeds.class);

    private final Torrent torrent;
    private final List<WebSeed> seeds = new ArrayList<>();
    private final Map<Integer, WebSeed> bySource = new HashMap<>();

    WebSeeds(Torrent torrent) {
        this.torrent = torrent;
        Set<String> urls = new LinkedHashSet<>(torrent.metainfo.webSeeds());
        for (URI uri : torrent.settings().webSeeds()) {
            urls.add(uri.toString());
        }
        // The server's names: the torrent's own, not the sanitized ones on disk.
        List<List<String>> paths = torrent.metainfo.files().stream().map(TorrentFile::originalPath).toList();
        for (String url : urls) {
            List<URI> fileUris;
            try {
                fileUris = WebSeedUrls.fileUris(url, torrent.metainfo.originalName(), paths,
                        torrent.metainfo.isMultiFile());
            } catch (IllegalArgumentException e) {
                LOG.info("{}: ignoring web seed {}: {}", torrent, url, e.getMessage());
                continue;
            }
            SourceFetcher fetcher = torrent.context.webSeedFetcher(fileUris.get(0));
            if (fetcher == null) {
                LOG.debug("{}: ignoring web seed {}: only HTTP, HTTPS and FTP are fetched", torrent, url);
                continue;
            }
            WebSeed seed = new WebSeed(URI.create(url), fileUris, torrent.peers.newSource(), torrent.layout, fetcher,
                    this);
            seeds.add(seed);
            bySource.put(seed.source(), seed);
        }
    }

    void fill() {
        for (WebSeed seed : seeds) {
            seed.fill();
        }
    }

    /** The write queue drained: paused fetches go on. */
    void resume() {
        for (WebSeed seed : seeds) {
            seed.resume();
        }
    }

    void stop() {
        for (WebSeed seed : seeds) {
            seed.stop();
        }
    }

    /**
     * A piece failed its hash check; if {@code source} is a web seed it is dropped.
     *
     * @return whether {@code source} is a web seed
     */
    boolean blame(int source, int piece) {
        WebSeed seed = bySource.get(source);
        if (seed == null) {
            return false;
        }
        seed.blamed(piece);
        torrent.downloader.dropSuppliedBy(source);
        return true;
    }

    /** Web seeds not dropped. */
    int active() {
        int count = 0;
        for (WebSeed seed : seeds) {
            count += seed.isDropped() ? 0 : 1;
        }
        return count;
    }

    long downloadedBytes() {
        long total = 0;
        for (WebSeed seed : seeds) {
            total += seed.downloadedBytes();
        }
        return total;
    }

    long downloadRate() {
        long rate = 0;
        for (WebSeed seed : seeds) {
            rate += seed.downloadRate();
        }
        return rate;
    }

    // ---- WebSeedHost

    @Override
    public boolean isDownloading() {
        return torrent.isDownloading();
    }

    @Override
    public PieceRange claimRun(int source, int maxPieces) {
        return torrent.picker.claimWebSeedRun(source, maxPieces);
    }

    @Override
    public boolean deliver(int source, int piece, int offset, ByteBuffer block) {
        return torrent.downloader.accept(source, piece, offset, block);
    }

    @Override
    public void giveBack(int source) {
        if (torrent.picker.abortAllRequests(source) > 0) {
            torrent.downloader.fillSoon();
        }
    }

    @Override
    public boolean isWriteQueueFull() {
        return torrent.downloader.isMemoryFull();
    }

    @Override
    public long takeDownloadAllowance(long bytes) {
        return torrent.downloadLimit.request(bytes);
    }

    @Override
    public long nanosUntilDownloadAllowance() {
        return torrent.downloadLimit.nanosUntilAvailable();
    }

    @Override
    public long nanoTime() {
        return torrent.loop.nanoTime();
    }

    @Override
    public void schedule(long delayNanos, Runnable task) {
        torrent.schedule(delayNanos, task);
    }
}
