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
 *       server that would otherwise fill the socket buffers with the whole file.</li>
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
 *   <li>End-game: when nothing is left to hand out and a connection slot is free, the
 *       slowest remaining range is raced from its current position on a mirror measured at
 *       least {@value #END_GAME_SPEED_RATIO} times faster; whichever connection reaches the
 *       end first wins and the other is cancelled. Each byte is taken from the connection that
 *       delivers it first, so nothing is written twice.</li>
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
 * <p>Resuming (aria2's {@code always-resume}, {@code max-resume-failure-tries}): a source that
 * cannot continue the bytes already on disk (it ignores the range of a request that does not
 * start at 0, or, as the first source, answers without ranges while {@link #proceed} reports
 * data on disk) is dropped. With {@link TransferSettings#alwaysResume()} that is all; otherwise,
 * once {@link TransferSettings#maxResumeFailureTries()} sources failed so (or none is left),
 * the file is downloaded again from byte 0 from every source, those included, once.
 *
 * <p>Conditional requests: when the first answer is "not modified" the transfer stops and
 * tells {@link TransferListener#onNotModified}.
 *
 * <p>Not thread-safe: every method runs on the loop thread that owns the download.
 */
public final class SegmentedTransfer {

    /** Interval of the speed check: 1 s. */
    public static final long TICK_NANOS = 1_000_000_000L;
    /** End-game races a range only on a mirror at least this many times faster than its connection. */
    public static final int END_GAME_SPEED_RATIO = 2;
    /** End-game judges a connection only after it has run this long (its speed is measured): 2 s. */
    public static final long END_GAME_MIN_AGE_NANOS = 2_000_000_000L;

    /** Where the transfer is in its lifecycle. */
    public enum State { NEW, PROBING, PREPARING, RUNNING, COMPLETE, FAILED, STOPPED }

    private final TransferSettings settings;
    private final TimerScheduler timers;
    private final BufferPool buffers;
    private final TransferSink sink;
    private final TransferListener listener;
    private final RandomGenerator random;
    private final MirrorSet mirrors;
    private final List<Connection> connections = new ArrayList<>();
    private final WrittenRanges written = new WrittenRanges();
    private final RangeSuppliers<Mirror> suppliers = new RangeSuppliers<>();
    private final SpeedMeter speed;
    private SegmentAllocator allocator;
    private RateLimiter.Child rate;
    private State state = State.NEW;
    private boolean rangeSupported;
    /** Set once a server refused the bounded first request: probe with {@code bytes=0-}. */
    private boolean probeOpenEnded;
    private int buffersInFlight;
    private boolean backpressured;
    /** Sources dropped because they could not continue the bytes on disk. */
    private int resumeFailures;
    /** Set once the file was started over from byte 0: it happens at most once. */
    private boolean restartedFromScratch;
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
        this.speed = new SpeedMeter(timers::nanoTime);
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
        if (!rangeSupported && resumesFromDisk(doneRanges) && !connections.isEmpty() && keepStreamingFromScratch()) {
            // The first source streams the file from byte 0 and the download starts over with it.
            updatePauseOfEveryConnection();
        } else if (doneRanges.isEmpty()) {
            updatePauseOfEveryConnection();
        } else {
            // The first connection streams from 0; whatever it still lacks is allocated afresh.
            for (Connection connection : new ArrayList<>(connections)) {
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

    /** Whether {@code doneRanges} hold some of the file but not all of it: a source must continue them. */
    private boolean resumesFromDisk(List<long[]> doneRanges) {
        long done = 0;
        for (long[] range : doneRanges) {
            done += Math.max(0, range[1] - range[0]);
        }
        return done > 0 && (allocator.totalLength() == SegmentAllocator.UNKNOWN_LENGTH || done < allocator.totalLength());
    }

    /**
     * The first source ignored ranges but the file has data on disk: it cannot resume. Drops it
     * and returns false (the caller continues from the disk with the others), or, when
     * {@code always-resume} is off and the rules say so, returns true: the download starts over
     * with the bytes this source is already streaming from byte 0.
     */
    private boolean keepStreamingFromScratch() {
        Connection first = connections.get(0);
        resumeFailures++;
        mirrors.recordCannotResume(first.mirror, new FetchFailure(ErrorCode.CANNOT_RESUME, first.mirror.uri.getHost()
                + " does not support ranges and cannot continue the data already on disk",
                FetchFailure.Kind.RANGE_UNSUPPORTED, 0));
        if (restartFromScratchAllowed()) {
            restartedFromScratch = true;
            mirrors.reviveCannotResume();
            return true;
        }
        first.abandon();
        return false;
    }

    /** Whether aria2's rules start the file over now: see the class description. */
    private boolean restartFromScratchAllowed() {
        if (settings.alwaysResume() || restartedFromScratch || !mirrors.anyCannotResume()) {
            return false;
        }
        int tries = settings.maxResumeFailureTries();
        return tries > 0 && resumeFailures >= tries || mirrors.earliestUsable() == Long.MAX_VALUE;
    }

    /** A source could not continue the data on disk: drop it, and start over if the rules say so. */
    private void resumeFailed(Mirror mirror, FetchFailure failure) {
        resumeFailures++;
        mirrors.recordCannotResume(mirror, failure);
        restartFromScratchIfAllowed();
    }

    /** Starts the file over from byte 0 with every source, if the rules allow; returns whether it did. */
    private boolean restartFromScratchIfAllowed() {
        if (!restartFromScratchAllowed()) {
            return false;
        }
        restartedFromScratch = true;
        for (Connection connection : new ArrayList<>(connections)) {
            connection.abandon();
        }
        allocator = new SegmentAllocator(allocator.totalLength(), segmentOptions(), random);
        written.clear();
        mirrors.reviveCannotResume();
        return true;
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
        List<URI> dropped = new ArrayList<>();
        for (Mirror mirror : blamed) {
            mirror.badRanges++;
            if ((blamed.size() == 1 || mirror.badRanges > 1) && !mirror.dropped) {
                mirrors.recordFailure(mirror, new FetchFailure(ErrorCode.CHECKSUM_ERROR, reason,
                        FetchFailure.Kind.FATAL, 0));
                dropped.add(mirror.uri);
                for (Connection connection : new ArrayList<>(connections)) {
                    if (connection.mirror == mirror) {
                        connection.abandon();
                    }
                }
            }
        }
        fill();
        return dropped;
    }

    /** The listener finished its pending checks: complete if every byte is written and verified. */
    public void verified() {
        checkComplete();
    }

    // ---- sink callbacks ------------------------------------------------------------------------

    /** The sink wrote {@code length} bytes at {@code offset}; {@code buffer} goes back to the pool. */
    public void written(long offset, int length, ByteBuffer buffer) {
        buffers.release(buffer);
        buffersInFlight--;
        if (isFinished()) {
            return;
        }
        written.add(offset, offset + length);
        if (backpressured && buffersInFlight <= settings.maxBuffersInFlight() / 2) {
            backpressured = false;
            updatePauseOfEveryConnection();
        }
        checkComplete();
    }

    /** The sink failed to write; the transfer fails with {@code code}. */
    public void writeFailed(ErrorCode code, String message, ByteBuffer buffer) {
        buffers.release(buffer);
        buffersInFlight--;
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
        for (Connection connection : connections) {
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

    // ---- internals -----------------------------------------------------------------------------

    private SegmentOptions segmentOptions() {
        return new SegmentOptions(Math.min(settings.split(), SegmentOptions.MAX_SPLIT), settings.minSplitSize(),
                settings.pieceLength(), settings.selector(), SegmentOptions.DEFAULT_GEOM_BASE);
    }

    private boolean isFinished() {
        return state == State.COMPLETE || state == State.FAILED || state == State.STOPPED;
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
        if (state == State.PROBING) {
            first = 0;
            end = probeOpenEnded ? FetchRequest.TO_END : settings.pieceLength();
        } else if (!rangeSupported) {
            first = segment.start();
            end = FetchRequest.TO_END;
        } else {
            first = segment.start();
            end = segment.end();
        }
        connect(new Connection(mirror, segment, first, end), first);
    }

    private void connect(Connection connection, long first) {
        Mirror mirror = connection.mirror;
        connection.streamPosition = first;
        connection.openedNanos = timers.nanoTime();
        connections.add(connection);
        mirror.connections++;
        mirror.used = true;
        connection.handle = mirrors.fetcherFor(mirror.uri).fetch(
                new FetchRequest(mirror.uri, first, connection.requestEnd, totalLength()), connection);
        connection.updatePause();
    }

    /**
     * End-game: nothing is left to hand out and a connection slot is free. The remaining range
     * that would take longest at its connection's speed is raced from its current position on
     * the fastest other usable mirror, if that mirror is {@value #END_GAME_SPEED_RATIO} times faster.
     */
    private void endGame() {
        if (state != State.RUNNING || !rangeSupported || connections.size() >= settings.split()
                || allocator.isComplete()) {
            return;
        }
        long now = timers.nanoTime();
        Connection slowest = null;
        double longest = 0;
        for (Connection connection : connections) {
            Segment segment = connection.segment;
            if (connection.partner != null || !segment.isActive() || segment.end() == Segment.UNKNOWN_END
                    || now - connection.openedNanos < END_GAME_MIN_AGE_NANOS || segment.remaining() <= 0) {
                continue;
            }
            double seconds = segment.remaining() / (double) Math.max(1, connection.speed.bytesPerSecond());
            if (seconds > longest) {
                slowest = connection;
                longest = seconds;
            }
        }
        if (slowest == null) {
            return;
        }
        Mirror faster = mirrors.fastestOtherThan(slowest.mirror);
        if (faster == null || faster.speed.bytesPerSecond()
                < END_GAME_SPEED_RATIO * Math.max(1, slowest.speed.bytesPerSecond())) {
            return;
        }
        Connection racer = new Connection(faster, slowest.segment, slowest.segment.position(), slowest.segment.end());
        racer.partner = slowest;
        slowest.partner = racer;
        connect(racer, slowest.segment.position());
    }

    /**
     * Pauses or resumes each connection open now. A resumed fetch may deliver the bytes it
     * already holds, and even its end, before {@code resume} returns: the connection can leave
     * the list or open another, so the loop walks a copy (a connection that left is skipped).
     */
    private void updatePauseOfEveryConnection() {
        for (Connection connection : new ArrayList<>(connections)) {
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
        for (Connection connection : connections) {
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
        if (state == State.RUNNING && allocator.isComplete() && buffersInFlight == 0
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
        for (Connection connection : new ArrayList<>(connections)) {
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

    /** One fetch of one segment from one mirror. */
    private final class Connection implements FetchListener {
        final Mirror mirror;
        /** Offset of the first byte asked for. */
        final long requestFirst;
        /** Offset after the last byte asked for, or {@link FetchRequest#TO_END}. */
        long requestEnd;
        final SpeedMeter speed;
        Segment segment;
        FetchHandle handle;
        long debt;
        Cancellable throttleTimer;
        boolean pausedNow;
        boolean open = true;
        /** Offset of the next byte this fetch delivers; behind the segment's position when a racer is ahead. */
        long streamPosition;
        long openedNanos;
        /** The other connection racing for the same segment in end-game, or null. */
        Connection partner;

        Connection(Mirror mirror, Segment segment, long requestFirst, long requestEnd) {
            this.mirror = mirror;
            this.segment = segment;
            this.requestFirst = requestFirst;
            this.requestEnd = requestEnd;
            this.speed = new SpeedMeter(timers::nanoTime);
        }

        @Override
        public void onStart(FetchResponse response) {
            if (!open) {
                return;
            }
            FetchFailure refused = listener.checkResponse(mirror.uri, response);
            if (refused != null) {
                handle.cancel();
                onFailure(refused);
                return;
            }
            if (state != State.PROBING) {
                return;
            }
            rangeSupported = response.rangeSupported() && response.totalLength() >= 0;
            if (!rangeSupported) {
                requestEnd = FetchRequest.TO_END;
            }
            if (response.totalLength() >= 0) {
                allocator.setTotalLength(response.totalLength());
            }
            state = State.PREPARING;
            // Hold the first connection while the file is prepared: a resumed download may not need its bytes.
            updatePause();
            listener.onFirstResponse(response);
        }

        @Override
        public void onData(ByteBuffer content) {
            if (!open || !segment.isActive()) {
                content.position(content.limit());
                return;
            }
            long accepted = claim(content);
            long offset = segment.position() - accepted;
            int limit = content.limit();
            content.limit(content.position() + (int) accepted);
            while (content.hasRemaining()) {
                ByteBuffer buffer = buffers.acquire();
                int chunk = Math.min(buffer.remaining(), content.remaining());
                int chunkLimit = content.limit();
                content.limit(content.position() + chunk);
                buffer.put(content);
                content.limit(chunkLimit);
                buffer.flip();
                buffersInFlight++;
                sink.write(offset, buffer);
                offset += chunk;
            }
            content.limit(limit);
            content.position(limit);
            afterData(accepted);
        }

        @Override
        public ByteBuffer lendDataBuffer() {
            return open && segment.isActive() ? buffers.acquire() : null;
        }

        /** Bytes read straight into one of our buffers: handed to the sink as they are, no copy. */
        @Override
        public void onDataBuffer(ByteBuffer filled) {
            if (!open || !segment.isActive() || !filled.hasRemaining()) {
                buffers.release(filled);
                return;
            }
            long accepted = claim(filled);
            long offset = segment.position() - accepted;
            if (accepted == 0) {
                buffers.release(filled);
            } else {
                filled.limit(filled.position() + (int) accepted);
                buffersInFlight++;
                sink.write(offset, filled);
            }
            afterData(accepted);
        }

        /**
         * Counts received bytes (position to limit of {@code content}), skips those a racing
         * connection delivered first (moving the position past them), and claims the rest from
         * the segment: returns how many, from the position on, are new and the segment's.
         */
        private long claim(ByteBuffer content) {
            int received = content.remaining();
            long ahead = segment.position() - streamPosition;
            streamPosition += received;
            mirror.speed.add(received);
            speed.add(received);
            if (ahead > 0) {
                // The racing connection delivered these bytes first: take only what is new.
                int skipped = (int) Math.min(ahead, received);
                content.position(content.position() + skipped);
                received -= skipped;
            }
            long accepted = allocator.advance(segment, received);
            long offset = segment.position() - accepted;
            suppliers.record(offset, offset + accepted, mirror);
            return accepted;
        }

        /** Counts {@code accepted} bytes, throttles, applies backpressure, and moves on at the segment's end. */
        private void afterData(long accepted) {
            SegmentedTransfer.this.speed.add(accepted);
            if (rate != null && accepted > 0) {
                debt += accepted - rate.request(accepted);
            }
            if (buffersInFlight >= settings.maxBuffersInFlight()) {
                backpressured = true;
                updatePauseOfEveryConnection();
            } else {
                updatePause();
            }
            if (segment.isActive() && segment.end() != Segment.UNKNOWN_END && segment.position() >= segment.end()) {
                allocator.complete(segment);
                if (partner != null) {
                    partner.loseRace();
                }
                if (requestEnd != segment.end()) {
                    // The end moved back (another connection took the rest) or the source streams on.
                    finish();
                    continueAfter(segment);
                }
            }
        }

        @Override
        public void onEnd() {
            if (!open) {
                return;
            }
            if (segment.isActive()) {
                if (allocator.totalLength() == SegmentAllocator.UNKNOWN_LENGTH
                        || segment.position() >= segment.end()) {
                    allocator.complete(segment);
                } else if (requestEnd != FetchRequest.TO_END && segment.position() >= requestEnd) {
                    // A bounded first request was answered in full; the rest of the share goes on a new fetch.
                    allocator.release(segment);
                } else {
                    releaseUnlessRaced();
                    finish();
                    FetchFailure failure = new FetchFailure(ErrorCode.NETWORK, "source ended at " + segment.position()
                            + " before the end of " + segment, FetchFailure.Kind.RETRYABLE, 0);
                    handleFailure(mirror, failure);
                    restartIfUnsplittable();
                    fill();
                    return;
                }
            }
            finish();
            continueAfter(segment);
        }

        @Override
        public void onFailure(FetchFailure failure) {
            if (!open) {
                return;
            }
            releaseUnlessRaced();
            finish();
            if (state == State.PROBING && failure.kind() == FetchFailure.Kind.RANGE_UNSUPPORTED && !probeOpenEnded) {
                probeOpenEnded = true;
                fill();
                return;
            }
            if (state == State.RUNNING && failure.kind() == FetchFailure.Kind.RANGE_UNSUPPORTED && requestFirst > 0) {
                resumeFailed(mirror, failure);
                fill();
                return;
            }
            handleFailure(mirror, failure);
            if (isFinished()) {
                return;
            }
            if (state == State.RUNNING) {
                restartIfUnsplittable();
            }
            fill();
        }

        @Override
        public void onNotModified() {
            if (!open) {
                return;
            }
            if (segment.isActive()) {
                allocator.release(segment);
            }
            finish();
            if (state != State.PROBING) {
                // Only the first request is conditional; a later "not modified" is a broken source.
                onFailureAfterFinish(new FetchFailure(ErrorCode.HTTP_PROTOCOL_ERROR, mirror.uri.getHost()
                        + " answered \"not modified\" to a request that was not conditional", FetchFailure.Kind.FATAL, 0));
                return;
            }
            state = State.STOPPED;
            closeEverything();
            listener.onNotModified();
        }

        private void onFailureAfterFinish(FetchFailure failure) {
            handleFailure(mirror, failure);
            if (!isFinished()) {
                fill();
            }
        }

        /** Next work for this mirror after {@code finished}, on a new fetch (keep-alive reuses the socket). */
        private void continueAfter(Segment finished) {
            if (state != State.RUNNING) {
                checkComplete();
                return;
            }
            if (!mirror.dropped && mirrors.hostConnections(mirror.hostKey) < settings.maxConnectionsPerHost()
                    && connections.size() < (rangeSupported ? settings.split() : 1)) {
                Segment next = allocator.allocateNext(finished);
                if (next != null) {
                    open(mirror, next);
                }
            }
            fill();
            checkComplete();
        }

        void updatePause() {
            if (!open || handle == null) {
                return;
            }
            if (debt > 0 && throttleTimer == null) {
                throttleTimer = timers.schedule(Math.max(1, rate.nanosUntilAvailable()), this::repay);
            }
            boolean shouldPause = backpressured || debt > 0 || state == State.PREPARING;
            if (shouldPause != pausedNow) {
                pausedNow = shouldPause;
                if (shouldPause) {
                    handle.pause();
                } else {
                    handle.resume();
                }
            }
        }

        private void repay() {
            throttleTimer = null;
            if (!open || isFinished()) {
                return;
            }
            if (rate == null) {
                debt = 0;
            } else {
                debt -= rate.request(debt);
            }
            updatePause();
        }

        /** Cancels the fetch and gives the unfinished range back. */
        void abandon() {
            if (!open) {
                return;
            }
            releaseUnlessRaced();
            if (handle != null) {
                handle.cancel();
            }
            finish();
        }

        /** Gives the segment's rest back, unless a racing connection carries on with it. */
        private void releaseUnlessRaced() {
            if (partner != null) {
                partner.partner = null;
                partner = null;
            } else if (segment.isActive()) {
                allocator.release(segment);
            }
        }

        /** The racing connection reached the segment's end first: stop this fetch. */
        private void loseRace() {
            partner.partner = null;
            partner = null;
            if (handle != null) {
                handle.cancel();
            }
            finish();
        }

        /** Leaves the connection list. */
        private void finish() {
            if (!open) {
                return;
            }
            open = false;
            if (throttleTimer != null) {
                throttleTimer.cancel();
                throttleTimer = null;
            }
            if (handle != null && requestEnd != segment.end()) {
                handle.cancel();
            }
            connections.remove(this);
            mirror.connections--;
        }
    }

    /** A source without ranges cannot continue a broken stream: start the file again. */
    private void restartIfUnsplittable() {
        if (!rangeSupported && state == State.RUNNING && !allocator.isComplete() && connections.isEmpty()) {
            long total = allocator.totalLength();
            allocator = new SegmentAllocator(total, segmentOptions(), random);
        }
    }
}
