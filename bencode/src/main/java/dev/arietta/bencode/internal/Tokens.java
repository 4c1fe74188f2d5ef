package dev.arietta.bencode.internal;

/**
 * The flat token array of one decoded document (libtorrent's {@code bdecode} layout).
 *
 * <p>Token {@code i} takes two ints: {@code data[2i]} is the value's start offset relative to
 * the document base, {@code data[2i+1]} packs the type (3 bits), a byte string's header
 * length (4 bits: digits plus colon) and, for containers, the distance to the token after the
 * container's end marker (25 bits). Tokens are in input order, so a leaf value ends where the
 * next token starts and a container ends where the token after its end marker starts; a
 * sentinel token after the root records the end of the root value.
 */
public final class Tokens {

    public static final int STRING = 0;
    public static final int INTEGER = 1;
    public static final int LIST = 2;
    public static final int DICTIONARY = 3;
    public static final int END = 4;
    public static final int SENTINEL = 5;

    private static final int TYPE_MASK = 0x7;
    private static final int HEADER_SHIFT = 3;
    private static final int HEADER_MASK = 0xF;
    private static final int SKIP_SHIFT = 7;

    int[] data;
    int count;

    Tokens(int initialCapacity) {
        data = new int[initialCapacity * 2];
    }

    /** Number of tokens, sentinel included. */
    public int count() {
        return count;
    }

    public int offset(int token) {
        return data[token << 1];
    }

    public int type(int token) {
        return data[(token << 1) + 1] & TYPE_MASK;
    }

    /** Digits plus colon in front of a byte string's payload; 0 for other tokens. */
    public int headerLength(int token) {
        return (data[(token << 1) + 1] >>> HEADER_SHIFT) & HEADER_MASK;
    }

    /** The token after this value, its whole subtree skipped. */
    public int next(int token) {
        int packed = data[(token << 1) + 1];
        int type = packed & TYPE_MASK;
        return type == LIST || type == DICTIONARY ? token + (packed >>> SKIP_SHIFT) : token + 1;
    }

    /** Offset just past this value. */
    public int end(int token) {
        return offset(next(token));
    }

    /** Adds a token; the caller has made room with {@link #grow(int)} when {@link #isFull()}. */
    int add(int offset, int type, int headerLength) {
        int index = count++;
        data[index << 1] = offset;
        data[(index << 1) + 1] = type | (headerLength << HEADER_SHIFT);
        return index;
    }

    boolean isFull() {
        return count << 1 == data.length;
    }

    void grow(int capacity) {
        data = java.util.Arrays.copyOf(data, capacity << 1);
    }

    void setSkip(int container, int skip) {
        data[(container << 1) + 1] |= skip << SKIP_SHIFT;
    }
}
