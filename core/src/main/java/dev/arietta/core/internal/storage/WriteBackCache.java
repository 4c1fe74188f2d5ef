package dev.arietta.core.internal.storage;

import java.nio.ByteBuffer;

/**
 * aria2's {@code --disk-cache}: written blocks are held in memory, kept sorted by global
 * offset, and written out in offset order, adjacent blocks coalesced into one write of up to
 * {@link #COALESCED_WRITE_BYTES}, when the budget is full or on {@link #flush()}.
 *
 * <p>Memory: data is copied into slabs of {@link #SLAB_BYTES} (or the budget, if smaller);
 * the budget counts whole slabs, so it bounds the heap used, not just the payload. A put
 * that continues exactly where a cached entry ends fills that entry's slab first, so small
 * sequential writes (HTTP) pack densely. Slabs are allocated on first use and reused after a
 * flush; they stay allocated, up to the budget, for the life of the cache, so the steady state
 * allocates nothing. Keeping entries sorted costs a shift of the entry arrays per new entry:
 * O(budget / slab) element moves, about 1024 for the default 16 MiB.
 *
 * <p>Overlap: a put that overlaps cached data first flushes the whole cache, so the newer
 * bytes always win, both on disk and in {@link #overlay}. This only happens when data is
 * rewritten before it was flushed (a piece re-downloaded after a hash failure).
 *
 * <p>Buffers: {@link #put} copies; the caller keeps ownership of its buffer and may reuse it
 * as soon as {@code put} returns.
 *
 * <p>Not thread-safe: owned and guarded by {@link Storage}, called from the session's disk
 * executor.
 */
final class WriteBackCache {

    /** Slab size: 16 KiB, the BitTorrent block size. */
    static final int SLAB_BYTES = 16 * 1024;

    /** Longest single write a flush issues, in bytes: 1 MiB (also the size of the staging buffer). */
    static final int COALESCED_WRITE_BYTES = 1024 * 1024;

    private final RangeWriter target;
    private final int slabBytes;
    private final int maxSlabs;
    private final int stagingBytes;

    // Parallel primitive arrays rather than a TreeMap: no node or boxed key per put (StorageWriteBenchmark).
    /** Entries sorted by offset, non-overlapping; each owns one slab. */
    private final long[] offsets;
    private final int[] lengths;
    private final byte[][] slabs;
    private int count;

    private final byte[][] freeSlabs;
    private int freeCount;
    private int allocatedSlabs;
    private ByteBuffer staging;

    /**
     * @param budgetBytes bytes of heap the cache may hold, at least 1 and at most
     *                    {@link Integer#MAX_VALUE}
     * @param target      where flushes write to
     */
    WriteBackCache(long budgetBytes, RangeWriter target) {
        if (budgetBytes <= 0 || budgetBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cache budget must be in [1, " + Integer.MAX_VALUE
                    + "] bytes, got " + budgetBytes);
        }
        this.target = target;
        this.slabBytes = (int) Math.min(SLAB_BYTES, budgetBytes);
        this.maxSlabs = (int) (budgetBytes / slabBytes);
        this.stagingBytes = (int) Math.min(COALESCED_WRITE_BYTES, budgetBytes);
        this.offsets = new long[maxSlabs];
        this.lengths = new int[maxSlabs];
        this.slabs = new byte[maxSlabs][];
        this.freeSlabs = new byte[maxSlabs][];
    }

    /** Bytes of data currently cached (not the slab memory). */
    long cachedBytes() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += lengths[i];
        }
        return total;
    }

    /** Number of slabs allocated so far; stops growing once the budget has been filled once. */
    int allocatedSlabs() {
        return allocatedSlabs;
    }

    /** Number of cached entries (each one slab). */
    int entryCount() {
        return count;
    }

    /**
     * Caches {@code src} (position to limit) for global offset {@code offset} and advances its
     * position to its limit. Flushes first when the data overlaps cached data, and whenever the
     * budget is full.
     *
     * @throws StorageException from a flush; the part of {@code src} consumed so far is cached
     */
    void put(long offset, ByteBuffer src) throws StorageException {
        int length = src.remaining();
        if (length == 0) {
            return;
        }
        if (overlaps(offset, length)) {
            flush();
        }
        long position = offset;
        while (src.hasRemaining()) {
            int index = firstAtOrAfter(position);
            int previous = index - 1;
            if (previous >= 0 && offsets[previous] + lengths[previous] == position
                    && lengths[previous] < slabBytes) {
                int copied = Math.min(slabBytes - lengths[previous], src.remaining());
                src.get(slabs[previous], lengths[previous], copied);
                lengths[previous] += copied;
                position += copied;
                continue;
            }
            if (count == maxSlabs) {
                flush();
                index = 0;
            }
            byte[] slab = takeSlab();
            int copied = Math.min(slabBytes, src.remaining());
            src.get(slab, 0, copied);
            insert(index, position, copied, slab);
            position += copied;
        }
    }

    /**
     * Whether every byte of {@code [offset, offset + length)} is cached, so a read needs no disk.
     */
    boolean covers(long offset, int length) {
        long end = offset + length;
        long covered = offset;
        for (int i = firstEndingAfter(offset); i < count && offsets[i] <= covered && covered < end; i++) {
            covered = offsets[i] + lengths[i];
        }
        return covered >= end;
    }

    /**
     * Copies the cached bytes that fall in {@code [offset, offset + dst.remaining())} into
     * {@code dst} at their positions relative to its position; other bytes of {@code dst} are
     * left alone. Does not move {@code dst}'s position.
     */
    void overlay(long offset, ByteBuffer dst) {
        long end = offset + dst.remaining();
        int base = dst.position();
        for (int i = firstEndingAfter(offset); i < count && offsets[i] < end; i++) {
            long from = Math.max(offset, offsets[i]);
            long to = Math.min(end, offsets[i] + lengths[i]);
            dst.put(base + (int) (from - offset), slabs[i], (int) (from - offsets[i]), (int) (to - from));
        }
    }

    /**
     * Writes every cached entry in offset order, adjacent entries coalesced, then empties the
     * cache. On failure nothing is dropped: a later flush writes everything again.
     */
    void flush() throws StorageException {
        if (count == 0) {
            return;
        }
        if (staging == null) {
            staging = ByteBuffer.allocateDirect(stagingBytes);
        }
        staging.clear();
        long runStart = 0;
        for (int i = 0; i < count; i++) {
            if (staging.position() > 0 && runStart + staging.position() != offsets[i]) {
                writeStaging(runStart);
            }
            if (staging.position() == 0) {
                runStart = offsets[i];
            }
            int length = lengths[i];
            for (int copied = 0; copied < length; ) {
                if (!staging.hasRemaining()) {
                    int written = staging.position();
                    writeStaging(runStart);
                    runStart += written;
                }
                int chunk = Math.min(length - copied, staging.remaining());
                staging.put(slabs[i], copied, chunk);
                copied += chunk;
            }
        }
        if (staging.position() > 0) {
            writeStaging(runStart);
        }
        for (int i = 0; i < count; i++) {
            freeSlabs[freeCount++] = slabs[i];
            slabs[i] = null;
        }
        count = 0;
    }

    /** Drops all cached data without writing it and releases the slabs. */
    void discard() {
        for (int i = 0; i < count; i++) {
            slabs[i] = null;
        }
        for (int i = 0; i < freeCount; i++) {
            freeSlabs[i] = null;
        }
        count = 0;
        freeCount = 0;
        allocatedSlabs = 0;
        staging = null;
    }

    private void writeStaging(long offset) throws StorageException {
        staging.flip();
        target.write(offset, staging);
        staging.clear();
    }

    /** Whether {@code [offset, offset + length)} overlaps cached data. */
    boolean overlaps(long offset, int length) {
        int candidate = firstAtOrAfter(offset + length) - 1;
        return candidate >= 0 && offsets[candidate] + lengths[candidate] > offset;
    }

    /** Index of the first entry starting at or after {@code offset}; {@code count} if none. */
    private int firstAtOrAfter(long offset) {
        int low = 0;
        int high = count;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (offsets[middle] < offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Index of the first entry that ends after {@code offset}; {@code count} if none. */
    private int firstEndingAfter(long offset) {
        int index = firstAtOrAfter(offset);
        if (index > 0 && offsets[index - 1] + lengths[index - 1] > offset) {
            return index - 1;
        }
        return index;
    }

    private byte[] takeSlab() {
        if (freeCount > 0) {
            byte[] slab = freeSlabs[--freeCount];
            freeSlabs[freeCount] = null;
            return slab;
        }
        allocatedSlabs++;
        return new byte[slabBytes];
    }

    private void insert(int index, long offset, int length, byte[] slab) {
        int moved = count - index;
        if (moved > 0) {
            System.arraycopy(offsets, index, offsets, index + 1, moved);
            System.arraycopy(lengths, index, lengths, index + 1, moved);
            System.arraycopy(slabs, index, slabs, index + 1, moved);
        }
        offsets[index] = offset;
        lengths[index] = length;
        slabs[index] = slab;
        count++;
    }
}
