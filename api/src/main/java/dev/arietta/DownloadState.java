package dev.arietta;

/** Where a download is in its life, as aria2 reports it in {@code tellStatus}'s {@code status}. */
public enum DownloadState {
    /** Transferring, or preparing or checking its files; a torrent also while it seeds. */
    ACTIVE,
    /** In the queue, waiting for a free slot ({@link Option#MAX_CONCURRENT_DOWNLOADS}). */
    WAITING,
    /** Paused by the user; keeps its queue position. */
    PAUSED,
    /** Stopped with an error; {@link DownloadStatus#errorCode()} says which. */
    ERROR,
    /** Finished: every byte downloaded and verified where a checksum or piece hashes were known; a torrent's seeding over. */
    COMPLETE,
    /** Removed by the user before it finished. */
    REMOVED;

    /** Whether the download has stopped for good (complete, error or removed). */
    public boolean isStopped() {
        return this == ERROR || this == COMPLETE || this == REMOVED;
    }
}
