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
 * @param gid             the download's id, 16 lower-case hex digits
 * @param state           where the download is
 * @param totalLength     bytes in all files, -1 while unknown (before the first response)
 * @param completedLength bytes on disk
 * @param uploadLength    bytes uploaded (BitTorrent; 0 for HTTP/FTP)
 * @param downloadSpeed   bytes per second, recent average
 * @param uploadSpeed     bytes per second, recent average
 * @param connections     open connections
 * @param pieceLength     bytes per piece (for HTTP/FTP the {@link Option#PIECE_LENGTH} segment unit)
 * @param numPieces       pieces, 0 while the length is unknown
 * @param bitfield        pieces on disk as aria2 shows them: hex, high bit of the first byte is
 *                        piece 0; empty while the length is unknown
 * @param dir             the download directory
 * @param files           the files
 * @param errorCode       why it stopped; {@link ErrorCode#FINISHED} unless in state {@link DownloadState#ERROR}
 *                        (or stopped unfinished at shutdown: {@link ErrorCode#IN_PROGRESS})
 * @param errorMessage    a human message for the error, empty when none
 * @param followedBy      gids of the downloads this one created: the files of a Metalink it downloaded
 *                        ({@link Option#FOLLOW_METALINK}), in document order; empty otherwise
 * @param following       gid of the download whose Metalink created this one ({@code followedBy}'s
 *                        reverse), if any; empty for downloads added directly, {@code addMetalink} ones included
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
