package dev.arietta.bittorrent.internal.tracker;

import dev.arietta.bittorrent.internal.wire.PeerId;
import dev.arietta.bittorrent.metainfo.InfoHash;
import java.util.Objects;

/**
 * Who announces: the torrent, our peer id and the TCP port peers reach us on. Immutable.
 *
 * @param infoHash the torrent
 * @param peerId   our peer id
 * @param port     our listen port, 1–65535
 * @param privateTorrent BEP 27: peers come only from the trackers (the swarm turns DHT, PEX and
 *                 LSD off); announcing itself is the same
 */
public record AnnounceTarget(InfoHash infoHash, PeerId peerId, int port, boolean privateTorrent) {

    public AnnounceTarget {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range 1-65535");
        }
    }
}
