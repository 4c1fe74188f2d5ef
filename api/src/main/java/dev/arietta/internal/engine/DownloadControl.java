package dev.arietta.internal.engine;

import dev.arietta.DownloadState;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.PositionOrigin;
import dev.arietta.UriChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * aria2's control calls on a session's downloads: pause, unpause and remove (forced or not, one
 * or all), changePosition, changeUri, changeOption and purgeDownloadResult.
 *
 * <p>Callable from any thread: the arguments are checked at once (an unknown gid, a malformed
 * URI, an option that cannot change), the change is made on the loop, and the future completes
 * there: a state change that stops downloads once their resume states are saved. A change that
 * does not fit a download's state fails the future with {@link IllegalStateException}.
 */
public final class DownloadControl {

    private final Engine engine;
    private final DownloadQueue queue;

    DownloadControl(Engine engine, DownloadQueue queue) {
        this.engine = engine;
        this.queue = queue;
    }

    /**
     * Pauses {@code gid}; completes once its resume state is saved.
     *
     * @param force aria2's {@code forcePause}: no graceful protocol steps (tracker goodbye)
     */
    public CompletableFuture<Void> pause(long gid, boolean force) {
        DownloadJob job = engine.job(gid);
        return engine.onLoop(() -> {
            pause(job, true, force);
            return job.diskIdle();
        }).thenCompose(idle -> idle);
    }

    /** Pauses every active and waiting download; completes once their resume states are saved. */
    public CompletableFuture<Void> pauseAll(boolean force) {
        return engine.onLoop(() -> {
            List<DownloadJob> all = activeAndWaiting();
            for (DownloadJob job : all) {
                pause(job, false, force);
            }
            return allIdle(all);
        }).thenCompose(idle -> idle);
    }

    /** @param strict whether a download that cannot be paused (paused, stopped) is an error rather than skipped */
    private void pause(DownloadJob job, boolean strict, boolean force) {
        switch (job.state) {
            case ACTIVE -> {
                job.pause(force);
                queue.requeueFront(job);
                engine.promote();
            }
            case WAITING -> job.pause(force);
            default -> {
                if (strict) {
                    throw new IllegalStateException("download " + job.gidText + " is " + job.stateName()
                            + " and cannot be paused");
                }
            }
        }
    }

    public CompletableFuture<Void> unpause(long gid) {
        DownloadJob job = engine.job(gid);
        return engine.onLoop(() -> {
            if (job.state != DownloadState.PAUSED) {
                throw new IllegalStateException("download " + job.gidText + " is " + job.stateName() + ", not paused");
            }
            job.state = DownloadState.WAITING;
            engine.promote();
            return null;
        });
    }

    public CompletableFuture<Void> unpauseAll() {
        return engine.onLoop(() -> {
            for (DownloadJob job : queue.waiting()) {
                if (job.state == DownloadState.PAUSED) {
                    job.state = DownloadState.WAITING;
                }
            }
            engine.promote();
            return null;
        });
    }

    /** Removes {@code gid}; completes once its resume state is saved. */
    public CompletableFuture<Void> remove(long gid, boolean force) {
        DownloadJob job = engine.job(gid);
        return engine.onLoop(() -> {
            if (job.state.isStopped()) {
                throw new IllegalStateException("download " + job.gidText + " has already stopped ("
                        + job.stateName() + ")");
            }
            job.remove(force);
            return job.diskIdle();
        }).thenCompose(idle -> idle);
    }

    /** Removes every active, waiting and paused download; completes once their states are saved. */
    public CompletableFuture<Void> removeAll(boolean force) {
        return engine.onLoop(() -> {
            List<DownloadJob> all = activeAndWaiting();
            for (DownloadJob job : all) {
                job.remove(force);
            }
            return allIdle(all);
        }).thenCompose(idle -> idle);
    }

    private List<DownloadJob> activeAndWaiting() {
        List<DownloadJob> all = new ArrayList<>(queue.active());
        all.addAll(queue.waiting());
        return all;
    }

    private static CompletableFuture<Void> allIdle(List<DownloadJob> jobs) {
        return CompletableFuture.allOf(jobs.stream().map(DownloadJob::diskIdle).toArray(CompletableFuture[]::new));
    }

    /** Moves a waiting or paused download; completes with its new position (see {@link DownloadQueue#move}). */
    public CompletableFuture<Integer> changePosition(long gid, int offset, PositionOrigin origin) {
        DownloadJob job = engine.job(gid);
        Objects.requireNonNull(origin, "origin");
        return engine.onLoop(() -> queue.move(job, offset, origin));
    }

    /** aria2's changeUri on file {@code fileIndex} (1-based); an added URI must be absolute. */
    public CompletableFuture<UriChange> changeUri(long gid, int fileIndex, List<String> deleted, List<String> added,
                                                  int position) {
        DownloadJob job = engine.job(gid);
        for (String uri : added) {
            Arguments.checkUri(uri);
        }
        List<String> toDelete = List.copyOf(deleted);
        List<String> toAdd = List.copyOf(added);
        return engine.onLoop(() -> job.changeUris(fileIndex, toDelete, toAdd, position));
    }

    /**
     * Changes a download's own options: {@link Option.Change#LIVE} ones apply at once, any
     * {@link Option.Change#RESTART} one restarts an active download.
     */
    public CompletableFuture<Void> changeOption(long gid, Options changes) {
        DownloadJob job = engine.job(gid);
        Arguments.checkChangeableForDownload(changes);
        return engine.onLoop(() -> {
            if (job.state.isStopped()) {
                throw new IllegalStateException("download " + job.gidText + " has stopped");
            }
            job.options = job.options.toBuilder().setAll(changes).build();
            boolean restart = changes.options().stream().anyMatch(option -> option.change() == Option.Change.RESTART);
            if (restart) {
                job.restart();
            } else {
                job.applyLiveOptions();
            }
            return null;
        });
    }

    /** Forgets the results of stopped downloads. */
    public CompletableFuture<Void> purgeResults() {
        return engine.onLoop(() -> {
            queue.purge(engine::forget);
            return null;
        });
    }
}
