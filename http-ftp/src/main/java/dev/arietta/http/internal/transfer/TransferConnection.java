package dev.arietta.http.internal.transfer;

import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.TimerScheduler;
import dev.arietta.core.internal.picker.Segment;
import dev.arietta.core.internal.ratelimit.RateLimiter;
import java.nio.ByteBuffer;

/**
 * One fetch of one segment from one mirror in a {@link SegmentedTransfer}: the bytes it
 * receives (counted, claimed from its segment, handed on in pooled buffers), its throttling
 * and pausing, and its end-game race partner. What happens when it starts, ends or fails is
 * the transfer's decision: the fetch callbacks are passed to it.
 *
 * <p>Lifecycle: made and {@link SegmentedTransfer#connect connected} by the transfer; open until
 * {@link #finish()} (its end, a failure, {@link #abandon()}, or a lost race), after which every
 * callback is ignored. Loop thread only.
 */
final class TransferConnection implements FetchListener {

    private final SegmentedTransfer transfer;
    private final TimerScheduler timers;
    private final BufferPool buffers;
    final Mirror mirror;
    /** Offset of the first byte asked for. */
    final long requestFirst;
    /** Offset after the last byte asked for, or {@link FetchRequest#TO_END}. */
    long requestEnd;
    /** Whether only the answer's headers were asked for (a first {@code HEAD}): no data comes. */
    final boolean headersOnly;
    final SpeedMeter speed;
    Segment segment;
    FetchHandle handle;
    /** Offset of the next byte this fetch delivers; behind the segment's position when a racer is ahead. */
    long streamPosition;
    long openedNanos;
    /** The other connection racing for the same segment in end-game, or null. */
    TransferConnection partner;
    private long debt;
    private Cancellable throttleTimer;
    private boolean pausedNow;
    private boolean open = true;

    TransferConnection(SegmentedTransfer transfer, TimerScheduler timers, BufferPool buffers, Mirror mirror,
                       Segment segment, long requestFirst, long requestEnd, boolean headersOnly) {
        this.transfer = transfer;
        this.timers = timers;
        this.buffers = buffers;
        this.mirror = mirror;
        this.segment = segment;
        this.requestFirst = requestFirst;
        this.requestEnd = requestEnd;
        this.headersOnly = headersOnly;
        this.speed = new SpeedMeter(timers::nanoTime);
    }

    /** Whether the connection is still in the transfer's list. */
    boolean isOpen() {
        return open;
    }

    // ---- fetch callbacks -----------------------------------------------------------------------

    @Override
    public void onStart(FetchResponse response) {
        if (open) {
            transfer.connectionStarted(this, response);
        }
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
            transfer.deliver(offset, buffer);
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
            transfer.deliver(offset, filled);
        }
        afterData(accepted);
    }

    @Override
    public void onEnd() {
        if (open) {
            transfer.connectionEnded(this);
        }
    }

    @Override
    public void onFailure(FetchFailure failure) {
        if (open) {
            transfer.connectionFailed(this, failure);
        }
    }

    @Override
    public void onNotModified() {
        if (open) {
            transfer.connectionNotModified(this);
        }
    }

    // ---- bytes ---------------------------------------------------------------------------------

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
        long accepted = transfer.allocator().advance(segment, received);
        transfer.recordSupplier(segment.position() - accepted, segment.position(), mirror);
        return accepted;
    }

    /** Counts {@code accepted} bytes, throttles, applies backpressure, and moves on at the segment's end. */
    private void afterData(long accepted) {
        RateLimiter.Child rate = transfer.rate();
        if (rate != null && accepted > 0) {
            debt += accepted - rate.request(accepted);
        }
        transfer.received(accepted, this);
        if (segment.isActive() && segment.end() != Segment.UNKNOWN_END && segment.position() >= segment.end()) {
            transfer.allocator().complete(segment);
            if (partner != null) {
                partner.loseRace();
            }
            if (requestEnd != segment.end()) {
                // The end moved back (another connection took the rest) or the source streams on.
                finish();
                transfer.continueAfter(this);
            }
        }
    }

    // ---- pausing and throttling ----------------------------------------------------------------

    /** Pauses or resumes the fetch as backpressure, the rate limit and the transfer's state say. */
    void updatePause() {
        if (!open || handle == null) {
            return;
        }
        if (debt > 0 && throttleTimer == null) {
            throttleTimer = timers.schedule(Math.max(1, transfer.rate().nanosUntilAvailable()), this::repay);
        }
        // A headers-only fetch has nothing to hold back: let it end.
        boolean shouldPause = !headersOnly && (transfer.holdsConnections() || debt > 0);
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
        if (!open || transfer.isFinished()) {
            return;
        }
        RateLimiter.Child rate = transfer.rate();
        if (rate == null) {
            debt = 0;
        } else {
            debt -= rate.request(debt);
        }
        updatePause();
    }

    // ---- ending --------------------------------------------------------------------------------

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
    void releaseUnlessRaced() {
        if (partner != null) {
            partner.partner = null;
            partner = null;
        } else if (segment.isActive()) {
            transfer.allocator().release(segment);
        }
    }

    /** Races {@code other} for this connection's segment (end-game). */
    void raceWith(TransferConnection other) {
        partner = other;
        other.partner = this;
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

    /** Leaves the transfer's connection list. */
    void finish() {
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
        transfer.closed(this);
    }
}
