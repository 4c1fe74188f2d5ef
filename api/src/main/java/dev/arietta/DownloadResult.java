package dev.arietta;

import dev.arietta.core.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a download ended: what {@link DownloadHandle#completion()} completes with. Immutable.
 *
 * @param gid          the download's id
 * @param state        {@link DownloadState#COMPLETE}, {@link DownloadState#ERROR} or
 *                     {@link DownloadState#REMOVED}; or, when the session shut down first, the
 *                     state it was in ({@link DownloadState#ACTIVE}, {@link DownloadState#WAITING},
 *                     {@link DownloadState#PAUSED}) with {@link ErrorCode#IN_PROGRESS}
 * @param errorCode    {@link ErrorCode#FINISHED} on success, else why it stopped
 * @param errorMessage a human message, empty on success
 * @param files        the files' paths (a torrent's selected files; with {@link Option#DRY_RUN}
 *                     the path it would have had); empty if the name was never known
 * @param totalLength  bytes in all (selected) files, -1 if never known
 * @param completedLength bytes downloaded when it ended, as {@link DownloadStatus#completedLength()}
 */
public record DownloadResult(String gid, DownloadState state, ErrorCode errorCode, String errorMessage,
                             List<Path> files, long totalLength, long completedLength) {

    public DownloadResult {
        Objects.requireNonNull(gid, "gid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorMessage, "errorMessage");
        files = List.copyOf(files);
    }

    /** Whether the download completed. */
    public boolean isSuccess() {
        return state == DownloadState.COMPLETE;
    }
}
