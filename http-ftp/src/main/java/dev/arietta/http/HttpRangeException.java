package dev.arietta.http;

import dev.arietta.core.ErrorCode;
import java.net.URI;
import java.util.Optional;

/**
 * The server did not honour the requested byte range: it sent the whole entity (200) or a
 * different range than asked for. Reported as {@link ErrorCode#CANNOT_RESUME} (8), like
 * aria2's "invalid range header"; a downloader may retry the source without splitting.
 */
public final class HttpRangeException extends HttpException {

    private static final long serialVersionUID = 1L;

    private final String requested;
    private final String received;

    /**
     * @param requested the Range header sent, e.g. {@code bytes=100-199}
     * @param received  the Content-Range received, or null when the server answered 200
     */
    public HttpRangeException(URI uri, int status, String requested, String received, String message) {
        super(uri, status, ErrorCode.CANNOT_RESUME, message, null);
        this.requested = requested;
        this.received = received;
    }

    /** The Range header that was sent. */
    public String requested() {
        return requested;
    }

    /** The Content-Range the server sent, empty when it ignored the range. */
    public Optional<String> received() {
        return Optional.ofNullable(received);
    }
}
