package dev.arietta.benchmarks.core.picker;

import dev.arietta.benchmarks.BenchmarkBase;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.PieceGeometry;
import dev.arietta.core.internal.picker.BlockAddress;
import dev.arietta.core.internal.picker.PickerOptions;
import dev.arietta.core.internal.picker.PiecePicker;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The piece picker's hot paths on a swarm of {@code peers} peers that each have a random half
 * of {@code pieces} pieces of 256 KiB (16 blocks). Each benchmark restores the state it
 * changes, so every invocation sees the same steady state:
 * <ul>
 *   <li>{@code have}: a HAVE and the matching lt_donthave (2 operations);</li>
 *   <li>{@code joinLeave}: one more peer with half the pieces joins and leaves (2 operations);</li>
 *   <li>{@code pick}: 16 blocks picked for a random peer (starting a piece), then the 16
 *       requests aborted, which gives the piece back;</li>
 *   <li>{@code complete}: a whole piece picked, its 16 blocks received and written, the piece
 *       verified, then marked lost again so that it can be picked once more.</li>
 * </ul>
 */
@State(Scope.Thread)
public class PiecePickerBenchmark extends BenchmarkBase {

    private static final int BLOCKS_PER_PIECE = 16;
    private static final int SAMPLES = 1 << 12;

    @Param({"1024", "65536", "1048576"})
    public int pieces;

    @Param({"50", "200"})
    public int peers;

    private PiecePicker picker;
    private Bitfield[] peerPieces;
    private Bitfield extraPeer;
    private final int[] havePeer = new int[SAMPLES];
    private final int[] havePiece = new int[SAMPLES];
    private final int[] pickPeer = new int[SAMPLES];
    private final long[] blocks = new long[BLOCKS_PER_PIECE];
    private final int[] cancels = new int[PickerOptions.DEFAULT_MAX_REQUESTS_PER_BLOCK];
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        PieceGeometry geometry = new PieceGeometry((long) pieces * BLOCKS_PER_PIECE * PieceGeometry.BLOCK_LENGTH,
                BLOCKS_PER_PIECE * PieceGeometry.BLOCK_LENGTH);
        picker = new PiecePicker(geometry, null, PickerOptions.defaults(), new SplittableRandom(7));
        peerPieces = new Bitfield[peers];
        for (int p = 0; p < peers; p++) {
            peerPieces[p] = half(random);
            picker.peerJoined(peerPieces[p]);
        }
        extraPeer = half(random);
        for (int i = 0; i < SAMPLES; i++) {
            int peer = random.nextInt(peers);
            int piece = peerPieces[peer].nextClearBit(random.nextInt(pieces));
            if (piece < 0) {
                piece = peerPieces[peer].nextClearBit(0);
            }
            havePeer[i] = peer;
            havePiece[i] = piece;
            pickPeer[i] = random.nextInt(peers);
        }
    }

    private Bitfield half(SplittableRandom random) {
        Bitfield bitfield = new Bitfield(pieces);
        for (int piece = 0; piece < pieces; piece++) {
            if (random.nextBoolean()) {
                bitfield.set(piece);
            }
        }
        return bitfield;
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public boolean have() {
        int i = next++ & (SAMPLES - 1);
        Bitfield peer = peerPieces[havePeer[i]];
        boolean added = picker.peerHave(peer, havePiece[i]);
        return picker.peerDontHave(peer, havePiece[i]) & added;
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public int joinLeave() {
        picker.peerJoined(extraPeer);
        picker.peerLeft(extraPeer);
        return picker.peerCount();
    }

    @Benchmark
    public int pick() {
        int peer = pickPeer[next++ & (SAMPLES - 1)];
        int count = picker.pickBlocks(peerPieces[peer], peer, BLOCKS_PER_PIECE, blocks);
        for (int i = 0; i < count; i++) {
            picker.abortRequest(BlockAddress.piece(blocks[i]), BlockAddress.block(blocks[i]), peer);
        }
        return count;
    }

    @Benchmark
    public boolean complete() {
        int peer = pickPeer[next++ & (SAMPLES - 1)];
        int count = picker.pickBlocks(peerPieces[peer], peer, BLOCKS_PER_PIECE, blocks);
        int piece = BlockAddress.piece(blocks[0]);
        for (int i = 0; i < count; i++) {
            int block = BlockAddress.block(blocks[i]);
            picker.blockReceived(piece, block, peer, cancels);
            picker.blockWritten(piece, block);
        }
        picker.pieceVerified(piece);
        return picker.pieceLost(piece);
    }
}
