package dev.arietta.benchmarks.core.storage;

import dev.arietta.benchmarks.BenchmarkBase;
import dev.arietta.core.internal.storage.AllocationMode;
import dev.arietta.core.internal.storage.FileEntry;
import dev.arietta.core.internal.storage.FileLayout;
import dev.arietta.core.internal.storage.Storage;
import dev.arietta.core.internal.storage.StorageException;
import dev.arietta.core.internal.storage.TargetFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Out-of-order 16 KiB block writes into a 1 GiB layout of 8 files of 128 MiB, as a swarm
 * delivers them: pieces of 1 MiB are downloaded 16 at a time in random order, and the 1024
 * blocks of those 16 pieces arrive shuffled. Compared with the write-back cache off
 * ({@code cacheBytes=0}) and at aria2's default 16 MiB, which holds one such window and
 * flushes it as 16 coalesced 1 MiB writes.
 *
 * <p>The primary score is blocks per second; the {@code megabytes} counter is MB/s (10^6 bytes).
 * Flushes triggered by a full cache are inside the measurement. Files live in a temporary
 * directory under {@code java.io.tmpdir} (/tmp by default; {@code -jvmArgsAppend
 * -Djava.io.tmpdir=/dev/shm} measures CPU cost without the disk), allocated sparse
 * ({@code trunc}), deleted at the end of the trial. On a disk, writeback of the previous
 * trial's dirty pages throttles the next one: compare runs of one parameter at a time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StorageWriteBenchmark extends BenchmarkBase {

    private static final int BLOCK_BYTES = 16 * 1024;
    private static final int PIECE_BYTES = 1024 * 1024;
    private static final int FILE_COUNT = 8;
    private static final long FILE_BYTES = 128L * 1024 * 1024;
    private static final int ACTIVE_PIECES = 16;

    /** Write-back cache budget in bytes; 0 disables the cache. */
    @Param({"0", "16777216"})
    public long cacheBytes;

    private Path directory;
    private Storage storage;
    private long[] blockOffsets;
    private int next;
    private ByteBuffer block;

    /** Bytes written, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Written {
        /** Megabytes (10^6 bytes) written; JMH divides by time, giving MB/s. */
        public double megabytes;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("arietta-storage-benchmark-");
        List<FileEntry> files = new ArrayList<>();
        List<TargetFile> targets = new ArrayList<>();
        for (int i = 0; i < FILE_COUNT; i++) {
            files.add(FileEntry.of("file-" + i, FILE_BYTES));
            targets.add(new TargetFile(directory.resolve("file-" + i), TargetFile.Disposition.CREATE));
        }
        FileLayout layout = new FileLayout(files, PIECE_BYTES);
        storage = Storage.builder(layout, targets)
                .allocationMode(AllocationMode.TRUNC)
                .cacheBytes(cacheBytes)
                .build();
        storage.allocate();
        blockOffsets = swarmOrder(layout.pieceCount(), new Random(42));
        byte[] content = new byte[BLOCK_BYTES];
        new Random(7).nextBytes(content);
        block = ByteBuffer.allocateDirect(BLOCK_BYTES);
        block.put(content).flip();
    }

    /** Pieces in random order, taken 16 at a time; the blocks of each group of 16 shuffled. */
    private static long[] swarmOrder(int pieceCount, Random random) {
        int[] pieces = new int[pieceCount];
        for (int i = 0; i < pieceCount; i++) {
            pieces[i] = i;
        }
        shuffle(pieces, 0, pieceCount, random);
        int blocksPerPiece = PIECE_BYTES / BLOCK_BYTES;
        long[] offsets = new long[pieceCount * blocksPerPiece];
        int filled = 0;
        for (int group = 0; group < pieceCount; group += ACTIVE_PIECES) {
            int groupStart = filled;
            for (int p = group; p < Math.min(pieceCount, group + ACTIVE_PIECES); p++) {
                for (int b = 0; b < blocksPerPiece; b++) {
                    offsets[filled++] = (long) pieces[p] * PIECE_BYTES + (long) b * BLOCK_BYTES;
                }
            }
            shuffle(offsets, groupStart, filled, random);
        }
        return offsets;
    }

    private static void shuffle(int[] values, int from, int to, Random random) {
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    private static void shuffle(long[] values, int from, int to, Random random) {
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            long swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    @Benchmark
    public void writeBlock(Written written) throws StorageException {
        long offset = blockOffsets[next];
        next = next + 1 == blockOffsets.length ? 0 : next + 1;
        block.clear();
        storage.write(offset, block);
        written.megabytes += BLOCK_BYTES / 1e6;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            storage.close();
        } finally {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
