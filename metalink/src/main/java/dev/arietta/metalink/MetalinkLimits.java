package dev.arietta.metalink;

/**
 * Bounds on what the parsers accept, so that hostile input fails early with a
 * {@link MetalinkException} of kind {@link MetalinkException.Kind#LIMIT_EXCEEDED} instead of
 * exhausting memory or time. Every limit must be at least 1. Immutable.
 *
 * <p>Aalto reads a text or attribute value whole before it can be measured, so the memory
 * one value may take is bounded by {@link #maxDocumentBytes()}; {@link #maxTextLength()}
 * then refuses it before any further work.
 *
 * @param maxDocumentBytes most bytes of one document, from an array or a stream.
 *                         Default {@value #DEFAULT_MAX_DOCUMENT_BYTES} (64 MiB).
 * @param maxDepth         deepest element nesting; the root is depth 1. Metalink needs 4;
 *                         the rest is room for extensions. Default {@value #DEFAULT_MAX_DEPTH}.
 * @param maxElements      most elements in one document, counting foreign ones.
 *                         Default {@value #DEFAULT_MAX_ELEMENTS}.
 * @param maxAttributes    most attributes on one element, namespace declarations excluded.
 *                         Default {@value #DEFAULT_MAX_ATTRIBUTES}.
 * @param maxTextLength    most characters in one text value (a URL, a description, a
 *                         signature) or attribute value. Default
 *                         {@value #DEFAULT_MAX_TEXT_LENGTH} (1 Mi characters).
 * @param maxFiles         most {@code file} elements. Default {@value #DEFAULT_MAX_FILES}.
 * @param maxUrlsPerFile   most {@code url} elements in one file, and separately most
 *                         {@code metaurl} elements. Default {@value #DEFAULT_MAX_URLS_PER_FILE}.
 * @param maxPieceHashes   most hashes in one {@code pieces} element. With 1 MiB pieces the
 *                         default covers files up to about 500 GiB. Default
 *                         {@value #DEFAULT_MAX_PIECE_HASHES}.
 * @param maxHeaderEntries most links in all {@code Link} header values of one response, and
 *                         separately most digests in all its {@code Digest} values. Default
 *                         {@value #DEFAULT_MAX_HEADER_ENTRIES}.
 */
public record MetalinkLimits(
        int maxDocumentBytes,
        int maxDepth,
        int maxElements,
        int maxAttributes,
        int maxTextLength,
        int maxFiles,
        int maxUrlsPerFile,
        int maxPieceHashes,
        int maxHeaderEntries) {

    /** Default {@link #maxDocumentBytes()}: 64 MiB. */
    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 64 << 20;
    /** Default {@link #maxDepth()}: 32. */
    public static final int DEFAULT_MAX_DEPTH = 32;
    /** Default {@link #maxElements()}: 1,000,000. */
    public static final int DEFAULT_MAX_ELEMENTS = 1_000_000;
    /** Default {@link #maxAttributes()}: 64. */
    public static final int DEFAULT_MAX_ATTRIBUTES = 64;
    /** Default {@link #maxTextLength()}: 1,048,576 characters. */
    public static final int DEFAULT_MAX_TEXT_LENGTH = 1 << 20;
    /** Default {@link #maxFiles()}: 100,000. */
    public static final int DEFAULT_MAX_FILES = 100_000;
    /** Default {@link #maxUrlsPerFile()}: 10,000. */
    public static final int DEFAULT_MAX_URLS_PER_FILE = 10_000;
    /** Default {@link #maxPieceHashes()}: 500,000. */
    public static final int DEFAULT_MAX_PIECE_HASHES = 500_000;
    /** Default {@link #maxHeaderEntries()}: 1,000. */
    public static final int DEFAULT_MAX_HEADER_ENTRIES = 1_000;

    /** All defaults. */
    public static final MetalinkLimits DEFAULT = new MetalinkLimits(
            DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_ATTRIBUTES,
            DEFAULT_MAX_TEXT_LENGTH, DEFAULT_MAX_FILES, DEFAULT_MAX_URLS_PER_FILE, DEFAULT_MAX_PIECE_HASHES,
            DEFAULT_MAX_HEADER_ENTRIES);

    /**
     * @throws IllegalArgumentException if a limit is below 1
     */
    public MetalinkLimits {
        requirePositive("maxDocumentBytes", maxDocumentBytes);
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxElements", maxElements);
        requirePositive("maxAttributes", maxAttributes);
        requirePositive("maxTextLength", maxTextLength);
        requirePositive("maxFiles", maxFiles);
        requirePositive("maxUrlsPerFile", maxUrlsPerFile);
        requirePositive("maxPieceHashes", maxPieceHashes);
        requirePositive("maxHeaderEntries", maxHeaderEntries);
    }

    /** A copy with another {@link #maxDocumentBytes()}. */
    public MetalinkLimits withMaxDocumentBytes(int value) {
        return new MetalinkLimits(value, maxDepth, maxElements, maxAttributes, maxTextLength, maxFiles,
                maxUrlsPerFile, maxPieceHashes, maxHeaderEntries);
    }

    /** A copy with another {@link #maxDepth()}. */
    public MetalinkLimits withMaxDepth(int value) {
        return new MetalinkLimits(maxDocumentBytes, value, maxElements, maxAttributes, maxTextLength, maxFiles,
                maxUrlsPerFile, maxPieceHashes, maxHeaderEntries);
    }

    /** A copy with another {@link #maxElements()}. */
    public MetalinkLimits withMaxElements(int value) {
        return new MetalinkLimits(maxDocumentBytes, maxDepth, value, maxAttributes, maxTextLength, maxFiles,
                maxUrlsPerFile, maxPieceHashes, maxHeaderEntries);
    }

    /** A copy with another {@link #maxAttributes()}. */
    public MetalinkLimits withMaxAttributes(int value) {
        return new MetalinkLimits(maxDocumentBytes, maxDepth, maxElements, value, maxTextLength, maxFiles,
                maxUrlsPerFile, maxPieceHashes, maxHeaderEntries);
    }

    /** A copy with another {@link #maxTextLength()}. */
    public MetalinkLimits withMaxTextLength(int value) {
        return new MetalinkLimits(maxDocumentBytes, maxDepth, maxElements, maxAttributes, value, maxFiles,
                maxUrlsPerFile, maxPieceHashes, maxHeaderEntries);
    }

    /** A copy with another {@link #maxFiles()}. */
    public MetalinkLimits withMaxFiles(int value) {
        return new MetalinkLimits(maxDocumentBytes, maxDepth, maxElements, maxAttributes, maxTextLength, value,
                maxUrlsPerFile, maxPieceHashes, maxHeaderEntries);
    }

    /** A copy with another {@link #maxUrlsPerFile()}. */
    public MetalinkLimits withMaxUrlsPerFile(int value) {
        return new MetalinkLimits(maxDocumentBytes, maxDepth, maxElements, maxAttributes, maxTextLength, maxFiles,
                value, maxPieceHashes, maxHeaderEntries);
    }

    /** A copy with another {@link #maxPieceHashes()}. */
    public MetalinkLimits withMaxPieceHashes(int value) {
        return new MetalinkLimits(maxDocumentBytes, maxDepth, maxElements, maxAttributes, maxTextLength, maxFiles,
                maxUrlsPerFile, value, maxHeaderEntries);
    }

    /** A copy with another {@link #maxHeaderEntries()}. */
    public MetalinkLimits withMaxHeaderEntries(int value) {
        return new MetalinkLimits(maxDocumentBytes, maxDepth, maxElements, maxAttributes, maxTextLength, maxFiles,
                maxUrlsPerFile, maxPieceHashes, value);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
