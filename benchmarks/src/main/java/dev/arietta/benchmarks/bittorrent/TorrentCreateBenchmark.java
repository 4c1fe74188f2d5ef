package dev.arietta.benchmarks.bittorrent;

import dev.arietta.benchmarks.BenchmarkBase;
import dev.arietta.bittorrent.metainfo.CreatedTorrent;
import dev.arietta.bittorrent.metainfo.TorrentCreator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Creating a torrent of one {@code sizeMiB} file in 1 MiB pieces with {@link TorrentCreator}:
 * list, read (from the page cache after the first run), hash every piece, write and read back
 * the {@code .torrent}. {@code threads} is the hashing parallelism, 0 meaning every available
 * processor. Throughput in MB/s is {@code sizeMiB × 1.048576 / score} with the score in seconds
 * per operation (milliseconds shown).
 *
 * <p>Compare with libtorrent on the same file, run once by hand (not in CI):
 * <pre>
 * /usr/bin/python3 -c 'import libtorrent as lt, time; fs = lt.file_storage(); lt.add_files(fs, "FILE");
 *   t = lt.create_torrent(fs, 1 &lt;&lt; 20, flags=lt.create_torrent.v1_only); s = time.time();
 *   lt.set_piece_hashes(t, "DIR"); print(time.time() - s)'
 * </pre>
 * and with the SHA-1 ceiling of {@code core.hash.PieceHashBenchmark} for one core.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class TorrentCreateBenchmark extends BenchmarkBase {

    /** Hashing threads; 0 for all available processors. */
    @Param({"1", "0"})
    public int threads;

    /** Size of the file in MiB. */
    @Param({"256"})
    public int sizeMiB;

    /** Piece length in bytes; {@code -p pieceLength=16384} shows the cost of many small reads. */
    @Param({"1048576"})
    public int pieceLength;

    private Path directory;
    private TorrentCreator creator;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("arietta-create-benchmark");
        Path file = directory.resolve("payload.bin");
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < sizeMiB; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        int parallelism = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        creator = TorrentCreator.builder(file).pieceLength(pieceLength).threads(parallelism).withoutCreationDate()
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    public CreatedTorrent create() throws IOException, InterruptedException {
        return creator.create();
    }
}
