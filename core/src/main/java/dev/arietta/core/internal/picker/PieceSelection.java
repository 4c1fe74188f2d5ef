package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.Bitfield;
import java.util.random.RandomGenerator;

/**
 * The policy that chooses which startable piece a peer should start next, in the current
 * {@link PieceOrder}, and where a web seed's run begins. It only chooses; the picker starts
 * the piece.
 *
 * <p>Not thread-safe; owned by the picker.
 */
final class PieceSelection {

    private final AvailabilityBuckets buckets;
    private final SwarmAvailability swarm;
    private final Bitfield verified;
    private final GapAwareSelection gapAware;
    private final PickerOptions options;
    private final RandomGenerator random;
    private PieceOrder order = PieceOrder.RAREST_FIRST;
    // No startable piece lies below it; lets sequential order resume its scan where it stopped.
    private int sequentialCursor;

    PieceSelection(AvailabilityBuckets buckets, SwarmAvailability swarm, Bitfield verified,
            PickerOptions options, RandomGenerator random) {
        this.buckets = buckets;
        this.swarm = swarm;
        this.verified = verified;
        this.gapAware = new GapAwareSelection(buckets, verified);
        this.options = options;
        this.random = random;
    }

    PieceOrder order() {
        return order;
    }

    void setOrder(PieceOrder order) {
        this.order = order;
    }

    /** A piece became startable (or startable pieces were re-sorted, with {@code piece} 0). */
    void startable(int piece) {
        if (piece < sequentialCursor) {
            sequentialCursor = piece;
        }
    }

    /** The startable piece the peer should start next, or -1 if it has none. */
    int choose(Bitfield peer) {
        switch (order) {
            case SEQUENTIAL: {
                int top = buckets.pickBest(peer, random, PiecePicker.TOP_PRIORITY);
                return top >= 0 ? top : nextSequential(peer);
            }
            case GAP_AWARE: {
                if (verified.cardinality() > options.gapFillCompletion() * verified.size()
                        && random.nextInt(options.gapFillOneIn()) == 0) {
                    int piece = gapAware.fillInTheGaps(peer);
                    if (piece >= 0) {
                        return piece;
                    }
                }
                return gapAware.prettyRareWithBiggestGap(peer, swarm.peerCount(), swarm.seedCount());
            }
            default:
                return buckets.pickBest(peer, random, 1);
        }
    }

    /**
     * Where a web seed's run starts and the end of the run of startable pieces there, packed
     * as {@code first << 32 | end}, or -1 if nothing is startable. Before anything is
     * downloaded ({@code fresh}) the run starts at a random piece, so that the first pieces a
     * web seed delivers are unlikely to be the ones peers fetch (BEP 19); afterwards at the
     * start of the longest run.
     */
    long webSeedRun(boolean fresh) {
        Bitfield startable = buckets.members();
        if (startable.isEmpty()) {
            return -1;
        }
        if (!fresh) {
            return gapAware.longestRun();
        }
        int first = startable.nextSetBit(random.nextInt(startable.size()));
        if (first < 0) {
            first = startable.nextSetBit(0);
        }
        int end = startable.nextClearBit(first);
        return ((long) first << 32) | (end < 0 ? startable.size() : end);
    }

    // First startable piece the peer has at or after the cursor.
    private int nextSequential(Bitfield peer) {
        Bitfield startable = buckets.members();
        int first = startable.nextSetBit(sequentialCursor);
        if (first < 0) {
            sequentialCursor = startable.size();
            return -1;
        }
        sequentialCursor = first;
        int w = first >>> 6;
        long word = startable.word(w) & peer.word(w) & (-1L << first);
        for (int words = startable.wordCount(); ; ) {
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == words) {
                return -1;
            }
            word = startable.word(w) & peer.word(w);
        }
    }

    /** Checks that the cursor never passed a startable piece; for tests. */
    void checkInvariants() {
        int first = buckets.members().nextSetBit(0);
        if (first >= 0 && first < sequentialCursor) {
            throw new AssertionError("sequential cursor " + sequentialCursor + " passed startable piece " + first);
        }
    }
}
