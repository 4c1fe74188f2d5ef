package dev.arietta.http.internal;

import java.net.URI;
import java.util.Optional;

/**
 * Picks the proxy, if any, for a URL (the session's proxy options and no-proxy list decide).
 * Called on the loop thread for every request, redirects included; must not block.
 */
@FunctionalInterface
public interface ProxyChoice {

    /** Always connect directly. */
    ProxyChoice DIRECT = uri -> Optional.empty();

    /** The proxy for {@code uri}, or empty to connect directly. */
    Optional<ProxyServer> proxyFor(URI uri);
}
