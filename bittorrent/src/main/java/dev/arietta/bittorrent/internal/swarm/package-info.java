/**
 * The swarm engine: what the session engine drives for BitTorrent downloads.
 *
 * <p>API for the engine (loop thread only): {@link
 * dev.arietta.bittorrent.internal.swarm.BitTorrentContext} (one per session: listen port, peer
 * id, trackers, rate limits), {@link dev.arietta.bittorrent.internal.swarm.Swarm} (one per
 * torrent: start, stop, status, live settings), {@link
 * dev.arietta.bittorrent.internal.swarm.SwarmSettings}, {@link
 * dev.arietta.bittorrent.internal.swarm.SwarmStatus} and the {@link
 * dev.arietta.bittorrent.internal.swarm.SwarmListener} events. Nothing here depends on the
 * {@code api} module.
 *
 * <p>How the session engine drives it, on its loop thread:
 * <pre>{@code
 * BitTorrentContext bt = BitTorrentContext.builder(loop, diskExecutor, hashExecutor)
 *         .listenPorts(6881, 6999).downloadLimiter(sessionDownloadLimit).open();   // once per session
 * Swarm swarm = bt.addTorrent(metainfo, SwarmSettings.builder(dir).seedRatio(1.0).build(), listener);
 * swarm.start();                                  // CHECKING, then DOWNLOADING or SEEDING
 * SwarmStatus status = swarm.status();            // tellStatus, getPeers, getFiles
 * swarm.setMaxUploadLimit(512 * 1024);            // changeOption
 * swarm.stop(StopMode.GRACEFUL).thenRun(...);      // pause or remove; FORCED skips the trackers
 * bt.remove(swarm);
 * }</pre>
 *
 * <p>Inside: peers ({@code PeerManager}, {@code PeerSession}), the data path ({@code
 * Downloader}, {@code Uploader}), choking ({@code choke}), known addresses and bans
 * ({@code peer}), and the torrent's files and disk queues ({@code storage}).
 */
package dev.arietta.bittorrent.internal.swarm;
