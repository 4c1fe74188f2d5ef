package dev.arietta;

import dev.arietta.core.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one download, as aria2's {@code tellStatus}. Immutable; taken on the I/O
 * thread, so all fields are consistent with each other.
 *
 * <p>An HTTP/FTP download has one file; a BitTorrent download counts its lengths over the
 * files {@link Option#SELECT_FILE} selects (all by default).
 *
 * @param gid             the download's id, 16 lower-case hex digits
 * @param state           where the download is
 * @param totalLength     bytes in all (selected) files, -1 while unknown (before the first response)
 * @param completedLength bytes downloaded: written to the file for HTTP/FTP; inside verified
 *                        pieces of the selected files for BitTorrent
 * @param uploadLength    bytes uploaded to peers, over every run of the download (BitTorrent; 0
 *                        for HTTP/FTP)
 * @param downloadSpeed   bytes per second, recent average; 0 unless active
 * @param uploadSpeed     bytes per second, recent average; 0 unless active
 * @param connections     open HTTP/FTP connections, or connected peers; 0 unless active
 * @param pieceLength     bytes per piece: the torrent's; a Metalink file's with piece hashes;
 *                        else the {@link Option#PIECE_LENGTH} segment unit of HTTP/FTP
 * @param numPieces       pieces, 0 while the length is unknown
 * @param bitfield        pieces on disk as aria2 shows them: hex, high bit of the first byte is
 *                        piece 0; only verified ones where there are piece hashes (BitTorrent,
 *                        Metalink); empty while the length is unknown
 * @param dir             the download directory
 * @param files           the files, as {@code getFiles}: BitTorrent padding files are left out
 *                        (their indexes still count, as in aria2)
 * @param errorCode       why it stopped; {@link ErrorCode#FINISHED} unless in state {@link DownloadState#ERROR}
 *                        (or stopped unfinished at shutdown: {@link ErrorCode#IN_PROGRESS})
 * @param errorMessage    a human message for the error, empty when none
 * @param followedBy      gids of the downloads this one created from what it downloaded: the
 *                        files of a Metalink ({@link Option#FOLLOW_METALINK}, in document order),
 *                        the BitTorrent download of a .torrent ({@link Option#FOLLOW_TORRENT}), or,
 *                        for the .torrent of a Metalink's BitTorrent metaurl, its swarm and the
 *                        downloads of the files it did not give; empty otherwise
 * @param following       gid of the download whose Metalink or .torrent created this one
 *                        ({@code followedBy}'s reverse), if any; empty for downloads added
 *                        directly, {@code addMetalink} and {@code addTorrent} ones included
 * @param bittorrent      the torrent's details and seeding state; empty unless a BitTorrent download
 */
public record DownloadStatus(String gid, DownloadState state, long totalLength, long completedLength,
                             long uploadLength, long downloadSpeed, long uploadSpeed, int connections,
                             long pieceLength, int numPieces, String bitfield, Path dir, List<FileStatus> files,
                             ErrorCode errorCode, String errorMessage, List<String> followedBy,
                             Optional<String> following, Optional<BitTorrentInfo> bittorrent) {

    public DownloadStatus {
        Objects.requireNonNull(gid, "gid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(bitfield, "bitfield");
        Objects.requireNonNull(dir, "dir");
        files = List.copyOf(files);
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorMessage, "errorMessage");
        followedBy = List.copyOf(followedBy);
        Objects.requireNonNull(following, "following");
        Objects.requireNonNull(bittorrent, "bittorrent");
    }
}
