package dev.arietta.http;

import dev.arietta.core.ErrorCode;
import java.net.URI;

/**
 * A redirect could not be followed. {@link Reason#TOO_MANY} and {@link Reason#LOOP} give
 * {@link ErrorCode#HTTP_TOO_MANY_REDIRECTS} (23); the others
 * {@link ErrorCode#HTTP_PROTOCOL_ERROR} (22).
 */
public final class HttpRedirectException extends HttpException {

    private static final long serialVersionUID = 1L;

    /** Why the redirect was refused. */
    public enum Reason {
        /** More redirects than the limit (default 20). */
        TOO_MANY,
        /** The redirect leads back to a URL already visited in this chain. */
        LOOP,
        /** An https URL redirected to http, which is refused unless allowed. */
        DOWNGRADE,
        /** A redirect status without a Location header. */
        MISSING_LOCATION,
        /** A Location that is not a valid URI, or not http/https. */
        BAD_LOCATION
    }

    private final Reason reason;

    /**
     * @param uri    the URL whose response redirected
     * @param status the redirect status
     */
    public HttpRedirectException(URI uri, int status, Reason reason, String message) {
        super(uri, status, reason == Reason.TOO_MANY || reason == Reason.LOOP
                ? ErrorCode.HTTP_TOO_MANY_REDIRECTS : ErrorCode.HTTP_PROTOCOL_ERROR, message, null);
        this.reason = reason;
    }

    /** Why the redirect was refused. */
    public Reason reason() {
        return reason;
    }
}
