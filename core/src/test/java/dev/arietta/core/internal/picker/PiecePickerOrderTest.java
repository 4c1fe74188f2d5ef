package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.PieceRange;
import static dev.arietta.core.internal.picker.PickerFixtures.bits;
import static dev.arietta.core.internal.picker.PickerFixtures.complete;
import static dev.arietta.core.internal.picker.PickerFixtures.full;
import static dev.arietta.core.internal.picker.PickerFixtures.pickPiece;
import static dev.arietta.core.internal.picker.PickerFixtures.picker;
import static dev.arietta.core.internal.picker.PickerFixtures.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.piece.Bitfield;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which piece the picker starts next: rarity, ties, priorities, deadlines, sequential order. */
class PiecePickerOrderTest {

    @Test
    void rarestPiecesComeFirst() {
        PiecePicker picker = picker(8, 1, 1);
        picker.peerJoined(full(8));
        picker.peerJoined(range(8, 0, 6));
        picker.peerJoined(range(8, 0, 3));
        // Availability: pieces 0-2 three peers, 3-5 two, 6-7 one.
        Bitfield everything = full(8);
        Set<Integer> firstTwo = Set.of(pickPiece(picker, everything, 0), pickPiece(picker, everything, 0));
        assertEquals(Set.of(6, 7), firstTwo);
        Set<Integer> nextThree = Set.of(pickPiece(picker, everything, 0), pickPiece(picker, everything, 0),
                pickPiece(picker, everything, 0));
        assertEquals(Set.of(3, 4, 5), nextThree);
        picker.checkInvariants();
    }

    @Test
    void rarestPieceThePeerHas() {
        PiecePicker picker = picker(8, 1, 1);
        picker.peerJoined(bits(8, 7));
        Bitfield peer = bits(8, 1, 2, 3);
        picker.peerJoined(peer);
        picker.peerHave(peer, 2);
        picker.peerJoined(bits(8, 1, 2));
        // Piece 7 is rarest overall but this peer lacks it; 3 is its rarest.
        assertEquals(3, pickPiece(picker, peer, 4));
    }

    @Test
    void haveMessagesReorderPieces() {
        PiecePicker picker = picker(4, 1, 9);
        Bitfield a = new Bitfield(4);
        Bitfield b = new Bitfield(4);
        picker.peerJoined(a);
        picker.peerJoined(b);
        for (int piece = 0; piece < 4; piece++) {
            picker.peerHave(a, piece);
        }
        picker.peerHave(b, 0);
        picker.peerHave(b, 1);
        picker.peerHave(b, 3);
        assertFalse(picker.peerHave(b, 3), "repeated HAVE is not counted twice");
        assertEquals(2, picker.availability(3));
        assertEquals(2, pickPiece(picker, a, 0));
    }

    @Test
    void tiesAreBrokenAtRandomButTheSameSeedGivesTheSameOrder() {
        List<Integer> first = pickOrder(64, 12345);
        List<Integer> again = pickOrder(64, 12345);
        assertEquals(first, again);
        assertNotEquals(first, pickOrder(64, 54321));
        Set<Integer> firstPicks = new HashSet<>();
        for (int seed = 0; seed < 100; seed++) {
            firstPicks.add(pickOrder(64, seed * 7919L).get(0));
        }
        assertTrue(firstPicks.size() > 30, "first pick spread over " + firstPicks.size() + " of 64 tied pieces");
    }

    private static List<Integer> pickOrder(int pieces, long seed) {
        PiecePicker picker = picker(pieces, 1, seed);
        picker.peerJoined(full(pieces));
        List<Integer> order = new ArrayList<>();
        for (int piece; (piece = pickPiece(picker, full(pieces), 0)) >= 0; ) {
            order.add(piece);
        }
        assertEquals(pieces, order.size());
        return order;
    }

    @Test
    void higherPriorityBeatsRarity() {
        PiecePicker picker = picker(6, 1, 3);
        picker.peerJoined(full(6));
        picker.peerJoined(full(6));
        picker.peerJoined(bits(6, 0, 1, 2, 3));
        picker.setPiecePriority(2, PiecePicker.TOP_PRIORITY);
        picker.setPiecePriority(5, 1);
        // Availability: pieces 0-3 three peers, 4-5 two.
        Bitfield everything = full(6);
        assertEquals(2, pickPiece(picker, everything, 0), "priority 7 although among the commonest");
        assertEquals(4, pickPiece(picker, everything, 0), "rarest of priority 4");
        Set<Integer> next = Set.of(pickPiece(picker, everything, 0), pickPiece(picker, everything, 0),
                pickPiece(picker, everything, 0));
        assertEquals(Set.of(0, 1, 3), next);
        assertEquals(5, pickPiece(picker, everything, 0), "priority 1 last although rare");
        assertEquals(-1, pickPiece(picker, everything, 0));
        picker.checkInvariants();
    }

    @Test
    void skippedPiecesAreNeverPickedInAnyOrder() {
        for (PieceOrder order : PieceOrder.values()) {
            PiecePicker picker = picker(40, 2, 17);
            picker.setOrder(order);
            picker.peerJoined(full(40));
            byte[] priorities = new byte[40];
            for (int piece = 0; piece < 40; piece++) {
                priorities[piece] = (byte) (piece % 3 == 0 ? PiecePicker.SKIP : 1 + piece % 7);
            }
            picker.setPiecePriorities(priorities);
            picker.setPieceDeadline(3, 10);
            long[] out = new long[200];
            int count = picker.pickBlocks(full(40), 1, 200, out);
            assertEquals(2 * 26, count, order + ": every block of the 26 wanted pieces");
            for (int i = 0; i < count; i++) {
                assertNotEquals(0, BlockAddress.piece(out[i]) % 3, order + " picked skipped piece");
            }
            // End-game duplicates skip them too.
            count = picker.pickBlocks(full(40), 2, 200, out);
            assertEquals(2 * 26, count);
            for (int i = 0; i < count; i++) {
                assertNotEquals(0, BlockAddress.piece(out[i]) % 3, order + " end-game picked a skipped piece");
            }
            assertTrue(picker.isEndGame());
            picker.checkInvariants();
        }
    }

    @Test
    void unskippingAPieceMakesItPickable() {
        PiecePicker picker = picker(3, 1, 3);
        picker.setPriorityRange(0, 3, PiecePicker.SKIP);
        assertEquals(-1, pickPiece(picker, full(3), 0));
        assertTrue(picker.isFinished(), "nothing wanted");
        picker.setPiecePriority(1, 2);
        assertFalse(picker.isFinished());
        assertEquals(1, pickPiece(picker, full(3), 0));
        picker.checkInvariants();
    }

    @Test
    void largePriorityRangesReSortEverything() {
        PiecePicker picker = picker(500, 1, 5);
        picker.peerJoined(full(500));
        picker.setPriorityRange(100, 400, PiecePicker.SKIP);
        picker.setPriorityRange(450, 500, PiecePicker.TOP_PRIORITY);
        picker.checkInvariants();
        Set<Integer> firstFifty = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            firstFifty.add(pickPiece(picker, full(500), 0));
        }
        assertEquals(50, firstFifty.size());
        assertTrue(firstFifty.stream().allMatch(piece -> piece >= 450));
        int picked = 50;
        while (pickPiece(picker, full(500), 0) >= 0) {
            picked++;
        }
        assertEquals(200, picked);
    }

    @Test
    void earliestDeadlineFirstThenRarest() {
        PiecePicker picker = picker(10, 2, 4);
        picker.peerJoined(full(10));
        picker.peerJoined(range(10, 0, 9));
        picker.setPieceDeadline(5, 2_000);
        picker.setPieceDeadline(3, 1_000);
        picker.setPieceDeadline(8, 3_000);
        picker.setPieceDeadline(8, 500);
        Bitfield everything = full(10);
        assertEquals(8, pickPiece(picker, everything, 0), "deadline moved to 500");
        assertEquals(3, pickPiece(picker, everything, 0));
        assertEquals(5, pickPiece(picker, everything, 0));
        assertEquals(9, pickPiece(picker, everything, 0), "then rarest");
        assertTrue(picker.clearPieceDeadline(5));
        assertFalse(picker.clearPieceDeadline(5));
    }

    @Test
    void deadlinePiecesThePeerLacksAreSkipped() {
        PiecePicker picker = picker(4, 1, 4);
        picker.setPieceDeadline(0, 1);
        picker.setPieceDeadline(1, 2);
        assertEquals(1, pickPiece(picker, bits(4, 1, 2, 3), 0));
    }

    @Test
    void verifiedPiecesDropTheirDeadline() {
        PiecePicker picker = picker(4, 1, 4);
        picker.setPieceDeadline(2, 10);
        assertEquals(2, pickPiece(picker, full(4), 0));
        complete(picker, 2, 0);
        assertFalse(picker.clearPieceDeadline(2));
        assertFalse(picker.setPieceDeadline(2, 10), "already verified");
    }

    @Test
    void sequentialOrderGoesByIndexAfterTopPriority() {
        PiecePicker picker = picker(12, 1, 8);
        picker.setOrder(PieceOrder.SEQUENTIAL);
        picker.peerJoined(full(12));
        picker.peerJoined(range(12, 0, 6));
        picker.setPiecePriority(10, PiecePicker.TOP_PRIORITY);
        picker.setPiecePriority(4, 1);
        Bitfield peer = full(12);
        peer.clear(2);
        List<Integer> order = new ArrayList<>();
        for (int piece; (piece = pickPiece(picker, peer, 0)) >= 0; ) {
            order.add(piece);
        }
        assertEquals(List.of(10, 0, 1, 3, 4, 5, 6, 7, 8, 9, 11), order);
        picker.checkInvariants();
    }

    @Test
    void sequentialOrderComesBackForAPieceThatFailedItsHashCheck() {
        PiecePicker picker = picker(6, 1, 8);
        picker.setOrder(PieceOrder.SEQUENTIAL);
        assertEquals(0, pickPiece(picker, full(6), 0));
        assertEquals(1, pickPiece(picker, full(6), 0));
        picker.blockReceived(0, 0, 0, new int[2]);
        picker.blockWritten(0, 0);
        picker.pieceFailed(0, new int[1]);
        assertEquals(0, pickPiece(picker, full(6), 0));
        assertEquals(2, pickPiece(picker, full(6), 0));
        picker.checkInvariants();
    }

    @Test
    void headAndTailPiecesGoFirst() {
        PiecePicker picker = picker(30, 1, 2);
        picker.peerJoined(full(30));
        picker.setPiecePriority(29, PiecePicker.SKIP);
        List<PieceRange> ranges = List.of(new PieceRange(0, 2), new PieceRange(27, 30));
        picker.prioritize(ranges);
        assertEquals(PiecePicker.SKIP, picker.priority(29), "skipped pieces stay skipped");
        Set<Integer> first = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            first.add(pickPiece(picker, full(30), 0));
        }
        assertEquals(Set.of(0, 1, 27, 28), first);
    }
}
