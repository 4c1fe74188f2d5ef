package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.BlockState;
import dev.arietta.core.internal.piece.PartialPiece;
import dev.arietta.core.internal.piece.PartialPieces;

/**
 * End-game: once every wanted block has been requested, a peer with nothing new to fetch is
 * handed blocks that are requested from others but have not arrived, so one slow peer cannot
 * hold up the end of the download. Each block is requested from at most
 * {@link PickerOptions#maxRequestsPerBlock()} sources; blocks with the fewest requesters go
 * first. When a block arrives, {@link PartialPiece#receive} names the other requesters so
 * that the engine can CANCEL them.
 *
 * <p>Not thread-safe; owned by the picker.
 */
final class EndGame {

    private final PartialPieces partials;
    private final AvailabilityBuckets buckets;

    EndGame(PartialPieces partials, AvailabilityBuckets buckets) {
        this.partials = partials;
        this.buckets = buckets;
    }

    /**
     * True when no wanted block is left unrequested: nothing can be started and no wanted
     * piece in progress has an unrequested block, while some wanted piece is still in progress.
     */
    boolean isActive() {
        if (buckets.size() > 0) {
            return false;
        }
        for (int i = 0, n = partials.requestableCount(); i < n; i++) {
            if (buckets.priority(partials.requestable(i).piece()) > 0) {
                return false;
            }
        }
        for (int i = 0, n = partials.size(); i < n; i++) {
            if (buckets.priority(partials.get(i).piece()) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Requests duplicates from {@code source} into {@code out} starting at {@code count}.
     *
     * @return the new count
     */
    int pick(Bitfield peer, int source, int maxBlocks, long[] out, int count) {
        int maxRequests = partials.maxRequestersPerBlock();
        for (int requesters = 1; requesters < maxRequests && count < maxBlocks; requesters++) {
            for (int i = 0, n = partials.size(); i < n && count < maxBlocks; i++) {
                PartialPiece partial = partials.get(i);
                int piece = partial.piece();
                if (buckets.priority(piece) == 0 || !peer.get(piece)) {
                    continue;
                }
                for (int block = 0, blocks = partial.blockCount(); block < blocks && count < maxBlocks; block++) {
                    if (partial.state(block) == BlockState.REQUESTED
                            && partial.requestCount(block) == requesters
                            && partial.request(block, source)) {
                        out[count++] = BlockAddress.of(piece, block);
                    }
                }
            }
        }
        return count;
    }
}
