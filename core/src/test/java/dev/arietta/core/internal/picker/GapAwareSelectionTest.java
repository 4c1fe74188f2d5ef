package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.PieceRange;
import static dev.arietta.core.internal.picker.PickerFixtures.BLOCK;
import static dev.arietta.core.internal.picker.PickerFixtures.full;
import static dev.arietta.core.internal.picker.PickerFixtures.pickPiece;
import static dev.arietta.core.internal.picker.PickerFixtures.verifiedFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.BlockState;
import dev.arietta.core.internal.piece.PieceGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BEP 19: "pretty rare with biggest gap", "fill in the gaps", and where web seeds start. */
class GapAwareSelectionTest {

    private static final String BEP_EXAMPLE = "YYnnnnYnnY";

    private static PiecePicker gapAware(String verified, PickerOptions options, long seed) {
        return gapAware(verified, options, new Random(seed));
    }

    private static PiecePicker gapAware(String verified, PickerOptions options, Random random) {
        PieceGeometry geometry = new PieceGeometry((long) verified.length() * 2 * BLOCK, 2 * BLOCK);
        PiecePicker picker = new PiecePicker(geometry, verifiedFrom(verified), options, random);
        picker.setOrder(PieceOrder.GAP_AWARE);
        return picker;
    }

    private static List<Integer> pickAll(PiecePicker picker, Bitfield peer) {
        List<Integer> order = new ArrayList<>();
        for (int piece; (piece = pickPiece(picker, peer, 0)) >= 0; ) {
            order.add(piece);
        }
        return order;
    }

    @Test
    void equallyRarePiecesAreTakenFromTheFarEndOfTheBiggestGap() {
        PiecePicker picker = gapAware(BEP_EXAMPLE, PickerOptions.defaults(), 1);
        for (int peer = 0; peer < 4; peer++) {
            picker.peerJoined(full(10));
        }
        // Distances from the previous verified piece: 2..5 -> 0..3, 7..8 -> 0..1.
        assertEquals(List.of(5, 4, 3, 8, 2, 7), pickAll(picker, full(10)));
        picker.checkInvariants();
    }

    @Test
    void aRarerPieceWinsOnlyWhenRarerByMoreThanTheTolerance() {
        // 4 peers: X = sqrt(4) - 1 = 1.
        PiecePicker slightlyRarer = gapAware(BEP_EXAMPLE, PickerOptions.defaults(), 1);
        joinPeersLacking(slightlyRarer, 4, 1, 8);
        assertEquals(5, pickPiece(slightlyRarer, full(10), 0), "piece 8 rarer by 1 = X: the gap decides");

        PiecePicker muchRarer = gapAware(BEP_EXAMPLE, PickerOptions.defaults(), 1);
        joinPeersLacking(muchRarer, 4, 2, 8);
        assertEquals(8, pickPiece(muchRarer, full(10), 0), "piece 8 rarer by 2 > X");
    }

    @Test
    void aFartherPieceBeatsASlightlyRarerNearerOne() {
        PiecePicker picker = gapAware(BEP_EXAMPLE, PickerOptions.defaults(), 1);
        joinPeersLacking(picker, 4, 1, 2);
        assertEquals(5, pickPiece(picker, full(10), 0));
    }

    @Test
    void withOnePeerTheRarestPieceWinsAndTheGapBreaksTies() {
        // 1 peer: X = 0, so any rarer piece wins.
        PiecePicker picker = gapAware(BEP_EXAMPLE, PickerOptions.defaults(), 1);
        Bitfield peer = full(10);
        picker.peerJoined(peer);
        picker.peerDontHave(peer, 7);
        assertEquals(7, pickPiece(picker, full(10), 0), "nobody has it: availability 0");
        assertEquals(5, pickPiece(picker, full(10), 0));
    }

    @Test
    void priorityComesBeforeTheGapRule() {
        PiecePicker picker = gapAware(BEP_EXAMPLE, PickerOptions.defaults(), 1);
        picker.peerJoined(full(10));
        picker.setPiecePriority(2, PiecePicker.TOP_PRIORITY);
        picker.setPiecePriority(5, 1);
        assertEquals(List.of(2, 4, 3, 8, 7, 5), pickAll(picker, full(10)));
    }

    @Test
    void fillInTheGapsTakesTheLastPieceOfTheSmallestGap() {
        // 14 of 20 verified (> 50%); gaps [3,6), [10,12), [15,16).
        String verified = "YYYnnnYYYYnnYYYnYYYY";
        PiecePicker picker = gapAware(verified, PickerOptions.defaults().withGapFill(0.5, 1), 1);
        picker.peerJoined(full(20));
        assertEquals(List.of(15, 11, 10, 5, 4, 3), pickAll(picker, full(20)));

        PiecePicker lacking = gapAware(verified, PickerOptions.defaults().withGapFill(0.5, 1), 1);
        Bitfield peer = full(20);
        peer.clear(11);
        peer.clear(15);
        assertEquals(10, pickPiece(lacking, peer, 0), "the last piece of the gap the peer has");
    }

    @Test
    void fillInTheGapsCountsAGapRunningToTheEnd() {
        PiecePicker picker = gapAware("YnnnYYYYYn", PickerOptions.defaults().withGapFill(0.5, 1), 1);
        assertEquals(9, pickPiece(picker, full(10), 0));
    }

    @Test
    void fillInTheGapsWaitsForHalfTheTorrent() {
        // 10 of 20 is not more than half: pretty rare with biggest gap instead.
        PiecePicker picker = gapAware("YYYnnnYYYnnnnnnnYYYY", PickerOptions.defaults().withGapFill(0.5, 1), 1);
        assertEquals(15, pickPiece(picker, full(20), 0));
        PiecePicker disabled = gapAware("YYYnnnYYYYnnYYYnYYYY", PickerOptions.defaults().withGapFill(1, 1), 1);
        assertEquals(5, pickPiece(disabled, full(20), 0), "farthest piece, not the smallest gap");
    }

    @Test
    void fillInTheGapsIsUsedForAboutOnePickInN() {
        String verified = "Y".repeat(60) + "nn" + "Y".repeat(5) + "n".repeat(33);
        // Pretty rare with biggest gap would take 99, the far end of the trailing gap.
        Random random = new Random(77);
        int filled = 0;
        for (int round = 0; round < 400; round++) {
            PiecePicker picker = gapAware(verified, PickerOptions.defaults().withGapFill(0.5, 4), random);
            int piece = pickPiece(picker, full(100), 0);
            assertTrue(piece == 61 || piece == 99, "picked " + piece);
            if (piece == 61) {
                filled++;
            }
        }
        assertTrue(filled > 60 && filled < 140, filled + " of 400 picks filled a gap, expected about 100");
    }

    @Test
    void webSeedsStartAtTheBeginningOfTheLongestRun() {
        PiecePicker picker = gapAware(BEP_EXAMPLE, PickerOptions.defaults(), 1);
        assertEquals(new PieceRange(2, 4), picker.claimWebSeedRun(100, 2));
        assertEquals(BlockState.REQUESTED, picker.blockState(3, 1));
        assertEquals(new PieceRange(4, 6), picker.claimWebSeedRun(101, 10), "tie with [7, 9): first run");
        assertEquals(new PieceRange(7, 9), picker.claimWebSeedRun(100, 10));
        assertNull(picker.claimWebSeedRun(102, 10), "nothing left to start");
        assertTrue(picker.isEndGame(), "every block is requested from a web seed");
        long[] duplicate = new long[1];
        assertEquals(1, picker.pickBlocks(full(10), 5, 1, duplicate), "a peer gets an end-game duplicate");
        picker.abortRequest(BlockAddress.piece(duplicate[0]), BlockAddress.block(duplicate[0]), 5);

        int[] cancels = new int[2];
        for (int block = 0; block < 2; block++) {
            assertEquals(0, picker.blockReceived(2, block, 100, cancels));
            picker.blockWritten(2, block);
        }
        assertEquals(100, picker.soleSupplier(2));
        picker.pieceVerified(2);
        assertEquals(6, picker.abortAllRequests(100), "the two blocks of each of pieces 3, 7 and 8");
        assertEquals(new PieceRange(7, 9), picker.claimWebSeedRun(103, 10));
        picker.checkInvariants();
    }

    @Test
    void firstWebSeedStartsAtARandomPiece() {
        List<PieceRange> runs = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            PieceGeometry geometry = new PieceGeometry(1000L * BLOCK, BLOCK);
            PiecePicker picker = new PiecePicker(geometry, null, PickerOptions.defaults(), new Random(seed));
            PieceRange run = picker.claimWebSeedRun(9, 50);
            assertEquals(run.first() + Math.min(50, 1000 - run.first()), run.end());
            runs.add(run);
            PieceRange again = new PiecePicker(geometry, null, PickerOptions.defaults(), new Random(seed))
                    .claimWebSeedRun(9, 50);
            assertEquals(run, again, "same seed, same start");
            PieceRange second = picker.claimWebSeedRun(10, 50);
            assertNotEquals(run.first(), second.first());
            assertTrue(second.first() == 0 || second.first() == run.end(), "then the longest run: " + second);
        }
        assertTrue(runs.get(0).first() != runs.get(1).first() || runs.get(1).first() != runs.get(2).first());
    }

    // `peers` peers with every piece except that the first `lacking` of them lack `piece`.
    private static void joinPeersLacking(PiecePicker picker, int peers, int lacking, int piece) {
        for (int p = 0; p < peers; p++) {
            Bitfield bitfield = full(picker.pieceCount());
            if (p < lacking) {
                bitfield.clear(piece);
            }
            picker.peerJoined(bitfield);
        }
    }
}
