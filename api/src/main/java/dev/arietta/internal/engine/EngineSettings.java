package dev.arietta.internal.engine;

import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.StreamPieceSelector;
import dev.arietta.UriSelector;
import dev.arietta.core.internal.picker.SegmentSelector;
import dev.arietta.http.internal.transfer.TransferSettings;

/** Translates aria2 options into the transfer's settings. */
final class EngineSettings {

    private EngineSettings() {
    }

    static TransferSettings transfer(Options options, long speedCheckGraceNanos) {
        return new TransferSettings(options.get(Option.SPLIT), options.get(Option.MAX_CONNECTION_PER_SERVER),
                options.get(Option.MIN_SPLIT_SIZE), options.get(Option.PIECE_LENGTH),
                selector(options.get(Option.STREAM_PIECE_SELECTOR)),
                options.get(Option.URI_SELECTOR) != UriSelector.INORDER, options.get(Option.MAX_TRIES),
                options.get(Option.RETRY_WAIT).toNanos(), options.get(Option.MAX_FILE_NOT_FOUND),
                options.get(Option.LOWEST_SPEED_LIMIT), speedCheckGraceNanos,
                TransferSettings.DEFAULT_MAX_BUFFERS_IN_FLIGHT, options.get(Option.REUSE_URI),
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
