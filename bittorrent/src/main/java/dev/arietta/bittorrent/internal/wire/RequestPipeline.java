package dev.arietta.bittorrent.internal.wire;

/**
 * Our outstanding block requests to one peer and the adaptive depth of that pipeline.
 *
 * <p>Depth: the download rate × {@link PeerWireLimits#REQUEST_QUEUE_TIME_NANOS} in blocks
 * (libtorrent's {@code request_queue_time}), but at least
 * {@link PeerWireLimits#INITIAL_REQUEST_QUEUE_DEPTH} until blocks have been arriving for a full
 * rate window (slow start); afterwards at least
 * {@link PeerWireLimits#MIN_REQUEST_QUEUE_DEPTH}, at most the peer's {@code reqq} and
 * {@link PeerWireLimits#MAX_REQUEST_QUEUE_DEPTH}. A snubbed peer (no block for
 * {@link PeerWireLimits#SNUB_TIMEOUT_NANOS} while requests were outstanding) gets one request
 * at a time until a block arrives.
 *
 * <p>Requests that failed without an answer (timed out, cancelled, voided by a choke) move to a
 * bounded "late" list: their block is still accepted once if it arrives. A block matching
 * neither list, or matching a request's position with another length, is a violation.
 * Not thread-safe; loop thread only.
 */
final class RequestPipeline {

    /** How an arriving block matched. */
    enum Arrival {
        /** It answers an outstanding request. */
        OUTSTANDING,
        /** It answers a request that had already failed (timed out, cancelled, voided). */
        LATE
    }

    private final BlockList outstanding = new BlockList(32);
    private final BlockList late = new BlockList(16);
    private final RateMeter downloaded;
    private int peerRequestQueue = PeerWireLimits.MAX_REQUEST_QUEUE_DEPTH;
    /** Since when we have been waiting for a block with requests outstanding. */
    private long waitingSince;
    private long firstBlockNanos = -1;
    private boolean snubbed;

    RequestPipeline(long nowNanos) {
        this.downloaded = new RateMeter(nowNanos);
    }

    /** The peer's {@code reqq}: never more requests outstanding than it accepts. */
    void peerRequestQueue(int depth) {
        peerRequestQueue = Math.max(1, depth);
    }

    BlockList outstanding() {
        return outstanding;
    }

    int outstandingCount() {
        return outstanding.size();
    }

    boolean isSnubbed() {
        return snubbed;
    }

    long downloadRate(long nowNanos) {
        return downloaded.rate(nowNanos);
    }

    long downloadedBytes() {
        return downloaded.total();
    }

    /**
     * The current target depth. During the first rate window it never falls below the initial
     * depth but already grows with the rate (slow start: a fast peer gets a deep queue within
     * its first second, not after five).
     */
    int depth(long nowNanos) {
        long blocks = downloaded.rate(nowNanos) * PeerWireLimits.REQUEST_QUEUE_TIME_NANOS
                / 1_000_000_000L / PeerWireLimits.BLOCK_LENGTH;
        int depth = (int) Math.min(PeerWireLimits.MAX_REQUEST_QUEUE_DEPTH,
                Math.max(PeerWireLimits.MIN_REQUEST_QUEUE_DEPTH, blocks));
        if (firstBlockNanos < 0 || nowNanos - firstBlockNanos < PeerWireLimits.RATE_WINDOW_NANOS) {
            depth = Math.max(depth, PeerWireLimits.INITIAL_REQUEST_QUEUE_DEPTH);
        }
        return Math.min(depth, Math.min(peerRequestQueue, PeerWireLimits.MAX_REQUEST_QUEUE_DEPTH));
    }

    /** More requests wanted now. */
    int capacity(long nowNanos) {
        int depth = snubbed ? 1 : depth(nowNanos);
        return Math.max(0, depth - outstanding.size());
    }

    boolean isOutstanding(int piece, int offset) {
        return outstanding.indexOf(piece, offset) >= 0;
    }

    void add(int piece, int offset, int length, long nowNanos) {
        if (outstanding.isEmpty()) {
            waitingSince = nowNanos;
        }
        outstanding.add(piece, offset, length, nowNanos);
    }

    /**
     * A block arrived: removes its request.
     *
     * @throws PeerProtocolException if no request matches it or its length differs
     */
    Arrival arrive(int piece, int offset, int length, long nowNanos) throws PeerProtocolException {
        Arrival arrival;
        int index = outstanding.indexOf(piece, offset);
        if (index >= 0) {
            checkLength(piece, offset, length, outstanding.length(index));
            outstanding.remove(index);
            arrival = Arrival.OUTSTANDING;
        } else {
            index = late.indexOf(piece, offset);
            if (index < 0) {
                throw new PeerProtocolException("piece " + piece + " offset " + offset + " length " + length
                        + ": block was not requested");
            }
            checkLength(piece, offset, length, late.length(index));
            late.remove(index);
            arrival = Arrival.LATE;
        }
        downloaded.add(length, nowNanos);
        if (firstBlockNanos < 0) {
            firstBlockNanos = nowNanos;
        }
        waitingSince = nowNanos;
        snubbed = false;
        return arrival;
    }

    private static void checkLength(int piece, int offset, int length, int requested) throws PeerProtocolException {
        if (length != requested) {
            throw new PeerProtocolException("piece " + piece + " offset " + offset + ": block of " + length
                    + " bytes, " + (length > requested ? "larger" : "smaller") + " than the " + requested
                    + " requested");
        }
    }

    /**
     * A reject arrived.
     *
     * @return true if it answers an outstanding request (now removed), false if it answers one
     *         that had already failed
     * @throws PeerProtocolException if we never requested that block
     */
    boolean reject(int piece, int offset, int length) throws PeerProtocolException {
        int index = outstanding.indexOf(piece, offset, length);
        if (index >= 0) {
            outstanding.remove(index);
            if (outstanding.isEmpty()) {
                snubbed = false;
            }
            return true;
        }
        index = late.indexOf(piece, offset, length);
        if (index >= 0) {
            late.remove(index);
            return false;
        }
        throw new PeerProtocolException("reject piece " + piece + " offset " + offset + " length " + length
                + ": block was not requested");
    }

    /** Moves an outstanding request to the late list; false if it was not outstanding. */
    boolean fail(int piece, int offset, int length) {
        int index = outstanding.indexOf(piece, offset, length);
        if (index < 0) {
            return false;
        }
        moveToLate(index);
        return true;
    }

    /** Moves the outstanding request at {@code index} to the late list. */
    void moveToLate(int index) {
        if (late.size() >= PeerWireLimits.MAX_LATE_REQUESTS) {
            late.remove(0);
        }
        late.add(outstanding.piece(index), outstanding.offset(index), outstanding.length(index), outstanding.time(index));
        outstanding.remove(index);
    }

    /** Index of an outstanding request older than {@link PeerWireLimits#REQUEST_TIMEOUT_NANOS}, or -1. */
    int timedOut(long nowNanos) {
        for (int i = 0; i < outstanding.size(); i++) {
            if (nowNanos - outstanding.time(i) >= PeerWireLimits.REQUEST_TIMEOUT_NANOS) {
                return i;
            }
        }
        return -1;
    }

    /** Marks the peer snubbed if it sent no block for the snub timeout; true if it just became snubbed. */
    boolean checkSnub(long nowNanos) {
        if (!snubbed && !outstanding.isEmpty() && nowNanos - waitingSince >= PeerWireLimits.SNUB_TIMEOUT_NANOS) {
            snubbed = true;
            return true;
        }
        return false;
    }
}
