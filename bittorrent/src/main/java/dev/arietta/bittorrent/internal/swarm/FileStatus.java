package dev.arietta.bittorrent.internal.swarm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file of a torrent in a {@link SwarmStatus}.
 *
 * @param index           0-based, torrent order (padding files counted)
 * @param path            where it is written (absolute, contained), or the torrent path for a
 *                        padding file and before the files are prepared
 * @param length          bytes in the file
 * @param completedLength bytes of the file inside verified pieces
 * @param selected        whether it is downloaded ({@code select-file})
 * @param padding         a BEP 47 padding file, never written
 */
public record FileStatus(int index, Path path, long length, long completedLength, boolean selected,
        boolean padding) {

    public FileStatus {
        Objects.requireNonNull(path, "path");
    }
}
