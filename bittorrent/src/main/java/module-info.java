/**
 * Arietta's BitTorrent: torrent metainfo (parsing and creation) in
 * {@code dev.arietta.bittorrent.metainfo}, usable alone; the peer wire protocol, trackers and
 * the swarm engine in {@code ...internal} packages exported only to Arietta's own modules.
 */
module dev.arietta.bittorrent {
    requires transitive dev.arietta.core;
    requires transitive dev.arietta.bencode;
    requires dev.arietta.httpftp;
    requires org.apache.commons.codec;
    requires org.slf4j;

    exports dev.arietta.bittorrent.metainfo;

    // Internal packages, one line each, exported only to Arietta's own modules.
    exports dev.arietta.bittorrent.internal.wire to dev.arietta.benchmarks, dev.arietta.api;
    exports dev.arietta.bittorrent.internal.tracker to dev.arietta.benchmarks, dev.arietta.api;
    exports dev.arietta.bittorrent.internal.swarm to dev.arietta.benchmarks, dev.arietta.api;
}
