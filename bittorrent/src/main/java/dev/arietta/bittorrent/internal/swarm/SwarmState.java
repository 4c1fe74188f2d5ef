package dev.arietta.bittorrent.internal.swarm;

/** Where a {@link Swarm} is in its life. */
public enum SwarmState {
    /** Added, not started yet (or stopped and able to start again). */
    STOPPED,
    /** Preparing the files and the resume state, or checking pieces on disk ({@code check-integrity}). */
    CHECKING,
    /** Downloading selected pieces from peers and web seeds. */
    DOWNLOADING,
    /** Every selected piece is verified; uploading until {@code seed-ratio} or {@code seed-time}. */
    SEEDING,
    /** Seeding ended (or was not wanted): the download is complete. */
    FINISHED,
    /** Stopped by an error reported through {@link SwarmListener#onError}. */
    FAILED;

    /** Whether the swarm is running: checking, downloading or seeding. */
    public boolean isActive() {
        return this == CHECKING || this == DOWNLOADING || this == SEEDING;
    }
}
