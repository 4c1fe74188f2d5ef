package dev.arietta.bittorrent.internal.swarm;

import java.util.Objects;
import java.util.Optional;

/**
 * What a swarm last heard from one announce URL.
 *
 * @param url               the announce URL
 * @param tier              its BEP 12 tier (0-based)
 * @param announces         successful announces so far
 * @param failures          failed announces so far
 * @param lastAnnounceNanos loop clock reading of the last answer (success or failure), or -1
 * @param seeders           {@code complete} of the last answer, or -1 when not given
 * @param leechers          {@code incomplete} of the last answer, or -1 when not given
 * @param peers             peers in the last successful answer
 * @param lastError         the last failure's message, cleared by a success
 */
public record TrackerStatus(String url, int tier, int announces, int failures, long lastAnnounceNanos,
        long seeders, long leechers, int peers, Optional<String> lastError) {

    public TrackerStatus {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(lastError, "lastError");
    }
}
