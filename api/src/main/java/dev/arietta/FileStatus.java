package dev.arietta;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One file of a download, as aria2's {@code getFiles}. Immutable.
 *
 * @param index           1-based index within the download
 * @param path            where it is (or will be) saved; empty path while the name is not known yet
 * @param length          length in bytes, -1 while unknown
 * @param completedLength bytes of it on disk
 * @param selected        whether it is being downloaded
 * @param uris            its sources
 */
public record FileStatus(int index, Path path, long length, long completedLength, boolean selected,
                         List<UriStatus> uris) {

    public FileStatus {
        Objects.requireNonNull(path, "path");
        uris = List.copyOf(uris);
    }
}
