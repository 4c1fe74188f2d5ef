/**
 * The download engine under {@link dev.arietta.Session}: the queue, each download's life
 * (transfer, files, resume state, events), status snapshots and session save/restore.
 *
 * <p>Where things are:
 * <ul>
 *   <li>{@link dev.arietta.internal.engine.Engine}: the session's loop, clients, rate limits
 *       and queue; adding downloads; shutdown. The calls on added downloads are
 *       {@link dev.arietta.internal.engine.DownloadControl}'s and
 *       {@link dev.arietta.internal.engine.DownloadQueries}'s; save-session and input-file,
 *       {@link dev.arietta.internal.engine.SessionFiles}'.</li>
 *   <li>{@link dev.arietta.internal.engine.DownloadJob}: one download in the
 *       {@link dev.arietta.internal.engine.DownloadQueue};
 *       {@link dev.arietta.internal.engine.UriJob} downloads one file from HTTP and FTP mirrors,
 *       {@link dev.arietta.internal.engine.TorrentJob} a torrent's swarm.</li>
 *   <li>A {@code UriJob}'s run: what it checks
 *       ({@link dev.arietta.internal.engine.DownloadChecks}), how its file is made ready
 *       ({@link dev.arietta.internal.engine.FilePreparation}), the file on the disk queue
 *       ({@link dev.arietta.internal.engine.DiskFile}, {@link dev.arietta.internal.engine.DiskWrites}),
 *       and what follows its last byte ({@link dev.arietta.internal.engine.PostDownload}).</li>
 *   <li>Metalink documents become downloads in
 *       {@link dev.arietta.internal.engine.MetalinkDownloads}, their BitTorrent metaurls in
 *       {@link dev.arietta.internal.engine.TorrentMetaurls}.</li>
 * </ul>
 *
 * <p>Threading (DESIGN §2): every piece of download state is owned by the session's I/O loop
 * thread; public calls are posted to it. Disk work runs on the disk executor (one serial
 * queue per download), hashing (whole files, Metalink and BitTorrent pieces) on the hash
 * executor, listener calls on the callback executor (one serial queue per download, so events
 * keep their order).
 *
 * <p>Internal to Arietta: not exported.
 */
package dev.arietta.internal.engine;
