package dev.arietta.http.internal.transfer;

import dev.arietta.core.internal.picker.SegmentSelector;

/**
 * How a {@link SegmentedTransfer} works, from the download's aria2 options. Immutable.
 *
 * @param split                  most connections at once ({@code split}), at least 1
 * @param maxConnectionsPerHost  most connections to one host ({@code max-connection-per-server}), at least 1
 * @param minSplitSize           bytes; no range below twice this is split ({@code min-split-size})
 * @param pieceLength            bytes; split points are multiples of it ({@code piece-length})
 * @param selector               where new connections start ({@code stream-piece-selector})
 * @param preferFaster           choose the fastest measured mirror ({@code uri-selector=feedback}
 *                               or {@code adaptive}) rather than the given order ({@code inorder})
 * @param maxTries               failures per mirror before it is dropped, 0 for unlimited ({@code max-tries})
 * @param retryWaitNanos         wait before retrying a mirror that failed ({@code retry-wait}), nanoseconds
 * @param maxFileNotFound        "not found" answers before the download fails with error 4, 0 never
 *                               ({@code max-file-not-found})
 * @param lowestSpeedLimit       bytes/s at or below which the download fails with error 5 once past
 *                               {@code speedCheckGraceNanos}, 0 never ({@code lowest-speed-limit})
 * @param speedCheckGraceNanos   how long after it starts a transfer is exempt from the lowest speed
 *                               check, nanoseconds; default {@link #DEFAULT_SPEED_CHECK_GRACE_NANOS}
 * @param maxBuffersInFlight     buffers handed to the disk and not yet written before connections
 *                               pause (bounds memory); default {@link #DEFAULT_MAX_BUFFERS_IN_FLIGHT}
 * @param reuseUri               whether a mirror may carry more than one connection at a time
 *                               ({@code reuse-uri}); without it each mirror carries at most one, so
 *                               {@code split} is capped at the number of mirrors; default true
 * @param alwaysResume           whether bytes already on disk must be kept when a source cannot
 *                               resume them ({@code always-resume}): such a source is dropped and,
 *                               with none left, the transfer fails with
 *                               {@link dev.arietta.core.ErrorCode#CANNOT_RESUME}; false downloads
 *                               the file from scratch instead, see {@code maxResumeFailureTries};
 *                               default true
 * @param maxResumeFailureTries  with {@code alwaysResume} false, how many sources that cannot resume
 *                               are dropped before the file is downloaded from scratch; 0 waits
 *                               until no source is left ({@code max-resume-failure-tries});
 *                               default 0
 */
public record TransferSettings(int split, int maxConnectionsPerHost, long minSplitSize, long pieceLength,
                               SegmentSelector selector, boolean preferFaster, int maxTries, long retryWaitNanos,
                               int maxFileNotFound, long lowestSpeedLimit, long speedCheckGraceNanos,
                               int maxBuffersInFlight, boolean reuseUri, boolean alwaysResume,
                               int maxResumeFailureTries) {

    /** Default grace before the lowest speed check applies: 10 s. */
    public static final long DEFAULT_SPEED_CHECK_GRACE_NANOS = 10_000_000_000L;
    /** Default most disk buffers in flight per transfer: 256 (16 MiB of 64 KiB buffers). */
    public static final int DEFAULT_MAX_BUFFERS_IN_FLIGHT = 256;

    public TransferSettings {
        if (split < 1 || maxConnectionsPerHost < 1 || minSplitSize < 1 || pieceLength < 1 || maxTries < 0
                || retryWaitNanos < 0 || maxFileNotFound < 0 || lowestSpeedLimit < 0 || speedCheckGraceNanos < 0
                || maxBuffersInFlight < 1 || maxResumeFailureTries < 0 || selector == null) {
            throw new IllegalArgumentException("bad transfer settings " + split + "/" + maxConnectionsPerHost + "/"
                    + minSplitSize + "/" + pieceLength + "/" + maxTries + "/" + retryWaitNanos + "/" + maxFileNotFound
                    + "/" + lowestSpeedLimit + "/" + maxBuffersInFlight + "/" + maxResumeFailureTries);
        }
    }

    /** Settings with aria2's defaults for {@code reuse-uri}, {@code always-resume} and {@code max-resume-failure-tries}. */
    public TransferSettings(int split, int maxConnectionsPerHost, long minSplitSize, long pieceLength,
                            SegmentSelector selector, boolean preferFaster, int maxTries, long retryWaitNanos,
                            int maxFileNotFound, long lowestSpeedLimit, long speedCheckGraceNanos,
                            int maxBuffersInFlight) {
        this(split, maxConnectionsPerHost, minSplitSize, pieceLength, selector, preferFaster, maxTries, retryWaitNanos,
                maxFileNotFound, lowestSpeedLimit, speedCheckGraceNanos, maxBuffersInFlight, true, true, 0);
    }
}
