package dev.arietta.metalink.internal;

import dev.arietta.metalink.HashType;
import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkException.Kind;
import dev.arietta.metalink.PieceHashes;
import java.util.Arrays;

/**
 * Collects piece digests, decoded straight from the cursor's text buffer into one growing
 * array; reused across {@code pieces} elements of a document, so a long list costs one
 * array and no String per hash (MetalinkBenchmark.parsePieceHashes). Not thread-safe.
 */
final class PieceBuffer {

    /**
     * Most pieces room is made for up front from a declared size: a hostile size must not
     * buy a large allocation before any hash is read; past this the buffer doubles.
     */
    static final int MAX_PRESIZED_PIECES = 16_384;

    private byte[] packed = new byte[1024];
    private int count;
    private HashType type;
    private int pieceLength;

    /**
     * Starts a new list.
     *
     * @param fileSize the file's declared size, or -1: sizes the buffer for the expected
     *                 number of pieces (at most {@value #MAX_PRESIZED_PIECES})
     */
    void reset(HashType hashType, int length, long fileSize) {
        type = hashType;
        pieceLength = length;
        count = 0;
        if (fileSize > 0) {
            long expected = Math.min(fileSize / length + 1, MAX_PRESIZED_PIECES);
            int bytes = (int) expected * hashType.digestLength();
            if (bytes > packed.length) {
                packed = new byte[bytes];
            }
        }
    }

    int count() {
        return count;
    }

    /**
     * Decodes the cursor's last text as piece {@code count()}'s digest.
     *
     * @param context names the file, for the error message
     */
    void addFromText(XmlCursor cursor, int maxPieceHashes, String context) throws MetalinkException {
        if (count == maxPieceHashes) {
            throw cursor.error(Kind.LIMIT_EXCEEDED, context + ": more than " + maxPieceHashes + " piece hashes");
        }
        int length = type.digestLength();
        int needed = (count + 1) * length;
        if (needed > packed.length) {
            packed = Arrays.copyOf(packed, Math.max(needed, 2 * packed.length));
        }
        if (!Hex.decode(cursor.textBuffer(), cursor.textStart(), cursor.textEnd(), length, packed, count * length)) {
            throw cursor.error(Kind.INVALID_VALUE, context + ": " + type + " piece " + count + " hash "
                    + XmlText.quote(cursor.textView()) + " " + Hex.problem(cursor.textView(), length));
        }
        count++;
    }

    /** The digest bytes of piece {@code index}, copied into {@code target} at {@code offset}. */
    void copyDigest(int index, byte[] target, int offset) {
        int length = type.digestLength();
        System.arraycopy(packed, index * length, target, offset, length);
    }

    /** The list collected so far. */
    PieceHashes build() {
        return PieceHashes.of(type, pieceLength, packed, count);
    }
}
