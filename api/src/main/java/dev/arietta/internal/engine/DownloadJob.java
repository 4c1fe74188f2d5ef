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
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.resume.ResumeStateException;
import dev.arietta.core.internal.storage.PathContainmentException;
import dev.arietta.core.internal.storage.StorageException;
import dev.arietta.internal.options.InputFileEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One download in the session's queue, whatever its protocol: what the {@link Engine} and the
 * {@link DownloadQueue} need of it. {@link UriJob} downloads one file from URIs (HTTP, FTP);
 * {@link TorrentJob} drives a BitTorrent swarm.
 *
 * <p>The state changes the queue asks for (pause, remove, restart, shutdown) and their events
 * are made here; a subclass says how a run starts ({@link #start}), stops ({@link #stopRun})
 * and what its result reports ({@link #result}).
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
    final List<String> followedBy = new ArrayList<>();
    private Cancellable progressTimer;

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

    /** The state as aria2's {@code tellStatus} names it: {@code "active"}, {@code "paused"}... */
    String stateName() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    // ---- life, called by the engine --------------------------------------------------------------

    /** The queue made the download active. */
    abstract void start();

    /**
     * Stops the active run (transfer or swarm); its data and resume state are saved on the disk
     * queue ({@link #diskIdle()} completes after).
     *
     * @param force aria2's {@code forcePause} and {@code forceRemove}: skip graceful protocol
     *              steps (BitTorrent's tracker goodbye); the same for HTTP and FTP
     */
    abstract void stopRun(boolean force);

    /** Pauses: an active download stops and saves; the engine re-queues it. Raises PAUSE. */
    final void pause(boolean force) {
        if (state == DownloadState.ACTIVE) {
            stopRun(force);
        }
        state = DownloadState.PAUSED;
        emit(DownloadEvent.PAUSE);
    }

    /** Removes: stops (state saved), state REMOVED, raises STOP, completes; {@code force} as for {@link #stopRun}. */
    final void remove(boolean force) {
        if (state == DownloadState.ACTIVE) {
            stopRun(force);
        }
        state = DownloadState.REMOVED;
        errorCode = ErrorCode.FINISHED;
        emit(DownloadEvent.STOP);
        finish();
    }

    /**
     * The session shuts down: stop gracefully and save; an unfinished download's result says so.
     *
     * @return completes (on the loop) once the download has stopped; the engine waits for it
     *         before closing the loop
     */
    final CompletableFuture<Void> shutDown() {
        if (state == DownloadState.ACTIVE) {
            stopRun(false);
        }
        if (!state.isStopped()) {
            complete(result(ErrorCode.IN_PROGRESS, "session shut down before the download finished"));
        }
        return runStopped();
    }

    /** Restarts an active download to apply options that need it (aria2's changeOption rule). */
    final void restart() {
        if (state == DownloadState.ACTIVE) {
            stopRun(true);
            start();
        }
    }

    /** Completes once the last run's protocol goodbyes are over; at once when there are none. */
    abstract CompletableFuture<Void> runStopped();

    /** A live option changed (rate limits and the like). */
    abstract void applyLiveOptions();

    /** aria2's changeUri on file {@code fileIndex} (1-based). */
    abstract UriChange changeUris(int fileIndex, List<String> deleted, List<String> added, int position);

    /** Stopped for good (complete, error, removed): the result, then the queue moves on. */
    void finish() {
        complete(result(errorCode, errorMessage));
        engine.stopped(this);
    }

    /** The result to complete with now, in the current state. */
    abstract DownloadResult result(ErrorCode code, String message);

    /** Raises PROGRESS at the session's progress interval while the download is active (0: never). */
    void startProgress() {
        if (engine.progressIntervalNanos() > 0) {
            progressTimer = engine.loop().schedule(engine.progressIntervalNanos(), this::progress);
        }
    }

    void stopProgress() {
        if (progressTimer != null) {
            progressTimer.cancel();
            progressTimer = null;
        }
    }

    private void progress() {
        progressTimer = null;
        if (state == DownloadState.ACTIVE) {
            emit(DownloadEvent.PROGRESS);
            progressTimer = engine.loop().schedule(engine.progressIntervalNanos(), this::progress);
        }
    }

    // ---- what the engine reads -------------------------------------------------------------------

    /** An immutable snapshot, on the loop thread. */
    abstract DownloadStatus snapshot();

    /** aria2's getServers: the open HTTP/FTP connections and their speeds; empty for a torrent. */
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

    /**
     * Completes once the last stop is over: the run's protocol goodbyes ({@link #runStopped}),
     * then the disk work queued by then (its state save and close).
     */
    final CompletableFuture<Void> diskIdle() {
        return runStopped().thenCompose(ignored -> queuedDiskWorkDone());
    }

    private CompletableFuture<Void> queuedDiskWorkDone() {
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
