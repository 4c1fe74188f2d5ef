package dev.arietta.metalink.internal;

import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkException.Kind;
import dev.arietta.metalink.MetalinkLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a Metalink 3 or 4 document, choosing the format by the root element's namespace.
 * Thread-safe and stateless between documents: each read gets its own Aalto factory,
 * because a shared factory merges every document's element names into name tables that
 * never shrink, which hostile documents with many distinct names would grow without bound.
 */
public final class DocumentReader {

    private final MetalinkLimits limits;

    /** A reader applying {@code limits}. */
    public DocumentReader(MetalinkLimits limits) {
        this.limits = limits;
    }

    /** Reads a document held in memory. */
    public MetalinkDocument read(byte[] input) throws MetalinkException {
        try (XmlCursor cursor = XmlCursor.open(XmlCursor.secureFactory(), input, limits)) {
            return read(cursor);
        }
    }

    /**
     * Reads a document from a stream, which is left open.
     *
     * @throws IOException a {@link MetalinkException} if the document is refused, or what
     *                     the stream threw
     */
    public MetalinkDocument read(InputStream input) throws IOException {
        try (XmlCursor cursor = XmlCursor.open(XmlCursor.secureFactory(), input, limits)) {
            return read(cursor);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private MetalinkDocument read(XmlCursor cursor) throws MetalinkException {
        try {
            return readDocument(cursor);
        } catch (IllegalArgumentException e) {
            // The readers check values before building the model; this catches any model rule
            // they did not anticipate, so that input can never escape as an unchecked exception.
            throw cursor.error(Kind.INVALID_VALUE, e.getMessage());
        }
    }

    private MetalinkDocument readDocument(XmlCursor cursor) throws MetalinkException {
        cursor.enterRoot();
        String namespace = cursor.namespace();
        MetalinkDocument document;
        if (cursor.localName().equals("metalink") && namespace.equals(Namespaces.METALINK4)) {
            document = new Metalink4Reader(cursor, limits).read();
        } else if (cursor.localName().equals("metalink") && namespace.equals(Namespaces.METALINK3)) {
            document = new Metalink3Reader(cursor, limits).read();
        } else {
            throw cursor.error(Kind.NOT_METALINK, "root element <" + cursor.localName() + "> in namespace "
                    + XmlText.quote(namespace) + " is not a Metalink 4 (" + Namespaces.METALINK4
                    + ") or Metalink 3 (" + Namespaces.METALINK3 + ") metalink element");
        }
        cursor.finish();
        return document;
    }
}
