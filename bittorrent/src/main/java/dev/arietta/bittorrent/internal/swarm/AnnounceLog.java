package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.tracker.AnnounceRequest;
import dev.arietta.bittorrent.internal.tracker.AnnounceResponse;
import dev.arietta.bittorrent.internal.tracker.ScrapeResult;
import dev.arietta.bittorrent.internal.tracker.TrackerCallback;
import dev.arietta.bittorrent.internal.tracker.TrackerClient;
import dev.arietta.bittorrent.internal.tracker.TrackerException;
import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.loop.Cancellable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The session's tracker client as one torrent uses it, recording each announce URL's outcomes
 * for {@link SwarmStatus#trackers()}. Loop thread only.
 */
final class AnnounceLog implements TrackerClient {

    private static final class Record {
        final String url;
        final int tier;
        int announces;
        int failures;
        long lastNanos = -1;
        long seeders = -1;
        long leechers = -1;
        int peers;
        String lastError;

        Record(String url, int tier) {
            this.url = url;
            this.tier = tier;
        }
    }

    private final TrackerClient delegate;
    private final LongSupplier clock;
    private final Map<String, Record> records = new LinkedHashMap<>();

    /** @param tiers the tiers announced to, in order */
    AnnounceLog(TrackerClient delegate, LongSupplier clock, List<List<String>> tiers) {
        this.delegate = delegate;
        this.clock = clock;
        for (int tier = 0; tier < tiers.size(); tier++) {
            for (String url : tiers.get(tier)) {
                records.putIfAbsent(url, new Record(url, tier));
            }
        }
    }

    @Override
    public Cancellable announce(String trackerUrl, AnnounceRequest request,
            TrackerCallback<AnnounceResponse> callback) {
        Record record = records.computeIfAbsent(trackerUrl, url -> new Record(url, records.size()));
        return delegate.announce(trackerUrl, request, new TrackerCallback<>() {
            @Override
            public void onSuccess(AnnounceResponse response) {
                record.announces++;
                record.lastNanos = clock.getAsLong();
                record.seeders = response.seeders();
                record.leechers = response.leechers();
                record.peers = response.peers().size();
                record.lastError = null;
                callback.onSuccess(response);
            }

            @Override
            public void onFailure(TrackerException failure) {
                record.failures++;
                record.lastNanos = clock.getAsLong();
                record.lastError = failure.getMessage();
                callback.onFailure(failure);
            }
        });
    }

    @Override
    public Cancellable scrape(String trackerUrl, InfoHash infoHash, TrackerCallback<ScrapeResult> callback) {
        return delegate.scrape(trackerUrl, infoHash, callback);
    }

    List<TrackerStatus> statuses() {
        List<TrackerStatus> statuses = new ArrayList<>(records.size());
        for (Record record : records.values()) {
            statuses.add(new TrackerStatus(record.url, record.tier, record.announces, record.failures,
                    record.lastNanos, record.seeders, record.leechers, record.peers,
                    Optional.ofNullable(record.lastError)));
        }
        return statuses;
    }
}
