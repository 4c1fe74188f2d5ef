package dev.arietta.core.internal.hash;

import dev.arietta.core.internal.piece.PieceGeometry;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Re-checks data already on disk (aria2's {@code check-integrity}): hashes every piece in
 * parallel on the hash executor and rebuilds the bitfield of verified pieces. One checker
 * serves a session; each {@link #start} is one download's {@link IntegrityCheck}.
 *
 * <p>Thread-safe. Each checker keeps its own per-thread digests; nothing is shared with other
 * checkers or sessions.
 */
public final class IntegrityChecker {

    private final Executor hashExecutor;
    private final Executor ownerExecutor;
    private final IntegrityCheckLimits limits;
    private final DigestCache digests = new DigestCache();

    /** A checker with {@link IntegrityCheckLimits#defaults()}. */
    public IntegrityChecker(Executor hashExecutor, Executor ownerExecutor) {
        this(hashExecutor, ownerExecutor, IntegrityCheckLimits.defaults());
    }

    /**
     * @param hashExecutor  reads and hashes pieces; normally {@link HashExecutors#newHashExecutor}
     * @param ownerExecutor runs all bookkeeping, progress callbacks and the completion; must run
     *                      one task at a time (the I/O loop, or a single-thread executor)
     * @param limits        memory limits
     */
    public IntegrityChecker(Executor hashExecutor, Executor ownerExecutor, IntegrityCheckLimits limits) {
        this.hashExecutor = Objects.requireNonNull(hashExecutor, "hashExecutor");
        this.ownerExecutor = Objects.requireNonNull(ownerExecutor, "ownerExecutor");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The memory limits of every check this checker starts. */
    public IntegrityCheckLimits limits() {
        return limits;
    }

    /**
     * Starts re-checking a download. The work begins in a task posted to the owner executor.
     *
     * @param geometry piece count, piece length and total length
     * @param hashes   the expected digests, one per piece
     * @param reader   reads piece data; called on hash threads, possibly concurrently
     * @param progress told about each finished piece, on the owner executor
     * @return the running check
     * @throws IllegalArgumentException   if {@code hashes} does not have one digest per piece
     * @throws RejectedExecutionException if the owner executor refuses the first task
     */
    public IntegrityCheck start(PieceGeometry geometry, PieceHashes hashes, PieceReader reader,
                                RecheckProgress progress) {
        if (hashes.pieceCount() != geometry.pieceCount()) {
            throw new IllegalArgumentException(geometry.pieceCount() + " pieces but " + hashes.pieceCount()
                    + " " + hashes.algorithm() + " digests");
        }
        IntegrityCheck check = new IntegrityCheck(geometry, hashes, Objects.requireNonNull(reader, "reader"),
                Objects.requireNonNull(progress, "progress"), hashExecutor, ownerExecutor, limits, digests);
        ownerExecutor.execute(check::submitMore);
        return check;
    }
}
