package dev.arietta.bittorrent.internal.tracker;

import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.TimerScheduler;
import java.util.Locale;
import java.util.Objects;

/**
 * Sends each request to the HTTP or the UDP client by the URL's scheme; other schemes fail
 * with {@link TrackerException.Kind#INVALID_URL}. Loop thread only.
 */
public final class DefaultTrackerClient implements TrackerClient {

    private final TrackerClient http;
    private final TrackerClient udp;
    private final TimerScheduler timers;

    /**
     * @param http   for {@code http} and {@code https} URLs
     * @param udp    for {@code udp} URLs
     * @param timers the loop, to report unsupported schemes after the call returns
     */
    public DefaultTrackerClient(TrackerClient http, TrackerClient udp, TimerScheduler timers) {
        this.http = Objects.requireNonNull(http, "http");
        this.udp = Objects.requireNonNull(udp, "udp");
        this.timers = Objects.requireNonNull(timers, "timers");
    }

    @Override
    public Cancellable announce(String trackerUrl, AnnounceRequest request,
            TrackerCallback<AnnounceResponse> callback) {
        TrackerClient client = clientFor(trackerUrl);
        return client == null ? unsupported(trackerUrl, callback) : client.announce(trackerUrl, request, callback);
    }

    @Override
    public Cancellable scrape(String trackerUrl, InfoHash infoHash, TrackerCallback<ScrapeResult> callback) {
        TrackerClient client = clientFor(trackerUrl);
        return client == null ? unsupported(trackerUrl, callback) : client.scrape(trackerUrl, infoHash, callback);
    }

    private TrackerClient clientFor(String trackerUrl) {
        int colon = trackerUrl.indexOf(':');
        String scheme = colon < 0 ? "" : trackerUrl.substring(0, colon).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> http;
            case "udp" -> udp;
            default -> null;
        };
    }

    private <T> Cancellable unsupported(String trackerUrl, TrackerCallback<T> callback) {
        TrackerException failure = new TrackerException(trackerUrl, TrackerException.Kind.INVALID_URL,
                "unsupported tracker scheme");
        return timers.schedule(0, () -> callback.onFailure(failure));
    }
}
