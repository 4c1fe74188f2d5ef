package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.core.internal.piece.Bitfield;

/**
 * The pieces a peer suggested (BEP 6 SUGGEST PIECE), newest first, at most
 * {@link #MAX_SUGGESTED}: an older suggestion falls out when a new one comes (libtorrent's
 * {@code max_suggest_pieces}). The downloader requests those of them the peer lets us have
 * before the rest. Loop thread only.
 */
final class SuggestedPieces {

    /** Suggestions kept per peer: 16, libtorrent's {@code max_suggest_pieces}. */
    static final int MAX_SUGGESTED = 16;

    private final int[] pieces = new int[MAX_SUGGESTED];
    private int count;

    /** Records a suggestion; one already held moves to the front. */
    void add(int piece) {
        remove(piece);
        int keep = Math.min(count, MAX_SUGGESTED - 1);
        System.arraycopy(pieces, 0, pieces, 1, keep);
        pieces[0] = piece;
        count = keep + 1;
    }

    void remove(int piece) {
        for (int i = 0; i < count; i++) {
            if (pieces[i] == piece) {
                System.arraycopy(pieces, i + 1, pieces, i, count - i - 1);
                count--;
                return;
            }
        }
    }

    boolean isEmpty() {
        return count == 0;
    }

    int size() {
        return count;
    }

    /**
     * Sets in {@code out} (cleared first) the suggested pieces that {@code pickable} holds.
     *
     * @return how many were set
     */
    int pickable(Bitfield pickable, Bitfield out) {
        out.clearAll();
        int set = 0;
        for (int i = 0; i < count; i++) {
            if (pickable.get(pieces[i]) && out.set(pieces[i])) {
                set++;
            }
        }
        return set;
    }
}
