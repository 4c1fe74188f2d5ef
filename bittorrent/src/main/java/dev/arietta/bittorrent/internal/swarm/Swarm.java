package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.swarm.peer.PeerDirectory;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.piece.Bitfield;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One torrent's swarm: what the session engine drives for a BitTorrent download. Made by
 * {@link BitTorrentContext#addTorrent}; lives until {@link BitTorrentContext#remove}.
 *
 * <p>Life: {@link #start()} prepares the files, loads the resume state (or hashes the files,
 * {@code check-integrity}), then downloads from peers found through the trackers and incoming
 * connections, and seeds once complete ({@link SwarmState}). {@link #stop} ends a run; a
 * stopped (or failed) swarm may be started again and continues from its resume state.
 * Events reach the {@link SwarmListener}: FILE_COMPLETE per selected file, BT_COMPLETE
 * ({@link SwarmListener#onDownloadComplete()}) when every selected piece is verified,
 * COMPLETE ({@link SwarmListener#onSeedingFinished()}) when seeding ends, and errors.
 *
 * <p>Controls that take effect at once: {@link #setMaxPeers}, {@link #setMaxUploadLimit},
 * {@link #setMaxDownloadLimit}, {@link #setSeedRatio}, {@link #setSeedTime}.
 *
 * <p>Thread-safety: loop thread only. Every method must be called on the session's event loop
 * (the engine posts public API calls there) and throws {@link IllegalStateException}
 * elsewhere; listener callbacks arrive there too.
 */
public final class Swarm {

    private static final Logger LOG = LoggerFactory.getLogger(Swarm.class);

    private final BitTorrentContext context;
    private final TorrentMetainfo metainfo;
    private final SwarmListener listener;
    private final PeerDirectory directory = new PeerDirectory();
    private final SwarmListener guarded;
    private SwarmSettings settings;
    private Torrent run;

    Swarm(BitTorrentContext context, TorrentMetainfo metainfo, SwarmSettings settings, SwarmListener listener) {
        this.context = context;
        this.metainfo = metainfo;
        this.settings = settings;
        this.listener = listener;
        this.guarded = new GuardedListener(listener);
    }

    /** Calls the engine's listener, logging what it throws instead of letting it unwind the swarm. */
    private final class GuardedListener implements SwarmListener {
        private final SwarmListener delegate;

        GuardedListener(SwarmListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onFileComplete(int fileIndex) {
            guard(() -> delegate.onFileComplete(fileIndex));
        }

        @Override
        public void onDownloadComplete() {
            guard(delegate::onDownloadComplete);
        }

        @Override
        public void onSeedingFinished() {
            guard(delegate::onSeedingFinished);
        }

        @Override
        public void onError(ErrorCode code, String message) {
            guard(() -> delegate.onError(code, message));
        }

        private void guard(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: swarm listener failed", Swarm.this, e);
            }
        }
    }

    public TorrentMetainfo metainfo() {
        return metainfo;
    }

    /** The settings, with the live changes made so far. */
    public SwarmSettings settings() {
        return settings;
    }

    /** The listener, shielded: an exception thrown by it is logged and does not disturb the swarm. */
    SwarmListener listener() {
        return guarded;
    }

    /** {@link SwarmState#STOPPED} before the first start; afterwards the current run's state. */
    public SwarmState state() {
        context.checkLoop();
        return run == null ? SwarmState.STOPPED : run.state();
    }

    /** The port peers reach us on (the session's {@code listen-port}). */
    public int listenPort() {
        return context.listenPort();
    }

    /**
     * Starts a run: files prepared on the disk executor, then checking, downloading or seeding.
     *
     * @throws IllegalStateException if a run is active or still stopping, or off the loop thread
     */
    public void start() {
        context.checkLoop();
        if (run != null && (run.state().isActive())) {
            throw new IllegalStateException(run + " is already running");
        }
        run = new Torrent(this, context, directory);
        run.start();
    }

    /**
     * Stops the current run: peers closed, data and resume state saved, files closed, and with
     * {@link StopMode#GRACEFUL} the trackers told {@code stopped}. Idempotent.
     *
     * @return completed on the loop thread once stopped
     */
    public CompletableFuture<Void> stop(StopMode mode) {
        context.checkLoop();
        Objects.requireNonNull(mode, "mode");
        if (run == null) {
            return CompletableFuture.completedFuture(null);
        }
        return run.stop(mode, run.state() == SwarmState.FAILED ? SwarmState.FAILED : SwarmState.STOPPED);
    }

    /** A snapshot of the swarm: progress, speeds, peers, files, trackers. */
    public SwarmStatus status() {
        context.checkLoop();
        return run == null ? Snapshots.neverStarted(this) : run.status();
    }

    /**
     * Peers to connect to. For a private torrent (BEP 27) only {@link PeerSource#TRACKER} is
     * taken. Before a run starts, addresses are kept for it.
     */
    public void addPeers(List<InetSocketAddress> peers, PeerSource source) {
        context.checkLoop();
        if (run != null && run.isActive()) {
            run.addPeers(peers, source);
        } else if (!metainfo.isPrivate() || source == PeerSource.TRACKER) {
            long now = context.loop().nanoTime();
            peers.forEach(peer -> directory.add(peer, now));
        }
    }

    /** {@code bt-max-peers}: most connections; 0 for no limit. Existing connections stay. */
    public void setMaxPeers(int maxPeers) {
        context.checkLoop();
        SwarmSettings.checkMaxPeers(maxPeers);
        settings = settings.toBuilder().maxPeers(maxPeers).build();
        if (run != null && run.isActive()) {
            run.peers.connectMore();
        }
    }

    /** {@code max-upload-limit} in bytes per second, 0 for none. */
    public void setMaxUploadLimit(long bytesPerSecond) {
        context.checkLoop();
        SwarmSettings.checkRate(bytesPerSecond);
        settings = settings.toBuilder().maxUploadLimit(bytesPerSecond).build();
        if (run != null) {
            run.uploadLimit.setRate(bytesPerSecond);
        }
    }

    /** {@code max-download-limit} in bytes per second, 0 for none. */
    public void setMaxDownloadLimit(long bytesPerSecond) {
        context.checkLoop();
        SwarmSettings.checkRate(bytesPerSecond);
        settings = settings.toBuilder().maxDownloadLimit(bytesPerSecond).build();
        if (run != null) {
            run.downloadLimit.setRate(bytesPerSecond);
            if (run.isDownloading()) {
                run.downloader.fillSoon();
            }
        }
    }

    /** {@code seed-ratio}; 0 for no ratio limit. A seeding swarm that already reached it finishes. */
    public void setSeedRatio(double ratio) {
        context.checkLoop();
        SwarmSettings.checkSeedRatio(ratio);
        settings = settings.toBuilder().seedRatio(ratio).build();
        if (run != null) {
            run.checkSeeding();
        }
    }

    /** {@code seed-time}; empty for no time limit. A seeding swarm that already reached it finishes. */
    public void setSeedTime(Optional<Duration> time) {
        context.checkLoop();
        time.ifPresent(SwarmSettings::checkSeedTime);
        settings = settings.toBuilder().seedTime(time).build();
        if (run != null) {
            run.checkSeeding();
        }
    }

    /** The verified pieces of the current or last run (empty before the first). */
    public Bitfield verifiedPieces() {
        return status().verifiedPieces();
    }

    /** The running torrent, or null; for the context's routing. */
    Torrent run() {
        return run;
    }

    @Override
    public String toString() {
        return "swarm " + metainfo.name() + " (" + metainfo.infoHash().hex() + ")";
    }
}
