package dev.arietta.http.internal.transfer;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a source said about the entity when it started sending. Immutable.
 *
 * @param finalUri        the URI that answered (after redirects)
 * @param totalLength     the whole entity's length in bytes, or -1 when the source did not say
 * @param rangeSupported  whether the source honours byte ranges (so the file may be split)
 * @param suggestedName   the raw, unsanitized file name the source suggests
 *                        (Content-Disposition), if any
 * @param lastModified    the entity's modification time (HTTP {@code Last-Modified}, FTP
 *                        {@code MDTM}), if the source said
 */
public record FetchResponse(URI finalUri, long totalLength, boolean rangeSupported, Optional<String> suggestedName,
                            Optional<Instant> lastModified) {

    public FetchResponse {
        Objects.requireNonNull(finalUri, "finalUri");
        Objects.requireNonNull(suggestedName, "suggestedName");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** A response that gave no modification time. */
    public FetchResponse(URI finalUri, long totalLength, boolean rangeSupported, Optional<String> suggestedName) {
        this(finalUri, totalLength, rangeSupported, suggestedName, Optional.empty());
    }
}
