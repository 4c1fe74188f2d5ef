package dev.arietta.http;

import dev.arietta.core.ErrorCode;
import java.net.URI;

/**
 * The server's response broke HTTP/1.1 or one of the client's limits. Always
 * {@link ErrorCode#HTTP_PROTOCOL_ERROR} (22); the connection is closed, never reused.
 */
public final class HttpProtocolException extends HttpException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the response. */
    public enum Reason {
        /** The status line is not {@code HTTP/1.x NNN reason}. */
        MALFORMED_STATUS_LINE,
        /** A header line has no colon, a bad name, or bad characters. */
        MALFORMED_HEADER,
        /** A status, header or trailer line is longer than the line limit. */
        LINE_TOO_LONG,
        /** More header fields than the header count limit. */
        TOO_MANY_HEADERS,
        /** The response head is larger than the head size limit. */
        HEADERS_TOO_LARGE,
        /** More interim (1xx) responses than the limit, or an unrequested 101. */
        TOO_MANY_INTERIM_RESPONSES,
        /** Content-Length is not a non-negative decimal number. */
        MALFORMED_CONTENT_LENGTH,
        /** Several Content-Length values disagree. */
        CONFLICTING_CONTENT_LENGTH,
        /** A Transfer-Encoding other than chunked (optionally after identity). */
        UNSUPPORTED_TRANSFER_ENCODING,
        /** A chunk-size line is not hexadecimal, overflows, or is too long. */
        MALFORMED_CHUNK_SIZE,
        /** Chunk data is not followed by CRLF. */
        MALFORMED_CHUNK,
        /** The chunked trailer section is larger than the trailer size limit. */
        TRAILERS_TOO_LARGE,
        /** The connection closed before the announced body was complete. */
        TRUNCATED_BODY,
        /** The connection closed before a complete response head arrived. */
        NO_RESPONSE,
        /** The compressed body is corrupt or uses an unknown Content-Encoding. */
        MALFORMED_CONTENT_ENCODING,
        /** The decompressed body grew past the allowed ratio to its compressed size. */
        DECOMPRESSION_RATIO_EXCEEDED,
        /** A Content-Range header is malformed. */
        MALFORMED_CONTENT_RANGE,
        /** A redirect or a proxy answer the client cannot use. */
        UNEXPECTED_RESPONSE
    }

    private final Reason reason;

    /**
     * @param status the response status, or -1 when the status line itself was bad
     */
    public HttpProtocolException(URI uri, int status, Reason reason, String message) {
        super(uri, status, ErrorCode.HTTP_PROTOCOL_ERROR, message, null);
        this.reason = reason;
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }
}
