package dev.arietta.http;

import dev.arietta.core.ErrorCode;
import java.net.URI;

/**
 * The TLS handshake or a TLS record failed: an untrusted or expired certificate, a host name
 * the certificate does not cover, no common protocol version or cipher, a corrupt record.
 * Reported as {@link ErrorCode#NETWORK} (6); the {@linkplain #getCause() cause} is the
 * {@link javax.net.ssl.SSLException} with the details.
 */
public final class HttpTlsException extends HttpException {

    private static final long serialVersionUID = 1L;

    /** A TLS failure talking to {@code uri}: handshake, certificate or host name check. */
    public HttpTlsException(URI uri, String message, Throwable cause) {
        super(uri, -1, ErrorCode.NETWORK, message, cause);
    }
}
