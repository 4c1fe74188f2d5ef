package dev.arietta.core.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.piece.Bitfield;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageTest {

    @TempDir
    Path root;

    /** Targets for every file of the layout, all with {@code disposition} (padding files get PADDING). */
    private List<TargetFile> targets(FileLayout layout, TargetFile.Disposition disposition) {
        List<TargetFile> targets = new ArrayList<>();
        for (FileEntry file : layout.files()) {
            targets.add(new TargetFile(root.resolve(file.path()),
                    file.padding() ? TargetFile.Disposition.PADDING : disposition));
        }
        return targets;
    }

    private Storage.Builder storage(FileLayout layout) {
        return Storage.builder(layout, targets(layout, TargetFile.Disposition.CREATE));
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] read(Storage storage, long offset, int length) throws StorageException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        storage.read(offset, buffer);
        assertFalse(buffer.hasRemaining());
        return buffer.array();
    }

    /** Five files, one empty, one of a single byte, spread over pieces of 16 KiB. */
    private static FileLayout boundaryLayout() {
        return FileLayout.of(16 * 1024,
                FileEntry.of("top/a.bin", 5000),
                FileEntry.of("top/empty", 0),
                FileEntry.of("top/sub/b.bin", 17000),
                FileEntry.of("c.bin", 1),
                FileEntry.of("top/d.bin", 30000));
    }

    @ParameterizedTest(name = "cache {0} bytes")
    @ValueSource(longs = {0, 4096, 16 * 1024 * 1024})
    void roundTripAcrossFileBoundaries(long cacheBytes) throws IOException {
        FileLayout layout = boundaryLayout();
        int total = (int) layout.totalLength();
        byte[] data = randomBytes(total, 7);
        List<Integer> chunks = new ArrayList<>();
        for (int offset = 0; offset < total; offset += 3000) {
            chunks.add(offset);
        }
        Collections.shuffle(chunks, new Random(3));
        try (Storage storage = storage(layout).cacheBytes(cacheBytes).allocationMode(AllocationMode.NONE).build()) {
            storage.allocate();
            for (int offset : chunks) {
                int length = Math.min(3000, total - offset);
                ByteBuffer chunk = ByteBuffer.wrap(data, offset, length);
                storage.write(offset, chunk);
                assertEquals(offset + length, chunk.position());
            }
            assertArrayEquals(data, read(storage, 0, total), "reads see unflushed writes");
            assertArrayEquals(Arrays.copyOfRange(data, 4990, 5020), read(storage, 4990, 30));
        }
        assertArrayEquals(Arrays.copyOfRange(data, 0, 5000), Files.readAllBytes(root.resolve("top/a.bin")));
        assertArrayEquals(new byte[0], Files.readAllBytes(root.resolve("top/empty")));
        assertArrayEquals(Arrays.copyOfRange(data, 5000, 22000), Files.readAllBytes(root.resolve("top/sub/b.bin")));
        assertArrayEquals(Arrays.copyOfRange(data, 22000, 22001), Files.readAllBytes(root.resolve("c.bin")));
        assertArrayEquals(Arrays.copyOfRange(data, 22001, total), Files.readAllBytes(root.resolve("top/d.bin")));
        try (Storage reopened = Storage.builder(layout, targets(layout, TargetFile.Disposition.CONTINUE))
                .cacheBytes(cacheBytes).build()) {
            assertArrayEquals(data, read(reopened, 0, total));
        }
    }

    @Test
    void largeWritesBypassTheCacheAfterFlushingWhatTheyOverlap() throws IOException {
        int large = Storage.WRITE_THROUGH_BYTES;
        FileLayout layout = FileLayout.of(16 * 1024, FileEntry.of("big.bin", 4L * large));
        byte[] small = randomBytes(1000, 11);
        byte[] wide = randomBytes(large, 12);
        byte[] later = randomBytes(500, 13);
        Path file = root.resolve("big.bin");
        try (Storage storage = storage(layout).cacheBytes(1 << 20).allocationMode(AllocationMode.NONE).build()) {
            storage.allocate();
            storage.write(100, ByteBuffer.wrap(small));
            assertEquals(0, Files.size(file), "a small write waits in the cache");
            storage.write(0, ByteBuffer.wrap(wide));
            byte[] onDisk = Files.readAllBytes(file);
            assertArrayEquals(wide, Arrays.copyOf(onDisk, large), "the large write went straight to the file, last");
            storage.write(200, ByteBuffer.wrap(later));
            byte[] expected = wide.clone();
            System.arraycopy(later, 0, expected, 200, later.length);
            assertArrayEquals(expected, read(storage, 0, large), "a later small write wins in reads");
            storage.write(2L * large, ByteBuffer.wrap(wide));
            assertArrayEquals(wide, Arrays.copyOfRange(Files.readAllBytes(file), 2 * large, 3 * large),
                    "no overlap: written through without a flush");
            assertArrayEquals(wide, Arrays.copyOf(Files.readAllBytes(file), large), "the small write is still cached");
        }
        byte[] expected = wide.clone();
        System.arraycopy(later, 0, expected, 200, later.length);
        assertArrayEquals(expected, Arrays.copyOf(Files.readAllBytes(file), large));
    }

    @Test
    void directBuffersAndBufferPositionsAreHonoured() throws IOException {
        FileLayout layout = boundaryLayout();
        try (Storage storage = storage(layout).cacheBytes(0).build()) {
            ByteBuffer source = ByteBuffer.allocateDirect(100);
            for (int i = 0; i < 100; i++) {
                source.put((byte) i);
            }
            source.position(10).limit(60);
            storage.write(4980, source);
            assertEquals(60, source.position());
            assertEquals(60, source.limit());
            ByteBuffer target = ByteBuffer.allocateDirect(70);
            target.position(20);
            storage.read(4980, target);
            assertEquals(70, target.position());
            for (int i = 0; i < 50; i++) {
                assertEquals((byte) (i + 10), target.get(20 + i));
            }
        }
    }

    @Test
    void beyondFourGibibytesSparse() throws IOException {
        long fiveGib = 5L << 30;
        FileLayout layout = FileLayout.of(4 << 20, FileEntry.of("huge", fiveGib), FileEntry.of("next", 1L << 30));
        byte[] data = randomBytes(16, 11);
        try (Storage storage = storage(layout).allocationMode(AllocationMode.NONE).cacheBytes(0).build()) {
            storage.write(fiveGib - 8, ByteBuffer.wrap(data));
            assertArrayEquals(data, read(storage, fiveGib - 8, 16));
        }
        assertEquals(fiveGib, Files.size(root.resolve("huge")));
        assertEquals(8, Files.size(root.resolve("next")));
    }

    @ParameterizedTest
    @EnumSource(AllocationMode.class)
    void allocationModesGiveTheRightLengths(AllocationMode mode) throws IOException {
        FileLayout layout = FileLayout.of(1 << 20,
                FileEntry.of("big", 3 * (1 << 20) + 17),
                FileEntry.of("empty", 0),
                FileEntry.padding(".pad/0", 1000),
                FileEntry.of("small", 5));
        try (Storage storage = storage(layout).allocationMode(mode).build()) {
            storage.allocate();
        }
        long expectedBig = mode == AllocationMode.NONE ? 0 : 3 * (1 << 20) + 17;
        long expectedSmall = mode == AllocationMode.NONE ? 0 : 5;
        assertEquals(expectedBig, Files.size(root.resolve("big")));
        assertEquals(0, Files.size(root.resolve("empty")));
        assertEquals(expectedSmall, Files.size(root.resolve("small")));
        assertFalse(Files.exists(root.resolve(".pad")), "padding files are never created");
        if (mode != AllocationMode.NONE) {
            assertArrayEquals(new byte[5], Files.readAllBytes(root.resolve("small")));
        }
    }

    @ParameterizedTest
    @EnumSource(value = AllocationMode.class, names = {"PREALLOC", "TRUNC", "FALLOC"})
    void allocationKeepsExistingBytes(AllocationMode mode) throws IOException {
        Files.write(root.resolve("partial"), new byte[] {1, 2, 3});
        FileLayout layout = FileLayout.of(16, FileEntry.of("partial", 40));
        try (Storage storage = Storage.builder(layout, targets(layout, TargetFile.Disposition.CONTINUE))
                .allocationMode(mode).build()) {
            storage.allocate();
            byte[] expected = new byte[40];
            expected[0] = 1;
            expected[1] = 2;
            expected[2] = 3;
            assertArrayEquals(expected, read(storage, 0, 40));
        }
        assertEquals(40, Files.size(root.resolve("partial")));
    }

    @Test
    void poolEvictsLeastRecentlyUsedAndReopens() throws IOException {
        FileLayout layout = FileLayout.of(16, FileEntry.of("f0", 10), FileEntry.of("f1", 10),
                FileEntry.of("f2", 10), FileEntry.of("f3", 10));
        try (Storage storage = storage(layout).maxOpenFiles(2).cacheBytes(0).build()) {
            storage.write(0, ByteBuffer.wrap(randomBytes(10, 0)));
            storage.write(10, ByteBuffer.wrap(randomBytes(10, 1)));
            assertEquals(2, storage.openFileCount());
            read(storage, 0, 1);
            storage.write(20, ByteBuffer.wrap(randomBytes(10, 2)));
            assertTrue(storage.isOpen(0), "recently read, kept");
            assertFalse(storage.isOpen(1), "least recently used, closed");
            assertTrue(storage.isOpen(2));
            assertEquals(2, storage.openFileCount());
            assertArrayEquals(randomBytes(10, 1), read(storage, 10, 10), "evicted file reopens");
            assertTrue(storage.isOpen(1));
            assertFalse(storage.isOpen(0));
            storage.write(30, ByteBuffer.wrap(randomBytes(10, 3)));
            storage.sync();
            assertTrue(storage.openFileCount() <= 2);
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(randomBytes(10, i), read(storage, i * 10L, 10));
            }
        }
    }

    @Test
    void unselectedFileIsCreatedOnlyByAWriteThatTouchesIt() throws IOException {
        FileLayout layout = FileLayout.of(16, FileEntry.of("a", 10), FileEntry.of("b", 10), FileEntry.of("c", 10));
        Bitfield selection = new Bitfield(3);
        selection.set(0);
        selection.set(2);
        try (Storage storage = storage(layout).selectedFiles(selection).allocationMode(AllocationMode.PREALLOC)
                .cacheBytes(0).build()) {
            storage.allocate();
            assertTrue(Files.exists(root.resolve("a")));
            assertFalse(Files.exists(root.resolve("b")));
            assertTrue(Files.exists(root.resolve("c")));
            assertArrayEquals(new byte[10], read(storage, 10, 10), "unselected file reads as zeros");
            assertFalse(Files.exists(root.resolve("b")), "reading does not create");
            byte[] piece = randomBytes(16, 5);
            storage.write(0, ByteBuffer.wrap(piece));
            assertArrayEquals(Arrays.copyOfRange(piece, 10, 16), Files.readAllBytes(root.resolve("b")));
            assertFalse(storage.isSelected(1));
            storage.setSelected(1, true);
            assertTrue(storage.isSelected(1));
        }
    }

    @ParameterizedTest(name = "cache {0} bytes")
    @ValueSource(longs = {0, 16 * 1024 * 1024})
    void paddingBytesAreDroppedAndReadAsZeros(long cacheBytes) throws IOException {
        FileLayout layout = FileLayout.of(32, FileEntry.of("a", 10), FileEntry.padding(".pad/6", 6),
                FileEntry.of("b", 16));
        byte[] data = randomBytes(32, 9);
        byte[] expected = data.clone();
        Arrays.fill(expected, 10, 16, (byte) 0);
        try (Storage storage = storage(layout).cacheBytes(cacheBytes).build()) {
            storage.write(0, ByteBuffer.wrap(data));
            assertArrayEquals(expected, read(storage, 0, 32), "before flush");
            storage.flush();
            assertArrayEquals(expected, read(storage, 0, 32), "after flush");
        }
        assertFalse(Files.exists(root.resolve(".pad")));
        assertArrayEquals(Arrays.copyOfRange(data, 16, 32), Files.readAllBytes(root.resolve("b")));
    }

    @Test
    void overwriteDiscardsOldContentAndContinueKeepsIt() throws IOException {
        Files.createDirectories(root);
        Files.write(root.resolve("old"), "old content that is long".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.write(root.resolve("kept"), new byte[] {7, 7, 7, 7});
        FileLayout layout = FileLayout.of(16, FileEntry.of("old", 8), FileEntry.of("kept", 4));
        List<TargetFile> targets = List.of(new TargetFile(root.resolve("old"), TargetFile.Disposition.OVERWRITE),
                new TargetFile(root.resolve("kept"), TargetFile.Disposition.CONTINUE));
        try (Storage storage = Storage.builder(layout, targets).allocationMode(AllocationMode.NONE).cacheBytes(0)
                .build()) {
            assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 7, 7, 7, 7}, read(storage, 0, 12));
            storage.write(0, ByteBuffer.wrap(new byte[] {1, 2}));
        }
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(root.resolve("old")));
        assertArrayEquals(new byte[] {7, 7, 7, 7}, Files.readAllBytes(root.resolve("kept")));
    }

    @Test
    void cachedWritesReachTheDiskOnlyOnFlushButAreReadable() throws IOException {
        FileLayout layout = FileLayout.of(16, FileEntry.of("a", 20));
        try (Storage storage = storage(layout).cacheBytes(1 << 20).build()) {
            storage.write(4, ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertEquals(3, storage.cachedBytes());
            assertFalse(Files.exists(root.resolve("a")));
            assertArrayEquals(new byte[] {0, 1, 2, 3, 0}, read(storage, 3, 5));
            storage.flush();
            assertEquals(0, storage.cachedBytes());
            assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 2, 3}, Files.readAllBytes(root.resolve("a")));
            storage.write(0, ByteBuffer.wrap(new byte[] {9}));
        }
        assertEquals(9, Files.readAllBytes(root.resolve("a"))[0], "close flushes");
    }

    @Test
    void directoryCreationFailureCarriesDirCreateError() throws IOException {
        Files.write(root.resolve("blocker"), new byte[] {1});
        FileLayout layout = FileLayout.of(16, FileEntry.of("blocker/file", 4));
        try (Storage storage = storage(layout).cacheBytes(0).build()) {
            StorageException error = assertThrows(StorageException.class,
                    () -> storage.write(0, ByteBuffer.wrap(new byte[4])));
            assertEquals(ErrorCode.DIR_CREATE_ERROR, error.errorCode());
            assertEquals(root.resolve("blocker"), error.path());
        }
    }

    @Test
    void fileCreationFailureCarriesFileCreateError() throws IOException {
        Files.createDirectories(root.resolve("a-directory"));
        FileLayout layout = FileLayout.of(16, FileEntry.of("a-directory", 4));
        try (Storage storage = storage(layout).build()) {
            StorageException error = assertThrows(StorageException.class, storage::allocate);
            assertEquals(ErrorCode.FILE_CREATE_ERROR, error.errorCode());
            assertEquals(root.resolve("a-directory"), error.path());
        }
    }

    @Test
    void rejectsRangesOutsideTheLayoutAndUseAfterClose() throws IOException {
        FileLayout layout = FileLayout.of(16, FileEntry.of("a", 20));
        Storage storage = storage(layout).build();
        assertThrows(IllegalArgumentException.class, () -> storage.write(15, ByteBuffer.allocate(6)));
        assertThrows(IllegalArgumentException.class, () -> storage.read(-1, ByteBuffer.allocate(1)));
        storage.close();
        storage.close();
        assertEquals("storage closed",
                assertThrows(IllegalStateException.class, () -> storage.write(0, ByteBuffer.allocate(1))).getMessage());
    }

    @Test
    void builderValidatesItsSettings() {
        FileLayout layout = FileLayout.of(16, FileEntry.of("a", 20), FileEntry.of("b", 1));
        List<TargetFile> targets = targets(layout, TargetFile.Disposition.CREATE);
        assertEquals("1 targets for a layout of 2 files", assertThrows(IllegalArgumentException.class,
                () -> Storage.builder(layout, targets.subList(0, 1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Storage.builder(layout, targets).maxOpenFiles(0));
        assertThrows(IllegalArgumentException.class, () -> Storage.builder(layout, targets).cacheBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> Storage.builder(layout, targets).cacheBytes(1L << 31));
        assertThrows(IllegalArgumentException.class,
                () -> Storage.builder(layout, targets).selectedFiles(new Bitfield(3)));
    }
}
