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
 * @param headFirst              whether the first request to an HTTP(S) source asks only for the
 *                               answer's headers ({@code HEAD}, aria2's {@code use-head}); the
 *                               length, range support ({@code Accept-Ranges: bytes}) and name come
 *                               from it, the data from the requests that follow; default false
 * @param wholeFirst             whether the first request asks for the whole entity rather than
 *                               for one piece (aria2's {@code http-accept-gzip}: a compressed
 *                               answer can only come whole, as one stream of unknown length);
 *                               default false
 */
public record TransferSettings(int split, int maxConnectionsPerHost, long minSplitSize, long pieceLength,
                               SegmentSelector selector, boolean preferFaster, int maxTries, long retryWaitNanos,
                               int maxFileNotFound, long lowestSpeedLimit, long speedCheckGraceNanos,
                               int maxBuffersInFlight, boolean reuseUri, boolean alwaysResume,
                               int maxResumeFailureTries, boolean headFirst, boolean wholeFirst) {

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

    /** Settings with a first request for one piece of data (no {@code use-head}, no {@code http-accept-gzip}). */
    public TransferSettings(int split, int maxConnectionsPerHost, long minSplitSize, long pieceLength,
                            SegmentSelector selector, boolean preferFaster, int maxTries, long retryWaitNanos,
                            int maxFileNotFound, long lowestSpeedLimit, long speedCheckGraceNanos,
                            int maxBuffersInFlight, boolean reuseUri, boolean alwaysResume, int maxResumeFailureTries) {
        this(split, maxConnectionsPerHost, minSplitSize, pieceLength, selector, preferFaster, maxTries, retryWaitNanos,
                maxFileNotFound, lowestSpeedLimit, speedCheckGraceNanos, maxBuffersInFlight, reuseUri, alwaysResume,
                maxResumeFailureTries, false, false);
    }

    /** These settings with {@link #headFirst()} and {@link #wholeFirst()} as given. */
    public TransferSettings withFirstRequest(boolean head, boolean whole) {
        return new TransferSettings(split, maxConnectionsPerHost, minSplitSize, pieceLength, selector, preferFaster,
                maxTries, retryWaitNanos, maxFileNotFound, lowestSpeedLimit, speedCheckGraceNanos, maxBuffersInFlight,
                reuseUri, alwaysResume, maxResumeFailureTries, head, whole);
    }

    /** Settings with aria2's defaults for {@code reuse-uri}, {@code always-resume} and {@code max-resume-failure-tries}. */
    public TransferSettings(int split, int maxConnectionsPerHost, long minSplitSize, long pieceLength,
                            SegmentSelector selector, boolean preferFaster, int maxTries, long retryWaitNanos,
                            int maxFileNotFound, long lowestSpeedLimit, long speedCheckGraceNanos,
                            int maxBuffersInFlight) {
        this(split, maxConnectionsPerHost, minSplitSize, pieceLength, selector, preferFaster, maxTries, retryWaitNanos,
                maxFileNotFound, lowestSpeedLimit, speedCheckGraceNanos, maxBuffersInFlight, true, true, 0, false, false);
    }
}
