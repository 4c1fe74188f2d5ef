package dev.arietta.core.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBackCacheTest {

    private static final int BLOCK = WriteBackCache.SLAB_BYTES;

    private static ByteBuffer filled(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (seed * 31 + i * 7);
        }
        return ByteBuffer.wrap(data);
    }

    @Test
    void flushWritesInOffsetOrderAndCoalescesAdjacentBlocks() throws StorageException {
        RecordingRangeWriter disk = new RecordingRangeWriter(16 * BLOCK);
        WriteBackCache cache = new WriteBackCache(8L * BLOCK, disk);
        int[] order = {5, 1, 3, 2, 9, 0, 10};
        for (int block : order) {
            cache.put((long) block * BLOCK, filled(BLOCK, block));
        }
        assertEquals(List.of(), disk.writes, "nothing written before flush");
        assertEquals(7L * BLOCK, cache.cachedBytes());
        cache.flush();
        assertEquals(List.of("0+" + 4 * BLOCK, 5 * BLOCK + "+" + BLOCK, 9 * BLOCK + "+" + 2 * BLOCK), disk.shape());
        for (int block : order) {
            assertArrayEquals(filled(BLOCK, block).array(), disk.imageRange(block * BLOCK, BLOCK));
        }
        assertEquals(0, cache.cachedBytes());
        assertEquals(0, cache.entryCount());
    }

    @Test
    void coalescedWritesAreCappedAtTheStagingSize() throws StorageException {
        int blocks = WriteBackCache.COALESCED_WRITE_BYTES / BLOCK + 3;
        RecordingRangeWriter disk = new RecordingRangeWriter(blocks * BLOCK);
        WriteBackCache cache = new WriteBackCache((long) blocks * BLOCK, disk);
        for (int block = blocks - 1; block >= 0; block--) {
            cache.put((long) block * BLOCK, filled(BLOCK, block));
        }
        cache.flush();
        assertEquals(List.of("0+" + WriteBackCache.COALESCED_WRITE_BYTES,
                WriteBackCache.COALESCED_WRITE_BYTES + "+" + 3 * BLOCK), disk.shape());
        assertArrayEquals(filled(BLOCK, blocks - 1).array(), disk.imageRange((blocks - 1) * BLOCK, BLOCK));
    }

    @Test
    void flushesWhenTheBudgetIsFull() throws StorageException {
        RecordingRangeWriter disk = new RecordingRangeWriter(8 * BLOCK);
        WriteBackCache cache = new WriteBackCache(2L * BLOCK, disk);
        cache.put(4L * BLOCK, filled(BLOCK, 4));
        cache.put(0, filled(BLOCK, 0));
        assertEquals(List.of(), disk.writes);
        cache.put(2L * BLOCK, filled(BLOCK, 2));
        assertEquals(List.of("0+" + BLOCK, 4 * BLOCK + "+" + BLOCK), disk.shape());
        assertEquals(BLOCK, cache.cachedBytes());
    }

    @Test
    void readsSeeCachedBytesOverDiskBytes() throws StorageException {
        RecordingRangeWriter disk = new RecordingRangeWriter(4 * BLOCK);
        WriteBackCache cache = new WriteBackCache(4L * BLOCK, disk);
        cache.put(100, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        cache.put(200, ByteBuffer.wrap(new byte[] {4, 5}));
        ByteBuffer target = ByteBuffer.allocate(110);
        target.position(5);
        for (int i = 5; i < 110; i++) {
            target.put(i, (byte) -1);
        }
        cache.overlay(98, target);
        assertEquals(5, target.position(), "overlay leaves the position alone");
        assertArrayEquals(new byte[] {-1, -1, 1, 2, 3, -1}, java.util.Arrays.copyOfRange(target.array(), 5, 11));
        assertEquals(4, target.get(5 + 102));
        assertEquals(5, target.get(5 + 103));
        assertEquals(-1, target.get(5 + 104));
    }

    @Test
    void coverageNeedsEveryByte() throws StorageException {
        WriteBackCache cache = new WriteBackCache(4L * BLOCK, new RecordingRangeWriter(4 * BLOCK));
        cache.put(0, filled(BLOCK, 0));
        cache.put(BLOCK, filled(10, 1));
        assertTrue(cache.covers(0, BLOCK + 10));
        assertTrue(cache.covers(BLOCK - 5, 15));
        assertFalse(cache.covers(0, BLOCK + 11));
        assertFalse(cache.covers(BLOCK + 10, 1));
        cache.put(BLOCK + 20, filled(10, 2));
        assertFalse(cache.covers(BLOCK, 30), "hole between 10 and 20");
    }

    @Test
    void smallSequentialPutsPackIntoOneSlab() throws StorageException {
        RecordingRangeWriter disk = new RecordingRangeWriter(4 * BLOCK);
        WriteBackCache cache = new WriteBackCache(4L * BLOCK, disk);
        for (int i = 0; i < 100; i++) {
            cache.put(i * 100L, filled(100, i));
        }
        assertEquals(1, cache.entryCount());
        cache.put(10_000, filled(BLOCK, 7));
        assertEquals(2, cache.entryCount(), "fills the first slab, then one more");
        cache.flush();
        assertEquals(List.of("0+" + (10_000 + BLOCK)), disk.shape());
        assertArrayEquals(filled(100, 99).array(), disk.imageRange(9_900, 100));
        assertArrayEquals(filled(BLOCK, 7).array(), disk.imageRange(10_000, BLOCK));
    }

    @Test
    void overlappingPutFlushesOlderDataFirstSoNewestWins() throws StorageException {
        RecordingRangeWriter disk = new RecordingRangeWriter(4 * BLOCK);
        WriteBackCache cache = new WriteBackCache(4L * BLOCK, disk);
        cache.put(0, filled(BLOCK, 1));
        cache.put(BLOCK / 2, filled(BLOCK, 2));
        assertEquals(List.of("0+" + BLOCK), disk.shape());
        ByteBuffer read = ByteBuffer.allocate(BLOCK);
        cache.overlay(BLOCK / 2, read);
        assertArrayEquals(filled(BLOCK, 2).array(), read.array());
        cache.flush();
        assertArrayEquals(filled(BLOCK, 2).array(), disk.imageRange(BLOCK / 2, BLOCK));
        assertArrayEquals(java.util.Arrays.copyOf(filled(BLOCK, 1).array(), BLOCK / 2), disk.imageRange(0, BLOCK / 2));
    }

    @Test
    void putCopiesSoTheCallerMayReuseItsBuffer() throws StorageException {
        RecordingRangeWriter disk = new RecordingRangeWriter(BLOCK);
        WriteBackCache cache = new WriteBackCache(BLOCK, disk);
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 9, 9});
        cache.put(0, buffer);
        assertEquals(3, buffer.position());
        buffer.array()[0] = 0;
        cache.flush();
        assertArrayEquals(new byte[] {9, 9, 9}, disk.imageRange(0, 3));
    }

    @Test
    void slabsAreReusedAfterFlush() throws StorageException {
        RecordingRangeWriter disk = new RecordingRangeWriter(64 * BLOCK);
        WriteBackCache cache = new WriteBackCache(4L * BLOCK, disk);
        for (int block = 0; block < 64; block++) {
            cache.put((long) ((block * 17) % 64) * BLOCK, filled(BLOCK, block));
        }
        assertEquals(4, cache.allocatedSlabs());
        cache.flush();
        for (int block = 0; block < 64; block++) {
            assertArrayEquals(filled(BLOCK, block).array(), disk.imageRange(((block * 17) % 64) * BLOCK, BLOCK));
        }
    }

    @Test
    void failedFlushKeepsTheDataForALaterFlush() throws StorageException {
        RecordingRangeWriter disk = new RecordingRangeWriter(4 * BLOCK);
        WriteBackCache cache = new WriteBackCache(4L * BLOCK, disk);
        cache.put(0, filled(BLOCK, 1));
        cache.put(2L * BLOCK, filled(BLOCK, 2));
        StorageException full = new StorageException(ErrorCode.NOT_ENOUGH_DISK_SPACE, null, "disk full", null);
        disk.failNextWrite(full);
        assertSame(full, assertThrows(StorageException.class, cache::flush));
        assertEquals(2L * BLOCK, cache.cachedBytes());
        cache.flush();
        assertEquals(List.of("0+" + BLOCK, 2 * BLOCK + "+" + BLOCK), disk.shape());
    }

    @Test
    void budgetSmallerThanASlabStillWorks() throws StorageException {
        RecordingRangeWriter disk = new RecordingRangeWriter(1000);
        WriteBackCache cache = new WriteBackCache(100, disk);
        cache.put(0, filled(250, 3));
        assertEquals(List.of("0+100", "100+100"), disk.shape());
        assertEquals(50, cache.cachedBytes());
        cache.flush();
        assertArrayEquals(filled(250, 3).array(), disk.imageRange(0, 250));
    }

    @Test
    void rejectsBadBudgets() {
        RecordingRangeWriter disk = new RecordingRangeWriter(1);
        assertThrows(IllegalArgumentException.class, () -> new WriteBackCache(0, disk));
        assertThrows(IllegalArgumentException.class, () -> new WriteBackCache(1L << 31, disk));
    }
}
