/**
 * Arietta's protocol-independent download machinery.
 *
 * <p>{@code dev.arietta.core} is the only package exported to everyone: the error codes a
 * stopped download reports. The rest — file layout and storage, piece state, the piece
 * picker, hashing, resume state and rate limits — is implementation shared with Arietta's
 * own modules through qualified exports.
 */
module dev.arietta.core {
    requires org.slf4j;
    requires org.apache.commons.codec;

    exports dev.arietta.core;

    // Internal packages, one line each, exported only to Arietta's own modules.
    exports dev.arietta.core.internal.piece to dev.arietta.benchmarks, dev.arietta.api, dev.arietta.bittorrent;
    exports dev.arietta.core.internal.storage to dev.arietta.benchmarks, dev.arietta.api, dev.arietta.bittorrent;
    exports dev.arietta.core.internal.hash to dev.arietta.benchmarks, dev.arietta.api, dev.arietta.bittorrent;
    exports dev.arietta.core.internal.resume to dev.arietta.benchmarks, dev.arietta.api, dev.arietta.bittorrent;
    exports dev.arietta.core.internal.ratelimit to dev.arietta.benchmarks, dev.arietta.api, dev.arietta.httpftp, dev.arietta.bittorrent;
    exports dev.arietta.core.internal.picker to dev.arietta.benchmarks, dev.arietta.httpftp, dev.arietta.api, dev.arietta.bittorrent;
    exports dev.arietta.core.internal.loop to dev.arietta.httpftp, dev.arietta.benchmarks, dev.arietta.api, dev.arietta.bittorrent;
}
