package dev.arietta;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One file of a download, as aria2's {@code getFiles}. Immutable.
 *
 * @param index           1-based index within the download (a torrent's in torrent order,
 *                        padding files counted: what {@link Option#SELECT_FILE} names)
 * @param path            where it is (or will be) saved; empty path while the name is not known yet
 * @param length          length in bytes, -1 while unknown
 * @param completedLength bytes of it downloaded, as {@link DownloadStatus#completedLength()}
 * @param selected        whether it is being downloaded ({@link Option#SELECT_FILE})
 * @param uris            its sources: the mirrors of an HTTP/FTP download, the web seeds of a
 *                        torrent (never marked used)
 */
public record FileStatus(int index, Path path, long length, long completedLength, boolean selected,
                         List<UriStatus> uris) {

    public FileStatus {
        Objects.requireNonNull(path, "path");
        uris = List.copyOf(uris);
    }
}
