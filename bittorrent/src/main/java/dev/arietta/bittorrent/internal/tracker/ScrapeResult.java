package dev.arietta.bittorrent.internal.tracker;

/**
 * What a tracker knows of one torrent (BEP 48 HTTP scrape, BEP 15 UDP scrape). Immutable.
 *
 * @param complete   seeders
 * @param downloaded completed downloads the tracker counted
 * @param incomplete leechers
 */
public record ScrapeResult(long complete, long downloaded, long incomplete) {
}
