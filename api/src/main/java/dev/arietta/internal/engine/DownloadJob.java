package dev.arietta.internal.engine;

import dev.arietta.DownloadEvent;
import dev.arietta.DownloadHandle;
import dev.arietta.DownloadResult;
import dev.arietta.DownloadState;
import dev.arietta.DownloadStatus;
import dev.arietta.Options;
import dev.arietta.ServerStatus;
import dev.arietta.UriChange;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.resume.ResumeStateException;
import dev.arietta.core.internal.storage.PathContainmentException;
import dev.arietta.core.internal.storage.StorageException;
import dev.arietta.internal.options.InputFileEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One download in the session's queue, whatever its protocol: what the {@link Engine} and the
 * {@link DownloadQueue} need of it. {@link Job} downloads one file from URIs (HTTP, FTP);
 * {@link TorrentJob} drives a BitTorrent swarm.
 *
 * <p>Loop thread only, except the final fields and {@link #lastStatus}.
 */
abstract class DownloadJob {

    final long gid;
    final String gidText;
    final DownloadHandle handle;
    final CompletableFuture<DownloadResult> completion = new CompletableFuture<>();
    final Engine engine;
    /** The download's disk work, in order, on the session's disk executor. */
    final SerialExecutor diskQueue;
    /** The download's events and completion, in order, on the callback executor. */
    private final SerialExecutor events;
    /** The session's options when the download was added: aria2 fixes a download's defaults then. */
    private final Options globalAtAdd;
    /** The last status, kept for reads after the session closed. */
    volatile DownloadStatus lastStatus;

    /** The download's own options (over the session's at the time it was added). */
    Options options;
    DownloadState state = DownloadState.WAITING;
    ErrorCode errorCode = ErrorCode.FINISHED;
    String errorMessage = "";
    /** The gid of the download whose metadata (a Metalink, a .torrent) made this one ({@code following}), or null. */
    String following;
    /** Gids of the downloads this one's metadata made ({@code followedBy}), in order. */
    final List<String> followedBy = new java.util.ArrayList<>();

    DownloadJob(Engine engine, long gid, DownloadHandle handle, Options options, Options globalAtAdd) {
        this.engine = engine;
        this.gid = gid;
        this.gidText = Gids.format(gid);
        this.handle = handle;
        this.options = options;
        this.globalAtAdd = globalAtAdd;
        this.diskQueue = new SerialExecutor(engine.diskExecutor());
        this.events = new SerialExecutor(engine.callbackExecutor());
    }

    /** Per-download options over the session's. */
    Options effective() {
        return options.merge(globalAtAdd);
    }

    // ---- life, called by the engine --------------------------------------------------------------

    /** The queue made the download active. */
    abstract void start();

    /**
     * Pauses: an active download stops and saves; the engine re-queues it. Raises PAUSE.
     *
     * @param force aria2's {@code forcePause}: skip graceful protocol steps (BitTorrent's
     *              tracker goodbye); the same for HTTP and FTP
     */
    abstract void pause(boolean force);

    /** Removes: stops (state saved), state REMOVED, raises STOP, completes; {@code force} as for {@link #pause}. */
    abstract void remove(boolean force);

    /**
     * The session shuts down: stop and save; an unfinished download's result says so.
     *
     * @return completes (on the loop) once the download has stopped; the engine waits for it
     *         before closing the loop
     */
    abstract CompletableFuture<Void> shutDown();

    /** Restarts an active download to apply options that need it (aria2's changeOption rule). */
    abstract void restart();

    /** A live option changed (rate limits and the like). */
    abstract void applyLiveOptions();

    /** aria2's changeUri on file {@code fileIndex} (1-based). */
    abstract UriChange changeUris(int fileIndex, List<String> deleted, List<String> added, int position);

    // ---- what the engine reads -------------------------------------------------------------------

    /** An immutable snapshot, on the loop thread. */
    abstract DownloadStatus snapshot();

    /** Connections and their speeds (aria2's getServers, or the swarm's web seeds). */
    abstract List<ServerStatus> servers();

    /** Payload bytes per second received now; 0 unless active. */
    abstract long downloadSpeed();

    /** Payload bytes per second sent now; 0 unless active. */
    abstract long uploadSpeed();

    /**
     * What save-session writes for this download: its sources and options (the gid and pause
     * flag are added by the caller), or null when it cannot be written back.
     */
    abstract InputFileEntry sessionEntry();

    /** The paths of its files known so far. */
    abstract List<Path> files();

    // ---- shared helpers --------------------------------------------------------------------------

    /** Completes once the disk work queued so far (a stop's state save and close) is done. */
    CompletableFuture<Void> diskIdle() {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        try {
            diskQueue.execute(() -> idle.complete(null));
        } catch (RejectedExecutionException closed) {
            idle.complete(null);
        }
        return idle;
    }

    void emit(DownloadEvent event) {
        try {
            events.execute(() -> engine.deliver(event, handle));
        } catch (RejectedExecutionException closed) {
            engine.log().debug("{}: event {} dropped, callback executor closed", gidText, event);
        }
    }

    void complete(DownloadResult result) {
        try {
            events.execute(() -> completion.complete(result));
        } catch (RejectedExecutionException closed) {
            // A user's callback executor already shut down: complete here rather than never.
            completion.complete(result);
        }
    }

    void post(Runnable task) {
        try {
            engine.loop().execute(task);
        } catch (RejectedExecutionException closed) {
            // The session is closing: the loop has stopped the download already.
        }
    }

    static ErrorCode codeOf(Throwable failure) {
        if (failure instanceof StorageException storage) {
            return storage.errorCode();
        }
        if (failure instanceof ResumeStateException resume) {
            return resume.errorCode();
        }
        if (failure instanceof PathContainmentException) {
            return ErrorCode.FILE_CREATE_ERROR;
        }
        if (failure instanceof IOException) {
            return ErrorCode.FILE_IO_ERROR;
        }
        return ErrorCode.UNKNOWN;
    }
}
