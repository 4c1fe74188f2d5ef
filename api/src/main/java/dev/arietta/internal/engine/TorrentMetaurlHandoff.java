package dev.arietta.internal.engine;

import dev.arietta.DownloadHandle;
import dev.arietta.Options;
import dev.arietta.metalink.Metaurl;
import java.util.List;
import java.util.Optional;

/**
 * The one hook through which BitTorrent joins Metalink downloads. When a Metalink is added,
 * the engine groups the selected files by their best BitTorrent {@code metaurl} (files sharing
 * one .torrent are one swarm, downloaded with file selection, as aria2 does) and offers each
 * group here before making HTTP/FTP downloads of them.
 *
 * <p>Sessions use {@link TorrentMetaurls}, which fetches the .torrent and downloads the files
 * through BitTorrent; {@link Engine#torrentMetaurlHandoff} puts another in place. Files a hook
 * declines download from their {@code url} mirrors (their metaurls stay recorded on the
 * download, {@link MetalinkTarget#torrents()}).
 *
 * <p>Called on the thread adding the Metalink (or the loop, for a followed one); must not block.
 */
@FunctionalInterface
interface TorrentMetaurlHandoff {

    /**
     * Offers the files that share {@code torrent}.
     *
     * @param torrent  the BitTorrent metaurl (absolute URL; {@link Metaurl#name()} names the file
     *                 inside a multi-file torrent)
     * @param files    the selected files it describes, in document order
     * @param options  the options of the downloads made for the files
     * @param paused   whether those downloads are added paused
     * @param position where in the waiting queue, as {@code addMetalink}'s position
     * @return the downloads started for them, or empty to leave them to HTTP/FTP
     */
    Optional<List<DownloadHandle>> take(Metaurl torrent, List<MetalinkTarget> files, Options options, boolean paused,
                                        int position);
}
