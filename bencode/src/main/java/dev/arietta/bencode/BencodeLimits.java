package dev.arietta.bencode;

/**
 * Bounds on what a decoder accepts, so that hostile input fails with a
 * {@link BencodeException} instead of exhausting memory or the stack.
 *
 * @param maxDepth       deepest nesting of lists and dictionaries; the root container is
 *                       depth 1. Default {@value #DEFAULT_MAX_DEPTH}. Must be 1 to
 *                       {@value #MAX_DEPTH_CEILING}.
 * @param maxTokens      most values (plus one end marker per container) in one document.
 *                       Default {@value #DEFAULT_MAX_TOKENS}. Must be 1 to
 *                       {@value #MAX_TOKENS_CEILING}.
 * @param maxInputLength most bytes read from an {@link java.io.InputStream}; inputs given as
 *                       arrays or buffers are already in memory and are bounded by their own
 *                       length. Default {@value #DEFAULT_MAX_INPUT_LENGTH} (64 MiB).
 */
public record BencodeLimits(int maxDepth, int maxTokens, int maxInputLength) {

    /** Default {@link #maxDepth()}: 100, as libtorrent's {@code bdecode}. */
    public static final int DEFAULT_MAX_DEPTH = 100;
    /** Default {@link #maxTokens()}: 2,000,000, as libtorrent's {@code bdecode}. */
    public static final int DEFAULT_MAX_TOKENS = 2_000_000;
    /** Default {@link #maxInputLength()}: 64 MiB. */
    public static final int DEFAULT_MAX_INPUT_LENGTH = 64 << 20;
    /** Largest allowed {@link #maxDepth()}: conversion to values recurses once per level. */
    public static final int MAX_DEPTH_CEILING = 10_000;
    /** Largest allowed {@link #maxTokens()}: the token array packs skip distances in 25 bits. */
    public static final int MAX_TOKENS_CEILING = (1 << 25) - 1;

    /** The defaults: depth 100, 2,000,000 tokens, 64 MiB from streams. */
    public static final BencodeLimits DEFAULT =
            new BencodeLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_TOKENS, DEFAULT_MAX_INPUT_LENGTH);

    /**
     * @throws IllegalArgumentException if a limit is out of its documented range
     */
    public BencodeLimits {
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be 1.." + MAX_DEPTH_CEILING + ", was " + maxDepth);
        }
        if (maxTokens < 1 || maxTokens > MAX_TOKENS_CEILING) {
            throw new IllegalArgumentException("maxTokens must be 1.." + MAX_TOKENS_CEILING + ", was " + maxTokens);
        }
        if (maxInputLength < 1) {
            throw new IllegalArgumentException("maxInputLength must be positive, was " + maxInputLength);
        }
    }

    /** A copy with another {@link #maxDepth()}. */
    public BencodeLimits withMaxDepth(int value) {
        return new BencodeLimits(value, maxTokens, maxInputLength);
    }

    /** A copy with another {@link #maxTokens()}. */
    public BencodeLimits withMaxTokens(int value) {
        return new BencodeLimits(maxDepth, value, maxInputLength);
    }

    /** A copy with another {@link #maxInputLength()}. */
    public BencodeLimits withMaxInputLength(int value) {
        return new BencodeLimits(maxDepth, maxTokens, value);
    }
}
