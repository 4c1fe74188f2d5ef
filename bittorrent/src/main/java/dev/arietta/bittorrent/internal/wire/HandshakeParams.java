package dev.arietta.bittorrent.internal.wire;

import dev.arietta.bittorrent.metainfo.InfoHash;
import java.util.Objects;

/**
 * What our side of a connection announces and checks for one torrent.
 *
 * @param infoHash        the torrent; an incoming handshake for another hash is refused
 * @param localPeerId     our peer id; receiving it back means we connected to ourselves
 * @param localExtensions our BEP 10 handshake, sent right after the BitTorrent handshake
 * @param pieceCount      pieces in the torrent: bitfield sizes and indexes are checked against it
 * @param pieceLength     bytes per piece: request and piece bounds are checked against it
 * @param totalLength     bytes in the torrent: the last piece's bounds are checked against it
 */
public record HandshakeParams(InfoHash infoHash, PeerId localPeerId, ExtensionHandshake localExtensions,
        int pieceCount, int pieceLength, long totalLength) {

    public HandshakeParams {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(localPeerId, "localPeerId");
        Objects.requireNonNull(localExtensions, "localExtensions");
        if (pieceCount <= 0 || pieceLength <= 0 || totalLength <= 0) {
            throw new IllegalArgumentException("piece count, piece length and total length must be positive");
        }
    }
}
