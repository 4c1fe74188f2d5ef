package dev.arietta.http.internal;

import java.util.Optional;

/**
 * Fallback credentials by host, e.g. from a {@code .netrc} file; consulted when neither the
 * URL's user info nor the request's own credentials supply any. Called on the loop thread:
 * implementations must answer from memory, without I/O.
 */
@FunctionalInterface
public interface CredentialSource {

    /** No credentials for any host. */
    CredentialSource NONE = host -> Optional.empty();

    /** Credentials for {@code host} (lower case, no port), if known. */
    Optional<Credentials> credentialsFor(String host);
}
