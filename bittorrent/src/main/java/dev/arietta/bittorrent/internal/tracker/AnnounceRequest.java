package dev.arietta.bittorrent.internal.tracker;

import dev.arietta.bittorrent.internal.wire.PeerId;
import dev.arietta.bittorrent.metainfo.InfoHash;
import java.util.Objects;
import java.util.Optional;

/**
 * One announce, as both HTTP (BEP 3) and UDP (BEP 15) trackers need it. Immutable.
 *
 * @param infoHash  the torrent
 * @param peerId    our peer id
 * @param port      our TCP listen port, 1–65535
 * @param totals    bytes uploaded, downloaded and left
 * @param event     {@code started}, {@code completed}, {@code stopped} or none
 * @param numwant   peers wanted; 0 or more ({@code stopped} announces ask for 0)
 * @param key       our random 32-bit key, sent so that a tracker recognises us across address changes
 * @param trackerId the {@code tracker id} this tracker gave before (HTTP only), as ISO-8859-1
 *                  text so each char is one byte; empty when none
 */
public record AnnounceRequest(InfoHash infoHash, PeerId peerId, int port, TransferTotals totals,
        AnnounceEvent event, int numwant, int key, Optional<String> trackerId) {

    public AnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(trackerId, "trackerId");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range 1-65535");
        }
        if (numwant < 0) {
            throw new IllegalArgumentException("negative numwant " + numwant);
        }
    }
}
