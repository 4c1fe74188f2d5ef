package dev.arietta.core.internal.hash;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The expected digest of every piece, as one array of concatenated digests (a torrent's
 * {@code pieces} string, a Metalink {@code <pieces>} list).
 *
 * <p>Immutable and thread-safe: the array is copied once on construction and never exposed,
 * so hash threads may read it while the owner keeps using the object.
 */
public final class PieceHashes {

    private final HashAlgorithm algorithm;
    private final byte[] concatenated;
    private final int pieceCount;

    /**
     * @param algorithm    the piece hash algorithm (SHA-1 for BitTorrent v1, SHA-256 for Metalink)
     * @param concatenated the digests of pieces 0, 1, 2, … back to back (copied)
     * @throws IllegalArgumentException if the length is not a multiple of the digest length
     */
    public PieceHashes(HashAlgorithm algorithm, byte[] concatenated) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        int digestLength = algorithm.digestLength();
        if (concatenated.length % digestLength != 0) {
            throw new IllegalArgumentException(concatenated.length + " bytes of " + algorithm
                    + " piece hashes is not a multiple of " + digestLength);
        }
        this.concatenated = concatenated.clone();
        this.pieceCount = concatenated.length / digestLength;
    }

    /** The piece hash algorithm. */
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** Number of pieces with a digest. */
    public int pieceCount() {
        return pieceCount;
    }

    /** A copy of the expected digest of {@code piece}. */
    public byte[] expected(int piece) {
        int start = offset(piece);
        return Arrays.copyOfRange(concatenated, start, start + algorithm.digestLength());
    }

    /**
     * True if {@code actual} is the expected digest of {@code piece}. Allocation-free;
     * constant-time in the digest contents like {@link MessageDigest#isEqual}.
     */
    public boolean matches(int piece, byte[] actual) {
        int start = offset(piece);
        int length = algorithm.digestLength();
        if (actual.length != length) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < length; i++) {
            difference |= concatenated[start + i] ^ actual[i];
        }
        return difference == 0;
    }

    private int offset(int piece) {
        if (piece < 0 || piece >= pieceCount) {
            throw new IndexOutOfBoundsException("piece " + piece + " not in [0, " + pieceCount + ")");
        }
        return piece * algorithm.digestLength();
    }
}
