package dev.arietta.bittorrent.internal.tracker;

import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.loop.Cancellable;

/**
 * Sends announces and scrapes to one tracker URL. Implementations: {@link HttpTrackerClient}
 * (http, https), {@link UdpTrackerClient} (udp) and {@link DefaultTrackerClient}, which picks
 * one by scheme. Loop thread only; callbacks never run inside the call that starts a request.
 */
public interface TrackerClient {

    /**
     * Announces to {@code trackerUrl}.
     *
     * @return cancels the request: its callback is then never called
     */
    Cancellable announce(String trackerUrl, AnnounceRequest request, TrackerCallback<AnnounceResponse> callback);

    /**
     * Scrapes one torrent from the tracker at announce URL {@code trackerUrl}; fails with
     * {@link TrackerException.Kind#INVALID_URL} when the URL has no scrape form (BEP 48).
     */
    Cancellable scrape(String trackerUrl, InfoHash infoHash, TrackerCallback<ScrapeResult> callback);
}
