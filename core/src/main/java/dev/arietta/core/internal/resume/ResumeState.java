package dev.arietta.core.internal.resume;

import dev.arietta.core.internal.piece.Bitfield;
import java.util.Objects;

/**
 * A snapshot of what survives a restart: which download, its piece geometry, which pieces are
 * verified, and how much was uploaded. Only verified pieces are recorded; partly downloaded
 * pieces are fetched again.
 *
 * <p>Immutable: the bitfield is copied in and out, so a snapshot taken on the I/O loop can be
 * saved on the disk executor while the loop keeps changing its own bitfield.
 *
 * @param identity       which download this is
 * @param pieceLength    nominal piece length in bytes, positive
 * @param totalLength    total length in bytes, zero or more
 * @param verifiedPieces verified pieces; its size is {@code ceil(totalLength / pieceLength)}
 * @param uploadedBytes  bytes uploaded so far (for the share ratio), zero or more
 */
public record ResumeState(ResumeIdentity identity, int pieceLength, long totalLength, Bitfield verifiedPieces,
                          long uploadedBytes) {

    /** @throws IllegalArgumentException if a value is out of range or the bitfield has the wrong size */
    public ResumeState {
        Objects.requireNonNull(identity, "identity");
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length must be positive, got " + pieceLength);
        }
        if (totalLength < 0) {
            throw new IllegalArgumentException("total length must not be negative, got " + totalLength);
        }
        if (uploadedBytes < 0) {
            throw new IllegalArgumentException("uploaded bytes must not be negative, got " + uploadedBytes);
        }
        long pieceCount = pieceCount(pieceLength, totalLength);
        if (verifiedPieces.size() != pieceCount) {
            throw new IllegalArgumentException(totalLength + " bytes in pieces of " + pieceLength + " make "
                    + pieceCount + " pieces, but the bitfield has " + verifiedPieces.size());
        }
        verifiedPieces = verifiedPieces.copy();
    }

    /** A copy of the verified pieces. */
    @Override
    public Bitfield verifiedPieces() {
        return verifiedPieces.copy();
    }

    /** Number of pieces. */
    public int pieceCount() {
        return verifiedPieces.size();
    }

    /** {@code ceil(totalLength / pieceLength)}; arguments must be in range. */
    static long pieceCount(int pieceLength, long totalLength) {
        return totalLength / pieceLength + (totalLength % pieceLength == 0 ? 0 : 1);
    }
}
