package dev.arietta.bittorrent.internal.swarm;

/** How {@link Swarm#stop} ends a running swarm. */
public enum StopMode {
    /**
     * Peers are closed, written data and the resume state are saved, and the trackers get
     * {@code stopped} (bounded by the tracker settings' stop timeout) before the stop completes.
     */
    GRACEFUL,
    /** As graceful, but the trackers are not told: the stop completes once the data and resume state are saved. */
    FORCED
}
