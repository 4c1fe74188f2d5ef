package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.PieceRange;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.PartialPiece;
import dev.arietta.core.internal.piece.PartialPieces;

/**
 * Fills a caller's buffer with blocks to request from one source, in the picker's order:
 * deadline pieces (earliest first), pieces in progress, new pieces chosen by
 * {@link PieceSelection}, then end-game duplicates. Also hands web seeds whole runs of pieces.
 *
 * <p>Not thread-safe; owned by the picker, which checks arguments and documents the contract.
 */
final class BlockRequests {

    private final AvailabilityBuckets buckets;
    private final PartialPieces partials;
    private final PieceDeadlines deadlines;
    private final PieceSelection selection;
    private final PieceLifecycle lifecycle;
    private final EndGame endGame;

    BlockRequests(AvailabilityBuckets buckets, PartialPieces partials, PieceDeadlines deadlines,
            PieceSelection selection, PieceLifecycle lifecycle, EndGame endGame) {
        this.buckets = buckets;
        this.partials = partials;
        this.deadlines = deadlines;
        this.selection = selection;
        this.lifecycle = lifecycle;
        this.endGame = endGame;
    }

    int pick(Bitfield peer, int source, int maxBlocks, long[] out) {
        int count = fromDeadlinePieces(peer, source, maxBlocks, out, 0);
        count = fromPiecesInProgress(peer, source, maxBlocks, out, count);
        while (count < maxBlocks) {
            int piece = selection.choose(peer);
            if (piece < 0) {
                break;
            }
            count = requestUnrequested(lifecycle.start(piece), source, maxBlocks, out, count);
        }
        if (count < maxBlocks && endGame.isActive()) {
            count = endGame.pick(peer, source, maxBlocks, out, count);
        }
        return count;
    }

    /** Starts the pieces {@code [first, end)} with every block requested by {@code source}. */
    PieceRange claimRun(int first, int end, int source) {
        for (int piece = first; piece < end; piece++) {
            PartialPiece partial = lifecycle.start(piece);
            for (int block = 0; block < partial.blockCount(); block++) {
                partial.request(block, source);
            }
        }
        return new PieceRange(first, end);
    }

    boolean markRequested(int piece, int block, int source) {
        PartialPiece partial = partials.find(piece);
        if (partial == null) {
            partial = lifecycle.start(piece);
        }
        return partial.request(block, source);
    }

    private int fromDeadlinePieces(Bitfield peer, int source, int maxBlocks, long[] out, int count) {
        for (int rank = 0; rank < deadlines.size() && count < maxBlocks; rank++) {
            int piece = deadlines.piece(rank);
            if (buckets.priority(piece) == PiecePicker.SKIP || !peer.get(piece)) {
                continue;
            }
            PartialPiece partial = partials.find(piece);
            if (partial == null) {
                if (!buckets.contains(piece)) {
                    continue;
                }
                partial = lifecycle.start(piece);
            }
            count = requestUnrequested(partial, source, maxBlocks, out, count);
        }
        return count;
    }

    private int fromPiecesInProgress(Bitfield peer, int source, int maxBlocks, long[] out, int count) {
        int i = 0;
        while (i < partials.requestableCount() && count < maxBlocks) {
            PartialPiece partial = partials.requestable(i);
            int piece = partial.piece();
            if (buckets.priority(piece) == PiecePicker.SKIP || !peer.get(piece)) {
                i++;
                continue;
            }
            count = requestUnrequested(partial, source, maxBlocks, out, count);
            // A piece with no unrequested block left leaves the list and the last one takes its place.
            if (partial.unrequestedBlocks() > 0) {
                i++;
            }
        }
        return count;
    }

    private static int requestUnrequested(PartialPiece partial, int source, int maxBlocks, long[] out, int count) {
        int piece = partial.piece();
        for (int block = partial.nextUnrequested(0); block >= 0 && count < maxBlocks;
                block = partial.nextUnrequested(block + 1)) {
            partial.request(block, source);
            out[count++] = BlockAddress.of(piece, block);
        }
        return count;
    }
}
