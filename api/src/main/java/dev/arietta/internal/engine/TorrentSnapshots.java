package dev.arietta.internal.engine;

import dev.arietta.BitTorrentInfo;
import dev.arietta.DownloadState;
import dev.arietta.DownloadStatus;
import dev.arietta.FileStatus;
import dev.arietta.Option;
import dev.arietta.PeerInfo;
import dev.arietta.UriStatus;
import dev.arietta.bittorrent.internal.swarm.PeerStatus;
import dev.arietta.bittorrent.internal.swarm.SwarmStatus;
import dev.arietta.bittorrent.metainfo.TorrentFile;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the public status records of a {@link TorrentJob}, on the loop thread.
 *
 * <p>Files are numbered as aria2 numbers a torrent's files (1-based, torrent order, BEP 47
 * padding files counted, so {@code select-file} indexes match aria2's); padding files are never
 * written and are left out of the list.
 */
final class TorrentSnapshots {

    private TorrentSnapshots() {
    }

    /** @param swarm the swarm's status, or null before its first run */
    static DownloadStatus of(TorrentJob job, SwarmStatus swarm) {
        TorrentMetainfo metainfo = job.metainfo;
        Path dir = job.effective().get(Option.DIR);
        boolean active = job.state == DownloadState.ACTIVE && swarm != null;
        List<FileStatus> files = swarm != null ? files(swarm, job.webSeeds()) : plannedFiles(job);
        long total = 0;
        long completed = 0;
        for (FileStatus file : files) {
            if (file.selected()) {
                total += file.length();
                completed += file.completedLength();
            }
        }
        String bitfield = swarm != null ? HexFormat.of().formatHex(swarm.verifiedPieces().toByteArray())
                : HexFormat.of().formatHex(new byte[(metainfo.pieceCount() + 7) / 8]);
        BitTorrentInfo info = new BitTorrentInfo(metainfo.infoHash().hex(), metainfo.name(), metainfo.isMultiFile(),
                metainfo.announceTiers(), metainfo.comment(), metainfo.creationDate(), metainfo.isPrivate(),
                active ? swarm.seeders() : 0, swarm != null && swarm.isComplete());
        return new DownloadStatus(job.gidText, job.state, total, completed, swarm != null ? swarm.uploadedBytes() : 0,
                active ? swarm.downloadSpeed() : 0, active ? swarm.uploadSpeed() : 0,
                active ? swarm.connections() : 0, metainfo.pieceLength(), metainfo.pieceCount(), bitfield, dir, files,
                job.errorCode, job.errorMessage, List.copyOf(job.followedBy), Optional.ofNullable(job.following),
                Optional.of(info));
    }

    private static List<FileStatus> files(SwarmStatus swarm, List<String> webSeeds) {
        List<UriStatus> uris = uris(webSeeds);
        List<FileStatus> files = new ArrayList<>(swarm.files().size());
        for (var file : swarm.files()) {
            if (!file.padding()) {
                files.add(new FileStatus(file.index() + 1, file.path(), file.length(), file.completedLength(),
                        file.selected(), uris));
            }
        }
        return files;
    }

    /** The files before the first run: where the torrent puts them, nothing completed. */
    private static List<FileStatus> plannedFiles(TorrentJob job) {
        TorrentMetainfo metainfo = job.metainfo;
        Path dir = job.effective().get(Option.DIR);
        Set<Integer> selected;
        try {
            selected = EngineSettings.selectedFiles(job.effective().get(Option.SELECT_FILE), metainfo);
        } catch (IllegalArgumentException noneSelected) {
            selected = Set.of(-1);
        }
        List<UriStatus> uris = uris(job.webSeeds());
        List<FileStatus> files = new ArrayList<>();
        List<TorrentFile> torrentFiles = metainfo.files();
        for (int index = 0; index < torrentFiles.size(); index++) {
            TorrentFile file = torrentFiles.get(index);
            if (!file.padding()) {
                Path path = metainfo.isMultiFile() ? dir.resolve(metainfo.name()).resolve(file.joinedPath())
                        : dir.resolve(file.joinedPath());
                files.add(new FileStatus(index + 1, path, file.length(), 0, selected.isEmpty()
                        || selected.contains(index), uris));
            }
        }
        return files;
    }

    private static List<UriStatus> uris(List<String> webSeeds) {
        return webSeeds.stream().map(uri -> new UriStatus(uri, false)).toList();
    }

    /** The paths of the selected files that are written (no padding). */
    static List<Path> paths(TorrentJob job, SwarmStatus swarm) {
        List<Path> paths = new ArrayList<>();
        for (FileStatus file : swarm != null ? files(swarm, List.of()) : plannedFiles(job)) {
            if (file.selected()) {
                paths.add(file.path());
            }
        }
        return paths;
    }

    static List<PeerInfo> peers(SwarmStatus swarm) {
        List<PeerInfo> peers = new ArrayList<>(swarm.peers().size());
        for (PeerStatus peer : swarm.peers()) {
            peers.add(new PeerInfo(peer.address(), peer.peerId(), peer.client(), peer.incoming(), peer.amChoking(),
                    peer.amInterested(), peer.peerChoking(), peer.peerInterested(), peer.seed(), peer.snubbed(),
                    peer.downloadSpeed(), peer.uploadSpeed(), HexFormat.of().formatHex(peer.pieces().toByteArray())));
        }
        return peers;
    }
}
