package dev.arietta.internal.options;

import dev.arietta.Options;
import java.util.List;
import java.util.Objects;

/**
 * One download of an input file or saved session: its URIs (mirrors of one file, in order) and
 * its own options, which apply over the session's global options.
 *
 * @param uris    at least one URI, as written (not checked as URIs here; adding the download does)
 * @param options per-download options only ({@code Option.Scope.DOWNLOAD})
 */
public record InputFileEntry(List<String> uris, Options options) {

    /** @throws IllegalArgumentException if there is no URI */
    public InputFileEntry {
        uris = List.copyOf(uris);
        Objects.requireNonNull(options, "options");
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("an input file entry needs at least one URI");
        }
    }
}
