package dev.arietta.core.internal.picker;

import static dev.arietta.core.internal.picker.PickerFixtures.BLOCK;
import static dev.arietta.core.internal.picker.PickerFixtures.bits;
import static dev.arietta.core.internal.picker.PickerFixtures.complete;
import static dev.arietta.core.internal.picker.PickerFixtures.full;
import static dev.arietta.core.internal.picker.PickerFixtures.pickPiece;
import static dev.arietta.core.internal.picker.PickerFixtures.picker;
import static dev.arietta.core.internal.picker.PickerFixtures.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.BlockState;
import dev.arietta.core.internal.piece.PartialPiece;
import dev.arietta.core.internal.piece.PieceGeometry;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Blocks through their life: requests, arrivals, end-game, hash failures, departures. */
class PiecePickerProgressTest {

    private final int[] cancels = new int[PickerOptions.DEFAULT_MAX_REQUESTS_PER_BLOCK];

    @Test
    void blocksOfAPieceComeOutTogetherAndInOrder() {
        PiecePicker picker = picker(4, 4, 1);
        long[] out = new long[6];
        assertEquals(6, picker.pickBlocks(full(4), 1, 6, out));
        int first = BlockAddress.piece(out[0]);
        for (int block = 0; block < 4; block++) {
            assertEquals(BlockAddress.of(first, block), out[block]);
            assertEquals(BlockState.REQUESTED, picker.blockState(first, block));
        }
        int second = BlockAddress.piece(out[4]);
        assertEquals(BlockAddress.of(second, 0), out[4]);
        assertEquals(BlockAddress.of(second, 1), out[5]);
        assertEquals(2, picker.piecesInProgress());
        assertTrue(picker.isInProgress(first));
        assertTrue(picker.isInProgress(second));
        int untouched = 0;
        while (untouched == first || untouched == second) {
            untouched++;
        }
        assertFalse(picker.isInProgress(untouched));
    }

    @Test
    void piecesABannedSourceSuppliedAreNamed() {
        PiecePicker picker = picker(6, 2, 1);
        picker.peerJoined(full(6));
        long[] out = new long[6];
        assertEquals(6, picker.pickBlocks(full(6), 1, 6, out));
        int[] noCancels = new int[PickerOptions.DEFAULT_MAX_REQUESTS_PER_BLOCK];
        int first = BlockAddress.piece(out[0]);
        int second = BlockAddress.piece(out[2]);
        int third = BlockAddress.piece(out[4]);
        picker.blockReceived(first, 0, 7, noCancels);
        picker.blockReceived(second, 1, 8, noCancels);
        picker.blockReceived(third, 0, 8, noCancels);
        picker.blockReceived(third, 1, 7, noCancels);
        int[] pieces = new int[6];
        int count = picker.piecesSuppliedBy(7, pieces);
        assertEquals(2, count);
        int[] found = Arrays.copyOf(pieces, count);
        Arrays.sort(found);
        int[] expected = {first, third};
        Arrays.sort(expected);
        assertArrayEquals(expected, found);
        assertEquals(0, picker.piecesSuppliedBy(9, pieces));
    }

    @Test
    void piecesInProgressAreFinishedBeforeNewOnesStart() {
        PiecePicker picker = picker(20, 4, 1);
        picker.peerJoined(full(20));
        long[] out = new long[4];
        assertEquals(2, picker.pickBlocks(full(20), 1, 2, out));
        int started = BlockAddress.piece(out[0]);
        assertEquals(4, picker.pickBlocks(full(20), 2, 4, out));
        assertEquals(BlockAddress.of(started, 2), out[0]);
        assertEquals(BlockAddress.of(started, 3), out[1]);
        assertEquals(2, picker.piecesInProgress());
    }

    @Test
    void lastPieceHasItsOwnBlockCount() {
        PieceGeometry geometry = new PieceGeometry(2L * 4 * BLOCK + BLOCK + 10, 4 * BLOCK);
        PiecePicker picker = new PiecePicker(geometry, null, PickerOptions.defaults(), new Random(1));
        picker.setPieceDeadline(2, 0);
        long[] out = new long[8];
        assertEquals(2, picker.pickBlocks(bits(3, 2), 0, 8, out));
        assertEquals(BlockAddress.of(2, 1), out[1]);
        picker.blockReceived(2, 0, 0, cancels);
        picker.blockReceived(2, 1, 0, cancels);
        assertFalse(picker.blockWritten(2, 1));
        assertTrue(picker.blockWritten(2, 0), "two blocks make the whole last piece");
    }

    @Test
    void endGameHandsOutDuplicatesAndNamesWhomToCancel() {
        PiecePicker picker = picker(2, 2, 1);
        long[] out = new long[8];
        assertFalse(picker.isEndGame());
        assertEquals(4, picker.pickBlocks(full(2), 10, 8, out));
        assertTrue(picker.isEndGame(), "every block requested");

        assertEquals(4, picker.pickBlocks(full(2), 11, 8, out), "one duplicate per block");
        assertEquals(0, picker.pickBlocks(full(2), 12, 8, out), "two requests per block at most");
        assertEquals(0, picker.pickBlocks(full(2), 10, 8, out), "never twice from one source");
        assertEquals(2, picker.requestCount(0, 0));

        assertEquals(1, picker.blockReceived(0, 0, 11, cancels));
        assertEquals(10, cancels[0]);
        assertEquals(PiecePicker.BLOCK_NOT_NEEDED, picker.blockReceived(0, 0, 10, cancels), "the loser's copy");
        assertEquals(0, picker.requestCount(0, 0));

        // A request given up frees a slot for another source.
        picker.abortRequest(1, 1, 11);
        assertEquals(1, picker.pickBlocks(full(2), 12, 8, out));
        assertEquals(BlockAddress.of(1, 1), out[0]);
    }

    @Test
    void endGameServesBlocksWithFewestRequestersFirst() {
        PiecePicker picker = picker(1, 3, PickerOptions.defaults().withMaxRequestsPerBlock(3), 1);
        long[] out = new long[3];
        picker.pickBlocks(full(1), 1, 3, out);
        picker.pickBlocks(full(1), 2, 1, out);
        assertEquals(BlockAddress.of(0, 0), out[0]);
        assertEquals(2, picker.pickBlocks(full(1), 3, 2, out));
        assertEquals(BlockAddress.of(0, 1), out[0]);
        assertEquals(BlockAddress.of(0, 2), out[1]);
    }

    @Test
    void endGameCanBeTurnedOff() {
        PiecePicker picker = picker(1, 2, PickerOptions.defaults().withMaxRequestsPerBlock(1), 1);
        long[] out = new long[2];
        picker.pickBlocks(full(1), 1, 2, out);
        assertTrue(picker.isEndGame());
        assertEquals(0, picker.pickBlocks(full(1), 2, 2, out));
    }

    @Test
    void notEndGameWhileAnotherPeerCouldStartAPiece() {
        PiecePicker picker = picker(2, 1, 1);
        long[] out = new long[2];
        assertEquals(1, picker.pickBlocks(bits(2, 0), 1, 2, out));
        assertFalse(picker.isEndGame());
        assertEquals(0, picker.pickBlocks(bits(2, 0), 2, 2, out));
    }

    @Test
    void failedHashBlamesExactlyTheSuppliersAndStartsThePieceOver() {
        PiecePicker picker = picker(3, 4, 1);
        picker.setPieceDeadline(1, 0);
        long[] out = new long[4];
        picker.pickBlocks(full(3), 5, 4, out);
        int[] suppliers = {5, 9, 5, 7};
        for (int block = 0; block < 4; block++) {
            picker.blockReceived(1, block, suppliers[block], cancels);
            assertEquals(block == 3, picker.blockWritten(1, block));
        }
        assertEquals(PartialPiece.NO_SOURCE, picker.soleSupplier(1));
        int[] blamed = new int[4];
        int count = picker.pieceFailed(1, blamed);
        assertArrayEquals(new int[] {5, 7, 9}, Arrays.copyOf(blamed, count));
        assertEquals(BlockState.NONE, picker.blockState(1, 0));
        assertEquals(0, picker.piecesInProgress());
        assertFalse(picker.isVerified(1));
        assertEquals(1, pickPiece(picker, full(3), 6), "its deadline still holds");
        picker.checkInvariants();
    }

    @Test
    void pieceFromASingleSourceIsAttributedToIt() {
        PiecePicker picker = picker(2, 3, 1);
        int piece = pickPiece(picker, full(2), 4);
        for (int block = 0; block < 3; block++) {
            picker.blockReceived(piece, block, 4, cancels);
        }
        assertEquals(4, picker.soleSupplier(piece));
        assertEquals(PartialPiece.NO_SOURCE, picker.soleSupplier(1 - piece), "not in progress");
    }

    @Test
    void verifiedPiecesAreDoneAndLostOnesWantedAgain() {
        PiecePicker picker = picker(2, 1, 1);
        int piece = pickPiece(picker, full(2), 0);
        complete(picker, piece, 0);
        assertTrue(picker.isVerified(piece));
        assertFalse(picker.pieceVerified(piece), "already verified");
        assertEquals(BlockState.WRITTEN, picker.blockState(piece, 0));
        assertEquals(PiecePicker.BLOCK_NOT_NEEDED, picker.blockReceived(piece, 0, 3, cancels));
        assertFalse(picker.markRequested(piece, 0, 3));
        assertEquals(1 - piece, pickPiece(picker, full(2), 0));
        assertEquals(-1, pickPiece(picker, bits(2, piece), 1), "never a verified piece");

        assertTrue(picker.pieceLost(piece));
        assertFalse(picker.pieceLost(piece));
        assertEquals(piece, pickPiece(picker, bits(2, piece), 1));
        picker.checkInvariants();
    }

    @Test
    void verifiedPiecesFromResumeDataAreNeverPicked() {
        PieceGeometry geometry = new PieceGeometry(4L * BLOCK, BLOCK);
        PiecePicker picker = new PiecePicker(geometry, bits(4, 0, 2), PickerOptions.defaults(), new Random(1));
        assertEquals(2, picker.verifiedCount());
        long[] out = new long[4];
        assertEquals(2, picker.pickBlocks(full(4), 0, 4, out));
        assertEquals(bits(4, 0, 2), picker.verifiedPieces());
        for (int i = 0; i < 2; i++) {
            assertEquals(1, BlockAddress.piece(out[i]) % 2);
        }
        complete(picker, 1, 0);
        complete(picker, 3, 0);
        assertTrue(picker.isFinished());
    }

    @Test
    void abortedRequestsGoBackAndIdlePiecesBecomeStartable() {
        PiecePicker picker = picker(3, 2, 1);
        long[] out = new long[6];
        assertEquals(6, picker.pickBlocks(full(3), 1, 6, out));
        assertTrue(picker.abortRequest(0, 0, 1));
        assertFalse(picker.abortRequest(0, 0, 1));
        assertEquals(3, picker.piecesInProgress(), "block 1 still requested");
        assertTrue(picker.abortRequest(0, 1, 1));
        assertEquals(2, picker.piecesInProgress(), "idle piece given back");
        picker.blockReceived(1, 0, 1, cancels);
        assertEquals(3, picker.abortAllRequests(1));
        assertEquals(1, picker.piecesInProgress(), "piece 1 keeps its received block");
        assertEquals(BlockState.RECEIVED, picker.blockState(1, 0));
        assertEquals(5, picker.pickBlocks(full(3), 2, 6, out), "the free block of piece 1, then pieces 0 and 2");
        assertEquals(BlockAddress.of(1, 1), out[0], "piece in progress first");
        picker.checkInvariants();
    }

    @Test
    void seedsAreOneCounterAndLeaveNoTrace() {
        PiecePicker picker = picker(5, 1, 1);
        picker.seedJoined();
        picker.seedJoined();
        Bitfield peer = bits(5, 3);
        picker.peerJoined(peer);
        assertEquals(3, picker.peerCount());
        assertEquals(2, picker.seedCount());
        assertEquals(2, picker.availability(0));
        assertEquals(3, picker.availability(3));
        for (int i = 0; i < 4; i++) {
            assertTrue(pickPiece(picker, full(5), 0) != 3, "piece 3 is the commonest, so last");
        }
        assertEquals(3, pickPiece(picker, full(5), 0));

        picker.peerBecameSeed(peer);
        assertEquals(3, picker.seedCount());
        assertEquals(3, picker.availability(3));
        assertEquals(3, picker.availability(0));
        picker.seedLeft();
        picker.seedLeft();
        picker.seedLeft();
        assertEquals(0, picker.peerCount());
        for (int piece = 0; piece < 5; piece++) {
            assertEquals(0, picker.availability(piece));
        }
        picker.checkInvariants();
    }

    @Test
    void peerLeavingRestoresAvailability() {
        PiecePicker picker = picker(200, 1, 3);
        Random random = new Random(3);
        Bitfield[] peers = new Bitfield[20];
        for (int p = 0; p < peers.length; p++) {
            peers[p] = new Bitfield(200);
            for (int piece = 0; piece < 200; piece++) {
                if (random.nextInt(3) == 0) {
                    peers[p].set(piece);
                }
            }
            picker.peerJoined(peers[p]);
        }
        Bitfield late = range(200, 0, 10);
        picker.peerJoined(late);
        picker.peerHave(late, 150);
        picker.checkInvariants();
        for (Bitfield peer : peers) {
            picker.peerLeft(peer);
        }
        picker.checkInvariants();
        for (int piece = 0; piece < 200; piece++) {
            assertEquals(late.get(piece) ? 1 : 0, picker.availability(piece), "piece " + piece);
        }
        // Only pieces nobody has are rarer than the late peer's.
        Bitfield everything = full(200);
        int first = pickPiece(picker, everything, 0);
        assertFalse(late.get(first));
        picker.peerLeft(late);
        assertEquals(0, picker.peerCount());
    }

    @Test
    void interestFollowsWantedPieces() {
        PiecePicker picker = picker(4, 1, 1);
        picker.setPiecePriority(3, PiecePicker.SKIP);
        assertFalse(picker.isInteresting(bits(4, 3)));
        assertTrue(picker.isInteresting(bits(4, 2)));
        int piece = pickPiece(picker, bits(4, 2), 0);
        assertEquals(2, piece);
        assertTrue(picker.isInteresting(bits(4, 2)), "in progress, still wanted");
        complete(picker, 2, 0);
        assertFalse(picker.isInteresting(bits(4, 2, 3)));
    }

    @Test
    void outsideRequestsStartThePiece() {
        PiecePicker picker = picker(3, 2, 1);
        assertTrue(picker.markRequested(2, 1, 7));
        assertFalse(picker.markRequested(2, 1, 7));
        assertEquals(BlockState.REQUESTED, picker.blockState(2, 1));
        long[] out = new long[1];
        assertEquals(1, picker.pickBlocks(full(3), 8, 1, out));
        assertEquals(BlockAddress.of(2, 0), out[0], "the started piece first");
        picker.setPiecePriority(0, PiecePicker.SKIP);
        assertFalse(picker.markRequested(0, 0, 7));
    }
}
