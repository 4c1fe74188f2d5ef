package dev.arietta.http.internal.transfer;

import java.net.URI;
import java.time.Instant;
import java.util.List;
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
 * @param contentType     the media type the source gives (HTTP {@code Content-Type}, raw,
 *                        parameters included), if any
 * @param links           every raw HTTP {@code Link} value, in order (Metalink/HTTP mirrors); empty for FTP
 * @param digests         every raw HTTP {@code Digest} value, in order (RFC 3230); empty for FTP
 * @param lastModified    the entity's modification time (HTTP {@code Last-Modified}, FTP
 *                        {@code MDTM}), if the source said
 */
public record FetchResponse(URI finalUri, long totalLength, boolean rangeSupported, Optional<String> suggestedName,
                            Optional<String> contentType, List<String> links, List<String> digests,
                            Optional<Instant> lastModified) {

    public FetchResponse {
        Objects.requireNonNull(finalUri, "finalUri");
        Objects.requireNonNull(suggestedName, "suggestedName");
        Objects.requireNonNull(contentType, "contentType");
        links = List.copyOf(links);
        digests = List.copyOf(digests);
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** A response without a modification time. */
    public FetchResponse(URI finalUri, long totalLength, boolean rangeSupported, Optional<String> suggestedName,
                         Optional<String> contentType, List<String> links, List<String> digests) {
        this(finalUri, totalLength, rangeSupported, suggestedName, contentType, links, digests, Optional.empty());
    }

    /** A response that says nothing about media type, mirrors, digests or time (tests). */
    public FetchResponse(URI finalUri, long totalLength, boolean rangeSupported, Optional<String> suggestedName) {
        this(finalUri, totalLength, rangeSupported, suggestedName, Optional.empty(), List.of(), List.of(),
                Optional.empty());
    }

    /** A response that gives only a modification time besides the basics (FTP). */
    public FetchResponse(URI finalUri, long totalLength, boolean rangeSupported, Optional<String> suggestedName,
                         Optional<Instant> lastModified) {
        this(finalUri, totalLength, rangeSupported, suggestedName, Optional.empty(), List.of(), List.of(),
                lastModified);
    }
}
