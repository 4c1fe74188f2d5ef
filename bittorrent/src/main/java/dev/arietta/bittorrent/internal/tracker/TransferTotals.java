package dev.arietta.bittorrent.internal.tracker;

/**
 * What an announce reports about our transfer, in bytes.
 *
 * @param uploaded   payload bytes sent to peers since the torrent started
 * @param downloaded payload bytes received and verified since the torrent started
 * @param left       bytes still missing (0 when seeding)
 */
public record TransferTotals(long uploaded, long downloaded, long left) {

    public TransferTotals {
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("negative transfer totals");
        }
    }
}
