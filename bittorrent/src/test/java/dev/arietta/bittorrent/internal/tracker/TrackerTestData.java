package dev.arietta.bittorrent.internal.tracker;

import dev.arietta.bittorrent.internal.wire.PeerId;
import dev.arietta.bittorrent.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Shared values for tracker tests. */
final class TrackerTestData {

    static final InfoHash INFO_HASH = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");
    static final PeerId PEER_ID = PeerId.of("-AT0100-abcdefghijkl".getBytes(StandardCharsets.US_ASCII));

    private TrackerTestData() {
    }

    static AnnounceRequest request(AnnounceEvent event) {
        return new AnnounceRequest(INFO_HASH, PEER_ID, 6881, new TransferTotals(100, 200, 300), event, 50,
                0x0badcafe, Optional.empty());
    }
}
