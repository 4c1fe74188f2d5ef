package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.Bitfield;

/**
 * How many connected peers have each piece. Non-seed peers are counted piece by piece in
 * {@link AvailabilityBuckets} (a HAVE is O(1)); seeds raise every piece alike, so they are one
 * counter and a seed joining or leaving is O(1) whatever the piece count.
 *
 * <p>Not thread-safe; owned by the picker, which documents the public contract.
 */
final class SwarmAvailability {

    private final AvailabilityBuckets buckets;
    private final int pieceCount;
    private int peerCount;
    private int seedCount;

    SwarmAvailability(AvailabilityBuckets buckets, int pieceCount) {
        this.buckets = buckets;
        this.pieceCount = pieceCount;
    }

    int peerCount() {
        return peerCount;
    }

    int seedCount() {
        return seedCount;
    }

    int availability(int piece) {
        return buckets.availability(piece) + seedCount;
    }

    void peerJoined(Bitfield peerPieces) {
        checkPeerBitfield(peerPieces);
        for (int piece = peerPieces.nextSetBit(0); piece >= 0; piece = peerPieces.nextSetBit(piece + 1)) {
            buckets.increment(piece);
        }
        peerCount++;
    }

    void peerLeft(Bitfield peerPieces) {
        checkPeerBitfield(peerPieces);
        if (peerCount - seedCount == 0) {
            throw new IllegalStateException("peer left but no non-seed peer is counted");
        }
        for (int piece = peerPieces.nextSetBit(0); piece >= 0; piece = peerPieces.nextSetBit(piece + 1)) {
            buckets.decrement(piece);
        }
        peerCount--;
    }

    boolean peerHave(Bitfield peerPieces, int piece) {
        checkPeerBitfield(peerPieces);
        checkAnnounced("HAVE", piece);
        if (!peerPieces.set(piece)) {
            return false;
        }
        buckets.increment(piece);
        return true;
    }

    boolean peerDontHave(Bitfield peerPieces, int piece) {
        checkPeerBitfield(peerPieces);
        checkAnnounced("DONT_HAVE", piece);
        if (!peerPieces.clear(piece)) {
            return false;
        }
        buckets.decrement(piece);
        return true;
    }

    void seedJoined() {
        seedCount++;
        peerCount++;
    }

    void seedLeft() {
        if (seedCount == 0) {
            throw new IllegalStateException("seed left but no seed is counted");
        }
        seedCount--;
        peerCount--;
    }

    void peerBecameSeed(Bitfield peerPieces) {
        checkPeerBitfield(peerPieces);
        if (peerCount - seedCount == 0) {
            throw new IllegalStateException("peer became a seed but no non-seed peer is counted");
        }
        for (int piece = peerPieces.nextSetBit(0); piece >= 0; piece = peerPieces.nextSetBit(piece + 1)) {
            buckets.decrement(piece);
        }
        seedCount++;
    }

    void checkPeerBitfield(Bitfield peerPieces) {
        if (peerPieces.size() != pieceCount) {
            throw new IllegalArgumentException(
                    "peer bitfield has " + peerPieces.size() + " pieces, torrent has " + pieceCount);
        }
    }

    private void checkAnnounced(String message, int piece) {
        if (piece < 0 || piece >= pieceCount) {
            throw new IllegalArgumentException(
                    message + " for piece " + piece + " but the torrent has " + pieceCount + " pieces");
        }
    }
}
