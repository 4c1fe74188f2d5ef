package dev.arietta.metalink;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A file chosen by {@link Metalink#select}, with what a download of it needs. Immutable.
 *
 * @param file        the file as the document describes it
 * @param uris        http, https and ftp mirrors, absolute, best first; URLs of other
 *                    schemes, and relative ones with no base to resolve them, are left out
 * @param metaurls    metadata documents with absolute URLs, best (lowest priority) first
 * @param hash        the strongest whole-file digest, or null if there is none
 * @param pieceHashes the piece hashes of the strongest type, or null if there are none
 */
public record SelectedFile(MetalinkFile file, List<URI> uris, List<Metaurl> metaurls, Hash hash, PieceHashes pieceHashes) {

    /** Copies the lists. */
    public SelectedFile {
        Objects.requireNonNull(file, "file");
        uris = List.copyOf(uris);
        metaurls = List.copyOf(metaurls);
    }
}
