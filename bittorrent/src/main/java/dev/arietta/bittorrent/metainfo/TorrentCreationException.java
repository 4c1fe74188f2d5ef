package dev.arietta.bittorrent.metainfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A torrent could not be created from files on disk ({@link TorrentCreator}). The message is
 * {@code "<path>: <problem>"} when one file or directory is at fault, else just the problem;
 * {@link #reason()} says what kind of fault it is, so callers can react without reading text.
 */
public final class TorrentCreationException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** Nothing to put in a torrent: an empty directory, only skipped or empty files, an empty file. */
        NO_DATA,
        /** A file or directory could not be listed, opened or read. */
        UNREADABLE,
        /**
         * A name that does not survive a torrent's round trip: one the path sanitizer would change
         * (Windows-reserved characters or device names, control characters, trailing dots or
         * spaces, over-long names), text that is not valid UTF-8, or two names equal ignoring case.
         */
        BAD_NAME,
        /** A file changed size, changed its modification time or disappeared while it was hashed. */
        CHANGED,
        /** A {@link TorrentLimits} bound would be exceeded: too many files or pieces, too deep, too large. */
        LIMIT_EXCEEDED
    }

    private final Reason reason;
    private final transient Path path;

    /**
     * @param reason  the kind of fault
     * @param path    the file or directory at fault, or null when not about one
     * @param problem what is wrong, lower case, without a trailing period
     * @param cause   the underlying exception, or null
     */
    public TorrentCreationException(Reason reason, Path path, String problem, Throwable cause) {
        super(path == null ? problem : path + ": " + problem, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.path = path;
    }

    /** The kind of fault. */
    public Reason reason() {
        return reason;
    }

    /** The file or directory at fault, if the problem is about one. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }
}
