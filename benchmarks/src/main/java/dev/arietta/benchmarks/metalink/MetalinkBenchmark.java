package dev.arietta.benchmarks.metalink;

import dev.arietta.benchmarks.BenchmarkBase;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing Metalink 4 through the public API: one file with 10,000 piece hashes (decoded
 * straight from the text buffer) and 1,000 files. Run with {@code -prof gc} for allocation
 * per operation.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetalinkBenchmark extends BenchmarkBase {

    private byte[] pieceHashes;
    private byte[] manyFiles;
    private MetalinkParser parser;

    @Setup
    public void setUp() {
        pieceHashes = MetalinkInputs.oneFileTenThousandPieces();
        manyFiles = MetalinkInputs.thousandFiles();
        parser = MetalinkParser.create();
    }

    @Benchmark
    public MetalinkDocument parsePieceHashes() throws MetalinkException {
        return parser.parse(pieceHashes);
    }

    @Benchmark
    public MetalinkDocument parseManyFiles() throws MetalinkException {
        return parser.parse(manyFiles);
    }
}
