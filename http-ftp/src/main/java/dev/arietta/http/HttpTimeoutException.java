package dev.arietta.http;

import dev.arietta.core.ErrorCode;
import java.net.URI;

/** A connect or read deadline passed: {@link ErrorCode#TIMEOUT} (2). */
public final class HttpTimeoutException extends HttpException {

    private static final long serialVersionUID = 1L;

    /** Which deadline passed. */
    public enum Phase {
        /** Resolving and connecting (aria2 {@code connect-timeout}, default 60 s). */
        CONNECT,
        /** The TLS handshake (counted against the connect timeout). */
        TLS_HANDSHAKE,
        /** The proxy's answer to CONNECT (counted against the connect timeout). */
        PROXY_TUNNEL,
        /** No byte of the response head for the read timeout (aria2 {@code timeout}, 60 s). */
        RESPONSE_HEAD,
        /** No body byte for the read timeout while the body was being received. */
        RESPONSE_BODY,
        /** The request could not be sent within the read timeout. */
        REQUEST
    }

    private final Phase phase;

    /** @param status the response status when the head had arrived, else -1 */
    public HttpTimeoutException(URI uri, int status, Phase phase, String message) {
        super(uri, status, ErrorCode.TIMEOUT, message, null);
        this.phase = phase;
    }

    /** Which deadline passed. */
    public Phase phase() {
        return phase;
    }
}
