package dev.arietta;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The BitTorrent side of a {@link DownloadStatus}, as aria2's {@code tellStatus} reports it
 * ({@code infoHash}, {@code numSeeders}, {@code seeder} and the {@code bittorrent} struct).
 * Immutable.
 *
 * @param infoHash      the info-hash, 40 lower-case hex digits
 * @param name          the torrent's name (the file, or the top directory of a multi-file torrent)
 * @param multiFile     whether the torrent has a file list (aria2's mode {@code multi}) rather
 *                      than one file ({@code single})
 * @param announceList  the torrent's announce URIs by tier (BEP 12), {@code announce} alone as
 *                      one tier; {@link Option#BT_TRACKER} and {@link Option#BT_EXCLUDE_TRACKER}
 *                      are not applied here
 * @param comment       the torrent's comment
 * @param creationDate  when the torrent says it was made
 * @param privateTorrent the torrent is private (BEP 27): peers from trackers only
 * @param numSeeders    connected peers that have every piece; 0 unless active
 * @param seeder        whether we have every selected piece (seeding)
 */
public record BitTorrentInfo(String infoHash, String name, boolean multiFile, List<List<String>> announceList,
                             Optional<String> comment, Optional<Instant> creationDate, boolean privateTorrent,
                             int numSeeders, boolean seeder) {

    public BitTorrentInfo {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(name, "name");
        announceList = announceList.stream().map(List::copyOf).toList();
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(creationDate, "creationDate");
    }
}
