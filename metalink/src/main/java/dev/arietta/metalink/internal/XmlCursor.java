package dev.arietta.metalink.internal;

import com.fasterxml.aalto.UncheckedStreamException;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkException.Kind;
import dev.arietta.metalink.MetalinkLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.util.Arrays;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;

/**
 * Element-at-a-time reading over Aalto's StAX reader, with the security rules and
 * {@link MetalinkLimits} enforced on every event: no DOCTYPE, no entity references, bounded
 * depth, element count, attribute count, text length and document size.
 *
 * <p>Protocol: after {@link #enterRoot()} the cursor sits on the root's start tag. From a
 * start tag, {@link #nextChild()} moves to the next child start tag or returns false at the
 * element's end tag. Each child must then be consumed to its end tag by {@link #skip()},
 * {@link #readText()}, or a {@code nextChild()} loop that returned false. Text between
 * elements is skipped without being buffered. Not thread-safe; one cursor per document.
 */
public final class XmlCursor implements AutoCloseable {

    private final XMLStreamReader2 reader;
    private final MetalinkLimits limits;
    private int depth;
    private int elements;
    private char[] text = new char[128];
    private int textLength;
    private int textStart;
    private int textEnd;

    private XmlCursor(XMLStreamReader2 reader, MetalinkLimits limits) {
        this.reader = reader;
        this.limits = limits;
    }

    /**
     * A factory configured for untrusted input: no DTD support, no external entities, entity
     * references reported rather than replaced (and then refused), a resolver that refuses
     * everything. Use one per document (see DocumentReader).
     */
    public static InputFactoryImpl secureFactory() {
        InputFactoryImpl factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        factory.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        factory.setProperty(XMLInputFactory2.P_AUTO_CLOSE_INPUT, Boolean.FALSE);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entity " + systemId + " refused");
        });
        return factory;
    }

    /** A cursor over a document held in memory. */
    public static XmlCursor open(InputFactoryImpl factory, byte[] input, MetalinkLimits limits) throws MetalinkException {
        if (input.length > limits.maxDocumentBytes()) {
            throw new MetalinkException(Kind.LIMIT_EXCEEDED,
                    "document is larger than the limit of " + limits.maxDocumentBytes() + " bytes");
        }
        return create(factory, new ByteArrayInputStream(input), limits);
    }

    /**
     * A cursor over a stream; reads at most {@code limits.maxDocumentBytes()} bytes. A failure
     * of the stream itself surfaces from any method as an {@link UncheckedIOException}.
     */
    public static XmlCursor open(InputFactoryImpl factory, InputStream input, MetalinkLimits limits) throws MetalinkException {
        return create(factory, new BoundedInputStream(input, limits.maxDocumentBytes()), limits);
    }

    private static XmlCursor create(InputFactoryImpl factory, InputStream input, MetalinkLimits limits)
            throws MetalinkException {
        try {
            return new XmlCursor((XMLStreamReader2) factory.createXMLStreamReader(input), limits);
        } catch (XMLStreamException e) {
            throw translate(e);
        }
    }

    /**
     * Moves past the prolog to the root element's start tag.
     *
     * @throws MetalinkException DOCTYPE_FORBIDDEN on a DOCTYPE, MALFORMED_XML if there is no
     *                           root element
     */
    public void enterRoot() throws MetalinkException {
        while (true) {
            int event = next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    startElement();
                    return;
                }
                case XMLStreamConstants.END_DOCUMENT ->
                        throw error(Kind.MALFORMED_XML, "document has no root element");
                default -> {
                    // Comments, processing instructions and white space before the root.
                }
            }
        }
    }

    /** Reads past the root's end tag to the end of the document, checking what follows. */
    public void finish() throws MetalinkException {
        while (next() != XMLStreamConstants.END_DOCUMENT) {
            // Only comments, processing instructions and white space may follow; Aalto refuses the rest.
        }
    }

    /** Namespace URI of the current element, or the empty string. */
    public String namespace() {
        String namespace = reader.getNamespaceURI();
        return namespace == null ? "" : namespace;
    }

    /** Local name of the current element. */
    public String localName() {
        return reader.getLocalName();
    }

    /** Whether the current element is {@code localName} in {@code namespace}. */
    public boolean is(String namespace, String localName) {
        return localName.equals(reader.getLocalName()) && namespace.equals(namespace());
    }

    /**
     * Value of the current element's unprefixed attribute {@code localName}, or null.
     *
     * @throws MetalinkException LIMIT_EXCEEDED if the value is longer than the text limit
     */
    public String attribute(String localName) throws MetalinkException {
        int count = reader.getAttributeCount();
        for (int i = 0; i < count; i++) {
            String namespace = reader.getAttributeNamespace(i);
            if ((namespace == null || namespace.isEmpty()) && localName.equals(reader.getAttributeLocalName(i))) {
                String value = reader.getAttributeValue(i);
                if (value.length() > limits.maxTextLength()) {
                    throw error(Kind.LIMIT_EXCEEDED, "attribute " + localName + " of <" + localName() + "> is longer than "
                            + limits.maxTextLength() + " characters");
                }
                return value;
            }
        }
        return null;
    }

    /**
     * From a start tag (or a child's end tag), moves to the next child's start tag.
     *
     * @return true on a child start tag, false on the current element's end tag
     */
    public boolean nextChild() throws MetalinkException {
        while (true) {
            switch (next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    startElement();
                    return true;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    return false;
                }
                default -> {
                    // Text, comments and processing instructions between elements are not content.
                }
            }
        }
    }

    /** From a start tag, skips the element and its subtree, ending on its end tag. */
    public void skip() throws MetalinkException {
        int stop = depth - 1;
        while (depth > stop) {
            switch (next()) {
                case XMLStreamConstants.START_ELEMENT -> startElement();
                case XMLStreamConstants.END_ELEMENT -> depth--;
                default -> {
                    // Skipped content is never buffered.
                }
            }
        }
    }

    /**
     * From a start tag, reads the element's text (child elements skipped), ending on its end
     * tag. The text, without surrounding white space, is then in {@link #textBuffer()} between
     * {@link #textStart()} and {@link #textEnd()}.
     *
     * @throws MetalinkException LIMIT_EXCEEDED if longer than the text limit
     */
    public void readText() throws MetalinkException {
        String element = localName();
        textLength = 0;
        while (true) {
            switch (next()) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> appendText(element);
                case XMLStreamConstants.START_ELEMENT -> {
                    startElement();
                    skip();
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    trimText();
                    return;
                }
                default -> {
                    // Comments and processing instructions inside text are dropped.
                }
            }
        }
    }

    /** {@link #readText()}, returned as a String; empty if there was only white space. */
    public String readTextString() throws MetalinkException {
        readText();
        return new String(text, textStart, textEnd - textStart);
    }

    /** Buffer holding the last text read; valid until the next read. */
    public char[] textBuffer() {
        return text;
    }

    /** Start of the last text read in {@link #textBuffer()}, surrounding white space excluded. */
    public int textStart() {
        return textStart;
    }

    /** End (exclusive) of the last text read in {@link #textBuffer()}. */
    public int textEnd() {
        return textEnd;
    }

    /** The last text read, as a CharSequence over the buffer (no copy). */
    public CharSequence textView() {
        return CharBuffer.wrap(text, textStart, textEnd - textStart);
    }

    /** An exception of {@code kind} at the reader's current position. */
    public MetalinkException error(Kind kind, String detail) {
        Location location = reader.getLocation();
        if (location == null) {
            return new MetalinkException(kind, detail);
        }
        return new MetalinkException(kind, detail, location.getLineNumber(), location.getColumnNumber());
    }

    /** Releases the reader's buffers; the input stream is not closed (P_AUTO_CLOSE_INPUT is off). */
    @Override
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // Nothing useful to do: the document has been read or already refused.
        }
    }

    private int next() throws MetalinkException {
        int event;
        try {
            event = reader.next();
        } catch (XMLStreamException e) {
            throw translate(e);
        } catch (UncheckedStreamException e) {
            throw translate(e.getCause());
        }
        if (event == XMLStreamConstants.DTD) {
            // The DTD event's own location is the end of the previous token; "current" is on the DOCTYPE line.
            Location location = reader.getLocationInfo().getCurrentLocation();
            throw new MetalinkException(Kind.DOCTYPE_FORBIDDEN, "document has a DOCTYPE; Metalink needs none and it is refused",
                    location.getLineNumber(), location.getColumnNumber());
        }
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw error(Kind.ENTITY_FORBIDDEN, "entity reference &" + reader.getLocalName()
                    + "; refused; only the five predefined entities are allowed");
        }
        return event;
    }

    private void startElement() throws MetalinkException {
        if (++elements > limits.maxElements()) {
            throw error(Kind.LIMIT_EXCEEDED, "document has more than " + limits.maxElements() + " elements");
        }
        if (++depth > limits.maxDepth()) {
            throw error(Kind.LIMIT_EXCEEDED, "elements nest deeper than " + limits.maxDepth() + " levels");
        }
        if (reader.getAttributeCount() > limits.maxAttributes()) {
            throw error(Kind.LIMIT_EXCEEDED, "<" + localName() + "> has more than " + limits.maxAttributes() + " attributes");
        }
    }

    private void appendText(String element) throws MetalinkException {
        int length;
        try {
            length = reader.getTextLength();
            if (textLength + length > limits.maxTextLength()) {
                throw error(Kind.LIMIT_EXCEEDED, "text of <" + element + "> is longer than " + limits.maxTextLength() + " characters");
            }
            if (textLength + length > text.length) {
                text = Arrays.copyOf(text, Math.max(textLength + length, Math.min(2 * text.length, limits.maxTextLength())));
            }
            reader.getTextCharacters(0, text, textLength, length);
        } catch (XMLStreamException e) {
            throw translate(e);
        } catch (UncheckedStreamException e) {
            // Aalto parses text lazily, so a fault inside it surfaces from these accessors.
            throw translate(e.getCause());
        }
        textLength += length;
    }

    private void trimText() {
        int start = 0;
        int end = textLength;
        while (start < end && XmlText.isWhitespace(text[start])) {
            start++;
        }
        while (end > start && XmlText.isWhitespace(text[end - 1])) {
            end--;
        }
        textStart = start;
        textEnd = end;
    }

    private static MetalinkException translate(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MetalinkException metalink) {
                return metalink;
            }
            if (cause instanceof XMLStreamException stream && stream.getNestedException() instanceof MetalinkException metalink) {
                return metalink;
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                // The caller's stream failed: not a fault of the document. DocumentReader rethrows it.
                throw new UncheckedIOException(io);
            }
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int at = message.indexOf("\n at [row,col");
        String detail = "not well-formed XML: " + XmlText.printable((at >= 0 ? message.substring(0, at) : message).strip());
        Location location = e instanceof XMLStreamException stream ? stream.getLocation() : null;
        if (location == null) {
            return new MetalinkException(Kind.MALFORMED_XML, detail);
        }
        return new MetalinkException(Kind.MALFORMED_XML, detail, location.getLineNumber(), location.getColumnNumber());
    }
}
