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
    /** The download finished. */
    COMPLETE,
    /** The download stopped with an error. */
    ERROR,
    /** A torrent finished downloading and goes on seeding (BitTorrent; not raised yet). */
    BT_COMPLETE,
    /** Torrent metadata arrived from a magnet link (BitTorrent; not raised yet). */
    METADATA_RECEIVED,
    /** One file of the download is complete (raised before {@link #COMPLETE}). */
    FILE_COMPLETE,
    /** Periodic progress of an active download, when enabled with {@link Session.Builder#progressInterval}. */
    PROGRESS
}
