package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.hash.IntegrityCheck;
import dev.arietta.core.internal.hash.RecheckProgress;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.resume.ResumeState;
import dev.arietta.core.internal.resume.ResumeStateException;
import dev.arietta.core.internal.storage.PathContainmentException;
import dev.arietta.core.internal.storage.StorageException;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SwarmState#CHECKING} phase of a run: the files prepared and the resume state
 * loaded on the disk executor ({@link Preparation}), then pieces hashed where needed — every
 * piece with {@code check-integrity}, else only the part-file pieces a resume state claims —
 * and the run begun with the pieces found verified. A stop meanwhile is let finish what is in
 * flight ({@link #isBusy()}), then the run's stop goes on. Loop thread only.
 */
final class StartUp {

    private static final Logger LOG = LoggerFactory.getLogger(StartUp.class);

    private final Torrent torrent;
    private boolean preparing;
    private IntegrityCheck check;
    private int rechecking;

    StartUp(Torrent torrent) {
        this.torrent = torrent;
    }

    /** Whether work of the start-up is in flight (files being prepared, pieces being hashed). */
    boolean isBusy() {
        return preparing || check != null || rechecking > 0;
    }

    /** The run stops: a check in flight is cancelled (it completes once its pieces in flight return). */
    void cancel() {
        if (check != null) {
            check.cancel();
        }
    }

    void run() {
        preparing = true;
        Bitfield selected = torrent.selectedFiles.copy();
        SwarmSettings settings = torrent.settings();
        try {
            torrent.context.diskExecutor().execute(() -> {
                Preparation preparation = null;
                Exception failure = null;
                try {
                    preparation = Preparation.run(torrent.metainfo, settings, selected);
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
                Preparation result = preparation;
                Exception outcome = failure;
                try {
                    torrent.loop.execute(() -> prepared(result, outcome));
                } catch (RejectedExecutionException closed) {
                    if (result != null) {
                        torrent.closeQuietly(result.storage());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            preparing = false;
            torrent.fail(ErrorCode.FILE_IO_ERROR, "the disk executor refused to prepare the files: " + e.getMessage());
        }
    }

    private void prepared(Preparation preparation, Exception failure) {
        preparing = false;
        if (failure != null) {
            failed(failure);
            return;
        }
        torrent.prepared(preparation.storage(), new ResumeKeeper(preparation.resume(), torrent.context.syncExecutor(),
                torrent.loop), preparation.state().map(ResumeState::uploadedBytes).orElse(0L));
        if (!torrent.isActive()) {
            torrent.hashSettled();
            return;
        }
        if (torrent.settings().checkIntegrity()) {
            check = torrent.context.integrityChecker().start(torrent.geometry, torrent.hashes, torrent.storage,
                    RecheckProgress.NONE);
            check.result().whenComplete((verified, checkFailure) -> {
                check = null;
                if (!torrent.isActive()) {
                    torrent.hashSettled();
                } else if (checkFailure != null) {
                    torrent.fail(ErrorCode.FILE_IO_ERROR, "checking the files failed: " + checkFailure.getMessage());
                } else {
                    torrent.begin(verified, true);
                }
            });
        } else {
            recheck(preparation.trusted(), preparation.recheck());
        }
    }

    /** Hashes the pieces a resume state claims but that are not trusted as they are, then begins. */
    private void recheck(Bitfield trusted, Bitfield pieces) {
        rechecking = pieces.cardinality();
        if (rechecking == 0) {
            torrent.begin(trusted, false);
            return;
        }
        for (int piece = pieces.nextSetBit(0); piece >= 0; piece = pieces.nextSetBit(piece + 1)) {
            int checked = piece;
            torrent.verifier.verify(torrent.hashes, piece, torrent.geometry.pieceLength(piece), torrent.storage)
                    .whenComplete((result, failure) -> {
                        if (failure == null && result.passed()) {
                            trusted.set(checked);
                        }
                        if (--rechecking == 0) {
                            if (torrent.isActive()) {
                                torrent.begin(trusted, false);
                            } else {
                                torrent.hashSettled();
                            }
                        }
                    });
        }
    }

    private void failed(Exception failure) {
        ErrorCode code;
        if (failure instanceof StorageException storageFailure) {
            code = storageFailure.errorCode();
        } else if (failure instanceof ResumeStateException resumeFailure) {
            code = resumeFailure.errorCode();
        } else if (failure instanceof PathContainmentException) {
            code = ErrorCode.BITTORRENT_PARSE_ERROR;
        } else if (failure instanceof IOException) {
            code = ErrorCode.FILE_IO_ERROR;
        } else {
            code = ErrorCode.UNKNOWN;
            LOG.warn("{}: preparing the files failed", torrent, failure);
        }
        torrent.fail(code, failure.getMessage());
    }
}
