package dev.arietta.internal.engine;

import dev.arietta.Options;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the downloads of one Metalink came from, so that save-session can write them as aria2
 * does: one line naming the document, with {@code select-file} listing the files still to
 * download, read back by input-file. Shared by the downloads of that document. Immutable.
 *
 * @param document the document on disk (the file given, the downloaded Metalink, or a copy
 *                 saved as {@code <dir>/<sha-1>.meta4})
 * @param base     the URL its relative URLs resolved against, or null for a local document
 * @param options  the options it was added with
 */
record MetalinkOrigin(Path document, URI base, Options options) {

    MetalinkOrigin {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(options, "options");
    }
}
