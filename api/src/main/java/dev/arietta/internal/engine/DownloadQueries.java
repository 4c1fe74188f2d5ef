package dev.arietta.internal.engine;

import dev.arietta.DownloadResult;
import dev.arietta.DownloadStatus;
import dev.arietta.GlobalStat;
import dev.arietta.Options;
import dev.arietta.PeerInfo;
import dev.arietta.ServerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * aria2's queries on a session's downloads: tellStatus, getServers, getPeers, getOption,
 * getGlobalStat, tellActive, tellWaiting and tellStopped.
 *
 * <p>Callable from any thread: an unknown gid is an {@link IllegalArgumentException} at once;
 * the answer is made on the loop, of immutable snapshots consistent with each other, and the
 * future completes there.
 */
public final class DownloadQueries {

    private final Engine engine;
    private final DownloadQueue queue;

    DownloadQueries(Engine engine, DownloadQueue queue) {
        this.engine = engine;
        this.queue = queue;
    }

    /** The status of {@code gid}; after shutdown, its last status. */
    public CompletableFuture<DownloadStatus> status(long gid) {
        DownloadJob job = engine.job(gid);
        if (engine.isClosed()) {
            DownloadStatus last = job.lastStatus;
            if (last != null) {
                return CompletableFuture.completedFuture(last);
            }
        }
        return engine.onLoop(job::snapshot);
    }

    /** aria2's getServers: the open connections of an HTTP/FTP download; empty for others or unless active. */
    public CompletableFuture<List<ServerStatus>> servers(long gid) {
        DownloadJob job = engine.job(gid);
        return engine.onLoop(job::servers);
    }

    /** aria2's getPeers: the connected peers of a BitTorrent download; empty for others or unless active. */
    public CompletableFuture<List<PeerInfo>> peers(long gid) {
        DownloadJob job = engine.job(gid);
        return engine.onLoop(() -> job instanceof TorrentJob torrent ? torrent.peers() : List.of());
    }

    /** The download's effective options: its own over the session's when it was added. */
    public CompletableFuture<Options> options(long gid) {
        DownloadJob job = engine.job(gid);
        return engine.onLoop(job::effective);
    }

    /** The download's completion future (completed on the callback executor). */
    public CompletableFuture<DownloadResult> completion(long gid) {
        return engine.job(gid).completion;
    }

    public CompletableFuture<GlobalStat> globalStat() {
        return engine.onLoop(() -> {
            long download = 0;
            long upload = 0;
            for (DownloadJob job : queue.active()) {
                download += job.downloadSpeed();
                upload += job.uploadSpeed();
            }
            return new GlobalStat(download, upload, queue.active().size(), queue.waiting().size(), queue.stopped().size(),
                    queue.stoppedTotal());
        });
    }

    public CompletableFuture<List<DownloadStatus>> active() {
        return engine.onLoop(() -> snapshots(queue.active()));
    }

    /** Waiting and paused downloads, paged as {@link DownloadQueue#page}. */
    public CompletableFuture<List<DownloadStatus>> waiting(int offset, int count) {
        return engine.onLoop(() -> snapshots(DownloadQueue.page(queue.waiting(), offset, count)));
    }

    /** Stopped downloads whose results are kept, oldest first, paged as {@link DownloadQueue#page}. */
    public CompletableFuture<List<DownloadStatus>> stopped(int offset, int count) {
        return engine.onLoop(() -> snapshots(DownloadQueue.page(queue.stopped(), offset, count)));
    }

    private static List<DownloadStatus> snapshots(List<DownloadJob> jobs) {
        List<DownloadStatus> result = new ArrayList<>(jobs.size());
        for (DownloadJob job : jobs) {
            result.add(job.snapshot());
        }
        return result;
    }
}
