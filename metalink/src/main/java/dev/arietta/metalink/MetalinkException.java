package dev.arietta.metalink;

import java.io.IOException;

/**
 * A Metalink document or a Metalink/HTTP header was refused. Says what was wrong
 * ({@link #kind()} and the message, which names the file, element or value concerned) and,
 * for XML, where: {@link #line()} and {@link #column()} (1-based; -1 when unknown).
 */
public class MetalinkException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What kind of problem was found. */
    public enum Kind {
        /** The input is not well-formed XML (or not in a supported encoding). */
        MALFORMED_XML,
        /** The document has a DOCTYPE; Metalink needs none and a DTD is an attack surface. */
        DOCTYPE_FORBIDDEN,
        /** The document references an entity other than the five predefined ones. */
        ENTITY_FORBIDDEN,
        /** A {@link MetalinkLimits} bound was exceeded. */
        LIMIT_EXCEEDED,
        /** The root element is not {@code metalink} in the Metalink 4 or 3 namespace. */
        NOT_METALINK,
        /** A file name (or metaurl name) could leave the download directory. */
        UNSAFE_NAME,
        /** A required element or attribute is missing or empty. */
        MISSING_VALUE,
        /** A value is malformed, out of range, duplicated or inconsistent. */
        INVALID_VALUE,
        /** A {@code Link} or {@code Digest} header value is malformed. */
        MALFORMED_HEADER
    }

    private final Kind kind;
    private final String detail;
    private final int line;
    private final int column;

    /**
     * @param kind   what kind of problem
     * @param detail what was wrong, with the element or value concerned
     * @param line   1-based line, or -1
     * @param column 1-based column, or -1
     */
    public MetalinkException(Kind kind, String detail, int line, int column) {
        super(line > 0 ? detail + " (line " + line + ", column " + column + ")" : detail);
        this.kind = kind;
        this.detail = detail;
        this.line = line;
        this.column = column;
    }

    /** A problem with no position (e.g. in an HTTP header). */
    public MetalinkException(Kind kind, String detail) {
        this(kind, detail, -1, -1);
    }

    /** What kind of problem was found. */
    public Kind kind() {
        return kind;
    }

    /** The message without the position. */
    public String detail() {
        return detail;
    }

    /** 1-based line of the problem, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, or -1 when unknown. */
    public int column() {
        return column;
    }
}
