package dev.arietta.internal.engine;

import dev.arietta.DownloadEvent;
import dev.arietta.DownloadHandle;
import dev.arietta.DownloadResult;
import dev.arietta.DownloadState;
import dev.arietta.DownloadStatus;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.PeerInfo;
import dev.arietta.ServerStatus;
import dev.arietta.UriChange;
import dev.arietta.bittorrent.internal.swarm.BitTorrentContext;
import dev.arietta.bittorrent.internal.swarm.StopMode;
import dev.arietta.bittorrent.internal.swarm.Swarm;
import dev.arietta.bittorrent.internal.swarm.SwarmListener;
import dev.arietta.bittorrent.internal.swarm.SwarmSettings;
import dev.arietta.bittorrent.internal.swarm.SwarmStatus;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.ErrorCode;
import dev.arietta.internal.options.InputFileEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One BitTorrent download: a {@link Swarm} of the session's {@link BitTorrentContext}, driven
 * from the queue. Loop thread only, except the final fields.
 *
 * <p>Life, as aria2's: active while checking, downloading and seeding; {@link DownloadEvent#BT_COMPLETE}
 * when every selected piece is verified, {@link DownloadEvent#COMPLETE} when seeding ends
 * ({@code seed-ratio}, {@code seed-time}). Pause and remove stop the swarm (gracefully: the
 * trackers hear {@code stopped}; forced: they do not) and complete {@link #diskIdle()} once the
 * data and resume state are saved. A swarm is made for each run, so options changed while
 * paused apply at the next start; two downloads of one info-hash cannot run at once (the
 * second fails with {@link ErrorCode#DUPLICATE_INFO_HASH}, as in aria2).
 */
final class TorrentJob extends DownloadJob implements SwarmListener {

    final TorrentMetainfo metainfo;
    /** The .torrent file it was added from (or saved to), for save-session; null when there is none. */
    private final Path torrentFile;
    private List<String> webSeeds;
    private Swarm swarm;
    /** Completes when the last run's stop has finished (saved data and resume state); done when none. */
    private CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);
    /** Counts runs, so a start deferred behind a stop is dropped if the download changed meanwhile. */
    private int runs;
    /** The last snapshot of the swarm, for status when it is not running. */
    private SwarmStatus lastSwarmStatus;

    TorrentJob(Engine engine, long gid, DownloadHandle handle, TorrentMetainfo metainfo, Path torrentFile,
               List<String> webSeeds, Options options, Options globalAtAdd) {
        super(engine, gid, handle, options, globalAtAdd);
        this.metainfo = metainfo;
        this.torrentFile = torrentFile;
        this.webSeeds = List.copyOf(webSeeds);
    }

    // ---- life ------------------------------------------------------------------------------------

    @Override
    void start() {
        state = DownloadState.ACTIVE;
        errorCode = ErrorCode.FINISHED;
        errorMessage = "";
        int run = ++runs;
        emit(DownloadEvent.START);
        if (stopped.isDone()) {
            startSwarm(run);
        } else {
            stopped.whenComplete((ignored, failure) -> startSwarm(run));
        }
        startProgress();
    }

    private void startSwarm(int run) {
        if (run != runs || state != DownloadState.ACTIVE) {
            return;
        }
        if (effective().get(Option.DRY_RUN)) {
            // aria2: dry-run checks HTTP/FTP sources only; BitTorrent downloads are canceled.
            errorMessage = "dry-run: BitTorrent downloads are canceled";
            remove(true);
            return;
        }
        BitTorrentContext context;
        try {
            context = engine.torrents().context(engine.sessionHttpClient());
        } catch (IOException e) {
            fail(ErrorCode.NETWORK, "cannot listen for peers on listen-port " + effective().get(Option.LISTEN_PORT)
                    + ": " + e.getMessage());
            return;
        }
        if (swarm != null) {
            context.remove(swarm);
            swarm = null;
        }
        SwarmSettings settings;
        try {
            settings = EngineSettings.swarm(effective(), metainfo, engine.diskCacheBytes(), webSeeds);
        } catch (IllegalArgumentException e) {
            fail(ErrorCode.BAD_OPTION, e.getMessage());
            return;
        }
        try {
            swarm = context.addTorrent(metainfo, settings, this);
        } catch (IllegalArgumentException duplicate) {
            // The settings are checked above: the context refuses only a second swarm of an info-hash.
            fail(ErrorCode.DUPLICATE_INFO_HASH, "info-hash " + metainfo.infoHash().hex()
                    + " is already being downloaded");
            return;
        }
        swarm.start();
    }

    @Override
    void stopRun(boolean force) {
        stopSwarm(force ? StopMode.FORCED : StopMode.GRACEFUL);
    }

    /** The swarm's stop, trackers' {@code stopped} announces and data saves included. */
    @Override
    CompletableFuture<Void> runStopped() {
        return stopped;
    }

    @Override
    void applyLiveOptions() {
        if (swarm == null || state != DownloadState.ACTIVE) {
            return;
        }
        Options effective = effective();
        swarm.setMaxPeers(effective.get(Option.BT_MAX_PEERS));
        swarm.setMaxUploadLimit(effective.get(Option.MAX_UPLOAD_LIMIT));
        swarm.setMaxDownloadLimit(effective.get(Option.MAX_DOWNLOAD_LIMIT));
        swarm.setSeedRatio(effective.get(Option.SEED_RATIO));
        swarm.setSeedTime(Optional.ofNullable(effective.get(Option.SEED_TIME)));
    }

    /**
     * aria2's changeUri on a torrent: the URIs are web seeds (BEP 19), shared by all files of
     * the torrent here; an active download restarts to use them.
     */
    @Override
    UriChange changeUris(int fileIndex, List<String> deleted, List<String> added, int position) {
        int files = metainfo.files().size();
        if (fileIndex < 1 || fileIndex > files) {
            throw new IllegalArgumentException("file index " + fileIndex + " out of range: the torrent has " + files
                    + " file" + (files == 1 ? "" : "s"));
        }
        List<String> list = new ArrayList<>(webSeeds);
        int removed = 0;
        for (String uri : deleted) {
            if (list.remove(uri)) {
                removed++;
            }
        }
        int at = position < 0 || position > list.size() ? list.size() : position;
        list.addAll(at, added);
        webSeeds = List.copyOf(list);
        if (removed > 0 || !added.isEmpty()) {
            restart();
        }
        return new UriChange(removed, added.size());
    }

    private void stopSwarm(StopMode mode) {
        stopProgress();
        if (swarm == null) {
            return;
        }
        lastSwarmStatus = swarm.status();
        Swarm stopping = swarm;
        stopped = stopping.stop(mode).whenComplete((ignored, failure) -> {
            if (failure != null) {
                engine.log().warn("{}: stopping the swarm failed: {}", gidText, failure.toString());
            }
            lastSwarmStatus = stopping.status();
        });
    }

    // ---- swarm events ----------------------------------------------------------------------------

    @Override
    public void onFileComplete(int fileIndex) {
        emit(DownloadEvent.FILE_COMPLETE);
    }

    @Override
    public void onDownloadComplete() {
        emit(DownloadEvent.BT_COMPLETE);
    }

    @Override
    public void onSeedingFinished() {
        if (state != DownloadState.ACTIVE) {
            return;
        }
        stopProgress();
        lastSwarmStatus = swarm.status();
        state = DownloadState.COMPLETE;
        emit(DownloadEvent.COMPLETE);
        finish();
    }

    @Override
    public void onError(ErrorCode code, String message) {
        fail(code, message);
    }

    private void fail(ErrorCode code, String message) {
        if (state != DownloadState.ACTIVE) {
            return;
        }
        stopProgress();
        if (swarm != null) {
            lastSwarmStatus = swarm.status();
        }
        state = DownloadState.ERROR;
        errorCode = code;
        errorMessage = message == null || message.isEmpty() ? code.description() : message;
        emit(DownloadEvent.ERROR);
        finish();
    }

    /** Stopped for good: the result, the queue, and the swarm forgotten once its run has ended. */
    @Override
    void finish() {
        super.finish();
        Swarm finished = swarm;
        if (finished != null) {
            swarm = null;
            stopped.whenComplete((ignored, failure) -> {
                BitTorrentContext context = engine.torrents().contextIfOpen();
                if (context != null && !finished.state().isActive()) {
                    context.remove(finished);
                }
            });
        }
    }

    // ---- what the engine reads -------------------------------------------------------------------

    /** With the lengths of the selected files, as the status has them. */
    @Override
    DownloadResult result(ErrorCode code, String message) {
        DownloadStatus status = snapshot();
        return new DownloadResult(gidText, state, code, message, files(), status.totalLength(),
                status.completedLength());
    }

    /** The running swarm's status, else the last one seen; null before the first run. */
    SwarmStatus swarmStatus() {
        if (swarm != null && state == DownloadState.ACTIVE) {
            return swarm.status();
        }
        return lastSwarmStatus;
    }

    @Override
    DownloadStatus snapshot() {
        return TorrentSnapshots.of(this, swarmStatus());
    }

    /** aria2's getPeers: connected peers; empty unless active. */
    List<PeerInfo> peers() {
        if (swarm == null || state != DownloadState.ACTIVE) {
            return List.of();
        }
        return TorrentSnapshots.peers(swarm.status());
    }

    @Override
    List<ServerStatus> servers() {
        return List.of();
    }

    @Override
    long downloadSpeed() {
        return swarm != null && state == DownloadState.ACTIVE ? swarm.status().downloadSpeed() : 0;
    }

    @Override
    long uploadSpeed() {
        return swarm != null && state == DownloadState.ACTIVE ? swarm.status().uploadSpeed() : 0;
    }

    @Override
    InputFileEntry sessionEntry() {
        if (torrentFile == null) {
            return null;
        }
        List<String> sources = new ArrayList<>();
        sources.add(torrentFile.toString());
        sources.addAll(webSeeds);
        return new InputFileEntry(sources, options);
    }

    @Override
    List<Path> files() {
        return TorrentSnapshots.paths(this, swarmStatus());
    }

    List<String> webSeeds() {
        return webSeeds;
    }
}
