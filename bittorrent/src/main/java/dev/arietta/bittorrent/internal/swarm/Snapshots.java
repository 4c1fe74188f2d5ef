package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.swarm.storage.TorrentStorage;
import dev.arietta.bittorrent.internal.wire.PeerConnection;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.storage.FileEntry;
import dev.arietta.core.internal.storage.FileLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the status records of a running torrent. Loop thread only. */
final class Snapshots {

    private Snapshots() {
    }

    static PeerStatus peer(PeerSession peer) {
        PeerConnection connection = peer.connection;
        String peerId = connection.peerId().toString();
        return new PeerStatus(connection.remoteAddress(), peerId, peer.client.orElse(clientOf(peerId)),
                connection.isIncoming(), connection.amChoking(), connection.amInterested(), connection.peerChoking(),
                connection.peerInterested(), peer.seed, connection.isSnubbed(), connection.downloadRate(),
                connection.uploadRate(), connection.downloadedBytes(), connection.uploadedBytes(), peer.pieces);
    }

    /** BEP 20's Azureus-style prefix ({@code -LT2080-}), or the id's first eight characters. */
    static String clientOf(String peerId) {
        if (peerId.length() >= 8 && peerId.charAt(0) == '-' && peerId.charAt(7) == '-') {
            return peerId.substring(1, 7);
        }
        return peerId.substring(0, Math.min(8, peerId.length()));
    }

    /** The status of a swarm never started: nothing verified, nobody connected. */
    static SwarmStatus neverStarted(Swarm swarm) {
        TorrentMetainfo metainfo = swarm.metainfo();
        FileLayout layout = TorrentStorage.layoutOf(metainfo);
        Bitfield selected = Torrent.selection(metainfo, swarm.settings());
        List<FileStatus> files = new ArrayList<>(layout.fileCount());
        for (int file = 0; file < layout.fileCount(); file++) {
            FileEntry entry = layout.file(file);
            files.add(new FileStatus(file, swarm.settings().directory().resolve(entry.path()), entry.length(), 0,
                    selected.get(file), entry.padding()));
        }
        return new SwarmStatus(metainfo.infoHash(), SwarmState.STOPPED, selectedLength(layout, selected), 0, 0, 0, 0,
                0, 0, 0, List.of(), new Bitfield(metainfo.pieceCount()), files, List.of(), 0, "");
    }

    static long selectedLength(FileLayout layout, Bitfield selectedFiles) {
        long total = 0;
        for (int file = 0; file < layout.fileCount(); file++) {
            FileEntry entry = layout.file(file);
            if (selectedFiles.get(file) && !entry.padding()) {
                total += entry.length();
            }
        }
        return total;
    }

    static List<FileStatus> files(Torrent torrent) {
        FileLayout layout = torrent.layout;
        List<FileStatus> files = new ArrayList<>(layout.fileCount());
        Path directory = torrent.settings().directory();
        for (int file = 0; file < layout.fileCount(); file++) {
            FileEntry entry = layout.file(file);
            Path path = torrent.storage != null ? torrent.storage.targets().get(file).path()
                    : directory.resolve(entry.path());
            long completed = torrent.progress != null ? torrent.progress.completedLength(file) : 0;
            files.add(new FileStatus(file, path, entry.length(), completed, torrent.selectedFiles.get(file),
                    entry.padding()));
        }
        return files;
    }
}
