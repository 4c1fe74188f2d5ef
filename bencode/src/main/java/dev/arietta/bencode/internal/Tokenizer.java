package dev.arietta.bencode.internal;

import dev.arietta.bencode.BencodeException;
import dev.arietta.bencode.BencodeLimits;
import dev.arietta.bencode.BencodeMode;
import java.util.Arrays;

/**
 * Validates bencoded input in one pass and records it as {@link Tokens}; values are decoded
 * later, on access. Iterative (an explicit stack bounded by {@link BencodeLimits#maxDepth()}),
 * allocation-free apart from the token array and the stack.
 *
 * <p>Low-level by design: this is the decode hot path measured by {@code BencodeBenchmark}.
 */
public final class Tokenizer {

    /** Most unsorted dictionaries whose offsets are kept; more are only counted. */
    public static final int MAX_REPORTED_UNSORTED = 64;

    private static final int INITIAL_TOKENS = 32;

    private final byte[] in;
    private final int base;
    private final int end;
    private final BencodeLimits limits;
    private final boolean strict;

    private final Tokens tokens = new Tokens(INITIAL_TOKENS);
    private int[] unsortedOffsets = new int[0];
    private int unsortedCount;

    private Tokenizer(byte[] in, int base, int length, BencodeLimits limits, BencodeMode mode) {
        this.in = in;
        this.base = base;
        this.end = base + length;
        this.limits = limits;
        this.strict = mode == BencodeMode.STRICT;
    }

    /** What tokenizing produced. */
    public record Result(Tokens tokens, int endOffset, int unsortedCount, int[] unsortedOffsets) {
    }

    /**
     * Tokenizes one value starting at {@code base}.
     *
     * @param allowTrailing whether bytes may follow the value (prefix decoding)
     */
    public static Result tokenize(byte[] in, int base, int length, BencodeLimits limits, BencodeMode mode,
                                  boolean allowTrailing) throws BencodeException {
        Tokenizer tokenizer = new Tokenizer(in, base, length, limits, mode);
        int stop = tokenizer.run();
        if (!allowTrailing && stop != tokenizer.end) {
            int trailing = tokenizer.end - stop;
            throw tokenizer.error("expected end of input after the value, found " + trailing
                    + (trailing == 1 ? " trailing byte" : " trailing bytes"), stop);
        }
        return new Result(tokenizer.tokens, stop - base, tokenizer.unsortedCount, tokenizer.unsortedOffsets);
    }

    private int run() throws BencodeException {
        int maxDepth = limits.maxDepth();
        // Per nesting level: container token, children so far, dictionary flag, last key span.
        int capacity = Math.min(maxDepth, 16);
        int[] containers = new int[capacity];
        int[] children = new int[capacity];
        boolean[] dictionaries = new boolean[capacity];
        int[] lastKeyStarts = new int[capacity];
        int[] lastKeyEnds = new int[capacity];
        boolean[] unsorted = new boolean[capacity];
        int depth = 0;
        int pos = base;
        do {
            if (pos >= end) {
                throw error(depth == 0 ? "unexpected end of input, expected a value"
                        : "unexpected end of input inside a " + containerName(containers[depth - 1]), pos);
            }
            int b = in[pos];
            boolean inDictionary = depth > 0 && dictionaries[depth - 1];
            boolean keyPosition = inDictionary && (children[depth - 1] & 1) == 0;
            if (b == 'e') {
                if (depth == 0) {
                    throw error("unexpected 'e', expected a value", pos);
                }
                int container = containers[--depth];
                if (inDictionary && !keyPosition) {
                    throw error("dictionary key without a value", pos);
                }
                addToken(pos, Tokens.END, 0);
                tokens.setSkip(container, tokens.count - container);
                if (unsorted[depth]) {
                    checkDuplicateKeys(container);
                    recordUnsorted(tokens.offset(container));
                }
                pos++;
                continue;
            }
            if (keyPosition && (b < '0' || b > '9')) {
                throw error("expected a byte string as dictionary key, found " + describe(b), pos);
            }
            if (depth > 0) {
                children[depth - 1]++;
            }
            if (b == 'l' || b == 'd') {
                if (depth == maxDepth) {
                    throw error("nesting deeper than the limit of " + maxDepth, pos);
                }
                if (depth == containers.length) {
                    int grown = Math.min(maxDepth, containers.length * 2);
                    containers = Arrays.copyOf(containers, grown);
                    children = Arrays.copyOf(children, grown);
                    dictionaries = Arrays.copyOf(dictionaries, grown);
                    lastKeyStarts = Arrays.copyOf(lastKeyStarts, grown);
                    lastKeyEnds = Arrays.copyOf(lastKeyEnds, grown);
                    unsorted = Arrays.copyOf(unsorted, grown);
                }
                boolean dictionary = b == 'd';
                containers[depth] = addToken(pos, dictionary ? Tokens.DICTIONARY : Tokens.LIST, 0);
                children[depth] = 0;
                dictionaries[depth] = dictionary;
                lastKeyStarts[depth] = -1;
                unsorted[depth] = false;
                depth++;
                pos++;
            } else if (b == 'i') {
                addToken(pos, Tokens.INTEGER, 0);
                pos = scanInteger(pos);
            } else if (b >= '0' && b <= '9') {
                int stringEnd = scanString(pos);
                if (keyPosition) {
                    int level = depth - 1;
                    int keyStart = payloadStart(tokens.count - 1);
                    int previousStart = lastKeyStarts[level];
                    if (previousStart >= 0) {
                        int previousEnd = lastKeyEnds[level];
                        int order = compareBytes(previousStart, previousEnd, keyStart, stringEnd);
                        if (order == 0) {
                            throw error("duplicate dictionary key \"" + preview(keyStart, stringEnd) + "\"", pos);
                        }
                        if (order > 0) {
                            if (strict) {
                                throw error("dictionary key \"" + preview(keyStart, stringEnd)
                                        + "\" out of order after \"" + preview(previousStart, previousEnd) + "\"", pos);
                            }
                            unsorted[level] = true;
                        }
                    }
                    lastKeyStarts[level] = keyStart;
                    lastKeyEnds[level] = stringEnd;
                }
                pos = stringEnd;
            } else {
                throw error("expected 'i', 'l', 'd' or a digit, found " + describe(b), pos);
            }
        } while (depth > 0);
        addToken(pos, Tokens.SENTINEL, 0);
        return pos;
    }

    /**
     * Unsigned lexicographic comparison of two input ranges. A plain loop: dictionary keys are
     * short, where a call into {@link Arrays#compareUnsigned} costs more than the comparison.
     */
    private int compareBytes(int leftStart, int leftEnd, int rightStart, int rightEnd) {
        int leftLength = leftEnd - leftStart;
        int rightLength = rightEnd - rightStart;
        int common = Math.min(leftLength, rightLength);
        for (int i = 0; i < common; i++) {
            int difference = (in[leftStart + i] & 0xFF) - (in[rightStart + i] & 0xFF);
            if (difference != 0) {
                return difference;
            }
        }
        return leftLength - rightLength;
    }

    private int addToken(int pos, int type, int headerLength) throws BencodeException {
        if (tokens.count >= limits.maxTokens() && type != Tokens.SENTINEL) {
            throw error("more than the limit of " + limits.maxTokens() + " tokens", pos);
        }
        if (tokens.isFull()) {
            tokens.grow(nextCapacity(pos));
        }
        return tokens.add(pos - base, type, headerLength);
    }

    /**
     * Room for the rest of the input, predicted from the token density so far, so that a large
     * document grows its token array once or twice instead of a dozen times (copying and
     * zeroing dominated decoding of a 10,000-file torrent in BencodeBenchmark). Never less
     * than double, never more than the input can hold (a token takes at least one byte) plus
     * the sentinel, nor the token limit plus the sentinel.
     */
    private int nextCapacity(int pos) {
        long count = tokens.count;
        long consumed = Math.max(1, pos - base);
        long predicted = count * (end - base) / consumed;
        long wanted = Math.max(count * 2, predicted + predicted / 8 + 16);
        long ceiling = Math.min((long) limits.maxTokens() + 1, (long) (end - base) + 2);
        return (int) Math.max(count + 1, Math.min(wanted, ceiling));
    }

    /** Longest decimal form of a 64-bit magnitude. */
    private static final int MAX_LONG_DIGITS = 19;
    private static final byte[] MAX_LONG = "9223372036854775807".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MIN_LONG_MAGNITUDE =
            "9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Longest decimal string length that can be valid: lengths are below 2^31. */
    private static final int MAX_LENGTH_DIGITS = 10;

    /**
     * Validates {@code i<digits>e}; returns the position after 'e'. The value is not computed:
     * range is checked on the digit count, and only 19-digit numbers are compared digit by
     * digit (BencodeBenchmark: integer-heavy torrents).
     */
    private int scanInteger(int start) throws BencodeException {
        int pos = start + 1;
        boolean negative = pos < end && in[pos] == '-';
        if (negative) {
            pos++;
        }
        int firstDigit = pos;
        while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        int digits = pos - firstDigit;
        if (digits == 0) {
            throw error(pos >= end ? "unexpected end of input in integer" :
                    "expected a digit in integer, found " + describe(in[pos]), pos);
        }
        if (in[firstDigit] == '0') {
            if (digits > 1) {
                throw error("leading zero in integer", firstDigit);
            }
            if (negative) {
                throw error("negative zero is not a valid integer", start);
            }
        }
        if (digits > MAX_LONG_DIGITS || digits == MAX_LONG_DIGITS
                && Arrays.compareUnsigned(in, firstDigit, pos, negative ? MIN_LONG_MAGNITUDE : MAX_LONG, 0,
                MAX_LONG_DIGITS) > 0) {
            throw error("integer does not fit in 64 bits", start);
        }
        if (pos >= end) {
            throw error("unexpected end of input in integer, expected 'e'", pos);
        }
        if (in[pos] != 'e') {
            throw error("expected 'e' after integer digits, found " + describe(in[pos]), pos);
        }
        return pos + 1;
    }

    /**
     * Validates {@code <length>:<bytes>} against the bytes present; returns the position after
     * it. One pass over the digits; at most 10 are accumulated, so the length cannot overflow.
     */
    private int scanString(int start) throws BencodeException {
        int pos = start;
        long length = 0;
        while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
            if (pos - start < MAX_LENGTH_DIGITS) {
                length = length * 10 + (in[pos] - '0');
            } else {
                length = Long.MAX_VALUE;
            }
            pos++;
        }
        int digitsEnd = pos;
        if (in[start] == '0' && digitsEnd - start > 1) {
            throw error("leading zero in byte string length", start);
        }
        if (pos >= end) {
            throw error("unexpected end of input in byte string length", pos);
        }
        if (in[pos] != ':') {
            throw error("expected ':' after byte string length, found " + describe(in[pos]), pos);
        }
        int payload = pos + 1;
        // Checked before any use, so a huge length can neither overflow nor allocate.
        if (length > end - payload) {
            throw error("byte string length " + lengthPreview(start, digitsEnd) + " exceeds the "
                    + (end - payload) + " bytes remaining", start);
        }
        addToken(start, Tokens.STRING, payload - start);
        return payload + (int) length;
    }

    private String lengthPreview(int start, int digitsEnd) {
        int shown = Math.min(digitsEnd - start, 20);
        return new String(in, start, shown, java.nio.charset.StandardCharsets.US_ASCII)
                + (digitsEnd - start > shown ? "…" : "");
    }

    private int payloadStart(int token) {
        return base + tokens.offset(token) + tokens.headerLength(token);
    }

    /** Only for a string whose following token already exists. */
    private int payloadEnd(int token) {
        return base + tokens.end(token);
    }

    /** Compares two finished keys. */
    private int compareStrings(int left, int right) {
        return compareBytes(payloadStart(left), payloadEnd(left), payloadStart(right), payloadEnd(right));
    }

    /** Slow path, only for a dictionary already seen to be unsorted (lenient mode). */
    private void checkDuplicateKeys(int container) throws BencodeException {
        int keyCount = 0;
        for (int t = container + 1; tokens.type(t) != Tokens.END; t = tokens.next(tokens.next(t))) {
            keyCount++;
        }
        Integer[] keys = new Integer[keyCount];
        int i = 0;
        for (int t = container + 1; tokens.type(t) != Tokens.END; t = tokens.next(tokens.next(t))) {
            keys[i++] = t;
        }
        Arrays.sort(keys, this::compareStrings);
        for (int k = 1; k < keys.length; k++) {
            if (compareStrings(keys[k - 1], keys[k]) == 0) {
                int later = Math.max(keys[k - 1], keys[k]);
                throw error("duplicate dictionary key \"" + preview(payloadStart(later), payloadEnd(later)) + "\"",
                        base + tokens.offset(later));
            }
        }
    }

    private void recordUnsorted(int offset) {
        if (unsortedOffsets.length < MAX_REPORTED_UNSORTED) {
            unsortedOffsets = Arrays.copyOf(unsortedOffsets, unsortedOffsets.length + 1);
            unsortedOffsets[unsortedOffsets.length - 1] = offset;
        }
        unsortedCount++;
    }

    private String containerName(int container) {
        return tokens.type(container) == Tokens.LIST ? "list" : "dictionary";
    }

    private String preview(int start, int stop) {
        int length = Math.min(stop - start, 40);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int c = in[start + i] & 0xFF;
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return out.toString();
    }

    private static String describe(int b) {
        int c = b & 0xFF;
        return c >= 0x21 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }

    private BencodeException error(String message, int pos) {
        return new BencodeException(message, pos - base);
    }
}
