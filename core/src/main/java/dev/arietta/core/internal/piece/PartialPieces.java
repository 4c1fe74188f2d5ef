package dev.arietta.core.internal.piece;

import java.util.Arrays;

/**
 * The pieces in progress of one download, each with its block state ({@link PartialPiece}).
 *
 * <p>Only pieces being downloaded hold block state: a torrent of a million pieces with a few
 * hundred in flight keeps a few hundred {@link PartialPiece} objects. Finished pieces return
 * their object to a pool, so a download in steady state allocates nothing here; the pool and
 * the index grow (and allocate) only when more pieces are in progress at once than ever before.
 *
 * <p>Iteration is by position ({@link #size()}, {@link #get(int)} and the requestable subset
 * {@link #requestableCount()}, {@link #requestable(int)}) so that hot paths need no iterator.
 * Positions change when a piece starts or finishes. Not thread-safe; owned by the I/O loop.
 */
public final class PartialPieces {

    /** Most sources that may be asked for one block at once (the block bookkeeping uses a byte). */
    public static final int MAX_REQUESTERS_PER_BLOCK = 127;

    private static final int EMPTY = -1;

    private final int maxBlocksPerPiece;
    private final int maxRequestersPerBlock;

    private PartialPiece[] active = new PartialPiece[8];
    private int activeCount;
    private PartialPiece[] requestable = new PartialPiece[8];
    private int requestableCount;
    private PartialPiece[] pool = new PartialPiece[8];
    private int poolCount;

    // Open-addressing index piece -> active piece, linear probing, capacity a power of two.
    private int[] keys;
    private PartialPiece[] values;
    private int mask;

    /**
     * @param maxBlocksPerPiece     blocks in the largest piece ({@link PieceGeometry#maxBlocksPerPiece()})
     * @param maxRequestersPerBlock most sources asked for one block at once: 1 without end-game,
     *                              up to {@value #MAX_REQUESTERS_PER_BLOCK}
     */
    public PartialPieces(int maxBlocksPerPiece, int maxRequestersPerBlock) {
        if (maxBlocksPerPiece <= 0) {
            throw new IllegalArgumentException("maxBlocksPerPiece " + maxBlocksPerPiece + " <= 0");
        }
        if (maxRequestersPerBlock < 1 || maxRequestersPerBlock > MAX_REQUESTERS_PER_BLOCK) {
            throw new IllegalArgumentException(
                    "maxRequestersPerBlock " + maxRequestersPerBlock + " outside 1.." + MAX_REQUESTERS_PER_BLOCK);
        }
        this.maxBlocksPerPiece = maxBlocksPerPiece;
        this.maxRequestersPerBlock = maxRequestersPerBlock;
        this.keys = new int[16];
        this.values = new PartialPiece[16];
        this.mask = 15;
        Arrays.fill(keys, EMPTY);
    }

    public int maxRequestersPerBlock() {
        return maxRequestersPerBlock;
    }

    /** The piece in progress with index {@code piece}, or null if it is not in progress. */
    public PartialPiece find(int piece) {
        for (int slot = hash(piece) & mask; ; slot = (slot + 1) & mask) {
            int key = keys[slot];
            if (key == piece) {
                return values[slot];
            }
            if (key == EMPTY) {
                return null;
            }
        }
    }

    /**
     * Starts tracking {@code piece} with every block {@link BlockState#NONE}.
     *
     * @throws IllegalStateException    if the piece is already in progress
     * @throws IllegalArgumentException if {@code blockCount} is outside 1..maxBlocksPerPiece
     */
    public PartialPiece begin(int piece, int blockCount) {
        if (piece < 0) {
            throw new IllegalArgumentException("negative piece " + piece);
        }
        if (blockCount <= 0 || blockCount > maxBlocksPerPiece) {
            throw new IllegalArgumentException(
                    "piece " + piece + " has " + blockCount + " blocks, limit " + maxBlocksPerPiece);
        }
        if (find(piece) != null) {
            throw new IllegalStateException("piece " + piece + " is already in progress");
        }
        PartialPiece partial = poolCount > 0
                ? pool[--poolCount]
                : new PartialPiece(this, maxBlocksPerPiece, maxRequestersPerBlock);
        partial.start(piece, blockCount);
        active = append(active, activeCount, partial);
        partial.activeIndex = activeCount++;
        addRequestable(partial);
        put(piece, partial);
        return partial;
    }

    /** Stops tracking a piece (verified, or given back idle) and returns its object to the pool. */
    public void finish(PartialPiece partial) {
        int piece = partial.piece();
        if (piece < 0 || find(piece) != partial) {
            throw new IllegalStateException("piece " + piece + " is not in progress here");
        }
        remove(piece);
        if (partial.requestableIndex >= 0) {
            removeRequestable(partial);
        }
        int index = partial.activeIndex;
        PartialPiece last = active[--activeCount];
        active[index] = last;
        last.activeIndex = index;
        active[activeCount] = null;
        partial.activeIndex = -1;
        partial.stop();
        pool = append(pool, poolCount, partial);
        poolCount++;
    }

    /** Number of pieces in progress. */
    public int size() {
        return activeCount;
    }

    /** The piece in progress at {@code position}, {@code 0 <= position < size()}. */
    public PartialPiece get(int position) {
        if (position < 0 || position >= activeCount) {
            throw new IndexOutOfBoundsException("position " + position + " of " + activeCount);
        }
        return active[position];
    }

    /** Number of pieces in progress that still have a block nobody has been asked for. */
    public int requestableCount() {
        return requestableCount;
    }

    /** The requestable piece at {@code position}, {@code 0 <= position < requestableCount()}. */
    public PartialPiece requestable(int position) {
        if (position < 0 || position >= requestableCount) {
            throw new IndexOutOfBoundsException("position " + position + " of " + requestableCount);
        }
        return requestable[position];
    }

    void requestableChanged(PartialPiece partial) {
        if (partial.activeIndex < 0) {
            return;
        }
        if (partial.unrequestedBlocks() > 0) {
            if (partial.requestableIndex < 0) {
                addRequestable(partial);
            }
        } else if (partial.requestableIndex >= 0) {
            removeRequestable(partial);
        }
    }

    private void addRequestable(PartialPiece partial) {
        requestable = append(requestable, requestableCount, partial);
        partial.requestableIndex = requestableCount++;
    }

    private void removeRequestable(PartialPiece partial) {
        int index = partial.requestableIndex;
        PartialPiece last = requestable[--requestableCount];
        requestable[index] = last;
        last.requestableIndex = index;
        requestable[requestableCount] = null;
        partial.requestableIndex = -1;
    }

    private static PartialPiece[] append(PartialPiece[] array, int count, PartialPiece partial) {
        PartialPiece[] target = count == array.length ? Arrays.copyOf(array, count * 2) : array;
        target[count] = partial;
        return target;
    }

    private static int hash(int piece) {
        int h = piece * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void put(int piece, PartialPiece partial) {
        if ((activeCount) * 2 > mask + 1) {
            rehash((mask + 1) * 2);
        }
        int slot = hash(piece) & mask;
        while (keys[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = piece;
        values[slot] = partial;
    }

    private void remove(int piece) {
        int slot = hash(piece) & mask;
        while (keys[slot] != piece) {
            slot = (slot + 1) & mask;
        }
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int hole = slot;
        for (int next = (hole + 1) & mask; keys[next] != EMPTY; next = (next + 1) & mask) {
            int home = hash(keys[next]) & mask;
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                keys[hole] = keys[next];
                values[hole] = values[next];
                hole = next;
            }
        }
        keys[hole] = EMPTY;
        values[hole] = null;
    }

    private void rehash(int capacity) {
        int[] oldKeys = keys;
        PartialPiece[] oldValues = values;
        keys = new int[capacity];
        values = new PartialPiece[capacity];
        mask = capacity - 1;
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = hash(oldKeys[i]) & mask;
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
