package dev.arietta.core.internal.piece;

import java.util.Arrays;

/**
 * Block-level progress of one piece in progress: each block's {@link BlockState}, the sources
 * currently asked for it, and the source that supplied its data.
 *
 * <p>A source is an opaque non-negative {@code int} chosen by the engine (a peer or mirror
 * slot). Recording the supplier of every block lets the engine blame exactly the sources that
 * contributed to a piece whose hash fails ({@link #distinctSuppliers(int[])}), and spot a piece
 * that came entirely from one source ({@link #soleSupplier()}) as libtorrent does before
 * putting a peer on parole.
 *
 * <p>Instances are pooled by {@link PartialPieces}: one object is reused for many pieces, so a
 * reference must not be kept after the piece is finished. Not thread-safe; owned by the I/O loop.
 */
public final class PartialPiece {

    /** The supplier of a block nobody has delivered. */
    public static final int NO_SOURCE = -1;

    /** Returned by {@link #receive} when the block's data is already in. */
    public static final int BLOCK_NOT_NEEDED = -1;

    private static final byte NONE = (byte) BlockState.NONE.ordinal();
    private static final byte REQUESTED = (byte) BlockState.REQUESTED.ordinal();
    private static final byte RECEIVED = (byte) BlockState.RECEIVED.ordinal();
    private static final byte WRITTEN = (byte) BlockState.WRITTEN.ordinal();

    private final PartialPieces owner;
    private final int maxRequesters;
    private final byte[] states;
    private final int[] suppliers;
    private final int[] requesters;
    private final byte[] requestCounts;

    private int piece = -1;
    private int blockCount;
    private int unrequestedBlocks;
    private int requestedBlocks;
    private int arrivedBlocks;
    private int writtenBlocks;
    private int firstUnrequestedHint;

    int activeIndex = -1;
    int requestableIndex = -1;

    PartialPiece(PartialPieces owner, int maxBlocks, int maxRequesters) {
        this.owner = owner;
        this.maxRequesters = maxRequesters;
        this.states = new byte[maxBlocks];
        this.suppliers = new int[maxBlocks];
        this.requesters = new int[maxBlocks * maxRequesters];
        this.requestCounts = new byte[maxBlocks];
    }

    void start(int piece, int blockCount) {
        this.piece = piece;
        this.blockCount = blockCount;
        clearBlocks();
    }

    void stop() {
        piece = -1;
        blockCount = 0;
    }

    private void clearBlocks() {
        Arrays.fill(states, 0, blockCount, NONE);
        Arrays.fill(suppliers, 0, blockCount, NO_SOURCE);
        Arrays.fill(requestCounts, 0, blockCount, (byte) 0);
        unrequestedBlocks = blockCount;
        requestedBlocks = 0;
        arrivedBlocks = 0;
        writtenBlocks = 0;
        firstUnrequestedHint = 0;
    }

    /** The piece index, or -1 once the piece is finished and this object back in the pool. */
    public int piece() {
        return piece;
    }

    public int blockCount() {
        return blockCount;
    }

    public BlockState state(int block) {
        checkBlock(block);
        return BlockState.ofOrdinal(states[block]);
    }

    /** The source whose data filled {@code block}, or {@link #NO_SOURCE}. */
    public int supplier(int block) {
        checkBlock(block);
        return suppliers[block];
    }

    /** How many sources are currently asked for {@code block}. */
    public int requestCount(int block) {
        checkBlock(block);
        return requestCounts[block];
    }

    /** True if {@code source} is currently asked for {@code block}. */
    public boolean isRequestedBy(int block, int source) {
        checkBlock(block);
        int base = block * maxRequesters;
        for (int k = 0, n = requestCounts[block]; k < n; k++) {
            if (requesters[base + k] == source) {
                return true;
            }
        }
        return false;
    }

    /** Blocks nobody has been asked for. */
    public int unrequestedBlocks() {
        return unrequestedBlocks;
    }

    /** Blocks asked for and not yet delivered. */
    public int requestedBlocks() {
        return requestedBlocks;
    }

    /** Blocks whose data has arrived (received or written). */
    public int arrivedBlocks() {
        return arrivedBlocks;
    }

    public int writtenBlocks() {
        return writtenBlocks;
    }

    /** True when every block is on disk: the piece is ready for its hash check. */
    public boolean isFullyWritten() {
        return writtenBlocks == blockCount;
    }

    /** True when nothing is requested or delivered: the piece can go back to the picker. */
    public boolean isIdle() {
        return requestedBlocks == 0 && arrivedBlocks == 0;
    }

    /** The first block at or after {@code from} that nobody has been asked for, or -1. */
    public int nextUnrequested(int from) {
        if (unrequestedBlocks == 0) {
            return -1;
        }
        for (int b = Math.max(from, firstUnrequestedHint); b < blockCount; b++) {
            if (states[b] == NONE) {
                if (from <= firstUnrequestedHint) {
                    firstUnrequestedHint = b;
                }
                return b;
            }
        }
        return -1;
    }

    /**
     * Records that {@code source} has been asked for {@code block}.
     *
     * @return false if the block's data is already in, {@code source} is already asked, or
     *         the block already has the maximum number of requesters
     */
    public boolean request(int block, int source) {
        checkBlock(block);
        checkSource(source);
        byte state = states[block];
        if (state == RECEIVED || state == WRITTEN) {
            return false;
        }
        int count = requestCounts[block];
        if (count == maxRequesters || isRequestedBy(block, source)) {
            return false;
        }
        requesters[block * maxRequesters + count] = source;
        requestCounts[block] = (byte) (count + 1);
        if (state == NONE) {
            states[block] = REQUESTED;
            requestedBlocks++;
            if (--unrequestedBlocks == 0) {
                owner.requestableChanged(this);
            }
        }
        return true;
    }

    /**
     * Withdraws the request of {@code source} for {@code block} (rejected, choked, timed out,
     * disconnected). A block left with no requester goes back to {@link BlockState#NONE}.
     *
     * @return true if {@code source} was asked for the block
     */
    public boolean abortRequest(int block, int source) {
        checkBlock(block);
        if (!removeRequester(block, source)) {
            return false;
        }
        if (states[block] == REQUESTED && requestCounts[block] == 0) {
            states[block] = NONE;
            requestedBlocks--;
            if (block < firstUnrequestedHint) {
                firstUnrequestedHint = block;
            }
            if (unrequestedBlocks++ == 0) {
                owner.requestableChanged(this);
            }
        }
        return true;
    }

    /** Withdraws every request of {@code source} in this piece; returns how many. */
    public int abortRequestsOf(int source) {
        int aborted = 0;
        for (int b = 0; b < blockCount; b++) {
            if (requestCounts[b] != 0 && abortRequest(b, source)) {
                aborted++;
            }
        }
        return aborted;
    }

    /**
     * Records that {@code block}'s data arrived from {@code source}, which becomes its supplier,
     * and lists the other sources still asked for it: the engine sends them a CANCEL.
     *
     * @param cancelOut receives the sources to cancel; needs room for the maximum number of
     *                  requesters per block
     * @return the number of sources written to {@code cancelOut}, or {@link #BLOCK_NOT_NEEDED}
     *         if the block's data was already in (the caller drops this copy)
     */
    public int receive(int block, int source, int[] cancelOut) {
        checkBlock(block);
        checkSource(source);
        if (cancelOut.length < maxRequesters) {
            throw new IllegalArgumentException(
                    "cancel buffer of " + cancelOut.length + " < " + maxRequesters + " requesters per block");
        }
        byte state = states[block];
        if (state == RECEIVED || state == WRITTEN) {
            return BLOCK_NOT_NEEDED;
        }
        int cancels = 0;
        int base = block * maxRequesters;
        for (int k = 0, n = requestCounts[block]; k < n; k++) {
            int requester = requesters[base + k];
            if (requester != source) {
                cancelOut[cancels++] = requester;
            }
        }
        requestCounts[block] = 0;
        if (state == REQUESTED) {
            requestedBlocks--;
        } else if (unrequestedBlocks-- == 1) {
            owner.requestableChanged(this);
        }
        states[block] = RECEIVED;
        suppliers[block] = source;
        arrivedBlocks++;
        return cancels;
    }

    /**
     * Records that {@code block}'s data is on disk.
     *
     * @return true if every block of the piece is now written
     * @throws IllegalStateException if the block's data has not arrived or is already written
     */
    public boolean write(int block) {
        checkBlock(block);
        if (states[block] != RECEIVED) {
            throw new IllegalStateException("piece " + piece + " block " + block + " written while "
                    + BlockState.ofOrdinal(states[block]));
        }
        states[block] = WRITTEN;
        writtenBlocks++;
        return writtenBlocks == blockCount;
    }

    /**
     * The one source that supplied every block, or {@link #NO_SOURCE} if blocks came from
     * several sources or some have not arrived.
     */
    public int soleSupplier() {
        if (arrivedBlocks != blockCount || blockCount == 0) {
            return NO_SOURCE;
        }
        int first = suppliers[0];
        for (int b = 1; b < blockCount; b++) {
            if (suppliers[b] != first) {
                return NO_SOURCE;
            }
        }
        return first;
    }

    /**
     * Writes each source that supplied at least one block once, in ascending order.
     *
     * @param out needs room for {@link #blockCount()} sources in the worst case
     * @return how many sources were written
     */
    public int distinctSuppliers(int[] out) {
        int count = 0;
        for (int b = 0; b < blockCount; b++) {
            if (suppliers[b] != NO_SOURCE) {
                if (count == out.length) {
                    throw new IllegalArgumentException("supplier buffer of " + out.length
                            + " too small for piece " + piece + " (" + blockCount + " blocks)");
                }
                out[count++] = suppliers[b];
            }
        }
        Arrays.sort(out, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || out[distinct - 1] != out[i]) {
                out[distinct++] = out[i];
            }
        }
        return distinct;
    }

    /**
     * Forgets every block's state, supplier and requests, as after a failed hash check, so the
     * whole piece is downloaded again.
     */
    public void reset() {
        boolean wasRequestable = unrequestedBlocks > 0;
        clearBlocks();
        if (!wasRequestable && unrequestedBlocks > 0) {
            owner.requestableChanged(this);
        }
    }

    private boolean removeRequester(int block, int source) {
        int base = block * maxRequesters;
        int count = requestCounts[block];
        for (int k = 0; k < count; k++) {
            if (requesters[base + k] == source) {
                requesters[base + k] = requesters[base + count - 1];
                requestCounts[block] = (byte) (count - 1);
                return true;
            }
        }
        return false;
    }

    private void checkBlock(int block) {
        if (block < 0 || block >= blockCount) {
            throw new IllegalArgumentException("block " + block + " of piece " + piece + " (" + blockCount + " blocks)");
        }
    }

    private static void checkSource(int source) {
        if (source < 0) {
            throw new IllegalArgumentException("negative source id " + source);
        }
    }

    @Override
    public String toString() {
        return "PartialPiece[" + piece + ": " + unrequestedBlocks + " free, " + requestedBlocks + " requested, "
                + arrivedBlocks + " arrived, " + writtenBlocks + " written of " + blockCount + "]";
    }
}
