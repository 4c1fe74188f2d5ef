package dev.arietta.http;

import dev.arietta.core.ErrorCode;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The server (or the proxy) answered with a status the request cannot use: 4xx, 5xx, or a
 * 3xx that is not a followable redirect.
 *
 * <p>Error codes, as aria2: 401 and 407 give {@link ErrorCode#HTTP_AUTH_FAILED} (24), 404 and
 * 410 {@link ErrorCode#RESOURCE_NOT_FOUND} (3), 503 and 429
 * {@link ErrorCode#HTTP_SERVICE_UNAVAILABLE} (29, with the {@code Retry-After} delay when the
 * server sent one), everything else {@link ErrorCode#HTTP_PROTOCOL_ERROR} (22).
 */
public final class HttpStatusException extends HttpException {

    private static final long serialVersionUID = 1L;

    private final transient HttpResponseHeaders headers;
    private final transient Duration retryAfter;
    private final boolean fromProxy;

    /**
     * @param headers    the response head
     * @param retryAfter the parsed {@code Retry-After} delay, or null
     * @param fromProxy  whether the proxy (answering CONNECT) sent the status
     */
    public HttpStatusException(URI uri, HttpResponseHeaders headers, Duration retryAfter, boolean fromProxy) {
        super(uri, headers.status(), codeFor(headers.status()),
                (fromProxy ? "proxy answered " : "server answered ") + headers.status()
                        + (headers.reason().isEmpty() ? "" : " " + headers.reason())
                        + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s"),
                null);
        this.headers = headers;
        this.retryAfter = retryAfter;
        this.fromProxy = fromProxy;
    }

    /** The aria2 error code for a final status. */
    public static ErrorCode codeFor(int status) {
        switch (status) {
            case 401:
            case 407:
                return ErrorCode.HTTP_AUTH_FAILED;
            case 404:
            case 410:
                return ErrorCode.RESOURCE_NOT_FOUND;
            case 429:
            case 503:
                return ErrorCode.HTTP_SERVICE_UNAVAILABLE;
            default:
                return ErrorCode.HTTP_PROTOCOL_ERROR;
        }
    }

    /** The response head. */
    public HttpResponseHeaders headers() {
        return headers;
    }

    /** How long the server asked us to wait ({@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether the proxy, not the origin server, sent this status. */
    public boolean fromProxy() {
        return fromProxy;
    }
}
