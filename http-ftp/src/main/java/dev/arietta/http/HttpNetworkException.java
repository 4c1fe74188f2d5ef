package dev.arietta.http;

import dev.arietta.core.ErrorCode;
import java.net.URI;

/**
 * The connection could not be opened or broke: refused, reset, unreachable
 * ({@link ErrorCode#NETWORK}, 6), or the host name did not resolve
 * ({@link ErrorCode#NAME_RESOLVE_ERROR}, 19). The cause is the underlying
 * {@link java.io.IOException}.
 */
public final class HttpNetworkException extends HttpException {

    private static final long serialVersionUID = 1L;

    /**
     * @param status the response status if the head had arrived, else -1
     * @param code   {@link ErrorCode#NETWORK} or {@link ErrorCode#NAME_RESOLVE_ERROR}
     */
    public HttpNetworkException(URI uri, int status, ErrorCode code, String message, Throwable cause) {
        super(uri, status, code, message, cause);
        if (code != ErrorCode.NETWORK && code != ErrorCode.NAME_RESOLVE_ERROR) {
            throw new IllegalArgumentException("not a network error code: " + code);
        }
    }

    /** Whether the failure was a name that did not resolve. */
    public boolean isNameResolution() {
        return errorCode() == ErrorCode.NAME_RESOLVE_ERROR;
    }
}
