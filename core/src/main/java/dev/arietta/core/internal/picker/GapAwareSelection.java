package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.Bitfield;

/**
 * BEP 19's piece selection for torrents that HTTP/FTP seeds also serve. HTTP/FTP connections
 * stream long runs of consecutive bytes, so peers should leave long runs ("gaps") of missing
 * pieces for them, and HTTP/FTP connections should start where the longest run begins.
 *
 * <p>A gap is a maximal run of pieces we have not verified. As in the BEP's pseudo-code, a
 * piece's <em>distance</em> is the number of missing pieces between it and the closest
 * verified piece before it (the start of the torrent counts as verified), so the last piece
 * of the biggest gap is the farthest. Candidates are the pieces the picker may start (wanted,
 * not verified, not in progress) that the peer has.
 *
 * <p>Both rules scan the bitfields a 64-bit word at a time: O(pieces / 64 + candidates), once
 * per piece started, which is the price of looking at the whole torrent's layout. Not
 * thread-safe; owned by the picker.
 */
final class GapAwareSelection {

    private final AvailabilityBuckets buckets;
    private final Bitfield verified;

    GapAwareSelection(AvailabilityBuckets buckets, Bitfield verified) {
        this.buckets = buckets;
        this.verified = verified;
    }

    /**
     * "Pretty rare with biggest gap": scanning in index order, a candidate replaces the current
     * choice if it is rarer by more than {@code X = sqrt(peers) - 1}, or if it is at most X
     * commoner and farther from a verified piece. Piece priorities come first: a candidate of
     * higher priority always replaces the choice and one of lower priority never does (BEP 19
     * predates priorities).
     *
     * @param peerCount peers connected, seeds included (the BEP's {@code Peers})
     * @param seedCount seeds, which add to every piece's availability
     * @return the chosen piece, or -1 if the peer has no candidate
     */
    int prettyRareWithBiggestGap(Bitfield peer, int peerCount, int seedCount) {
        double tolerance = Math.max(0, Math.sqrt(peerCount) - 1);
        Bitfield candidates = buckets.members();
        int chosen = -1;
        int chosenPriority = 0;
        double chosenRarity = 0;
        int chosenDistance = 0;
        int lastVerified = -1;
        for (int w = 0, words = verified.wordCount(); w < words; w++) {
            long word = candidates.word(w) & peer.word(w);
            long verifiedWord = verified.word(w);
            while (word != 0) {
                int bit = Long.numberOfTrailingZeros(word);
                word &= word - 1;
                int piece = (w << 6) + bit;
                long verifiedBelow = verifiedWord & ((1L << bit) - 1);
                int previousVerified = verifiedBelow != 0
                        ? (w << 6) + 63 - Long.numberOfLeadingZeros(verifiedBelow)
                        : lastVerified;
                int distance = piece - previousVerified - 1;
                int priority = buckets.priority(piece);
                int rarity = buckets.availability(piece) + seedCount;
                boolean better = priority > chosenPriority
                        || (priority == chosenPriority
                            && (rarity < chosenRarity - tolerance
                                || (rarity <= chosenRarity + tolerance && distance > chosenDistance)));
                if (better) {
                    chosen = piece;
                    chosenPriority = priority;
                    chosenRarity = rarity;
                    chosenDistance = distance;
                }
            }
            if (verifiedWord != 0) {
                lastVerified = (w << 6) + 63 - Long.numberOfLeadingZeros(verifiedWord);
            }
        }
        return chosen;
    }

    /**
     * "Fill in the gaps": the last candidate of the smallest gap that has one, ignoring rarity
     * and priority levels (priority 0 pieces are never candidates). The first such gap wins a
     * tie. Unlike the BEP's pseudo-code, a gap running to the end of the torrent counts too:
     * the end is a boundary just as the start is.
     *
     * @return the chosen piece, or -1 if the peer has no candidate
     */
    int fillInTheGaps(Bitfield peer) {
        int pieceCount = verified.size();
        int chosen = -1;
        int chosenGap = Integer.MAX_VALUE;
        int position = 0;
        while (position < pieceCount) {
            int start = verified.nextClearBit(position);
            if (start < 0) {
                break;
            }
            int end = verified.nextSetBit(start);
            if (end < 0) {
                end = pieceCount;
            }
            int gap = end - start;
            if (gap < chosenGap) {
                int last = lastCandidate(peer, start, end);
                if (last >= 0) {
                    chosen = last;
                    chosenGap = gap;
                }
            }
            position = end;
        }
        return chosen;
    }

    /**
     * Where an HTTP/FTP connection should start: the first piece of the longest run of
     * consecutive candidates (wanted, not verified, not in progress), the first such run on a
     * tie. Returns {@code [first, end)} packed as {@code first << 32 | end}, or -1 if none.
     */
    long longestRun() {
        Bitfield candidates = buckets.members();
        int bestStart = -1;
        int bestEnd = -1;
        int position = 0;
        while (true) {
            int start = candidates.nextSetBit(position);
            if (start < 0) {
                break;
            }
            int end = candidates.nextClearBit(start);
            if (end < 0) {
                end = candidates.size();
            }
            if (end - start > bestEnd - bestStart) {
                bestStart = start;
                bestEnd = end;
            }
            position = end;
        }
        return bestStart < 0 ? -1 : ((long) bestStart << 32) | bestEnd;
    }

    // Highest index in [start, end) set in both the candidates and the peer's bitfield, or -1.
    private int lastCandidate(Bitfield peer, int start, int end) {
        Bitfield candidates = buckets.members();
        int w = (end - 1) >>> 6;
        long word = candidates.word(w) & peer.word(w) & (-1L >>> (63 - ((end - 1) & 63)));
        int firstWord = start >>> 6;
        while (true) {
            if (w == firstWord) {
                word &= -1L << start;
            }
            if (word != 0) {
                return (w << 6) + 63 - Long.numberOfLeadingZeros(word);
            }
            if (w == firstWord) {
                return -1;
            }
            w--;
            word = candidates.word(w) & peer.word(w);
        }
    }
}
