package dev.arietta.core.internal.hash;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The outcome of hashing one piece: its index, whether it matched, and the digest computed.
 *
 * @param piece  piece index
 * @param status passed, failed (wrong data) or missing (data absent or short)
 * @param digest the computed digest, empty when {@code status} is {@link Status#MISSING_DATA}
 */
public record PieceHashResult(int piece, Status status, byte[] digest) {

    /** How a piece's check ended. */
    public enum Status {
        /** The data hashed to the expected digest. */
        PASSED,
        /** The data was all there but hashed to another digest. */
        FAILED,
        /** Some of the piece's data does not exist (missing or short file), so it was not hashed. */
        MISSING_DATA
    }

    private static final byte[] NO_DIGEST = new byte[0];

    /** Copies {@code digest}. */
    public PieceHashResult {
        digest = digest.clone();
    }

    static PieceHashResult missing(int piece) {
        return new PieceHashResult(piece, Status.MISSING_DATA, NO_DIGEST);
    }

    /** True if the piece's data is verified. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /** A copy of the computed digest (empty if the data was missing). */
    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PieceHashResult other && other.piece == piece && other.status == status
                && Arrays.equals(other.digest, digest);
    }

    @Override
    public int hashCode() {
        return (31 * piece + status.hashCode()) * 31 + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "PieceHashResult[piece=" + piece + ", status=" + status + ", digest="
                + HexFormat.of().formatHex(digest) + "]";
    }
}
