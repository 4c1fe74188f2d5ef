package dev.arietta.http.internal.transfer;

import java.net.URI;
import java.util.Objects;

/**
 * A request for bytes {@code [first, end)} of one source. Immutable.
 *
 * @param uri                 the source (mirror) URI
 * @param first               offset of the first byte, zero or more
 * @param end                 offset after the last byte wanted, or {@link #TO_END} for "to the end"
 * @param expectedTotalLength the entity length the source must confirm, or -1 when not known yet
 */
public record FetchRequest(URI uri, long first, long end, long expectedTotalLength) {

    /** {@link #end()} of a request running to the end of the entity. */
    public static final long TO_END = -1;

    public FetchRequest {
        Objects.requireNonNull(uri, "uri");
        if (first < 0 || (end != TO_END && end <= first)) {
            throw new IllegalArgumentException("bad fetch range [" + first + ", " + end + ")");
        }
    }
}
