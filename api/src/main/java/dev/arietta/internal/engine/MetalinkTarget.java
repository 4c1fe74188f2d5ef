package dev.arietta.internal.engine;

import dev.arietta.core.internal.hash.ExpectedChecksum;
import dev.arietta.core.internal.hash.HashAlgorithm;
import dev.arietta.core.internal.hash.PieceHashes;
import dev.arietta.metalink.Hash;
import dev.arietta.metalink.Metaurl;
import dev.arietta.metalink.SelectedFile;
import dev.arietta.metalink.Signature;
import java.util.List;
import java.util.Objects;

/**
 * What a download of one file of a Metalink knows before it starts: the file's name (a
 * relative path, already refused by the parser if it could leave the directory), its size,
 * how to verify it, its signature and its BitTorrent metaurls. Immutable.
 *
 * @param index        1-based index of the file among those left after the language, os and
 *                     version filters (what {@code select-file} counts)
 * @param name         relative path with {@code /} between directories
 * @param size         length in bytes, or -1 when the document does not say
 * @param checksum     the strongest whole-file hash, or null
 * @param pieceHashes  the strongest piece hashes, or null
 * @param pieceLength  bytes per piece of {@code pieceHashes}, 0 without them
 * @param signature    detached signature saved as {@code <file>.sig} when complete, or null
 * @param torrents     BitTorrent metaurls, best first (see {@link TorrentMetaurlHandoff})
 * @param uris         the file's HTTP and FTP mirrors in preference order
 */
record MetalinkTarget(int index, String name, long size, ExpectedChecksum checksum, PieceHashes pieceHashes,
                      int pieceLength, Signature signature, List<Metaurl> torrents, List<String> uris) {

    MetalinkTarget {
        Objects.requireNonNull(name, "name");
        torrents = List.copyOf(torrents);
        uris = List.copyOf(uris);
    }

    /** The target of {@code selected}, the {@code index}-th file left after filtering. */
    static MetalinkTarget of(int index, SelectedFile selected) {
        ExpectedChecksum checksum = null;
        Hash hash = selected.hash();
        if (hash != null) {
            checksum = new ExpectedChecksum(algorithm(hash.type()), hash.bytes());
        }
        PieceHashes pieces = null;
        int pieceLength = 0;
        dev.arietta.metalink.PieceHashes chunks = selected.pieceHashes();
        if (chunks != null) {
            pieces = new PieceHashes(algorithm(chunks.type()), chunks.packedDigests());
            pieceLength = chunks.pieceLength();
        }
        List<Metaurl> torrents = selected.metaurls().stream().filter(Metaurl::isTorrent).toList();
        return new MetalinkTarget(index, selected.file().name(), selected.file().size().orElse(-1), checksum, pieces,
                pieceLength, selected.file().signature(), torrents,
                selected.uris().stream().map(java.net.URI::toString).toList());
    }

    /** The core algorithm of a Metalink hash type (both name the same six). */
    static HashAlgorithm algorithm(dev.arietta.metalink.HashType type) {
        return HashAlgorithm.forName(type.canonicalName()).orElseThrow(
                () -> new IllegalStateException("no core algorithm for " + type));
    }
}
