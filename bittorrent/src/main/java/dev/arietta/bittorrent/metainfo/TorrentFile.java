package dev.arietta.bittorrent.metainfo;

import java.util.List;

/**
 * One file of a torrent, in torrent order.
 *
 * @param path       path elements under the torrent's name directory (multi-file) or the
 *                   single element {@code name} (single-file), already sanitized: no element
 *                   is empty, {@code .}, {@code ..}, absolute or holds a separator
 * @param length     length in bytes, zero or more
 * @param offset     offset of the file's first byte in the torrent's byte stream
 * @param padding    BEP 47 padding file (attribute {@code p}): zeros, never written to disk
 * @param executable BEP 47 attribute {@code x}
 * @param hidden     BEP 47 attribute {@code h}
 * @param symlinkPath BEP 47 {@code symlink path} for attribute {@code l}; empty when not a link
 * @param originalPath the path elements exactly as the torrent gives them (decoded text, before
 *                   sanitizing and renaming): what a BEP 19 web seed serves the file under. Never
 *                   a path on disk
 */
public record TorrentFile(List<String> path, long length, long offset, boolean padding, boolean executable,
        boolean hidden, List<String> symlinkPath, List<String> originalPath) {

    /**
     * @throws IllegalArgumentException if {@code path} is empty or a length or offset is negative
     */
    public TorrentFile {
        path = List.copyOf(path);
        symlinkPath = List.copyOf(symlinkPath);
        originalPath = List.copyOf(originalPath);
        if (path.isEmpty() || originalPath.isEmpty()) {
            throw new IllegalArgumentException("a torrent file needs a path");
        }
        if (length < 0 || offset < 0) {
            throw new IllegalArgumentException("file " + path + ": negative length or offset");
        }
    }

    /** A file whose torrent path needed no sanitizing: {@code originalPath} is {@code path}. */
    public TorrentFile(List<String> path, long length, long offset, boolean padding, boolean executable,
            boolean hidden, List<String> symlinkPath) {
        this(path, length, offset, padding, executable, hidden, symlinkPath, path);
    }

    /** A regular file without BEP 47 attributes. */
    public static TorrentFile of(List<String> path, long length, long offset) {
        return new TorrentFile(path, length, offset, false, false, false, List.of());
    }

    /** The path joined with {@code '/'}, as core's {@code FileEntry} and aria2's listing show it. */
    public String joinedPath() {
        return String.join("/", path);
    }
}
