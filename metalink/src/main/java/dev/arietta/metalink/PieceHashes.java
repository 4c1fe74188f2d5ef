package dev.arietta.metalink;

import dev.arietta.metalink.internal.Hex;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Chunk checksums of one file (a Metalink {@code pieces} element): the file is cut into
 * pieces of {@link #pieceLength()} bytes (the last one may be shorter) and piece {@code i}
 * must hash to {@link #digest(int) digest(i)}. Immutable and thread-safe; digests are kept
 * packed in one array and every accessor returns a copy.
 */
public final class PieceHashes {

    private final HashType type;
    private final int pieceLength;
    private final byte[] digests;

    private PieceHashes(HashType type, int pieceLength, byte[] digests) {
        this.type = Objects.requireNonNull(type, "type");
        if (pieceLength < 1) {
            throw new IllegalArgumentException("piece length must be positive, was " + pieceLength);
        }
        if (digests.length == 0) {
            throw new IllegalArgumentException("pieces need at least one hash");
        }
        this.pieceLength = pieceLength;
        this.digests = digests;
    }

    /**
     * Piece hashes from {@code count} digests packed back to back in
     * {@code packed[0, count * type.digestLength())}; the bytes are copied.
     *
     * @param pieceLength bytes per piece, at least 1
     * @param count       number of pieces, at least 1
     */
    public static PieceHashes of(HashType type, int pieceLength, byte[] packed, int count) {
        if (count < 1 || (long) count * type.digestLength() > packed.length) {
            throw new IllegalArgumentException("count " + count + " does not fit " + packed.length + " bytes of " + type + " digests");
        }
        return new PieceHashes(type, pieceLength, Arrays.copyOf(packed, count * type.digestLength()));
    }

    /** Piece hashes from hex digests, one per piece in order. */
    public static PieceHashes ofHex(HashType type, int pieceLength, List<String> hexDigests) {
        int length = type.digestLength();
        byte[] packed = new byte[hexDigests.size() * length];
        for (int i = 0; i < hexDigests.size(); i++) {
            String hex = hexDigests.get(i);
            if (!Hex.decode(hex.toCharArray(), 0, hex.length(), length, packed, i * length)) {
                throw new IllegalArgumentException(type + " piece " + i + " digest \"" + hex + "\" "
                        + Hex.problem(hex, length));
            }
        }
        return new PieceHashes(type, pieceLength, packed);
    }

    /** The hash function of every piece. */
    public HashType type() {
        return type;
    }

    /** Bytes per piece; the last piece may be shorter. */
    public int pieceLength() {
        return pieceLength;
    }

    /** Number of pieces (at least 1). */
    public int count() {
        return digests.length / type.digestLength();
    }

    /** Digest of piece {@code index}, in a new array. */
    public byte[] digest(int index) {
        Objects.checkIndex(index, count());
        int length = type.digestLength();
        return Arrays.copyOfRange(digests, index * length, (index + 1) * length);
    }

    /** Digest of piece {@code index} as lowercase hex. */
    public String hex(int index) {
        Objects.checkIndex(index, count());
        return Hex.encode(digests, index * type.digestLength(), type.digestLength());
    }

    /** Whether piece {@code index} hashes to {@code digest}; compares without copying. */
    public boolean matches(int index, byte[] digest) {
        Objects.checkIndex(index, count());
        int length = type.digestLength();
        return digest.length == length
                && Arrays.equals(digests, index * length, (index + 1) * length, digest, 0, length);
    }

    /** All digests packed back to back, in a new array. */
    public byte[] packedDigests() {
        return digests.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PieceHashes that
                && type == that.type
                && pieceLength == that.pieceLength
                && Arrays.equals(digests, that.digests);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + pieceLength) * 31 + Arrays.hashCode(digests);
    }

    @Override
    public String toString() {
        return "PieceHashes[type=" + type + ", pieceLength=" + pieceLength + ", count=" + count() + "]";
    }
}
