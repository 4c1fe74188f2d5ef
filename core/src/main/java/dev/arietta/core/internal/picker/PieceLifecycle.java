package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.PartialPiece;
import dev.arietta.core.internal.piece.PartialPieces;
import dev.arietta.core.internal.piece.PieceGeometry;

/**
 * Moves pieces between the picker's three places and keeps them consistent: startable (in
 * {@link AvailabilityBuckets}), in progress (in {@link PartialPieces}), verified (in the
 * verified bitfield). A piece is startable exactly when it is wanted (priority above 0), not
 * in progress and not verified.
 *
 * <p>Not thread-safe; owned by the picker, which checks arguments and documents the contract.
 */
final class PieceLifecycle {

    private final PieceGeometry geometry;
    private final Bitfield verified;
    private final AvailabilityBuckets buckets;
    private final PartialPieces partials;
    private final PieceDeadlines deadlines;
    private final PieceSelection selection;

    PieceLifecycle(PieceGeometry geometry, Bitfield verified, AvailabilityBuckets buckets, PartialPieces partials,
            PieceDeadlines deadlines, PieceSelection selection) {
        this.geometry = geometry;
        this.verified = verified;
        this.buckets = buckets;
        this.partials = partials;
        this.deadlines = deadlines;
        this.selection = selection;
    }

    /** Puts the piece in progress, every block unrequested. */
    PartialPiece start(int piece) {
        if (buckets.contains(piece)) {
            buckets.remove(piece);
        }
        return partials.begin(piece, geometry.blockCount(piece));
    }

    /** The piece in progress, or an exception naming the piece and what happened to it. */
    PartialPiece inProgress(int piece, String event) {
        PartialPiece partial = partials.find(piece);
        if (partial == null) {
            throw new IllegalStateException("piece " + piece + " " + event + " but it is not in progress");
        }
        return partial;
    }

    boolean abort(int piece, int block, int source) {
        PartialPiece partial = partials.find(piece);
        if (partial == null) {
            return false;
        }
        boolean aborted = partial.abortRequest(block, source);
        giveBackIfIdle(partial);
        return aborted;
    }

    int abortAll(int source) {
        int aborted = 0;
        // Backwards: giving a piece back moves the last one into its place, already visited.
        for (int i = partials.size() - 1; i >= 0; i--) {
            PartialPiece partial = partials.get(i);
            aborted += partial.abortRequestsOf(source);
            giveBackIfIdle(partial);
        }
        return aborted;
    }

    boolean verify(int piece) {
        if (verified.get(piece)) {
            return false;
        }
        PartialPiece partial = partials.find(piece);
        if (partial != null) {
            partials.finish(partial);
        } else if (buckets.contains(piece)) {
            buckets.remove(piece);
        }
        verified.set(piece);
        deadlines.remove(piece);
        return true;
    }

    int fail(int piece, int[] suppliersOut) {
        PartialPiece partial = inProgress(piece, "failed its hash check");
        int suppliers = partial.distinctSuppliers(suppliersOut);
        partial.reset();
        giveBackIfIdle(partial);
        return suppliers;
    }

    boolean lose(int piece) {
        if (!verified.clear(piece)) {
            return false;
        }
        if (buckets.priority(piece) != PiecePicker.SKIP) {
            makeStartable(piece);
        }
        return true;
    }

    void setPriority(int piece, int priority) {
        int old = buckets.priority(piece);
        if (old == priority) {
            return;
        }
        buckets.changePriority(piece, priority);
        if (old == PiecePicker.SKIP && isStartable(piece)) {
            makeStartable(piece);
        }
    }

    /** After priorities were assigned without keeping the order: re-sorts every startable piece. */
    void resort() {
        buckets.rebuild(this::isStartable);
        selection.startable(0);
    }

    private void giveBackIfIdle(PartialPiece partial) {
        if (!partial.isIdle()) {
            return;
        }
        int piece = partial.piece();
        partials.finish(partial);
        if (buckets.priority(piece) != PiecePicker.SKIP) {
            makeStartable(piece);
        }
    }

    private boolean isStartable(int piece) {
        return !verified.get(piece) && partials.find(piece) == null;
    }

    private void makeStartable(int piece) {
        buckets.insert(piece);
        selection.startable(piece);
    }

    void checkInvariants() {
        buckets.checkInvariants();
        selection.checkInvariants();
        for (int piece = 0; piece < geometry.pieceCount(); piece++) {
            boolean startable = isStartable(piece) && buckets.priority(piece) != PiecePicker.SKIP;
            if (startable != buckets.contains(piece)) {
                throw new AssertionError("piece " + piece + " startable=" + startable
                        + " but in buckets=" + buckets.contains(piece));
            }
        }
    }
}
