package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.piece.Bitfield;
import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of one torrent's swarm, taken on the loop thread by
 * {@link Swarm#status()}. Lengths are bytes, speeds bytes per second over the last few seconds.
 *
 * @param infoHash        the torrent
 * @param state           where the swarm is in its life
 * @param totalLength     bytes of the selected files (all files when none is deselected)
 * @param completedLength bytes of selected files inside verified pieces
 * @param uploadedBytes   payload sent to peers, this run and earlier runs (from the resume state)
 * @param downloadedBytes payload received from peers and web seeds during this run, hash
 *                        failures and duplicates included
 * @param downloadSpeed   payload receive rate
 * @param uploadSpeed     payload send rate
 * @param connections     connected peers (handshake done)
 * @param seeders         connected peers that have every piece
 * @param peers           the connected peers
 * @param verifiedPieces  the pieces verified, as sent in our bitfield (a copy)
 * @param files           every file of the torrent, in torrent order
 * @param trackers        every announce URL in tier order
 * @param webSeeds        web seeds still in use
 * @param errorMessage    why the swarm failed, empty unless {@link SwarmState#FAILED}
 */
public record SwarmStatus(InfoHash infoHash, SwarmState state, long totalLength, long completedLength,
        long uploadedBytes, long downloadedBytes, long downloadSpeed, long uploadSpeed, int connections, int seeders,
        List<PeerStatus> peers, Bitfield verifiedPieces, List<FileStatus> files, List<TrackerStatus> trackers,
        int webSeeds, String errorMessage) {

    public SwarmStatus {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(state, "state");
        peers = List.copyOf(peers);
        verifiedPieces = verifiedPieces.copy();
        files = List.copyOf(files);
        trackers = List.copyOf(trackers);
        Objects.requireNonNull(errorMessage, "errorMessage");
    }

    /** A copy of the verified pieces. */
    @Override
    public Bitfield verifiedPieces() {
        return verifiedPieces.copy();
    }

    /** Connected peers that are not seeds. */
    public int leechers() {
        return connections - seeders;
    }

    /** Whether every selected piece is verified. */
    public boolean isComplete() {
        return completedLength == totalLength;
    }
}
