package dev.arietta;

/**
 * What a {@link DownloadListener} hears, as libaria2's {@code DownloadEvent} (plus
 * {@link #FILE_COMPLETE} and the opt-in {@link #PROGRESS}).
 */
public enum DownloadEvent {
    /** The download became active. */
    START,
    /** The download was paused. */
    PAUSE,
    /** The download was removed (aria2's "stop"). */
    STOP,
    /**
     * The download finished: every byte downloaded and verified where a checksum or piece
     * hashes were known; a torrent when its seeding ends ({@link Option#SEED_RATIO},
     * {@link Option#SEED_TIME}).
     */
    COMPLETE,
    /** The download stopped with an error. */
    ERROR,
    /** A torrent has every selected piece verified and goes on seeding; {@link #COMPLETE} follows when seeding ends. */
    BT_COMPLETE,
    /** Torrent metadata arrived from a magnet link (BitTorrent; not raised yet). */
    METADATA_RECEIVED,
    /**
     * One file of the download is complete: for HTTP/FTP just before {@link #COMPLETE}, unless
     * nothing was saved ({@link Option#DRY_RUN}, a Metalink or .torrent followed in memory); for
     * BitTorrent once for each selected file, when all its pieces are verified.
     */
    FILE_COMPLETE,
    /** Periodic progress of an active download, when enabled with {@link Session.Builder#progressInterval}. */
    PROGRESS
}
