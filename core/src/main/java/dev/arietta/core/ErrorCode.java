package dev.arietta.core;

/**
 * Why a download stopped, numbered like aria2's exit status codes so that scripts and
 * users moving from aria2 read the same numbers.
 *
 * <p>{@link #code()} is the stable number; the enum constant name is the stable Java name.
 * Code 31 is reserved by aria2 and unused here too.
 */
public enum ErrorCode {
    /** The download finished successfully. */
    FINISHED(0, "finished"),
    /** An error with no more specific code. */
    UNKNOWN(1, "unknown error"),
    /** A connection or transfer timed out. */
    TIMEOUT(2, "timeout"),
    /** The resource was not found. */
    RESOURCE_NOT_FOUND(3, "resource not found"),
    /** The same resource was not found {@code max-file-not-found} times. */
    MAX_FILE_NOT_FOUND(4, "resource not found too many times"),
    /** The download speed stayed below {@code lowest-speed-limit}. */
    TOO_SLOW(5, "download too slow"),
    /** A network problem occurred. */
    NETWORK(6, "network problem"),
    /** The download was unfinished when the session shut down. */
    IN_PROGRESS(7, "unfinished at shutdown"),
    /** The server does not support resuming but resuming was required. */
    CANNOT_RESUME(8, "server cannot resume"),
    /** Not enough disk space. */
    NOT_ENOUGH_DISK_SPACE(9, "not enough disk space"),
    /** The piece length differs from the one recorded in the resume state. */
    PIECE_LENGTH_CHANGED(10, "piece length differs from resume state"),
    /** The same file is already being downloaded. */
    DUPLICATE_DOWNLOAD(11, "same file already downloading"),
    /** The same info-hash is already being downloaded. */
    DUPLICATE_INFO_HASH(12, "same info-hash already downloading"),
    /** The file already exists and neither overwriting nor renaming is allowed. */
    FILE_ALREADY_EXISTS(13, "file already exists"),
    /** Renaming a file failed. */
    FILE_RENAMING_FAILED(14, "renaming file failed"),
    /** An existing file could not be opened. */
    FILE_OPEN_ERROR(15, "could not open existing file"),
    /** A file could not be created or truncated. */
    FILE_CREATE_ERROR(16, "could not create or truncate file"),
    /** Reading or writing a file failed. */
    FILE_IO_ERROR(17, "file I/O error"),
    /** A directory could not be created. */
    DIR_CREATE_ERROR(18, "could not create directory"),
    /** Host name resolution failed. */
    NAME_RESOLVE_ERROR(19, "name resolution failed"),
    /** A Metalink document could not be parsed. */
    METALINK_PARSE_ERROR(20, "could not parse Metalink document"),
    /** An FTP command failed. */
    FTP_PROTOCOL_ERROR(21, "FTP command failed"),
    /** An HTTP response header was bad or unexpected. */
    HTTP_PROTOCOL_ERROR(22, "bad or unexpected HTTP response"),
    /** Too many redirects. */
    HTTP_TOO_MANY_REDIRECTS(23, "too many redirects"),
    /** HTTP authorization failed. */
    HTTP_AUTH_FAILED(24, "HTTP authorization failed"),
    /** Bencoded data could not be parsed. */
    BENCODE_PARSE_ERROR(25, "could not parse bencoded data"),
    /** A .torrent file is corrupt or lacks information. */
    BITTORRENT_PARSE_ERROR(26, "torrent file corrupt or missing information"),
    /** A magnet URI is bad. */
    MAGNET_PARSE_ERROR(27, "bad magnet URI"),
    /** An option is unknown or its value is bad. */
    BAD_OPTION(28, "bad option"),
    /** The server was temporarily overloaded or in maintenance. */
    HTTP_SERVICE_UNAVAILABLE(29, "service temporarily unavailable"),
    /** A JSON-RPC request could not be parsed. */
    JSON_PARSE_ERROR(30, "could not parse JSON-RPC request"),
    /** A checksum did not match. */
    CHECKSUM_ERROR(32, "checksum validation failed");

    private final int code;
    private final String description;

    ErrorCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The aria2-compatible number. */
    public int code() {
        return code;
    }

    /** A short human description, lower case, without a trailing period. */
    public String description() {
        return description;
    }

    /**
     * The constant with the given aria2 number.
     *
     * @throws IllegalArgumentException if no constant has that number
     */
    public static ErrorCode ofCode(int code) {
        for (ErrorCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        throw new IllegalArgumentException("no error code " + code);
    }
}
