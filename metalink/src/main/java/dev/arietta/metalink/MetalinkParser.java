package dev.arietta.metalink;

import dev.arietta.metalink.internal.DocumentReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Parses Metalink 4 (RFC 5854, {@code .meta4}) and Metalink 3.0 ({@code .metalink})
 * documents into a {@link MetalinkDocument}, choosing the format by the root element's
 * namespace. Thread-safe and reusable: keep one per set of limits.
 *
 * <p>Security: a DOCTYPE is refused (so no DTD, no entity expansion, no external entity
 * can be read), entity references other than the five predefined ones are refused, and
 * every {@link MetalinkLimits} bound is enforced while reading. Names that could leave the
 * download directory are refused (see {@link MetalinkFile#name()}). Elements of foreign
 * namespaces, and unknown elements of the Metalink namespaces, are skipped with their
 * subtree. Refusals are {@link MetalinkException}s naming the problem and its line and
 * column.
 */
public final class MetalinkParser {

    private final MetalinkLimits limits;
    private final DocumentReader reader;

    private MetalinkParser(MetalinkLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.reader = new DocumentReader(limits);
    }

    /** A parser with {@link MetalinkLimits#DEFAULT}. */
    public static MetalinkParser create() {
        return new MetalinkParser(MetalinkLimits.DEFAULT);
    }

    /** A parser with {@code limits}. */
    public static MetalinkParser create(MetalinkLimits limits) {
        return new MetalinkParser(limits);
    }

    /** The limits this parser enforces. */
    public MetalinkLimits limits() {
        return limits;
    }

    /**
     * Parses a whole document held in memory; the array is not kept.
     *
     * @throws MetalinkException if the document is refused
     */
    public MetalinkDocument parse(byte[] document) throws MetalinkException {
        return reader.read(Objects.requireNonNull(document, "document"));
    }

    /**
     * Parses a document read from {@code input}, at most
     * {@link MetalinkLimits#maxDocumentBytes()} bytes of it. The stream is not closed.
     *
     * @throws MetalinkException if the document is refused
     * @throws IOException       if reading the stream fails
     */
    public MetalinkDocument parse(InputStream input) throws IOException {
        return reader.read(Objects.requireNonNull(input, "input"));
    }
}
