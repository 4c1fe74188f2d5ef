package dev.arietta.benchmarks.core.hash;

import dev.arietta.benchmarks.BenchmarkBase;
import dev.arietta.core.internal.hash.HashAlgorithm;
import dev.arietta.core.internal.hash.PieceHashResult;
import dev.arietta.core.internal.hash.PieceHashes;
import dev.arietta.core.internal.hash.PieceVerifier;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Piece hashing throughput, fed in 16 KiB blocks as pieces arrive from peers.
 *
 * <p>Each thread owns {@code totalMiB} of random data (heap or direct) cut into 1 MiB pieces of
 * 64 blocks; an invocation hashes the next piece, cycling through the data, so the working set
 * is larger than the caches as real piece data is. The score is nanoseconds per 16 KiB block
 * ({@code @OperationsPerInvocation(64)}): throughput in MB/s is {@code 16384 / score × 1000}.
 * Compare with {@code openssl speed -evp sha1 -seconds 1} at 16384-byte blocks, minding that
 * {@code openssl speed} divides by the user CPU time it used unless given {@code -elapsed},
 * while JMH divides by wall time: on a shared, busy machine compare with
 * {@code openssl speed -elapsed}, run back to back.
 *
 * <ul>
 *   <li>{@code digest}: a bare {@link MessageDigest}, the ceiling for Java.</li>
 *   <li>{@code verifier}: {@link PieceVerifier} with same-thread executors: the production path
 *       minus the thread hand-offs (one future and one result per piece).</li>
 *   <li>{@code verifierTwoThreads}: the same on two threads, each with its own data, to show
 *       scaling with cores.</li>
 * </ul>
 */
@State(Scope.Thread)
public class PieceHashBenchmark extends BenchmarkBase {

    private static final int BLOCK_BYTES = 16 * 1024;
    private static final int PIECE_BYTES = 1 << 20;
    private static final int BLOCKS_PER_PIECE = PIECE_BYTES / BLOCK_BYTES;

    @Param({"SHA_1", "SHA_256"})
    public HashAlgorithm algorithm;

    @Param({"heap", "direct"})
    public String memory;

    /** Data per thread in MiB; the 1 GiB works too but needs a larger heap. */
    @Param({"64"})
    public int totalMiB;

    private ByteBuffer data;
    private ByteBuffer[][] blocksByPiece;
    private PieceHashes hashes;
    private MessageDigest digest;
    private PieceVerifier verifier;
    private int pieceCount;
    private int nextPiece;

    @Setup(Level.Trial)
    public void setUp() {
        int totalBytes = totalMiB << 20;
        byte[] random = new byte[totalBytes];
        SplittableRandom generator = new SplittableRandom(42);
        for (int i = 0; i < totalBytes; i += 8) {
            long value = generator.nextLong();
            for (int j = 0; j < 8; j++) {
                random[i + j] = (byte) (value >>> (8 * j));
            }
        }
        data = memory.equals("direct") ? ByteBuffer.allocateDirect(totalBytes).put(random).flip() : ByteBuffer.wrap(random);
        pieceCount = totalBytes / PIECE_BYTES;
        digest = algorithm.newDigest();
        byte[] concatenated = new byte[pieceCount * algorithm.digestLength()];
        blocksByPiece = new ByteBuffer[pieceCount][BLOCKS_PER_PIECE];
        for (int piece = 0; piece < pieceCount; piece++) {
            for (int block = 0; block < BLOCKS_PER_PIECE; block++) {
                int start = piece * PIECE_BYTES + block * BLOCK_BYTES;
                blocksByPiece[piece][block] = data.duplicate().position(start).limit(start + BLOCK_BYTES).slice();
            }
            digest.update(random, piece * PIECE_BYTES, PIECE_BYTES);
            System.arraycopy(digest.digest(), 0, concatenated, piece * algorithm.digestLength(), algorithm.digestLength());
        }
        hashes = new PieceHashes(algorithm, concatenated);
        Executor sameThread = Runnable::run;
        verifier = new PieceVerifier(sameThread, sameThread);
    }

    private int nextPiece() {
        int piece = nextPiece;
        nextPiece = piece + 1 == pieceCount ? 0 : piece + 1;
        return piece;
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS_PER_PIECE)
    public byte[] digest() {
        for (ByteBuffer block : blocksByPiece[nextPiece()]) {
            int position = block.position();
            digest.update(block);
            block.position(position);
        }
        return digest.digest();
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS_PER_PIECE)
    public PieceHashResult verifier() {
        return verifyNext();
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BLOCKS_PER_PIECE)
    public PieceHashResult verifierTwoThreads() {
        return verifyNext();
    }

    private PieceHashResult verifyNext() {
        int piece = nextPiece();
        PieceHashResult result = verifier.verify(hashes, piece, blocksByPiece[piece]).join();
        if (!result.passed()) {
            throw new IllegalStateException("piece " + piece + " failed verification");
        }
        return result;
    }
}
