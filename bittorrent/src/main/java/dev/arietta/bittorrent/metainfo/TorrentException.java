package dev.arietta.bittorrent.metainfo;

import dev.arietta.core.ErrorCode;
import java.io.IOException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A {@code .torrent} could not be accepted. (Creating a torrent from files fails with a
 * {@link TorrentCreationException} instead.)
 *
 * <p>The message is {@code "<where>: <problem>"}, where {@code <where>} is the key path
 * ({@code info.files[3].length}) or, for bencode syntax faults, {@code "bencode"}. The
 * {@link #errorCode()} is aria2's: {@link ErrorCode#BENCODE_PARSE_ERROR} (25) when the bytes
 * are not valid bencode, {@link ErrorCode#BITTORRENT_PARSE_ERROR} (26) when they are but do not
 * form a usable torrent.
 */
public final class TorrentException extends IOException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final String key;
    private final int fileIndex;

    /**
     * @param errorCode {@link ErrorCode#BENCODE_PARSE_ERROR} or {@link ErrorCode#BITTORRENT_PARSE_ERROR}
     * @param key       the key path the problem is in, such as {@code info.piece length}
     * @param fileIndex index in {@code info.files}, or -1 when not about one file
     * @param problem   what is wrong, lower case, without a trailing period
     * @param cause     the underlying exception, or null
     */
    public TorrentException(ErrorCode errorCode, String key, int fileIndex, String problem, Throwable cause) {
        super(key + ": " + problem, cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.key = Objects.requireNonNull(key, "key");
        this.fileIndex = fileIndex;
    }

    /** A {@link ErrorCode#BITTORRENT_PARSE_ERROR} about {@code key}, not about one file. */
    static TorrentException invalid(String key, String problem) {
        return new TorrentException(ErrorCode.BITTORRENT_PARSE_ERROR, key, -1, problem, null);
    }

    /** A {@link ErrorCode#BITTORRENT_PARSE_ERROR} about {@code key} of file {@code fileIndex}. */
    static TorrentException invalidFile(int fileIndex, String key, String problem) {
        return new TorrentException(ErrorCode.BITTORRENT_PARSE_ERROR, "info.files[" + fileIndex + "]" + key,
                fileIndex, problem, null);
    }

    /** aria2's error code for this fault: 25 or 26. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The key path the problem is in, such as {@code info.files[3].path}, or {@code bencode}. */
    public String key() {
        return key;
    }

    /** The index in {@code info.files} of the file at fault, if the problem is about one file. */
    public OptionalInt fileIndex() {
        return fileIndex < 0 ? OptionalInt.empty() : OptionalInt.of(fileIndex);
    }

    /** The message without the key path. */
    public String problem() {
        return getMessage().substring(key.length() + 2);
    }
}
