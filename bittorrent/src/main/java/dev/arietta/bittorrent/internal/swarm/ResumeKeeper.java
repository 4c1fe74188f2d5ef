package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.core.internal.resume.DataFlusher;
import dev.arietta.core.internal.resume.ResumeState;
import dev.arietta.core.internal.resume.ResumeStateFile;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves one torrent's resume state, one save at a time, on the session's sync executor (not
 * the disk executor, so that writes go on while the files are forced to the device): the data
 * is synced first, then the state written atomically ({@link ResumeStateFile#save}), so a state
 * never claims a piece a crash could lose. Only verified pieces are recorded, and they were
 * written before they were verified. The loop marks the state dirty when a piece is verified;
 * a periodic {@link #saveIfDirty} and a final {@link #save} on stop write it. Loop thread only,
 * except the save tasks.
 */
final class ResumeKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(ResumeKeeper.class);

    private final ResumeStateFile file;
    private final Executor syncExecutor;
    private final Executor loop;
    private CompletableFuture<Void> lastSave = CompletableFuture.completedFuture(null);
    private boolean saving;
    private boolean dirty;
    /** A data sync is queued and has not started; written on the sync thread, read on the loop. */
    private volatile boolean syncQueued;

    ResumeKeeper(ResumeStateFile file, Executor syncExecutor, Executor loop) {
        this.file = file;
        this.syncExecutor = syncExecutor;
        this.loop = loop;
    }

    ResumeStateFile file() {
        return file;
    }

    void dirty() {
        dirty = true;
    }

    /** Saves a fresh snapshot if something changed since the last save and no save is running. */
    void saveIfDirty(Supplier<ResumeState> snapshot, DataFlusher flusher) {
        if (dirty && !saving) {
            save(snapshot.get(), flusher);
        }
    }

    /**
     * Saves {@code state} after any save already running.
     *
     * @return completed on the loop thread, exceptionally if the save failed
     */
    CompletableFuture<Void> save(ResumeState state, DataFlusher flusher) {
        dirty = false;
        saving = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        lastSave.whenComplete((ignored, previousFailure) -> {
            try {
                syncExecutor.execute(() -> {
                    IOException failure = null;
                    try {
                        file.save(state, flusher);
                    } catch (IOException e) {
                        failure = e;
                    }
                    IOException outcome = failure;
                    try {
                        loop.execute(() -> finished(done, outcome));
                    } catch (RejectedExecutionException closed) {
                        finished(done, outcome);
                    }
                });
            } catch (RejectedExecutionException e) {
                finished(done, new IOException("sync executor refused to save " + file.path(), e));
            }
        });
        lastSave = done;
        return done;
    }

    private void finished(CompletableFuture<Void> done, IOException failure) {
        if (done == lastSave) {
            saving = false;
        }
        if (failure != null) {
            LOG.warn("saving resume state {} failed", file.path(), failure);
            dirty = true;
            done.completeExceptionally(failure);
        } else {
            done.complete(null);
        }
    }

    /**
     * Forces the data written so far to the device on the sync executor, after any save or
     * sync already running, unless one is already waiting. Keeping the data forced in slices
     * while it flows keeps each save's own force short and the device busy evenly, instead of
     * flushing seconds of data at once.
     */
    void syncData(DataFlusher flusher) {
        if (syncQueued) {
            return;
        }
        syncQueued = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        lastSave.whenComplete((ignored, previousFailure) -> {
            try {
                syncExecutor.execute(() -> {
                    syncQueued = false;
                    try {
                        flusher.flush();
                    } catch (IOException e) {
                        LOG.debug("forcing data of {} failed; the next save tries again", file.path(), e);
                    }
                    done.complete(null);
                });
            } catch (RejectedExecutionException e) {
                syncQueued = false;
                done.complete(null);
            }
        });
        lastSave = done;
    }

    /**
     * Deletes the state file after any save already running (the download is finished).
     *
     * @return completed on the loop thread
     */
    CompletableFuture<Void> delete() {
        dirty = false;
        CompletableFuture<Void> done = new CompletableFuture<>();
        lastSave.whenComplete((ignored, previousFailure) -> {
            try {
                syncExecutor.execute(() -> {
                    try {
                        file.delete();
                    } catch (IOException e) {
                        LOG.warn("deleting resume state {} failed", file.path(), e);
                    }
                    try {
                        loop.execute(() -> done.complete(null));
                    } catch (RejectedExecutionException closed) {
                        done.complete(null);
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.warn("sync executor refused to delete resume state {}", file.path(), e);
                done.complete(null);
            }
        });
        lastSave = done;
        return done;
    }
}
