package dev.arietta.internal.engine;

import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.StreamPieceSelector;
import dev.arietta.UriSelector;
import dev.arietta.core.internal.picker.SegmentSelector;
import dev.arietta.bittorrent.internal.swarm.SwarmSettings;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.storage.AllocationMode;
import dev.arietta.core.internal.storage.ExistingFilePolicy;
import dev.arietta.http.internal.transfer.TransferSettings;
import dev.arietta.internal.options.FileIndexes;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Translates aria2 options into the settings of a transfer or a swarm. */
final class EngineSettings {

    /**
     * Size of the buffers received bytes travel to the disk in: 256 KiB. HTTP bodies are read
     * straight into them, so each is one read and one positional write; four times the usual
     * 64 KiB means a quarter of the system calls and per-buffer work (loopback harness).
     */
    static final int TRANSFER_BUFFER_BYTES = 256 * 1024;

    /** Buffers of one transfer on their way to disk before its connections pause: 64 (16 MiB). */
    static final int TRANSFER_BUFFERS_IN_FLIGHT = 64;

    private EngineSettings() {
    }

    /**
     * An HTTP/FTP transfer's settings from its effective options, with segments on multiples of
     * {@code pieceLength} ({@code piece-length}, or a Metalink's when it has piece hashes).
     */
    static TransferSettings transfer(Options options, long speedCheckGraceNanos, long pieceLength) {
        return new TransferSettings(options.get(Option.SPLIT), options.get(Option.MAX_CONNECTION_PER_SERVER),
                options.get(Option.MIN_SPLIT_SIZE), pieceLength,
                selector(options.get(Option.STREAM_PIECE_SELECTOR)),
                options.get(Option.URI_SELECTOR) != UriSelector.INORDER, options.get(Option.MAX_TRIES),
                options.get(Option.RETRY_WAIT).toNanos(), options.get(Option.MAX_FILE_NOT_FOUND),
                options.get(Option.LOWEST_SPEED_LIMIT), speedCheckGraceNanos,
                TRANSFER_BUFFERS_IN_FLIGHT, options.get(Option.REUSE_URI),
                options.get(Option.ALWAYS_RESUME), options.get(Option.MAX_RESUME_FAILURE_TRIES))
                .withFirstRequest(options.get(Option.USE_HEAD), options.get(Option.HTTP_ACCEPT_GZIP));
    }

    private static SegmentSelector selector(StreamPieceSelector selector) {
        return switch (selector) {
            case DEFAULT -> SegmentSelector.DEFAULT;
            case INORDER -> SegmentSelector.INORDER;
            case RANDOM -> SegmentSelector.RANDOM;
            case GEOM -> SegmentSelector.GEOM;
        };
    }

    /**
     * A torrent's swarm settings from its effective options.
     *
     * @param diskCacheBytes this download's share of {@code disk-cache}
     * @param webSeeds       web seeds given when the torrent was added
     * @throws IllegalArgumentException if {@code select-file} selects no file of the torrent
     */
    static SwarmSettings swarm(Options options, TorrentMetainfo metainfo, long diskCacheBytes, List<String> webSeeds) {
        return SwarmSettings.builder(options.get(Option.DIR))
                .existingFiles(ExistingFilePolicy.builder().allowOverwrite(options.get(Option.ALLOW_OVERWRITE))
                        .autoRename(options.get(Option.AUTO_FILE_RENAMING)).build())
                .allocation(AllocationMode.fromOptionValue(options.get(Option.FILE_ALLOCATION).optionValue()))
                .diskCacheBytes(Math.min(diskCacheBytes, Integer.MAX_VALUE))
                .selectedFiles(selectedFiles(options.get(Option.SELECT_FILE), metainfo))
                .maxPeers(options.get(Option.BT_MAX_PEERS))
                .maxUploadLimit(options.get(Option.MAX_UPLOAD_LIMIT))
                .maxDownloadLimit(options.get(Option.MAX_DOWNLOAD_LIMIT))
                .seedRatio(options.get(Option.SEED_RATIO))
                .seedTime(Optional.ofNullable(options.get(Option.SEED_TIME)))
                .checkIntegrity(options.get(Option.CHECK_INTEGRITY))
                .hashCheckSeed(options.get(Option.BT_HASH_CHECK_SEED))
                .extraTrackers(orEmpty(options.get(Option.BT_TRACKER)))
                .excludedTrackers(orEmpty(options.get(Option.BT_EXCLUDE_TRACKER)))
                .webSeeds(webSeeds.stream().map(URI::create).toList())
                .resumeSaveInterval(resumeSaveInterval(options.get(Option.AUTO_SAVE_INTERVAL)))
                .build();
    }

    /**
     * {@code select-file} (1-based, padding files counted, as aria2 numbers a torrent's files)
     * as the swarm's 0-based indexes; empty (all files) when not set.
     *
     * @throws IllegalArgumentException if it names no file of the torrent
     */
    static Set<Integer> selectedFiles(String selectFile, TorrentMetainfo metainfo) {
        if (selectFile == null) {
            return Set.of();
        }
        FileIndexes indexes = FileIndexes.parse(selectFile);
        Set<Integer> selected = new TreeSet<>();
        for (int index = 1; index <= metainfo.files().size(); index++) {
            if (indexes.contains(index)) {
                selected.add(index - 1);
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("select-file=" + selectFile + " names no file of the torrent, which has "
                    + metainfo.files().size());
        }
        return selected;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    /**
     * How often resume state is saved while data flows: {@code auto-save-interval}, but at
     * least every {@link UriJob#RESUME_SAVE_INTERVAL_NANOS} (aria2 waits 60 s and a crash loses
     * all of it); 0 saves only when the download stops.
     */
    static Duration resumeSaveInterval(Duration autoSaveInterval) {
        if (autoSaveInterval.isZero()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.min(autoSaveInterval.toNanos(), UriJob.RESUME_SAVE_INTERVAL_NANOS));
    }
}
