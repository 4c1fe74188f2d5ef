package dev.arietta.http;

import dev.arietta.core.ErrorCode;
import dev.arietta.http.internal.UriMasking;
import java.io.IOException;
import java.net.URI;
import java.util.OptionalInt;

/**
 * Why an HTTP exchange failed: the URL (with any password masked), the status code when a
 * response arrived, what went wrong, and the aria2 {@link ErrorCode} a download stopped by it
 * reports. Subclasses say which kind of failure it was. Immutable.
 */
public abstract class HttpException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String uri;
    private final int status;
    private final ErrorCode errorCode;

    /**
     * @param uri     the request URL; its password is masked before it is stored
     * @param status  the response status, or -1 when there was none
     * @param code    the aria2 error code this failure maps to
     * @param message what went wrong, without the URL (it is appended)
     * @param cause   the underlying exception, or null
     */
    protected HttpException(URI uri, int status, ErrorCode code, String message, Throwable cause) {
        super(message + " (" + UriMasking.mask(uri) + ")", cause);
        this.uri = UriMasking.mask(uri);
        this.status = status;
        this.errorCode = code;
    }

    /** The request URL as text, password masked ({@code user:****@host}). */
    public String uri() {
        return uri;
    }

    /** The response status code, if a response head arrived. */
    public OptionalInt status() {
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** The aria2 error code a download stopped by this failure reports. */
    public ErrorCode errorCode() {
        return errorCode;
    }
}
