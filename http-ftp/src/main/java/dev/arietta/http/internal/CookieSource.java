package dev.arietta.http.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The cookie jar as the HTTP client sees it: a {@code Cookie} header for each request, and the
 * {@code Set-Cookie} values of each response (redirects included) to store. Called on the
 * loop thread: implementations must work from memory, without I/O.
 */
public interface CookieSource {

    /** A jar that sends and keeps nothing. */
    CookieSource NONE = new CookieSource() {
        @Override
        public Optional<String> cookieHeader(URI uri) {
            return Optional.empty();
        }

        @Override
        public void store(URI uri, List<String> setCookieValues) {
        }
    };

    /** The {@code Cookie} header value for a request to {@code uri}, if any cookie applies. */
    Optional<String> cookieHeader(URI uri);

    /** Keeps the raw {@code Set-Cookie} values received from {@code uri} (never empty). */
    void store(URI uri, List<String> setCookieValues);
}
