package dev.arietta.http.internal.transfer;

import java.net.URI;
import java.util.Objects;

/**
 * A request for bytes {@code [first, end)} of one source, or for what the source says about
 * the entity without its bytes. Immutable.
 *
 * @param uri                 the source (mirror) URI
 * @param first               offset of the first byte, zero or more
 * @param end                 offset after the last byte wanted, or {@link #TO_END} for "to the end"
 * @param expectedTotalLength the entity length the source must confirm, or -1 when not known yet
 * @param headersOnly         whether only the answer's start is wanted (HTTP {@code HEAD}, aria2's
 *                            {@code use-head}): the fetch starts and ends without data
 */
public record FetchRequest(URI uri, long first, long end, long expectedTotalLength, boolean headersOnly) {

    /** {@link #end()} of a request running to the end of the entity. */
    public static final long TO_END = -1;

    public FetchRequest {
        Objects.requireNonNull(uri, "uri");
        if (first < 0 || (end != TO_END && end <= first)) {
            throw new IllegalArgumentException("bad fetch range [" + first + ", " + end + ")");
        }
    }

    /** A request for bytes. */
    public FetchRequest(URI uri, long first, long end, long expectedTotalLength) {
        this(uri, first, end, expectedTotalLength, false);
    }
}
