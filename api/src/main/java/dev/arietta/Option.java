package dev.arietta;

import static dev.arietta.Option.Change.LIVE;
import static dev.arietta.Option.Change.NEVER;
import static dev.arietta.Option.Change.RESTART;
import static dev.arietta.internal.options.Syntaxes.UNBOUNDED;
import static dev.arietta.internal.options.Syntaxes.UNBOUNDED_BYTES;
import static dev.arietta.internal.options.Syntaxes.absoluteUri;
import static dev.arietta.internal.options.Syntaxes.bool;
import static dev.arietta.internal.options.Syntaxes.checksum;
import static dev.arietta.internal.options.Syntaxes.choice;
import static dev.arietta.internal.options.Syntaxes.commaList;
import static dev.arietta.internal.options.Syntaxes.decimal;
import static dev.arietta.internal.options.Syntaxes.fileIndexes;
import static dev.arietta.internal.options.Syntaxes.gid;
import static dev.arietta.internal.options.Syntaxes.headers;
import static dev.arietta.internal.options.Syntaxes.integer;
import static dev.arietta.internal.options.Syntaxes.minutes;
import static dev.arietta.internal.options.Syntaxes.noProxy;
import static dev.arietta.internal.options.Syntaxes.path;
import static dev.arietta.internal.options.Syntaxes.pathOrEmpty;
import static dev.arietta.internal.options.Syntaxes.portRanges;
import static dev.arietta.internal.options.Syntaxes.proxy;
import static dev.arietta.internal.options.Syntaxes.seconds;
import static dev.arietta.internal.options.Syntaxes.secret;
import static dev.arietta.internal.options.Syntaxes.size;
import static dev.arietta.internal.options.Syntaxes.speed;
import static dev.arietta.internal.options.Syntaxes.text;

import dev.arietta.internal.options.InvalidValueException;
import dev.arietta.internal.options.TextRules;
import dev.arietta.internal.options.ValueEcho;
import dev.arietta.internal.options.ValueSyntax;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One configurable setting, named and written as aria2 names and writes it, so that aria2 users
 * move over without relearning: {@code Option.SPLIT} is aria2's {@code --split}, its value
 * {@code "8"} on the command line, in an input file or through {@link Options#of}.
 *
 * <p>Each option has a value type {@code T}, aria2's default, a {@link Scope} (session-wide, or
 * per download with the session value as default), a {@link Change} rule saying whether it may
 * change after a download or the session started (aria2's {@code changeOption} and
 * {@code changeGlobalOption} rules), and a one-line description used for help.
 *
 * <p>Units: sizes are {@code Long} bytes, speeds {@code Long} bytes per second (0 = unlimited),
 * times {@link Duration}s of whole seconds ({@code seed-time}: minutes, possibly fractional),
 * ratios {@code Double}. Size and speed values accept aria2's {@code K}
 * (1024) and {@code M} (1024²) suffixes in either case, and {@code G} (1024³) as an Arietta
 * extension; they are written back as plain byte counts, as aria2 writes them. Booleans are
 * exactly {@code true} or {@code false}. Leading and trailing spaces and tabs around any value
 * are ignored (aria2 strips them from input files).
 *
 * <p>Console and log options ({@link #LOG}, {@link #LOG_LEVEL}, {@link #CONSOLE_LOG_LEVEL},
 * {@link #QUIET}, {@link #SUMMARY_INTERVAL}, {@link #SHOW_CONSOLE_READOUT},
 * {@link #HUMAN_READABLE}, {@link #ENABLE_COLOR}) are for the {@code arietta} command, which
 * honours them as aria2c does. A {@link Session} keeps, saves and reports them but prints
 * nothing and writes no log file of its own: Arietta logs through slf4j, so an embedding
 * application sends that log wherever its slf4j provider is set up to.
 *
 * <p>The constants are the registry: {@link #all()} lists them and {@link #forName(String)} finds
 * one. Instances exist only as these constants; they compare by identity. Immutable and
 * thread-safe.
 *
 * @param <T> the Java type of the value
 */
public final class Option<T> {

    /** Where an option applies. */
    public enum Scope {
        /** Session-wide only ({@code max-concurrent-downloads}); refused for a single download. */
        GLOBAL,
        /** Per download ({@code split}); a session value is the default of new downloads. */
        DOWNLOAD
    }

    /**
     * How a value may change once in use. For a {@link Scope#DOWNLOAD} option it is aria2's
     * {@code changeOption} rule for one download; for a {@link Scope#GLOBAL} option, aria2's
     * {@code changeGlobalOption} rule ({@link #LIVE} or {@link #NEVER}).
     */
    public enum Change {
        /** Applied at once, the download (or session) keeps running. */
        LIVE,
        /**
         * Applies to waiting and paused downloads; an active download is paused and restarted to
         * apply it, as aria2 does since 1.31.
         */
        RESTART,
        /** Fixed once the download is added or the session is built. */
        NEVER
    }

    // ---- Basic ----

    /** {@code dir}, {@code -d}: directory to save into; default the current directory. */
    public static final Option<Path> DIR = define("dir", path("DIR")).shortName('d').defaultValue(".")
            .perDownload(RESTART, "The directory to store the downloaded file.");
    /** {@code out}, {@code -o}: file name, relative to {@link #DIR}; no default (from the URI). */
    public static final Option<Path> OUT = define("out", path("FILE")).shortName('o').notChangeableGlobally()
            .perDownload(RESTART, "The file name of the downloaded file, relative to dir. Ignored with"
                    + " force-sequential.");
    /** {@code input-file}, {@code -i}: list of URIs and per-download options to add; {@code -} is standard input. */
    public static final Option<Path> INPUT_FILE = define("input-file", path("FILE")).shortName('i')
            .global(NEVER, "Download the URIs listed in FILE (- reads standard input). Mirrors of one file share a"
                    + " line, separated by TAB; indented name=value lines under a URI line set its options.");
    /**
     * {@code log}, {@code -l}: the {@code arietta} command's log file, appended to; {@code -} is
     * standard output, empty (the default) writes no log. A Session leaves logging to slf4j.
     */
    public static final Option<Path> LOG = define("log", pathOrEmpty("LOG")).shortName('l')
            .global(LIVE, "The log file. - writes the log to standard output; an empty value stops logging.");
    /** {@code log-level}: threshold of the {@code arietta} command's log file; default debug. */
    public static final Option<LogLevel> LOG_LEVEL = define("log-level", choice(LogLevel.class, LogLevel::optionValue))
            .defaultValue("debug").global(LIVE, "The level of messages written to the log file.");
    /** {@code console-log-level}: threshold for console messages; default notice. */
    public static final Option<LogLevel> CONSOLE_LOG_LEVEL = define("console-log-level",
            choice(LogLevel.class, LogLevel::optionValue)).defaultValue("notice")
            .global(NEVER, "The level of messages written to the console.");
    /** {@code quiet}, {@code -q}: no console output; default false. */
    public static final Option<Boolean> QUIET = define("quiet", bool()).shortName('q').defaultValue("false")
            .global(NEVER, "Print nothing to the console.");
    /**
     * {@code summary-interval}: seconds between the {@code arietta} command's progress
     * summaries, 0 for none; default 60.
     */
    public static final Option<Duration> SUMMARY_INTERVAL = define("summary-interval", seconds(0, UNBOUNDED))
            .defaultValue("60").global(NEVER, "Seconds between download progress summaries; 0 prints none.");
    /** {@code show-console-readout}: show the one-line progress readout; default true. */
    public static final Option<Boolean> SHOW_CONSOLE_READOUT = define("show-console-readout", bool())
            .defaultValue("true").global(NEVER, "Show the progress readout on the console.");
    /**
     * {@code human-readable}: sizes like 1.2Mi in the command's readout and summary, else byte
     * counts; default true.
     */
    public static final Option<Boolean> HUMAN_READABLE = define("human-readable", bool()).defaultValue("true")
            .global(NEVER, "Print sizes and speeds in human readable units (1.2Ki, 3.4Mi) on the console.");
    /** {@code enable-color}: the command's console output in colors when it is a terminal; default true. */
    public static final Option<Boolean> ENABLE_COLOR = define("enable-color", bool()).defaultValue("true")
            .global(NEVER, "Use colors on a terminal.");
    /** {@code max-concurrent-downloads}, {@code -j}: downloads active at once; default 5. */
    public static final Option<Integer> MAX_CONCURRENT_DOWNLOADS = define("max-concurrent-downloads",
            integer(1, UNBOUNDED)).shortName('j').defaultValue("5")
            .global(LIVE, "The maximum number of downloads active at the same time; the rest wait in the queue.");
    /** {@code force-sequential}, {@code -Z}: each command-line URI its own download; default false. */
    public static final Option<Boolean> FORCE_SEQUENTIAL = define("force-sequential", bool()).shortName('Z')
            .defaultValue("false").global(NEVER, "Make each URI given on the command line or on an input-file"
                    + " line a separate download, instead of mirrors of one file.");
    /** {@code continue}, {@code -c}: resume a partial file written by another program; default false. */
    public static final Option<Boolean> CONTINUE = define("continue", bool()).shortName('c').defaultValue("false")
            .perDownload(RESTART, "Continue a partially downloaded file that has no resume state, such as one"
                    + " started by a browser (HTTP and FTP only).");
    /** {@code check-integrity}, {@code -V}: verify existing data by piece hashes or checksum; default false. */
    public static final Option<Boolean> CHECK_INTEGRITY = define("check-integrity", bool()).shortName('V')
            .defaultValue("false").perDownload(RESTART, "Check existing data against piece hashes or the whole-file"
                    + " checksum, and download again what does not match.");
    /** {@code checksum}: expected whole-file digest, {@code TYPE=HEX}; canonical {@code sha-256=<hex>}. */
    public static final Option<String> CHECKSUM = define("checksum", checksum()).notChangeableGlobally()
            .perDownload(RESTART, "The whole-file checksum to verify, TYPE=HEXDIGEST, for example"
                    + " sha-256=9f86d08...; HTTP and FTP downloads only.");
    /** {@code hash-check-only}: stop after the integrity check; default false. */
    public static final Option<Boolean> HASH_CHECK_ONLY = define("hash-check-only", bool()).defaultValue("false")
            .perDownload(RESTART, "Stop the download after the check-integrity hash check, complete or not.");

    // ---- HTTP and FTP ----

    /** {@code split}, {@code -s}: connections per download; default 5. */
    public static final Option<Integer> SPLIT = define("split", integer(1, UNBOUNDED)).shortName('s')
            .defaultValue("5").perDownload(RESTART, "Download a file using N connections. With more than N URIs"
                    + " the first N are used and the rest kept as backups; with fewer, URIs are used more than once.");
    /**
     * {@code max-connection-per-server}, {@code -x}: connections to one server per download;
     * default 1. Unlike aria2 (at most 16) there is no upper cap.
     */
    public static final Option<Integer> MAX_CONNECTION_PER_SERVER = define("max-connection-per-server",
            integer(1, UNBOUNDED)).shortName('x').defaultValue("1")
            .perDownload(RESTART, "The maximum number of connections to one server for each download.");
    /** {@code min-split-size}, {@code -k}: smallest range worth its own connection, bytes; default 20M. */
    public static final Option<Long> MIN_SPLIT_SIZE = define("min-split-size", size(1L << 20, 1L << 30))
            .shortName('k').defaultValue("20M").perDownload(RESTART, "Do not split a range smaller than 2*SIZE"
                    + " bytes: a 20M file with SIZE 10M is fetched by at most 2 connections.");
    /** {@code piece-length}: segment boundary for HTTP/FTP downloads, bytes; default 1M. */
    public static final Option<Long> PIECE_LENGTH = define("piece-length", size(1L << 20, 1L << 30))
            .defaultValue("1M").perDownload(NEVER, "The segment length of HTTP/FTP downloads: every split falls on"
                    + " a multiple of it. Ignored for torrents and Metalink files with piece hashes.");
    /** {@code stream-piece-selector}: which segment a new connection takes; default {@code default}. */
    public static final Option<StreamPieceSelector> STREAM_PIECE_SELECTOR = define("stream-piece-selector",
            choice(StreamPieceSelector.class, StreamPieceSelector::optionValue)).defaultValue("default")
            .perDownload(RESTART, "How HTTP/FTP segments are chosen: default (fewest new connections), inorder"
                    + " (from the start), random, or geom (start first, then growing gaps).");
    /** {@code uri-selector}: how the next mirror is chosen; default feedback. */
    public static final Option<UriSelector> URI_SELECTOR = define("uri-selector",
            choice(UriSelector.class, UriSelector::optionValue)).defaultValue("feedback")
            .perDownload(RESTART, "How the next URI is chosen: inorder (as given), feedback (fastest seen)"
                    + " or adaptive (best for the first connections, then untested mirrors).");
    /** {@code max-tries}, {@code -m}: attempts per URI, 0 unlimited; default 5. */
    public static final Option<Integer> MAX_TRIES = define("max-tries", integer(0, UNBOUNDED)).shortName('m')
            .defaultValue("5").perDownload(RESTART, "The number of tries; 0 means unlimited.");
    /** {@code retry-wait}: seconds between tries, 0 for none; default 0. */
    public static final Option<Duration> RETRY_WAIT = define("retry-wait", seconds(0, 600)).defaultValue("0")
            .perDownload(RESTART, "Seconds to wait between tries; above 0, a 503 response is retried too.");
    /** {@code timeout}, {@code -t}: seconds without data before a connection fails; default 60. */
    public static final Option<Duration> TIMEOUT = define("timeout", seconds(1, 600)).shortName('t')
            .defaultValue("60").perDownload(RESTART, "The timeout in seconds of an established connection.");
    /** {@code connect-timeout}: seconds to establish a connection; default 60. */
    public static final Option<Duration> CONNECT_TIMEOUT = define("connect-timeout", seconds(1, 600))
            .defaultValue("60").perDownload(RESTART, "The timeout in seconds to connect to an HTTP, FTP or"
                    + " proxy server.");
    /** {@code lowest-speed-limit}: drop a connection at or below this many bytes/s, 0 never; default 0. */
    public static final Option<Long> LOWEST_SPEED_LIMIT = define("lowest-speed-limit", speed(0, UNBOUNDED_BYTES))
            .defaultValue("0").perDownload(RESTART, "Close a connection whose speed is at or below SPEED bytes/s;"
                    + " 0 means no lowest speed. Not for BitTorrent.");
    /** {@code max-file-not-found}: fail after this many "not found" answers, 0 never; default 0. */
    public static final Option<Integer> MAX_FILE_NOT_FOUND = define("max-file-not-found", integer(0, UNBOUNDED))
            .defaultValue("0").perDownload(RESTART, "Fail the download after N \"file not found\" answers without"
                    + " a byte received; 0 disables. Counted in max-tries too.");
    /** {@code max-resume-failure-tries}: with always-resume false, restart from scratch after N; default 0. */
    public static final Option<Integer> MAX_RESUME_FAILURE_TRIES = define("max-resume-failure-tries",
            integer(0, UNBOUNDED)).defaultValue("0").perDownload(RESTART, "With always-resume=false, download"
                    + " from scratch after N URIs that cannot resume; 0 waits until all URIs failed to resume.");
    /** {@code always-resume}: never restart from scratch when resuming fails; default true. */
    public static final Option<Boolean> ALWAYS_RESUME = define("always-resume", bool()).defaultValue("true")
            .perDownload(RESTART, "Always resume; if no URI can resume, fail instead of downloading from scratch.");
    /**
     * {@code reuse-uri}: reuse tried URIs when none is left; default true. False gives each URI
     * at most one connection at a time, so {@code split} is capped by the number of URIs.
     */
    public static final Option<Boolean> REUSE_URI = define("reuse-uri", bool()).defaultValue("true")
            .perDownload(RESTART, "Reuse already used URIs when no unused URI is left.");
    /** {@code remote-time}, {@code -R}: give the file the server's modification time; default false. */
    public static final Option<Boolean> REMOTE_TIME = define("remote-time", bool()).shortName('R')
            .defaultValue("false").perDownload(RESTART, "Apply the remote file's timestamp to the local file.");
    /** {@code dry-run}: only check that the file is available; default false. */
    public static final Option<Boolean> DRY_RUN = define("dry-run", bool()).defaultValue("false")
            .perDownload(NEVER, "Only check that the remote file is available; download no data.");
    /** {@code max-download-limit}: bytes/s for one download, 0 unlimited; default 0. */
    public static final Option<Long> MAX_DOWNLOAD_LIMIT = define("max-download-limit", speed(0, UNBOUNDED_BYTES))
            .defaultValue("0").perDownload(LIVE, "The maximum download speed of each download in bytes/s;"
                    + " 0 means unlimited.");
    /** {@code max-upload-limit}, {@code -u}: upload bytes/s for one download, 0 unlimited; default 0. */
    public static final Option<Long> MAX_UPLOAD_LIMIT = define("max-upload-limit", speed(0, UNBOUNDED_BYTES))
            .shortName('u').defaultValue("0").perDownload(LIVE, "The maximum upload speed of each download in"
                    + " bytes/s; 0 means unlimited.");
    /** {@code max-overall-download-limit}: bytes/s for the whole session, 0 unlimited; default 0. */
    public static final Option<Long> MAX_OVERALL_DOWNLOAD_LIMIT = define("max-overall-download-limit",
            speed(0, UNBOUNDED_BYTES)).defaultValue("0").global(LIVE, "The maximum overall download speed in"
                    + " bytes/s; 0 means unlimited.");
    /** {@code max-overall-upload-limit}: upload bytes/s for the whole session, 0 unlimited; default 0. */
    public static final Option<Long> MAX_OVERALL_UPLOAD_LIMIT = define("max-overall-upload-limit",
            speed(0, UNBOUNDED_BYTES)).defaultValue("0").global(LIVE, "The maximum overall upload speed in"
                    + " bytes/s; 0 means unlimited.");

    // ---- HTTP ----

    /** {@code header}: extra request headers, repeatable; each value one {@code Name: value}. */
    public static final Option<List<String>> HEADER = define("header", headers())
            .perDownload(RESTART, "Append HEADER to HTTP requests; give the option several times for several"
                    + " headers.");
    /** {@code user-agent}, {@code -U}: the User-Agent header; default {@code arietta}. */
    public static final Option<String> USER_AGENT = define("user-agent", text("USER_AGENT")).shortName('U')
            .defaultValue("arietta").perDownload(RESTART, "The user agent of HTTP requests.");
    /** {@code referer}: the Referer header; {@code *} uses the download URI. */
    public static final Option<String> REFERER = define("referer", text("REFERER"))
            .perDownload(RESTART, "The Referer of HTTP requests; * uses the download URI itself.");
    /** {@code http-user}: HTTP user for all URIs. */
    public static final Option<String> HTTP_USER = define("http-user", text("USER"))
            .perDownload(RESTART, "The HTTP user for every URI.");
    /** {@code http-passwd}: HTTP password for all URIs (masked). */
    public static final Option<String> HTTP_PASSWD = define("http-passwd", secret("PASSWD"))
            .perDownload(RESTART, "The HTTP password for every URI.");
    /**
     * {@code http-accept-gzip}: the first request asks for the whole file with
     * {@code Accept-Encoding: deflate, gzip}; a compressed answer is inflated (within the HTTP
     * client's decompression limits) as one stream of unknown length, not split; an
     * uncompressed one with {@code Accept-Ranges: bytes} is split as usual. Default false.
     */
    public static final Option<Boolean> HTTP_ACCEPT_GZIP = define("http-accept-gzip", bool()).defaultValue("false")
            .perDownload(RESTART, "Send Accept-Encoding: deflate, gzip and inflate compressed responses.");
    /** {@code http-auth-challenge}: send credentials only when challenged; default false. */
    public static final Option<Boolean> HTTP_AUTH_CHALLENGE = define("http-auth-challenge", bool())
            .defaultValue("false").perDownload(RESTART, "Send the Authorization header only when the server asks"
                    + " for it; credentials in the URI are always sent.");
    /** {@code http-no-cache}: send Cache-Control/Pragma no-cache; default false. */
    public static final Option<Boolean> HTTP_NO_CACHE = define("http-no-cache", bool()).defaultValue("false")
            .perDownload(RESTART, "Send Cache-Control: no-cache and Pragma: no-cache.");
    /**
     * {@code use-head}: the first request to an HTTP server is a HEAD, whose Content-Length and
     * {@code Accept-Ranges: bytes} decide the length and the split; the data follows in ranged
     * GETs. A server refusing HEAD (405) gets the usual GET. Default false.
     */
    public static final Option<Boolean> USE_HEAD = define("use-head", bool()).defaultValue("false")
            .perDownload(RESTART, "Use a HEAD request for the first request to an HTTP server.");
    /** {@code conditional-get}: download only if the remote file is newer; default false. */
    public static final Option<Boolean> CONDITIONAL_GET = define("conditional-get", bool()).defaultValue("false")
            .perDownload(RESTART, "Download only when the local file is older than the remote one"
                    + " (If-Modified-Since).");
    /** {@code content-disposition-default-utf8}: read quoted Content-Disposition names as UTF-8; default false. */
    public static final Option<Boolean> CONTENT_DISPOSITION_DEFAULT_UTF8 = define("content-disposition-default-utf8",
            bool()).defaultValue("false").perDownload(RESTART, "Read quoted strings of Content-Disposition as"
                    + " UTF-8 instead of ISO-8859-1.");
    /** {@code enable-http-keep-alive}: persistent connections; default true. */
    public static final Option<Boolean> ENABLE_HTTP_KEEP_ALIVE = define("enable-http-keep-alive", bool())
            .defaultValue("true").perDownload(RESTART, "Use HTTP/1.1 persistent connections.");
    /** {@code enable-http-pipelining}: pipelined requests; default false. */
    public static final Option<Boolean> ENABLE_HTTP_PIPELINING = define("enable-http-pipelining", bool())
            .defaultValue("false").perDownload(RESTART, "Use HTTP/1.1 pipelining.");

    // ---- Proxies ----

    /** {@code http-proxy}: proxy for http URIs; empty for none. */
    public static final Option<String> HTTP_PROXY = define("http-proxy", proxy())
            .perDownload(RESTART, "The proxy for HTTP; an empty value overrides an inherited one.");
    /** {@code https-proxy}: proxy for https URIs; empty for none. */
    public static final Option<String> HTTPS_PROXY = define("https-proxy", proxy())
            .perDownload(RESTART, "The proxy for HTTPS; an empty value overrides an inherited one.");
    /** {@code ftp-proxy}: proxy for ftp URIs; empty for none. */
    public static final Option<String> FTP_PROXY = define("ftp-proxy", proxy())
            .perDownload(RESTART, "The proxy for FTP; an empty value overrides an inherited one.");
    /** {@code all-proxy}: proxy for every protocol without its own. */
    public static final Option<String> ALL_PROXY = define("all-proxy", proxy())
            .perDownload(RESTART, "The proxy for every protocol; http-proxy, https-proxy and ftp-proxy override"
                    + " it.");
    /** {@code http-proxy-user}. */
    public static final Option<String> HTTP_PROXY_USER = define("http-proxy-user", text("USER"))
            .perDownload(RESTART, "The user for http-proxy.");
    /** {@code http-proxy-passwd} (masked). */
    public static final Option<String> HTTP_PROXY_PASSWD = define("http-proxy-passwd", secret("PASSWD"))
            .perDownload(RESTART, "The password for http-proxy.");
    /** {@code https-proxy-user}. */
    public static final Option<String> HTTPS_PROXY_USER = define("https-proxy-user", text("USER"))
            .perDownload(RESTART, "The user for https-proxy.");
    /** {@code https-proxy-passwd} (masked). */
    public static final Option<String> HTTPS_PROXY_PASSWD = define("https-proxy-passwd", secret("PASSWD"))
            .perDownload(RESTART, "The password for https-proxy.");
    /** {@code ftp-proxy-user}. */
    public static final Option<String> FTP_PROXY_USER = define("ftp-proxy-user", text("USER"))
            .perDownload(RESTART, "The user for ftp-proxy.");
    /** {@code ftp-proxy-passwd} (masked). */
    public static final Option<String> FTP_PROXY_PASSWD = define("ftp-proxy-passwd", secret("PASSWD"))
            .perDownload(RESTART, "The password for ftp-proxy.");
    /** {@code all-proxy-user}. */
    public static final Option<String> ALL_PROXY_USER = define("all-proxy-user", text("USER"))
            .perDownload(RESTART, "The user for all-proxy.");
    /** {@code all-proxy-passwd} (masked). */
    public static final Option<String> ALL_PROXY_PASSWD = define("all-proxy-passwd", secret("PASSWD"))
            .perDownload(RESTART, "The password for all-proxy.");
    /** {@code no-proxy}: hosts, domains, addresses and CIDR blocks reached directly. */
    public static final Option<List<String>> NO_PROXY = define("no-proxy", noProxy())
            .perDownload(RESTART, "Comma-separated host names, domains, addresses and CIDR blocks that are"
                    + " reached without a proxy.");
    /** {@code proxy-method}: GET through the proxy or a CONNECT tunnel; default get. */
    public static final Option<ProxyMethod> PROXY_METHOD = define("proxy-method",
            choice(ProxyMethod.class, ProxyMethod::optionValue)).defaultValue("get")
            .perDownload(RESTART, "How requests go through an HTTP proxy: get or tunnel (CONNECT).");

    // ---- FTP ----

    /** {@code ftp-user}: FTP user for all URIs; default anonymous. */
    public static final Option<String> FTP_USER = define("ftp-user", text("USER")).defaultValue("anonymous")
            .perDownload(RESTART, "The FTP user for every URI.");
    /** {@code ftp-passwd}: FTP password for all URIs (masked); default {@code arietta@}. */
    public static final Option<String> FTP_PASSWD = define("ftp-passwd", secret("PASSWD")).defaultValue("arietta@")
            .perDownload(RESTART, "The FTP password for every URI.");
    /** {@code ftp-pasv}, {@code -p}: passive mode; default true. */
    public static final Option<Boolean> FTP_PASV = define("ftp-pasv", bool()).shortName('p').defaultValue("true")
            .perDownload(RESTART, "Use FTP passive mode; false uses active mode.");
    /**
     * {@code ftp-type}: transfer type; default binary. With {@code ascii} ({@code TYPE A}) the
     * server may change line ends, so the bytes received are not the file's length: the file
     * comes whole on one connection, without SIZE, split or resume.
     */
    public static final Option<FtpType> FTP_TYPE = define("ftp-type", choice(FtpType.class, FtpType::optionValue))
            .defaultValue("binary").perDownload(RESTART, "The FTP transfer type: binary or ascii. An ascii"
                    + " transfer comes whole on one connection (line ends may change its length).");
    /** {@code ftp-reuse-connection}: keep FTP control connections for reuse; default true. */
    public static final Option<Boolean> FTP_REUSE_CONNECTION = define("ftp-reuse-connection", bool())
            .defaultValue("true").perDownload(RESTART, "Reuse FTP connections.");

    // ---- TLS ----

    /** {@code ca-certificate}: PEM file of trusted authorities; default the Java runtime's trust store. */
    public static final Option<Path> CA_CERTIFICATE = define("ca-certificate", path("FILE"))
            .global(NEVER, "The PEM file of certificate authorities that verify servers; without it the Java"
                    + " runtime's trust store is used.");
    /** {@code certificate}: PEM client certificate. */
    public static final Option<Path> CERTIFICATE = define("certificate", path("FILE"))
            .global(NEVER, "The client certificate, in PEM format.");
    /** {@code private-key}: PEM private key of the client certificate. */
    public static final Option<Path> PRIVATE_KEY = define("private-key", path("FILE"))
            .global(NEVER, "The private key of the client certificate, decrypted, in PEM format.");
    /** {@code check-certificate}: verify server certificates; default true. */
    public static final Option<Boolean> CHECK_CERTIFICATE = define("check-certificate", bool()).defaultValue("true")
            .global(NEVER, "Verify server certificates.");
    /** {@code min-tls-version}: oldest TLS version accepted; default TLSv1.2. */
    public static final Option<TlsVersion> MIN_TLS_VERSION = define("min-tls-version",
            choice(TlsVersion.class, TlsVersion::optionValue)).defaultValue("TLSv1.2")
            .global(NEVER, "The minimum TLS version.");

    // ---- Cookies and netrc ----

    /** {@code load-cookies}: Netscape/Mozilla cookie file to load. */
    public static final Option<Path> LOAD_COOKIES = define("load-cookies", path("FILE"))
            .global(NEVER, "Load cookies from FILE (Mozilla/Netscape format).");
    /** {@code save-cookies}: file the cookies are saved to at the end. */
    public static final Option<Path> SAVE_COOKIES = define("save-cookies", path("FILE"))
            .global(LIVE, "Save cookies to FILE in Mozilla/Netscape format, replacing it.");
    /** {@code netrc-path}: the netrc file; default {@code .netrc} in the user's home directory. */
    public static final Option<Path> NETRC_PATH = define("netrc-path", path("FILE"))
            .defaultValue(Path.of(System.getProperty("user.home", ""), ".netrc").toString())
            .global(NEVER, "The netrc file with credentials per host.");
    /** {@code no-netrc}, {@code -n}: ignore netrc credentials; default false. */
    public static final Option<Boolean> NO_NETRC = define("no-netrc", bool()).shortName('n').defaultValue("false")
            .perDownload(RESTART, "Do not use netrc credentials.");

    // ---- Files ----

    /** {@code allow-overwrite}: replace an existing file that has no resume state; default false. */
    public static final Option<Boolean> ALLOW_OVERWRITE = define("allow-overwrite", bool()).defaultValue("false")
            .perDownload(RESTART, "Download from scratch over an existing file that has no resume state.");
    /** {@code auto-file-renaming}: save as name.1.ext when the name is taken; default true. */
    public static final Option<Boolean> AUTO_FILE_RENAMING = define("auto-file-renaming", bool())
            .defaultValue("true").perDownload(RESTART, "Save as name.N.ext (N = 1..9999) when the file already"
                    + " exists.");
    /** {@code allow-piece-length-change}: continue when the piece length differs from resume state; default false. */
    public static final Option<Boolean> ALLOW_PIECE_LENGTH_CHANGE = define("allow-piece-length-change", bool())
            .defaultValue("false").perDownload(RESTART, "Continue, losing some progress, when the piece length"
                    + " differs from the resume state; false stops the download.");
    /** {@code remove-control-file}: delete resume state before starting; default false. */
    public static final Option<Boolean> REMOVE_CONTROL_FILE = define("remove-control-file", bool())
            .defaultValue("false").perDownload(RESTART, "Delete the resume state before the download starts.");
    /** {@code file-allocation}: how file space is reserved; default prealloc. */
    public static final Option<FileAllocation> FILE_ALLOCATION = define("file-allocation",
            choice(FileAllocation.class, FileAllocation::optionValue)).defaultValue("prealloc")
            .perDownload(RESTART, "How file space is reserved: none, prealloc (zeros written first), trunc"
                    + " (sparse) or falloc.");
    /** {@code no-file-allocation-limit}: files smaller than this get no allocation, bytes; default 5M. */
    public static final Option<Long> NO_FILE_ALLOCATION_LIMIT = define("no-file-allocation-limit",
            size(0, UNBOUNDED_BYTES)).defaultValue("5M").perDownload(RESTART, "Do not allocate space for files"
                    + " smaller than SIZE bytes.");
    /**
     * {@code disk-cache}: memory for write caching, bytes, 0 off; default 16M. As in aria2 it is
     * one budget: each of the {@link #MAX_CONCURRENT_DOWNLOADS} active downloads gets an equal share.
     */
    public static final Option<Long> DISK_CACHE = define("disk-cache", size(0, UNBOUNDED_BYTES)).defaultValue("16M")
            .global(NEVER, "The memory in bytes that caches downloaded data before writing, shared by all"
                    + " downloads; 0 disables it.");
    /**
     * {@code auto-save-interval}: seconds between resume state saves while data flows, at most 2
     * (a crash loses less than aria2's 60), 0 only when a download stops; default 60. Applies to
     * HTTP/FTP and BitTorrent downloads alike.
     */
    public static final Option<Duration> AUTO_SAVE_INTERVAL = define("auto-save-interval", seconds(0, 600))
            .defaultValue("60").global(NEVER, "Seconds between saves of the resume state; 0 saves it only when"
                    + " a download stops.");
    /**
     * {@code socket-recv-buffer-size}: SO_RCVBUF in bytes of HTTP and FTP sockets, set before they
     * connect; 0 leaves the system default; default 0.
     */
    public static final Option<Long> SOCKET_RECV_BUFFER_SIZE = define("socket-recv-buffer-size",
            size(0, 16L << 20)).defaultValue("0").global(NEVER, "The socket receive buffer size in bytes;"
                    + " 0 keeps the system default.");
    /**
     * {@code disable-ipv6}: never connect over IPv6; default false. Names are used by their IPv4
     * addresses only (the JDK resolver still asks for both families; the IPv6 answers are
     * dropped), and a URL with an IPv6 address fails as a name that cannot be resolved.
     */
    public static final Option<Boolean> DISABLE_IPV6 = define("disable-ipv6", bool()).defaultValue("false")
            .global(NEVER, "Do not use IPv6.");

    // ---- Metalink ----

    /** {@code metalink-file}, {@code -M}: a local Metalink document to download; {@code -} is standard input. */
    public static final Option<Path> METALINK_FILE = define("metalink-file", path("METALINK_FILE")).shortName('M')
            .global(NEVER, "Download the files described by the .meta4 or .metalink file METALINK_FILE; - reads"
                    + " standard input. A local .meta4 or .metalink file given in place of a URI works too.");
    /** {@code follow-metalink}: start the downloads of a downloaded Metalink; default true. */
    public static final Option<FollowMode> FOLLOW_METALINK = define("follow-metalink",
            choice(FollowMode.class, FollowMode::optionValue)).defaultValue("true")
            .perDownload(RESTART, "When a downloaded file is a Metalink (a .meta4 or .metalink name, or a Metalink"
                    + " media type), download the files it describes; mem keeps the Metalink in memory only, false"
                    + " just saves it.");
    /** {@code metalink-base-uri}: base of relative URLs in a local Metalink file; no default. */
    public static final Option<String> METALINK_BASE_URI = define("metalink-base-uri", absoluteUri("URI"))
            .perDownload(RESTART, "The base URI that relative URLs of a Metalink read from a local file resolve"
                    + " against; a directory URI must end with /. Without it such URLs are ignored.");
    /** {@code metalink-language}: download only Metalink files in this language; no default. */
    public static final Option<String> METALINK_LANGUAGE = define("metalink-language", text("LANGUAGE"))
            .perDownload(RESTART, "The language of the Metalink files to download.");
    /** {@code metalink-location}: preferred mirror countries, comma-separated; no default. */
    public static final Option<List<String>> METALINK_LOCATION = define("metalink-location",
            commaList("a comma-separated list of country codes", "LOCATION[,...]"))
            .perDownload(RESTART, "The locations (country codes, such as jp,us) of the preferred Metalink"
                    + " mirrors.");
    /** {@code metalink-os}: download only Metalink files for this operating system; no default. */
    public static final Option<String> METALINK_OS = define("metalink-os", text("OS"))
            .perDownload(RESTART, "The operating system of the Metalink files to download.");
    /** {@code metalink-version}: download only Metalink files of this version; no default. */
    public static final Option<String> METALINK_VERSION = define("metalink-version", text("VERSION"))
            .perDownload(RESTART, "The version of the Metalink files to download.");
    /** {@code metalink-preferred-protocol}: protocol of the Metalink mirrors tried first; default none. */
    public static final Option<MetalinkProtocol> METALINK_PREFERRED_PROTOCOL = define("metalink-preferred-protocol",
            choice(MetalinkProtocol.class, MetalinkProtocol::optionValue)).defaultValue("none")
            .perDownload(RESTART, "The protocol whose Metalink mirrors are tried first; none disables this.");
    /** {@code metalink-enable-unique-protocol}: one protocol per Metalink mirror host; default true. */
    public static final Option<Boolean> METALINK_ENABLE_UNIQUE_PROTOCOL = define("metalink-enable-unique-protocol",
            bool()).defaultValue("true").perDownload(RESTART, "When a Metalink mirror offers a file over several"
                    + " protocols, use only the best ranked one.");
    /**
     * {@code select-file}: 1-based indexes of the files of a torrent (padding files counted, as
     * aria2 counts them) or of a Metalink to download, {@code 1-5,8}; default all.
     */
    public static final Option<String> SELECT_FILE = define("select-file", fileIndexes())
            .perDownload(RESTART, "Download only the files with these indexes, such as 1-5,8,9; for a Metalink"
                    + " the index counts the files left after the metalink-language, -os and -version filters.");

    // ---- Session and queue ----

    /** {@code save-session}: file the unfinished downloads are written to, in input-file format. */
    public static final Option<Path> SAVE_SESSION = define("save-session", path("FILE"))
            .global(LIVE, "Save unfinished and failed downloads to FILE when the session ends; read it back with"
                    + " input-file.");
    /** {@code save-session-interval}: seconds between session saves, 0 only at the end; default 0. */
    public static final Option<Duration> SAVE_SESSION_INTERVAL = define("save-session-interval",
            seconds(0, UNBOUNDED)).defaultValue("0").global(NEVER, "Seconds between saves of save-session;"
                    + " 0 saves only when the session ends.");
    /** {@code force-save}: save the download with save-session even when complete or removed; default false. */
    public static final Option<Boolean> FORCE_SAVE = define("force-save", bool()).defaultValue("false")
            .perDownload(LIVE, "Save the download with save-session even when it completed or was removed.");
    /** {@code save-not-found}: save downloads whose file was not found; default true. */
    public static final Option<Boolean> SAVE_NOT_FOUND = define("save-not-found", bool()).defaultValue("true")
            .global(NEVER, "Save downloads whose file was not found on the server with save-session.");
    /** {@code max-download-result}: stopped downloads remembered, 0 none; default 1000. */
    public static final Option<Integer> MAX_DOWNLOAD_RESULT = define("max-download-result", integer(0, UNBOUNDED))
            .defaultValue("1000").global(LIVE, "The number of results of stopped downloads kept in memory, oldest"
                    + " dropped first.");
    /** {@code keep-unfinished-download-result}: keep unfinished results beyond max-download-result; default true. */
    public static final Option<Boolean> KEEP_UNFINISHED_DOWNLOAD_RESULT = define("keep-unfinished-download-result",
            bool()).defaultValue("true").global(LIVE, "Keep results of unfinished downloads even beyond"
                    + " max-download-result, so save-session can save them.");
    /** {@code gid}: the download's id, 16 hex digits; normally generated. */
    public static final Option<String> GID = define("gid", gid()).notChangeableGlobally()
            .perDownload(NEVER, "Set the download's GID, 16 hex digits, not all zero; used to restore saved"
                    + " sessions.");
    /** {@code pause}: add the download paused; default false. */
    public static final Option<Boolean> PAUSE = define("pause", bool()).defaultValue("false").notChangeableGlobally()
            .perDownload(NEVER, "Add the download paused.");
    /** {@code pause-metadata}: pause downloads created from torrent or Metalink metadata; default false. */
    public static final Option<Boolean> PAUSE_METADATA = define("pause-metadata", bool()).defaultValue("false")
            .perDownload(RESTART, "Pause the downloads created from a downloaded .torrent, magnet metadata or"
                    + " Metalink file.");

    // ---- BitTorrent ----

    /**
     * {@code torrent-file}, {@code -T}: a {@code .torrent} file to download or, with
     * {@link #SHOW_FILES}, to list; command line only.
     */
    public static final Option<Path> TORRENT_FILE = define("torrent-file", path("TORRENT_FILE")).shortName('T')
            .global(NEVER, "The path to the .torrent file.");
    /** {@code show-files}, {@code -S}: print the contents of the given .torrent files and exit; default false. */
    public static final Option<Boolean> SHOW_FILES = define("show-files", bool()).shortName('S').defaultValue("false")
            .global(NEVER, "Print the file listing of the given .torrent files (name, info hash, piece length and"
                    + " count, trackers, files with index and size) and exit.");
    /** {@code listen-port}: TCP ports for incoming peers, the first free one is used; default 6881-6999. */
    public static final Option<String> LISTEN_PORT = define("listen-port", portRanges()).defaultValue("6881-6999")
            .global(NEVER, "The TCP port for incoming BitTorrent peers: ports and ranges such as 6881-6889,6999;"
                    + " the first free one is used.");
    /** {@code bt-max-peers}: most peers of one torrent, 0 for no limit; default 55. */
    public static final Option<Integer> BT_MAX_PEERS = define("bt-max-peers", integer(0, UNBOUNDED))
            .defaultValue("55").perDownload(LIVE, "The maximum number of peers per torrent; 0 means unlimited.");
    /** {@code seed-ratio}: seed until uploaded bytes reach this multiple of the download, 0 for ever; default 1.0. */
    public static final Option<Double> SEED_RATIO = define("seed-ratio", decimal(0, 1_000_000)).defaultValue("1.0")
            .perDownload(LIVE, "Seed a completed torrent until the share ratio (uploaded / downloaded size) reaches"
                    + " RATIO; 0.0 seeds regardless of the ratio. With seed-time, whichever comes first ends seeding.");
    /** {@code seed-time}: seed for this long after completion (minutes, may be fractional); no default. */
    public static final Option<Duration> SEED_TIME = define("seed-time", minutes())
            .perDownload(LIVE, "Seed a completed torrent for MINUTES (a decimal number); 0 disables seeding.");
    /** {@code bt-tracker}: announce URIs added to the torrent's own, comma-separated; no default. */
    public static final Option<List<String>> BT_TRACKER = define("bt-tracker",
            commaList("comma-separated announce URIs", "URI[,...]"))
            .perDownload(RESTART, "Additional tracker announce URIs, comma-separated; used after bt-exclude-tracker"
                    + " is applied.");
    /** {@code bt-exclude-tracker}: announce URIs to drop, {@code *} drops all; no default. */
    public static final Option<List<String>> BT_EXCLUDE_TRACKER = define("bt-exclude-tracker",
            commaList("comma-separated announce URIs or *", "URI[,...]"))
            .perDownload(RESTART, "Tracker announce URIs to remove, comma-separated; * removes every tracker of"
                    + " the torrent.");
    /** {@code follow-torrent}: start the BitTorrent download of a downloaded .torrent file; default true. */
    public static final Option<FollowMode> FOLLOW_TORRENT = define("follow-torrent",
            choice(FollowMode.class, FollowMode::optionValue)).defaultValue("true")
            .perDownload(RESTART, "When a downloaded file is a .torrent (by its name or the application/x-bittorrent"
                    + " media type), download what it describes; mem keeps the .torrent in memory only, false just"
                    + " saves it.");
    /** {@code bt-hash-check-seed}: seed after check-integrity finds the torrent complete; default true. */
    public static final Option<Boolean> BT_HASH_CHECK_SEED = define("bt-hash-check-seed", bool())
            .defaultValue("true").perDownload(RESTART, "When check-integrity finds every piece of a torrent on"
                    + " disk, go on seeding; false finishes the download at once.");
    /**
     * {@code rpc-save-upload-metadata}: keep a torrent or Metalink added as bytes in dir (a
     * torrent as {@code <info-hash>.torrent}; a Metalink as {@code <sha-1>.meta4} when
     * save-session is set); default true.
     */
    public static final Option<Boolean> RPC_SAVE_UPLOAD_METADATA = define("rpc-save-upload-metadata", bool())
            .defaultValue("true").perDownload(NEVER, "Save a torrent or Metalink added from memory in dir (as"
                    + " hex(info-hash).torrent, or hex(sha-1).meta4 with save-session), so save-session can refer"
                    + " to it; otherwise it is not saved with the session.");

    private final String name;
    private final Character shortName;
    private final ValueSyntax<T> syntax;
    private final T defaultValue;
    private final Scope scope;
    private final Change change;
    private final boolean changeableGlobally;
    private final String description;

    Option(String name, Character shortName, ValueSyntax<T> syntax, String defaultText, Scope scope, Change change,
           boolean changeableGlobally, String description) {
        this.name = name;
        this.shortName = shortName;
        this.syntax = syntax;
        this.scope = Objects.requireNonNull(scope, "scope");
        this.change = Objects.requireNonNull(change, "change");
        this.changeableGlobally = changeableGlobally;
        this.description = Objects.requireNonNull(description, "description");
        this.defaultValue = defaultText == null ? null : parse(defaultText);
    }

    private static <T> OptionDefinition<T> define(String name, ValueSyntax<T> syntax) {
        return new OptionDefinition<>(name, syntax);
    }

    /** Every registered option, in help order. */
    public static List<Option<?>> all() {
        return OptionRegistry.ALL;
    }

    /** The option with aria2's long name ({@code "split"}, without {@code --}), if registered. */
    public static Optional<Option<?>> forName(String name) {
        return Optional.ofNullable(OptionRegistry.BY_NAME.get(name));
    }

    /** The option with aria2's one-letter command-line name ({@code 's'} for {@code -s}), if any. */
    public static Optional<Option<?>> forShortName(char letter) {
        return Optional.ofNullable(OptionRegistry.BY_SHORT_NAME.get(letter));
    }

    /**
     * The option with the given name.
     *
     * @throws OptionException if no option has that name
     */
    public static Option<?> named(String name) {
        Option<?> option = OptionRegistry.BY_NAME.get(Objects.requireNonNull(name, "name"));
        if (option == null) {
            throw new OptionException(name, "unknown option " + ValueEcho.quote(name));
        }
        return option;
    }

    /** Position in {@link #all()}, for ordering option sets. */
    int position() {
        return OptionRegistry.POSITION.get(this);
    }

    /** aria2's long name, such as {@code "max-connection-per-server"}. */
    public String name() {
        return name;
    }

    /** aria2's one-letter command-line flag ({@code 'x'} for {@code -x}), if it has one. */
    public Optional<Character> shortName() {
        return Optional.ofNullable(shortName);
    }

    /**
     * The Java class of values: {@code Integer}, {@code Long}, {@code Double}, {@code Boolean},
     * {@code Duration}, {@code Path}, {@code String}, {@code List} (for list-valued options) or one of this
     * package's enums.
     */
    public Class<?> valueClass() {
        return syntax.valueClass();
    }

    /** What text is accepted, as error messages and help say it: {@code "an integer 1..*"}. */
    public String valueSyntax() {
        return syntax.description();
    }

    /** The placeholder help shows after the name: {@code "N"}, {@code "SIZE"}, {@code "true|false"}. */
    public String placeholder() {
        return syntax.placeholder();
    }

    /** aria2's default value, or empty if the option is unset by default. */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether the option is session-wide only or also per download. */
    public Scope scope() {
        return scope;
    }

    /** How a changed value reaches a running download ({@link Scope#DOWNLOAD}) or session ({@link Scope#GLOBAL}). */
    public Change change() {
        return change;
    }

    /**
     * Whether aria2's {@code changeGlobalOption} may change it while the session runs. For a
     * per-download option this changes the default of downloads added afterwards.
     */
    public boolean changeableGlobally() {
        return changeableGlobally;
    }

    /**
     * Whether giving the option again adds to its value rather than replacing it
     * ({@link #HEADER}). Its text form then joins the elements with {@code '\n'}.
     */
    public boolean repeatable() {
        return syntax.repeatable();
    }

    /** One or two sentences for help output. */
    public String description() {
        return description;
    }

    /**
     * Reads a value in aria2's syntax, ignoring surrounding spaces and tabs.
     *
     * @throws OptionException naming this option and what it accepts
     */
    public T parse(String text) {
        Objects.requireNonNull(text, "text");
        String stripped = TextRules.strip(text);
        try {
            return syntax.parse(stripped);
        } catch (InvalidValueException e) {
            throw rejected(syntax.mask(stripped), e);
        }
    }

    /**
     * aria2's text form of {@code value}, which {@link #parse} reads back to an equal value.
     * Secrets are not masked: this is the form saved to session files.
     */
    public String format(T value) {
        return syntax.format(Objects.requireNonNull(value, "value"));
    }

    /**
     * Checks a value given in Java form and returns the value {@link #parse} would store.
     *
     * @throws OptionException if out of range or otherwise not accepted
     */
    T canonical(T value) {
        Objects.requireNonNull(value, "value");
        try {
            return syntax.canonical(value);
        } catch (InvalidValueException e) {
            throw rejected(syntax.mask(syntax.format(value)), e);
        }
    }

    /** The value after the option is given again ({@link #repeatable()} options accumulate). */
    T append(T existing, T added) {
        return syntax.append(existing, added);
    }

    /** {@code value} in text form with secrets replaced by {@code ***}. */
    String formatMasked(T value) {
        return syntax.mask(syntax.format(value));
    }

    private OptionException rejected(String shownValue, InvalidValueException cause) {
        String message = name + ": expected " + syntax.description() + ", got " + ValueEcho.quote(shownValue)
                + (cause.detail() == null ? "" : " (" + cause.detail() + ")");
        return new OptionException(name, message, cause);
    }

    /** The name. */
    @Override
    public String toString() {
        return name;
    }
}
