package dev.arietta.core.internal.hash;

import dev.arietta.core.internal.piece.PieceGeometry;

import dev.arietta.core.internal.piece.Bitfield;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running re-check, started by {@link IntegrityChecker#start}.
 *
 * <p>How it runs: all bookkeeping (which piece is next, the bitfield, the buffer pool, progress
 * calls) happens on the owner executor, so it needs no locks. The owner hands a piece and a
 * pooled read buffer to a hash thread; the hash thread reads and hashes the piece through the
 * {@link PieceReader} and posts the result back, returning the buffer to the pool and
 * triggering the next piece. At most {@link IntegrityCheckLimits#maxInFlightPieces()} pieces
 * are in flight, each with one buffer of at most {@link IntegrityCheckLimits#readBufferBytes()}.
 *
 * <p>A piece whose data is missing or short is simply not verified; a reader's real I/O error
 * ({@link PieceReadException}) or a progress callback's exception stops the check and
 * completes {@link #result()} exceptionally with it.
 *
 * <p>The result and the cancellation both wait for the pieces in flight to return: once
 * {@link #result()} is complete, the reader is no longer called and may be closed.
 *
 * <p>Thread-safe: {@link #cancel()} and {@link #result()} may be called from any thread.
 */
public final class IntegrityCheck {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrityCheck.class);

    private final PieceGeometry geometry;
    private final PieceHashes hashes;
    private final PieceReader reader;
    private final RecheckProgress progress;
    private final Executor hashExecutor;
    private final Executor ownerExecutor;
    private final IntegrityCheckLimits limits;
    private final DigestCache digests;
    private final CompletableFuture<Bitfield> result = new CompletableFuture<>();
    private volatile boolean cancelRequested;

    // Owner-confined state below.
    private final Bitfield verified;
    private final ArrayDeque<ByteBuffer> freeBuffers = new ArrayDeque<>();
    private int nextPiece;
    private int inFlight;
    private int checked;
    private Throwable failure;

    IntegrityCheck(PieceGeometry geometry, PieceHashes hashes, PieceReader reader, RecheckProgress progress,
                   Executor hashExecutor, Executor ownerExecutor, IntegrityCheckLimits limits, DigestCache digests) {
        this.geometry = geometry;
        this.hashes = hashes;
        this.reader = reader;
        this.progress = progress;
        this.hashExecutor = hashExecutor;
        this.ownerExecutor = ownerExecutor;
        this.limits = limits;
        this.digests = digests;
        this.verified = new Bitfield(geometry.pieceCount());
    }

    /**
     * Completed on the owner executor with the bitfield of verified pieces, which then belongs
     * to the caller; exceptionally with a {@link PieceReadException} (or another exception from
     * the reader or the progress callback) if the check failed; cancelled if {@link #cancel()}
     * was called. Cancelling this future directly stops the check as {@link #cancel()} does, but
     * without waiting for the pieces in flight.
     */
    public CompletableFuture<Bitfield> result() {
        return result;
    }

    /**
     * Stops the check: no new piece is started, pieces in flight stop before their next read,
     * and {@link #result()} completes with a {@link CancellationException} once they have
     * returned. Does nothing if the check already finished.
     */
    public void cancel() {
        cancelRequested = true;
        try {
            ownerExecutor.execute(this::finishIfIdle);
        } catch (RejectedExecutionException e) {
            LOG.debug("owner executor closed; cannot finish cancelled re-check", e);
        }
    }

    private boolean stopping() {
        return cancelRequested || result.isDone();
    }

    void submitMore() {
        while (failure == null && !stopping() && inFlight < limits.maxInFlightPieces()
                && nextPiece < geometry.pieceCount()) {
            ByteBuffer buffer = freeBuffers.poll();
            if (buffer == null) {
                buffer = ByteBuffer.allocate(Math.min(limits.readBufferBytes(), geometry.pieceLength()));
            }
            int piece = nextPiece;
            ByteBuffer lent = buffer;
            try {
                hashExecutor.execute(() -> hashPiece(piece, lent));
            } catch (RejectedExecutionException e) {
                freeBuffers.push(buffer);
                failure = e;
                break;
            }
            nextPiece++;
            inFlight++;
        }
        finishIfIdle();
    }

    private void hashPiece(int piece, ByteBuffer buffer) {
        PieceHashResult pieceResult = null;
        Throwable error = null;
        try {
            pieceResult = PieceHashing.hashFromReader(digests.get(hashes.algorithm()), hashes, piece,
                    geometry.pieceLength(piece), reader, buffer, this::stopping);
        } catch (PieceReadException | RuntimeException e) {
            error = e;
        } catch (Error e) {
            postPieceDone(piece, buffer, null, e);
            throw e;
        }
        postPieceDone(piece, buffer, pieceResult, error);
    }

    private void postPieceDone(int piece, ByteBuffer buffer, PieceHashResult pieceResult, Throwable error) {
        try {
            ownerExecutor.execute(() -> pieceDone(buffer, pieceResult, error));
        } catch (RejectedExecutionException e) {
            LOG.debug("owner executor closed; dropping re-check result of piece {}", piece, e);
        }
    }

    private void pieceDone(ByteBuffer buffer, PieceHashResult pieceResult, Throwable error) {
        inFlight--;
        freeBuffers.push(buffer);
        if (error != null) {
            if (failure == null) {
                failure = error;
            }
        } else if (pieceResult != null) {
            if (pieceResult.passed()) {
                verified.set(pieceResult.piece());
            }
            checked++;
            if (failure == null && !stopping()) {
                try {
                    progress.pieceChecked(pieceResult, checked, geometry.pieceCount());
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
        }
        submitMore();
    }

    private void finishIfIdle() {
        if (inFlight > 0 || result.isDone()) {
            return;
        }
        if (failure != null) {
            result.completeExceptionally(failure);
        } else if (cancelRequested) {
            result.cancel(false);
        } else if (checked == geometry.pieceCount()) {
            result.complete(verified);
        }
    }
}
