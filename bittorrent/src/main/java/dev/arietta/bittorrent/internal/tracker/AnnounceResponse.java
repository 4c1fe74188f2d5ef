package dev.arietta.bittorrent.internal.tracker;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tracker's answer to an announce. Immutable.
 *
 * @param intervalSeconds    seconds until the next regular announce, as the tracker asked
 *                           (empty when it did not say)
 * @param minIntervalSeconds seconds the tracker wants between any two announces (empty when it
 *                           did not say; UDP trackers never say)
 * @param trackerId          {@code tracker id} to send back, ISO-8859-1 (one char per byte); empty when none
 * @param seeders            {@code complete}, or -1 when not given
 * @param leechers           {@code incomplete}, or -1 when not given
 * @param warning            {@code warning message}, when given
 * @param peers              peers, IPv4 then IPv6, in the tracker's order
 */
public record AnnounceResponse(OptionalInt intervalSeconds, OptionalInt minIntervalSeconds,
        Optional<String> trackerId, long seeders, long leechers, Optional<String> warning,
        List<InetSocketAddress> peers) {

    public AnnounceResponse {
        Objects.requireNonNull(intervalSeconds, "intervalSeconds");
        Objects.requireNonNull(minIntervalSeconds, "minIntervalSeconds");
        Objects.requireNonNull(trackerId, "trackerId");
        Objects.requireNonNull(warning, "warning");
        peers = List.copyOf(peers);
    }
}
