package dev.arietta.http.internal.transfer;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.TimerScheduler;
import dev.arietta.core.internal.picker.Segment;
import dev.arietta.core.internal.picker.SegmentAllocator;
import dev.arietta.core.internal.picker.SegmentOptions;
import dev.arietta.core.internal.ratelimit.RateLimiter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The segmented multi-source download of one file.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>{@link #start()}: one connection asks the first usable mirror for the first piece
 *       ({@code bytes=0-<piece-length - 1>}); the 206 answer gives the length and proves
 *       ranges work, and the connection then carries on with the rest of its share. A server
 *       that refuses the bounded range is asked again for the whole file
 *       ({@code bytes=0-}, where a 200 is accepted). Asking for one piece first keeps the
 *       bytes a resumed download fetches needlessly to one piece, even from a fast local
 *       server that would otherwise fill the socket buffers with the whole file.
 *       {@link FirstRequest} has the variants: the whole file first ({@code http-accept-gzip}),
 *       or only the headers first ({@code use-head}), the data then coming from the
 *       connections {@link #proceed} opens.</li>
 *   <li>{@link TransferListener#onFirstResponse}: the engine prepares the file while that
 *       connection keeps streaming, then calls {@link #proceed} with the ranges already on
 *       disk (resume), or {@link #abort}.</li>
 *   <li>Up to {@code split} connections share the rest through a {@link SegmentAllocator}
 *       (largest gap first, {@code min-split-size}, split points on {@code piece-length});
 *       at most {@code max-connection-per-server} per host; a connection that finishes early
 *       takes half of the largest remaining range. Mirrors are chosen in order or, with
 *       feedback, fastest first.</li>
 *   <li>Received bytes are copied into pooled buffers and handed to the {@link TransferSink};
 *       when too many are in flight every connection pauses (bounded memory). A per-download
 *       {@link RateLimiter.Child} throttles by pausing connections that overdraw it.</li>
 *   <li>A failed connection gives its unfinished range back; its mirror is retried after
 *       {@code retry-wait}, and dropped after {@code max-tries} failures, a "not found" or
 *       a fatal answer. With no mirror left the transfer fails with the last error's code
 *       ({@code max-file-not-found} "not found" answers fail it with
 *       {@link ErrorCode#MAX_FILE_NOT_FOUND}); a download speed at or below
 *       {@code lowest-speed-limit} fails it with {@link ErrorCode#TOO_SLOW}.</li>
 *   <li>End-game ({@link EndGame}): when nothing is left to hand out and a connection slot is
 *       free, the slowest remaining range is raced from its current position on a mirror
 *       measured at least twice as fast; whichever connection reaches the end first wins and
 *       the other is cancelled. Each byte is taken from the connection that delivers it first,
 *       so nothing is written twice.</li>
 *   <li>Every source answer passes {@link TransferListener#checkResponse} first (Metalink/HTTP
 *       digests); which mirror supplied which bytes is remembered, so that bytes failing a
 *       piece hash can be thrown away with {@link #discard}, fetched again, and blamed.</li>
 *   <li>When every byte is written and {@link TransferListener#allWrittenVerified},
 *       {@link TransferListener#onComplete}.</li>
 * </ol>
 *
 * <p>A source that ignores ranges (200 to the first request) is read by one connection only;
 * if it breaks, the file is fetched again from the start. Unknown length (chunked): one
 * stream to EOF.
 *
 * <p>Resuming ({@link ResumeRules}: aria2's {@code always-resume},
 * {@code max-resume-failure-tries}): a source that cannot continue the bytes already on disk
 * (it ignores the range of a request that does not start at 0, or, as the first source,
 * answers without ranges while {@link #proceed} reports data on disk) is dropped, and the rules
 * may start the file over from byte 0.
 *
 * <p>Conditional requests: when the first answer is "not modified" the transfer stops and
 * tells {@link TransferListener#onNotModified}.
 *
 * <p>Each fetch is a {@link TransferConnection}, which handles its bytes, throttling and race
 * partner and passes its start, end and failure here.
 *
 * <p>Not thread-safe: every method runs on the loop thread that owns the download.
 */
public final class SegmentedTransfer {

    /** Interval of the speed check: 1 s. */
    public static final long TICK_NANOS = 1_000_000_000L;

    /** Where the transfer is in its lifecycle. */
    public enum State { NEW, PROBING, PREPARING, RUNNING, COMPLETE, FAILED, STOPPED }

    private final TransferSettings settings;
    private final TimerScheduler timers;
    private final BufferPool buffers;
    private final TransferSink sink;
    private final TransferListener listener;
    private final RandomGenerator random;
    private final MirrorSet mirrors;
    private final ResumeRules resume;
    private final List<TransferConnection> connections = new ArrayList<>();
    private final WrittenRanges written = new WrittenRanges();
    private final RangeSuppliers<Mirror> suppliers = new RangeSuppliers<>();
    private final SpeedMeter speed;
    private SegmentAllocator allocator;
    private RateLimiter.Child rate;
    private State state = State.NEW;
    private boolean rangeSupported;
    private final FirstRequest firstRequest;
    private final DiskBackpressure backpressure;
    private Cancellable tickTimer;
    private Cancellable refillTimer;
    private long startNanos;

    /**
     * @param settings the download's transfer settings
     * @param uris     the mirrors, in the order given (at least one)
     * @param fetchers one per supported protocol
     * @param timers   the loop's timers and clock
     * @param buffers  pool of the buffers handed to the sink
     * @param sink     where bytes go
     * @param listener hears milestones
     * @param random   for the random segment selector
     */
    public SegmentedTransfer(TransferSettings settings, List<URI> uris, List<SourceFetcher> fetchers,
                             TimerScheduler timers, BufferPool buffers, TransferSink sink, TransferListener listener,
                             RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.buffers = Objects.requireNonNull(buffers, "buffers");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.random = Objects.requireNonNull(random, "random");
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("a transfer needs at least one URI");
        }
        this.mirrors = new MirrorSet(settings, uris, fetchers, timers::nanoTime);
        this.resume = new ResumeRules(settings, mirrors);
        this.firstRequest = new FirstRequest(settings);
        this.speed = new SpeedMeter(timers::nanoTime);
        this.backpressure = new DiskBackpressure(settings.maxBuffersInFlight());
    }

    // ---- control -----------------------------------------------------------------------------

    /** Starts the first connection. */
    public void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("transfer already started: " + state);
        }
        state = State.PROBING;
        startNanos = timers.nanoTime();
        allocator = new SegmentAllocator(SegmentAllocator.UNKNOWN_LENGTH, segmentOptions(), random);
        tickTimer = timers.schedule(TICK_NANOS, this::tick);
        fill();
    }

    /**
     * The file is ready: continue with every connection. {@code doneRanges} are
     * {@code [start, end)} pairs already on disk (resume); they are not fetched again.
     */
    public void proceed(List<long[]> doneRanges) {
        if (state != State.PREPARING) {
            return;
        }
        state = State.RUNNING;
        if (!rangeSupported && ResumeRules.resumesFromDisk(doneRanges, allocator.totalLength())
                && !connections.isEmpty() && !connections.get(0).headersOnly && keepStreamingFromScratch()) {
            // The first source streams the file from byte 0 and the download starts over with it.
            updatePauseOfEveryConnection();
        } else if (doneRanges.isEmpty()) {
            updatePauseOfEveryConnection();
        } else {
            // The first connection streams from 0; whatever it still lacks is allocated afresh.
            for (TransferConnection connection : new ArrayList<>(connections)) {
                connection.abandon();
            }
            long total = allocator.totalLength();
            for (long[] range : doneRanges) {
                long end = total == SegmentAllocator.UNKNOWN_LENGTH ? range[1] : Math.min(range[1], total);
                if (end > range[0]) {
                    allocator.markDone(range[0], end);
                    written.add(range[0], end);
                }
            }
        }
        fill();
        checkComplete();
    }

    /**
     * The first source ignored ranges but the file has data on disk: it cannot resume. Drops it
     * and returns false (the caller continues from the disk with the others), or, when
     * {@code always-resume} is off and the rules say so, returns true: the download starts over
     * with the bytes this source is already streaming from byte 0.
     */
    private boolean keepStreamingFromScratch() {
        TransferConnection first = connections.get(0);
        resume.cannotResume(first.mirror, new FetchFailure(ErrorCode.CANNOT_RESUME, first.mirror.uri.getHost()
                + " does not support ranges and cannot continue the data already on disk",
                FetchFailure.Kind.RANGE_UNSUPPORTED, 0));
        if (resume.restartAllowed()) {
            resume.restarted();
            return true;
        }
        first.abandon();
        return false;
    }

    /** A source could not continue the data on disk: drop it, and start over if the rules say so. */
    private void resumeFailed(Mirror mirror, FetchFailure failure) {
        resume.cannotResume(mirror, failure);
        restartFromScratchIfAllowed();
    }

    /** Starts the file over from byte 0 with every source, if the rules allow; returns whether it did. */
    private boolean restartFromScratchIfAllowed() {
        if (!resume.restartAllowed()) {
            return false;
        }
        for (TransferConnection connection : new ArrayList<>(connections)) {
            connection.abandon();
        }
        allocator = new SegmentAllocator(allocator.totalLength(), segmentOptions(), random);
        written.clear();
        resume.restarted();
        return true;
    }

    /** A source without ranges cannot continue a broken stream: start the file again. */
    private void restartIfUnsplittable() {
        if (!rangeSupported && state == State.RUNNING && !allocator.isComplete() && connections.isEmpty()) {
            long total = allocator.totalLength();
            allocator = new SegmentAllocator(total, segmentOptions(), random);
        }
    }

    /** The engine could not prepare the file: fail with its reason. */
    public void abort(ErrorCode code, String message) {
        fail(code, message);
    }

    /** Stops every connection without a listener call (pause, remove, shutdown). Idempotent. */
    public void stop() {
        if (state == State.COMPLETE || state == State.FAILED || state == State.STOPPED) {
            return;
        }
        state = State.STOPPED;
        closeEverything();
    }

    /** Throttles this transfer with a per-download limit (null for none). */
    public void setRateLimit(RateLimiter.Child child) {
        this.rate = child;
    }

    /**
     * Throws away bytes {@code [start, end)}, all written, that failed verification (a piece
     * hash): they are fetched again, and the mirrors that supplied them are blamed. A mirror
     * that supplied all of them is dropped at once; one of several suppliers is dropped on its
     * second bad range. A dropped mirror's connections are abandoned, and its failure
     * ({@link ErrorCode#CHECKSUM_ERROR}, {@code reason}) fails the transfer if no mirror is left.
     *
     * @return the URIs of the mirrors dropped
     */
    public List<URI> discard(long start, long end, String reason) {
        if (isFinished()) {
            return List.of();
        }
        Set<Mirror> blamed = suppliers.suppliersOf(start, end);
        suppliers.forget(start, end);
        written.remove(start, end);
        allocator.markMissing(start, end);
        List<Mirror> dropped = mirrors.blameBadRange(blamed, reason);
        for (TransferConnection connection : new ArrayList<>(connections)) {
            if (dropped.contains(connection.mirror)) {
                connection.abandon();
            }
        }
        fill();
        return dropped.stream().map(mirror -> mirror.uri).toList();
    }

    /** The listener finished its pending checks: complete if every byte is written and verified. */
    public void verified() {
        checkComplete();
    }

    // ---- sink callbacks ------------------------------------------------------------------------

    /** The sink wrote {@code length} bytes at {@code offset}; {@code buffer} goes back to the pool. */
    public void written(long offset, int length, ByteBuffer buffer) {
        buffers.release(buffer);
        boolean resume = backpressure.returned();
        if (isFinished()) {
            return;
        }
        written.add(offset, offset + length);
        if (resume) {
            updatePauseOfEveryConnection();
        }
        checkComplete();
    }

    /** The sink failed to write; the transfer fails with {@code code}. */
    public void writeFailed(ErrorCode code, String message, ByteBuffer buffer) {
        buffers.release(buffer);
        backpressure.returned();
        fail(code, message);
    }

    // ---- queries -------------------------------------------------------------------------------

    public State state() {
        return state;
    }

    /** The file's length, or -1 while unknown. */
    public long totalLength() {
        return allocator == null ? -1 : allocator.totalLength();
    }

    /** Bytes on disk (written by the sink, or found there on resume). */
    public long completedLength() {
        return written.total();
    }

    /** The ranges on disk, {@code [start, end)} pairs in order. */
    public List<long[]> writtenRanges() {
        return written.toList();
    }

    /** Recent download speed in bytes per second. */
    public long downloadSpeed() {
        return speed.bytesPerSecond();
    }

    /** Open connections. */
    public int connectionCount() {
        return connections.size();
    }

    /** One sample per open connection. */
    public List<ServerSample> servers() {
        List<ServerSample> samples = new ArrayList<>(connections.size());
        for (TransferConnection connection : connections) {
            samples.add(new ServerSample(connection.mirror.uri, connection.speed.bytesPerSecond()));
        }
        return samples;
    }

    /** One sample per mirror, in order. */
    public List<MirrorSample> mirrors() {
        return mirrors.samples();
    }

    /** Adds a mirror at {@code index} (clamped to the list); new connections may use it at once. */
    public void addMirror(int index, URI uri) {
        mirrors.add(index, uri);
        if (state == State.RUNNING || state == State.PROBING) {
            fill();
        }
    }

    /**
     * Removes the first mirror with {@code uri} from the list; its open connections finish
     * their current range. Returns whether one was removed.
     */
    public boolean removeMirror(URI uri) {
        return mirrors.remove(uri);
    }

    // ---- for connections -----------------------------------------------------------------------

    /** The current segment allocator (a restart from scratch replaces it). */
    SegmentAllocator allocator() {
        return allocator;
    }

    /** The per-download rate limit, or null. */
    RateLimiter.Child rate() {
        return rate;
    }

    /** Whether connections must hold still: too many buffers in flight, or the file is being prepared. */
    boolean holdsConnections() {
        return backpressure.engaged() || state == State.PREPARING;
    }

    boolean isFinished() {
        return state == State.COMPLETE || state == State.FAILED || state == State.STOPPED;
    }

    /** Remembers that {@code mirror} supplied bytes {@code [start, end)} (blamed if they fail a check). */
    void recordSupplier(long start, long end, Mirror mirror) {
        suppliers.record(start, end, mirror);
    }

    /** A buffer of received bytes for {@code offset} goes to the sink; it comes back through {@link #written}. */
    void deliver(long offset, ByteBuffer buffer) {
        backpressure.handedOut();
        sink.write(offset, buffer);
    }

    /** {@code connection} claimed {@code accepted} new bytes: count them and apply backpressure. */
    void received(long accepted, TransferConnection connection) {
        speed.add(accepted);
        if (backpressure.checkLimit()) {
            updatePauseOfEveryConnection();
        } else {
            connection.updatePause();
        }
    }

    /** {@code connection} left: it no longer counts for its mirror or the split. */
    void closed(TransferConnection connection) {
        connections.remove(connection);
        connection.mirror.connections--;
    }

    /** A source answered; the first answer gives the length and whether ranges work. */
    void connectionStarted(TransferConnection connection, FetchResponse response) {
        FetchFailure refused = listener.checkResponse(connection.mirror.uri, response);
        if (refused != null) {
            connection.handle.cancel();
            connection.onFailure(refused);
            return;
        }
        if (state != State.PROBING) {
            return;
        }
        rangeSupported = response.rangeSupported() && response.totalLength() >= 0;
        if (!rangeSupported) {
            connection.requestEnd = FetchRequest.TO_END;
        }
        if (response.totalLength() >= 0) {
            allocator.setTotalLength(response.totalLength());
        }
        state = State.PREPARING;
        // Hold the first connection while the file is prepared: a resumed download may not need its bytes.
        connection.updatePause();
        listener.onFirstResponse(response);
    }

    /** The source sent everything asked for, or reached EOF. */
    void connectionEnded(TransferConnection connection) {
        Segment segment = connection.segment;
        if (connection.headersOnly) {
            // The answer to a first HEAD: the data comes from the connections proceed() opens.
            if (segment.isActive()) {
                allocator.release(segment);
            }
            connection.finish();
            if (state == State.RUNNING) {
                fill();
                checkComplete();
            }
            return;
        }
        if (segment.isActive()) {
            if (allocator.totalLength() == SegmentAllocator.UNKNOWN_LENGTH || segment.position() >= segment.end()) {
                allocator.complete(segment);
            } else if (connection.requestEnd != FetchRequest.TO_END && segment.position() >= connection.requestEnd) {
                // A bounded first request was answered in full; the rest of the share goes on a new fetch.
                allocator.release(segment);
            } else {
                connection.releaseUnlessRaced();
                connection.finish();
                FetchFailure failure = new FetchFailure(ErrorCode.NETWORK, "source ended at " + segment.position()
                        + " before the end of " + segment, FetchFailure.Kind.RETRYABLE, 0);
                handleFailure(connection.mirror, failure);
                restartIfUnsplittable();
                fill();
                return;
            }
        }
        connection.finish();
        continueAfter(connection);
    }

    /** The fetch failed: its range goes back, its mirror is charged, and the work carries on elsewhere. */
    void connectionFailed(TransferConnection connection, FetchFailure failure) {
        connection.releaseUnlessRaced();
        connection.finish();
        if (state == State.PROBING && firstRequest.askAgainAfter(connection.headersOnly, failure)) {
            fill();
            return;
        }
        if (state == State.RUNNING && failure.kind() == FetchFailure.Kind.RANGE_UNSUPPORTED
                && connection.requestFirst > 0) {
            resumeFailed(connection.mirror, failure);
            fill();
            return;
        }
        handleFailure(connection.mirror, failure);
        if (isFinished()) {
            return;
        }
        if (state == State.RUNNING) {
            restartIfUnsplittable();
        }
        fill();
    }

    /** The source said "not modified": the end of a conditional first request, a fault otherwise. */
    void connectionNotModified(TransferConnection connection) {
        if (connection.segment.isActive()) {
            allocator.release(connection.segment);
        }
        connection.finish();
        if (state != State.PROBING) {
            // Only the first request is conditional; a later "not modified" is a broken source.
            handleFailure(connection.mirror, new FetchFailure(ErrorCode.HTTP_PROTOCOL_ERROR,
                    connection.mirror.uri.getHost() + " answered \"not modified\" to a request that was not"
                    + " conditional", FetchFailure.Kind.FATAL, 0));
            if (!isFinished()) {
                fill();
            }
            return;
        }
        state = State.STOPPED;
        closeEverything();
        listener.onNotModified();
    }

    /** Next work for {@code finished}'s mirror after its segment, on a new fetch (keep-alive reuses the socket). */
    void continueAfter(TransferConnection finished) {
        if (state != State.RUNNING) {
            checkComplete();
            return;
        }
        Mirror mirror = finished.mirror;
        if (!mirror.dropped && mirrors.hostConnections(mirror.hostKey) < settings.maxConnectionsPerHost()
                && connections.size() < (rangeSupported ? settings.split() : 1)) {
            Segment next = allocator.allocateNext(finished.segment);
            if (next != null) {
                open(mirror, next);
            }
        }
        fill();
        checkComplete();
    }

    // ---- internals -----------------------------------------------------------------------------

    private SegmentOptions segmentOptions() {
        return new SegmentOptions(Math.min(settings.split(), SegmentOptions.MAX_SPLIT), settings.minSplitSize(),
                settings.pieceLength(), settings.selector(), SegmentOptions.DEFAULT_GEOM_BASE);
    }

    private void fill() {
        if (state == State.PROBING) {
            if (connections.isEmpty()) {
                Mirror mirror = mirrors.pick();
                if (mirror != null) {
                    open(mirror, allocator.allocate());
                }
            }
        } else if (state == State.RUNNING) {
            int limit = rangeSupported ? settings.split() : 1;
            while (connections.size() < limit && !allocator.isComplete()) {
                Mirror mirror = mirrors.pick();
                if (mirror == null) {
                    scheduleRefillForRetry();
                    break;
                }
                Segment segment = allocator.allocate();
                if (segment == null) {
                    break;
                }
                open(mirror, segment);
            }
            endGame();
        } else {
            return;
        }
        if (connections.isEmpty() && !isFinished() && !(allocator.isComplete())) {
            waitForMirrorOrFail();
        }
    }

    private void waitForMirrorOrFail() {
        long earliest = mirrors.earliestUsable();
        if (earliest == Long.MAX_VALUE && restartFromScratchIfAllowed()) {
            fill();
            return;
        }
        if (earliest == Long.MAX_VALUE) {
            FetchFailure failure = mirrors.lastFailure();
            if (failure == null) {
                fail(ErrorCode.UNKNOWN, "no usable URI (unsupported scheme?)");
            } else {
                fail(failure.code(), "no mirror left; last error: " + failure.message());
            }
            return;
        }
        scheduleRefill(Math.max(0, earliest - timers.nanoTime()));
    }

    /** A mirror waiting out retry-wait could take a connection later: come back then. */
    private void scheduleRefillForRetry() {
        long earliest = mirrors.earliestRetry();
        if (earliest != Long.MAX_VALUE && refillTimer == null) {
            scheduleRefill(earliest - timers.nanoTime());
        }
    }

    private void scheduleRefill(long delayNanos) {
        if (refillTimer != null) {
            refillTimer.cancel();
        }
        refillTimer = timers.schedule(delayNanos, () -> {
            refillTimer = null;
            fill();
        });
    }

    private void open(Mirror mirror, Segment segment) {
        long first;
        long end;
        boolean headersOnly = false;
        if (state == State.PROBING) {
            first = 0;
            end = firstRequest.end();
            headersOnly = firstRequest.headersOnly(mirror.uri);
        } else if (!rangeSupported) {
            first = segment.start();
            end = FetchRequest.TO_END;
        } else {
            first = segment.start();
            end = segment.end();
        }
        connect(new TransferConnection(this, timers, buffers, mirror, segment, first, end, headersOnly), first);
    }

    /** Starts {@code connection}'s fetch from byte {@code first}. */
    void connect(TransferConnection connection, long first) {
        Mirror mirror = connection.mirror;
        connection.streamPosition = first;
        connection.openedNanos = timers.nanoTime();
        connections.add(connection);
        mirror.connections++;
        mirror.used = true;
        connection.handle = mirrors.fetcherFor(mirror.uri).fetch(
                new FetchRequest(mirror.uri, first, connection.requestEnd, totalLength(), connection.headersOnly),
                connection);
        connection.updatePause();
    }

    /** End-game ({@link EndGame}): nothing is left to hand out and a connection slot is free. */
    private void endGame() {
        if (state != State.RUNNING || !rangeSupported || connections.size() >= settings.split()
                || allocator.isComplete()) {
            return;
        }
        EndGame.Race race = EndGame.pick(connections, mirrors, timers.nanoTime());
        if (race == null) {
            return;
        }
        Segment segment = race.slowest().segment;
        TransferConnection racer = new TransferConnection(this, timers, buffers, race.faster(), segment,
                segment.position(), segment.end(), false);
        race.slowest().raceWith(racer);
        connect(racer, segment.position());
    }

    /**
     * Pauses or resumes each connection open now. A resumed fetch may deliver the bytes it
     * already holds, and even its end, before {@code resume} returns: the connection can leave
     * the list or open another, so the loop walks a copy (a connection that left is skipped).
     */
    private void updatePauseOfEveryConnection() {
        for (TransferConnection connection : new ArrayList<>(connections)) {
            connection.updatePause();
        }
    }

    private void tick() {
        tickTimer = null;
        if (isFinished()) {
            return;
        }
        speed.settle();
        mirrors.settleSpeeds();
        for (TransferConnection connection : connections) {
            connection.speed.settle();
        }
        long now = timers.nanoTime();
        endGame();
        if (settings.lowestSpeedLimit() > 0 && !allocator.isComplete()
                && now - startNanos >= settings.speedCheckGraceNanos()
                && speed.bytesPerSecond() <= settings.lowestSpeedLimit()) {
            fail(ErrorCode.TOO_SLOW, "download speed " + speed.bytesPerSecond() + " bytes/s is at or below"
                    + " lowest-speed-limit " + settings.lowestSpeedLimit() + " bytes/s");
            return;
        }
        tickTimer = timers.schedule(TICK_NANOS, this::tick);
    }

    private void checkComplete() {
        if (state == State.RUNNING && allocator.isComplete() && backpressure.idle()
                && listener.allWrittenVerified()) {
            state = State.COMPLETE;
            closeEverything();
            listener.onComplete();
        }
    }

    private void fail(ErrorCode code, String message) {
        if (isFinished()) {
            return;
        }
        state = State.FAILED;
        closeEverything();
        listener.onFailure(code, message);
    }

    private void closeEverything() {
        for (TransferConnection connection : new ArrayList<>(connections)) {
            connection.abandon();
        }
        if (tickTimer != null) {
            tickTimer.cancel();
            tickTimer = null;
        }
        if (refillTimer != null) {
            refillTimer.cancel();
            refillTimer = null;
        }
    }

    private void handleFailure(Mirror mirror, FetchFailure failure) {
        if (mirrors.recordFailure(mirror, failure)) {
            fail(ErrorCode.MAX_FILE_NOT_FOUND, mirrors.notFoundCount() + " \"not found\" answers"
                    + " (max-file-not-found); last: " + failure.message());
        }
    }
}
