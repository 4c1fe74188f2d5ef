package dev.arietta.bittorrent.internal.tracker;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Announces one torrent to its trackers (all BEP 12 tiers) and hands the peers it learns to
 * the swarm. Loop thread only; callbacks arrive on the loop thread.
 *
 * <p>The swarm creates one per torrent, calls {@link #start()} when the torrent starts,
 * {@link #completed()} once when the download completes, and {@link #stop()} when it stops.
 * Re-announces follow each tracker's interval; {@link #needMorePeers()} asks for an earlier
 * one, honouring {@code min interval}.
 */
public interface Announcer {

    /** Receives peers and tracker outcomes, on the loop thread. */
    interface Listener {

        /** Peers from one tracker response (duplicates across trackers are possible). */
        void onPeers(List<InetSocketAddress> peers, String trackerUrl);

        /** A tracker failed or answered {@code failure reason}; the announcer moves on by itself. */
        void onTrackerError(String trackerUrl, String message);
    }

    /** Sends {@code started} and begins the re-announce cycle. */
    void start();

    /** Sends {@code completed} once to the trackers that got {@code started}. */
    void completed();

    /** Asks for an announce sooner than the interval, when the swarm is short of peers. */
    void needMorePeers();

    /** Sends {@code stopped} (bounded by a short timeout) and cancels timers; completes when done. */
    CompletableFuture<Void> stop();
}
