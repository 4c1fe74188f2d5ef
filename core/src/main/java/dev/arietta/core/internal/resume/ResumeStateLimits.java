package dev.arietta.core.internal.resume;

/**
 * Limits checked before anything is allocated when a resume state file is read (and when one is
 * written, so that a written file can always be read back).
 *
 * @param maxUrlBytes   longest URL identity in UTF-8 bytes, 1 to 65535 (the field is 16 bits);
 *                      default 16384
 * @param maxPieceCount most pieces a state may describe, positive; the verified bitfield takes
 *                      {@code ceil(maxPieceCount / 8)} bytes at most; default 2^26 (67,108,864
 *                      pieces, an 8 MiB bitfield: 64 TiB in 1 MiB pieces)
 */
public record ResumeStateLimits(int maxUrlBytes, int maxPieceCount) {

    /** The defaults: 16384 URL bytes, 2^26 pieces. */
    public static final ResumeStateLimits DEFAULTS = new ResumeStateLimits(16384, 1 << 26);

    /** @throws IllegalArgumentException if a value is out of range */
    public ResumeStateLimits {
        if (maxUrlBytes < 1 || maxUrlBytes > 0xFFFF) {
            throw new IllegalArgumentException("max URL bytes must be in [1, 65535], got " + maxUrlBytes);
        }
        if (maxPieceCount <= 0) {
            throw new IllegalArgumentException("max piece count must be positive, got " + maxPieceCount);
        }
    }

    /** Largest bitfield in bytes: {@code ceil(maxPieceCount / 8)}. */
    public int maxBitfieldBytes() {
        return (int) (((long) maxPieceCount + 7) >>> 3);
    }

    /** Largest valid state file in bytes. */
    public long maxFileBytes() {
        return ResumeStateFormat.FIXED_BYTES + (long) maxUrlBytes + maxBitfieldBytes();
    }
}
