package dev.arietta;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The index of {@link Option}'s constants: by name, by short name, and their order. A new option
 * is a constant in {@link Option} plus its entry in {@link #ALL}; a test checks that every
 * constant is listed. Initialized after {@link Option}, immutable.
 */
final class OptionRegistry {

    /** Every option, in the order help lists them. */
    static final List<Option<?>> ALL = List.of(
            Option.DIR, Option.OUT, Option.INPUT_FILE, Option.LOG, Option.LOG_LEVEL, Option.CONSOLE_LOG_LEVEL,
            Option.QUIET, Option.SUMMARY_INTERVAL, Option.SHOW_CONSOLE_READOUT, Option.HUMAN_READABLE,
            Option.ENABLE_COLOR, Option.MAX_CONCURRENT_DOWNLOADS, Option.FORCE_SEQUENTIAL, Option.CONTINUE,
            Option.CHECK_INTEGRITY, Option.CHECKSUM, Option.HASH_CHECK_ONLY,
            Option.SPLIT, Option.MAX_CONNECTION_PER_SERVER, Option.MIN_SPLIT_SIZE, Option.PIECE_LENGTH,
            Option.STREAM_PIECE_SELECTOR, Option.URI_SELECTOR, Option.MAX_TRIES, Option.RETRY_WAIT, Option.TIMEOUT,
            Option.CONNECT_TIMEOUT, Option.LOWEST_SPEED_LIMIT, Option.MAX_FILE_NOT_FOUND,
            Option.MAX_RESUME_FAILURE_TRIES, Option.ALWAYS_RESUME, Option.REUSE_URI, Option.REMOTE_TIME,
            Option.DRY_RUN, Option.MAX_DOWNLOAD_LIMIT, Option.MAX_UPLOAD_LIMIT, Option.MAX_OVERALL_DOWNLOAD_LIMIT,
            Option.MAX_OVERALL_UPLOAD_LIMIT,
            Option.HEADER, Option.USER_AGENT, Option.REFERER, Option.HTTP_USER, Option.HTTP_PASSWD,
            Option.HTTP_ACCEPT_GZIP, Option.HTTP_AUTH_CHALLENGE, Option.HTTP_NO_CACHE, Option.USE_HEAD,
            Option.CONDITIONAL_GET, Option.CONTENT_DISPOSITION_DEFAULT_UTF8, Option.ENABLE_HTTP_KEEP_ALIVE,
            Option.ENABLE_HTTP_PIPELINING,
            Option.HTTP_PROXY, Option.HTTPS_PROXY, Option.FTP_PROXY, Option.ALL_PROXY, Option.HTTP_PROXY_USER,
            Option.HTTP_PROXY_PASSWD, Option.HTTPS_PROXY_USER, Option.HTTPS_PROXY_PASSWD, Option.FTP_PROXY_USER,
            Option.FTP_PROXY_PASSWD, Option.ALL_PROXY_USER, Option.ALL_PROXY_PASSWD, Option.NO_PROXY,
            Option.PROXY_METHOD,
            Option.FTP_USER, Option.FTP_PASSWD, Option.FTP_PASV, Option.FTP_TYPE, Option.FTP_REUSE_CONNECTION,
            Option.CA_CERTIFICATE, Option.CERTIFICATE, Option.PRIVATE_KEY, Option.CHECK_CERTIFICATE,
            Option.MIN_TLS_VERSION,
            Option.LOAD_COOKIES, Option.SAVE_COOKIES, Option.NETRC_PATH, Option.NO_NETRC,
            Option.ALLOW_OVERWRITE, Option.AUTO_FILE_RENAMING, Option.ALLOW_PIECE_LENGTH_CHANGE,
            Option.REMOVE_CONTROL_FILE, Option.FILE_ALLOCATION, Option.NO_FILE_ALLOCATION_LIMIT, Option.DISK_CACHE,
            Option.AUTO_SAVE_INTERVAL, Option.SOCKET_RECV_BUFFER_SIZE, Option.DISABLE_IPV6,
            Option.METALINK_FILE, Option.FOLLOW_METALINK, Option.METALINK_BASE_URI, Option.METALINK_LANGUAGE,
            Option.METALINK_LOCATION, Option.METALINK_OS, Option.METALINK_VERSION,
            Option.METALINK_PREFERRED_PROTOCOL, Option.METALINK_ENABLE_UNIQUE_PROTOCOL, Option.SELECT_FILE,
            Option.SAVE_SESSION, Option.SAVE_SESSION_INTERVAL, Option.FORCE_SAVE, Option.SAVE_NOT_FOUND,
            Option.MAX_DOWNLOAD_RESULT, Option.KEEP_UNFINISHED_DOWNLOAD_RESULT, Option.GID, Option.PAUSE,
            Option.PAUSE_METADATA,
            Option.TORRENT_FILE, Option.SHOW_FILES, Option.LISTEN_PORT, Option.BT_MAX_PEERS, Option.SEED_RATIO,
            Option.SEED_TIME, Option.BT_TRACKER, Option.BT_EXCLUDE_TRACKER, Option.FOLLOW_TORRENT,
            Option.BT_HASH_CHECK_SEED,
            Option.RPC_SAVE_UPLOAD_METADATA);

    static final Map<String, Option<?>> BY_NAME = index(ALL);
    static final Map<Character, Option<?>> BY_SHORT_NAME = indexShortNames(ALL);
    static final Map<Option<?>, Integer> POSITION = positions(ALL);

    private OptionRegistry() {
    }

    private static Map<String, Option<?>> index(List<Option<?>> options) {
        Map<String, Option<?>> byName = new HashMap<>();
        for (Option<?> option : options) {
            if (byName.put(option.name(), option) != null) {
                throw new IllegalStateException("option " + option.name() + " registered twice");
            }
        }
        return Map.copyOf(byName);
    }

    private static Map<Character, Option<?>> indexShortNames(List<Option<?>> options) {
        Map<Character, Option<?>> byShortName = new HashMap<>();
        for (Option<?> option : options) {
            if (option.shortName().isPresent() && byShortName.put(option.shortName().get(), option) != null) {
                throw new IllegalStateException("short name -" + option.shortName().get() + " registered twice");
            }
        }
        return Map.copyOf(byShortName);
    }

    private static Map<Option<?>, Integer> positions(List<Option<?>> options) {
        Map<Option<?>, Integer> positions = new HashMap<>();
        for (int i = 0; i < options.size(); i++) {
            positions.put(options.get(i), i);
        }
        return Map.copyOf(positions);
    }
}
