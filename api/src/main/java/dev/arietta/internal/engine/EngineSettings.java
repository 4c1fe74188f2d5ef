package dev.arietta.internal.engine;

import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.StreamPieceSelector;
import dev.arietta.UriSelector;
import dev.arietta.core.internal.picker.SegmentSelector;
import dev.arietta.http.internal.transfer.TransferSettings;

/** Translates aria2 options into the transfer's settings. */
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

    static TransferSettings transfer(Options options, long speedCheckGraceNanos) {
        return transfer(options, speedCheckGraceNanos, options.get(Option.PIECE_LENGTH));
    }

    /** As {@link #transfer(Options, long)} with segments on multiples of {@code pieceLength} (a Metalink's). */
    static TransferSettings transfer(Options options, long speedCheckGraceNanos, long pieceLength) {
        return new TransferSettings(options.get(Option.SPLIT), options.get(Option.MAX_CONNECTION_PER_SERVER),
                options.get(Option.MIN_SPLIT_SIZE), pieceLength,
                selector(options.get(Option.STREAM_PIECE_SELECTOR)),
                options.get(Option.URI_SELECTOR) != UriSelector.INORDER, options.get(Option.MAX_TRIES),
                options.get(Option.RETRY_WAIT).toNanos(), options.get(Option.MAX_FILE_NOT_FOUND),
                options.get(Option.LOWEST_SPEED_LIMIT), speedCheckGraceNanos,
                TRANSFER_BUFFERS_IN_FLIGHT, options.get(Option.REUSE_URI),
                options.get(Option.ALWAYS_RESUME), options.get(Option.MAX_RESUME_FAILURE_TRIES));
    }

    static SegmentSelector selector(StreamPieceSelector selector) {
        return switch (selector) {
            case DEFAULT -> SegmentSelector.DEFAULT;
            case INORDER -> SegmentSelector.INORDER;
            case RANDOM -> SegmentSelector.RANDOM;
            case GEOM -> SegmentSelector.GEOM;
        };
    }
}
