package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.core.ErrorCode;

/**
 * What one torrent's swarm tells the session engine, on the loop thread. The engine turns
 * these into the public events (FILE_COMPLETE, BT_COMPLETE, COMPLETE, ERROR).
 */
public interface SwarmListener {

    /** Every selected file of the payload is verified on disk ({@code fileIndex} 0-based, torrent order). */
    void onFileComplete(int fileIndex);

    /** Every selected piece is verified: downloading is over, seeding starts (BT_COMPLETE). */
    void onDownloadComplete();

    /** Seeding reached {@code seed-ratio} or {@code seed-time}: the download is finished (COMPLETE). */
    void onSeedingFinished();

    /** The torrent cannot go on: disk error, containment violation, storage failure. */
    void onError(ErrorCode code, String message);
}
