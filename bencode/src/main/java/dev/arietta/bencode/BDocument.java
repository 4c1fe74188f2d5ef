package dev.arietta.bencode;

import dev.arietta.bencode.internal.Tokens;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A validated bencoded value held as a flat token array over its input bytes: nothing is
 * copied or decoded until asked for through {@link #root()}.
 *
 * <p><b>Ownership.</b> The document reads the caller's array in place; the caller must not
 * modify those bytes while the document or any of its nodes is in use.
 *
 * <p><b>Thread-safety.</b> Immutable once returned by a decoder: safe to share between
 * threads as long as the input bytes are not modified.
 */
public final class BDocument {

    private final byte[] input;
    private final int base;
    private final Tokens tokens;
    private final int length;
    private final int unsortedCount;
    private final int[] unsortedOffsets;

    BDocument(byte[] input, int base, Tokens tokens, int length, int unsortedCount, int[] unsortedOffsets) {
        this.input = input;
        this.base = base;
        this.tokens = tokens;
        this.length = length;
        this.unsortedCount = unsortedCount;
        this.unsortedOffsets = unsortedOffsets;
    }

    /** The decoded value. */
    public BNode root() {
        return new BNode(this, 0);
    }

    /** Bytes the value occupies in the input (less than the input for a prefix decode). */
    public int length() {
        return length;
    }

    /** Tokens used: one per value, one per container end, plus one. */
    public int tokenCount() {
        return tokens.count();
    }

    /**
     * Number of dictionaries whose keys were not in ascending order (always 0 for
     * {@link BencodeMode#STRICT}, which rejects them).
     */
    public int unsortedDictionaryCount() {
        return unsortedCount;
    }

    /**
     * Input offsets of the first {@value dev.arietta.bencode.internal.Tokenizer#MAX_REPORTED_UNSORTED}
     * unsorted dictionaries, in the order their ends were reached.
     */
    public int[] unsortedDictionaryOffsets() {
        return unsortedOffsets.clone();
    }

    /** A read-only view of the bytes the value occupies. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(input, base, length).slice().asReadOnlyBuffer();
    }

    // Package-private accessors for BNode.

    byte[] input() {
        return input;
    }

    int base() {
        return base;
    }

    Tokens tokens() {
        return tokens;
    }

    @Override
    public String toString() {
        return "BDocument[" + length + " bytes, " + tokens.count() + " tokens"
                + (unsortedCount > 0 ? ", " + unsortedCount + " unsorted dictionaries at "
                + Arrays.toString(unsortedOffsets) : "") + "]";
    }
}
