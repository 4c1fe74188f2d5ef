package dev.arietta.bittorrent.metainfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link TorrentCreator#create()}: the {@code .torrent} bytes, the same torrent
 * as read back by {@link TorrentParser} (so its info-hash, files and piece hashes are exactly
 * what any client will see), and what the directory walk left out. Immutable and thread-safe.
 */
public final class CreatedTorrent {

    /** Why a directory entry was left out of the torrent. */
    public enum SkipReason {
        /** A hidden file or directory, with {@link TorrentCreator.HiddenFiles#SKIP}. */
        HIDDEN,
        /** A symbolic link whose target lies outside the source directory. */
        SYMLINK_OUTSIDE_ROOT,
        /** A symbolic link to a directory that contains it (following it would never end). */
        SYMLINK_LOOP,
        /** A symbolic link that points nowhere, or into a chain of links that never ends. */
        BROKEN_SYMLINK,
        /** Neither a regular file nor a directory: a FIFO, socket or device. */
        NOT_REGULAR_FILE
    }

    /**
     * A directory entry left out of the torrent.
     *
     * @param path   the entry, under the source directory
     * @param reason why it was left out
     */
    public record SkippedPath(Path path, SkipReason reason) {

        public SkippedPath {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final byte[] bytes;
    private final TorrentMetainfo metainfo;
    private final List<SkippedPath> skipped;

    CreatedTorrent(byte[] bytes, TorrentMetainfo metainfo, List<SkippedPath> skipped) {
        this.bytes = bytes.clone();
        this.metainfo = Objects.requireNonNull(metainfo, "metainfo");
        this.skipped = List.copyOf(skipped);
    }

    /** A copy of the bencoded {@code .torrent}. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The torrent as {@link TorrentParser} reads {@link #bytes()}. */
    public TorrentMetainfo metainfo() {
        return metainfo;
    }

    /** Shortcut for {@code metainfo().infoHash()}. */
    public InfoHash infoHash() {
        return metainfo.infoHash();
    }

    /** Entries of the source directory that are not in the torrent, in walk order; empty for a single file. */
    public List<SkippedPath> skipped() {
        return skipped;
    }

    /**
     * Writes {@link #bytes()} to {@code torrentFile}, which must not exist yet.
     *
     * @throws java.nio.file.FileAlreadyExistsException if it exists
     * @throws IOException                               if it cannot be written
     */
    public void writeTo(Path torrentFile) throws IOException {
        Files.write(torrentFile, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public String toString() {
        return "CreatedTorrent[" + metainfo + ", " + bytes.length + " bytes, " + skipped.size() + " skipped]";
    }
}
