package dev.arietta.internal.engine;

import dev.arietta.DownloadState;
import dev.arietta.DownloadStatus;
import dev.arietta.FileStatus;
import dev.arietta.Option;
import dev.arietta.ServerStatus;
import dev.arietta.UriStatus;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.http.internal.transfer.MirrorSample;
import dev.arietta.http.internal.transfer.ServerSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Builds the immutable status records of a {@link UriJob}, on the loop thread. */
final class StatusSnapshots {

    private StatusSnapshots() {
    }

    static DownloadStatus of(UriJob job) {
        boolean active = job.state == DownloadState.ACTIVE && job.transfer != null;
        long total = job.transfer != null ? job.transfer.totalLength() : job.totalLength;
        long completed = job.transfer != null ? job.transfer.completedLength() : job.completedLength;
        long pieceLength = job.pieceLength();
        Bitfield pieces = job.piecesOnDisk();
        String bitfield = total < 0 ? "" : HexFormat.of().formatHex(pieces.toByteArray());
        Path dir = job.effective().get(Option.DIR);
        Path path = job.filePath != null ? job.filePath
                : job.metalink != null ? dir.resolve(job.metalink.name()) : Path.of("");
        FileStatus file = new FileStatus(1, path, total, completed, true, uris(job));
        return new DownloadStatus(job.gidText, job.state, total, completed, 0,
                active ? job.transfer.downloadSpeed() : 0, 0, active ? job.transfer.connectionCount() : 0,
                pieceLength, total < 0 ? 0 : pieces.size(), bitfield, dir, List.of(file), job.errorCode,
                job.errorMessage, List.copyOf(job.followedBy), Optional.ofNullable(job.following), Optional.empty());
    }

    private static List<UriStatus> uris(UriJob job) {
        List<UriStatus> result = new ArrayList<>(job.uris.size());
        List<MirrorSample> mirrors = job.transfer == null ? List.of() : job.transfer.mirrors();
        for (String uri : job.uris) {
            boolean used = false;
            for (MirrorSample mirror : mirrors) {
                if (mirror.uri().toString().equals(uri) && mirror.used()) {
                    used = true;
                    break;
                }
            }
            result.add(new UriStatus(uri, used));
        }
        return result;
    }

    static List<ServerStatus> servers(UriJob job) {
        if (job.state != DownloadState.ACTIVE || job.transfer == null) {
            return List.of();
        }
        List<ServerStatus> result = new ArrayList<>();
        for (ServerSample sample : job.transfer.servers()) {
            result.add(new ServerStatus(1, sample.uri().toString(), sample.uri().toString(), sample.bytesPerSecond()));
        }
        return result;
    }
}
