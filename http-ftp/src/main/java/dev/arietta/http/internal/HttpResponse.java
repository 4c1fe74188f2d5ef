package dev.arietta.http.internal;

import dev.arietta.http.HttpResponseHeaders;
import java.net.URI;
import java.util.List;

/**
 * An accepted response, as handed to {@link ResponseListener#onResponse}: a 2xx (or a 304 to a
 * conditional request) after redirects and authentication. Immutable.
 *
 * @param uri          the URL that answered (the last redirect target)
 * @param headers      the response head
 * @param contentRange the validated Content-Range of a 206, or null
 * @param bodyLength   how many body bytes {@code onBody} will deliver, or -1 when unknown
 *                     (chunked, close-delimited, or decoded from gzip/deflate)
 * @param decoded      whether gzip/deflate content decoding is applied to the body
 * @param redirects    the URLs redirected from, in order (empty when none)
 */
public record HttpResponse(URI uri, HttpResponseHeaders headers, ContentRange contentRange, long bodyLength,
                           boolean decoded, List<URI> redirects) {

    public HttpResponse {
        redirects = List.copyOf(redirects);
    }

    /** The status code. */
    public int status() {
        return headers.status();
    }
}
