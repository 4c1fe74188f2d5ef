package dev.arietta.core.internal.piece;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PartialPieceTest {

    private final PartialPieces pieces = new PartialPieces(8, 3);
    private final int[] cancels = new int[3];

    @Test
    void blocksMoveFromRequestedToReceivedToWritten() {
        PartialPiece piece = pieces.begin(5, 4);
        assertEquals(4, piece.unrequestedBlocks());
        assertTrue(piece.request(0, 10));
        assertEquals(BlockState.REQUESTED, piece.state(0));
        assertEquals(3, piece.unrequestedBlocks());
        assertEquals(1, piece.requestedBlocks());

        assertEquals(0, piece.receive(0, 10, cancels));
        assertEquals(BlockState.RECEIVED, piece.state(0));
        assertEquals(10, piece.supplier(0));
        assertEquals(0, piece.requestedBlocks());
        assertEquals(1, piece.arrivedBlocks());

        assertFalse(piece.write(0));
        assertEquals(BlockState.WRITTEN, piece.state(0));
        for (int block = 1; block < 4; block++) {
            piece.request(block, 11);
            piece.receive(block, 11, cancels);
        }
        assertFalse(piece.write(1));
        assertFalse(piece.write(2));
        assertTrue(piece.write(3));
        assertTrue(piece.isFullyWritten());
    }

    @Test
    void receivingNamesTheOtherRequestersToCancel() {
        PartialPiece piece = pieces.begin(0, 2);
        piece.request(1, 7);
        piece.request(1, 8);
        piece.request(1, 9);
        assertFalse(piece.request(1, 10), "at most 3 requesters per block");
        assertFalse(piece.request(1, 8), "a source is asked once");
        assertEquals(3, piece.requestCount(1));

        int count = piece.receive(1, 8, cancels);
        int[] cancelled = Arrays.copyOf(cancels, count);
        Arrays.sort(cancelled);
        assertArrayEquals(new int[] {7, 9}, cancelled);
        assertEquals(0, piece.requestCount(1));
        assertEquals(PartialPiece.BLOCK_NOT_NEEDED, piece.receive(1, 9, cancels), "late duplicate");
        assertEquals(8, piece.supplier(1));
        assertFalse(piece.request(1, 7), "data already in");
    }

    @Test
    void unrequestedDataIsAcceptedAndCounted() {
        PartialPiece piece = pieces.begin(0, 2);
        assertEquals(0, piece.receive(0, 4, cancels));
        assertEquals(1, piece.unrequestedBlocks());
        assertEquals(1, piece.arrivedBlocks());
        assertEquals(1, piece.nextUnrequested(0));
    }

    @Test
    void abortingTheLastRequestFreesTheBlock() {
        PartialPiece piece = pieces.begin(0, 3);
        piece.request(0, 1);
        piece.request(0, 2);
        piece.request(1, 1);
        assertEquals(2, piece.nextUnrequested(0));
        assertTrue(piece.abortRequest(0, 1));
        assertEquals(BlockState.REQUESTED, piece.state(0), "source 2 is still asked");
        assertFalse(piece.abortRequest(0, 1));
        assertEquals(2, piece.abortRequestsOf(2) + piece.abortRequestsOf(1));
        assertEquals(BlockState.NONE, piece.state(0));
        assertEquals(0, piece.nextUnrequested(0));
        assertTrue(piece.isIdle());
    }

    @Test
    void soleSupplierOnlyWhenEveryBlockCameFromOneSource() {
        PartialPiece piece = pieces.begin(0, 3);
        piece.receive(0, 5, cancels);
        piece.receive(1, 5, cancels);
        assertEquals(PartialPiece.NO_SOURCE, piece.soleSupplier(), "block 2 missing");
        piece.receive(2, 5, cancels);
        assertEquals(5, piece.soleSupplier());

        PartialPiece mixed = pieces.begin(1, 3);
        mixed.receive(0, 5, cancels);
        mixed.receive(1, 6, cancels);
        mixed.receive(2, 5, cancels);
        assertEquals(PartialPiece.NO_SOURCE, mixed.soleSupplier());
    }

    @Test
    void distinctSuppliersListEachContributorOnceAndResetForgetsEverything() {
        PartialPiece piece = pieces.begin(0, 6);
        int[] suppliers = {9, 3, 9, 7, 3};
        for (int block = 0; block < suppliers.length; block++) {
            piece.request(block, suppliers[block]);
            piece.receive(block, suppliers[block], cancels);
            piece.write(block);
        }
        piece.request(5, 1);
        int[] out = new int[6];
        int count = piece.distinctSuppliers(out);
        assertArrayEquals(new int[] {3, 7, 9}, Arrays.copyOf(out, count));

        piece.reset();
        assertEquals(6, piece.unrequestedBlocks());
        assertEquals(0, piece.arrivedBlocks());
        assertEquals(0, piece.writtenBlocks());
        for (int block = 0; block < 6; block++) {
            assertEquals(BlockState.NONE, piece.state(block));
            assertEquals(PartialPiece.NO_SOURCE, piece.supplier(block));
            assertEquals(0, piece.requestCount(block));
        }
        assertEquals(0, piece.distinctSuppliers(out));
        assertTrue(piece.isIdle());
        assertEquals(1, pieces.requestableCount());
    }

    @Test
    void misuseIsReportedWithThePieceAndBlock() {
        PartialPiece piece = pieces.begin(12, 2);
        assertEquals("piece 12 block 0 written while NONE",
                assertThrows(IllegalStateException.class, () -> piece.write(0)).getMessage());
        assertEquals("block 2 of piece 12 (2 blocks)",
                assertThrows(IllegalArgumentException.class, () -> piece.request(2, 0)).getMessage());
        assertEquals("negative source id -3",
                assertThrows(IllegalArgumentException.class, () -> piece.request(0, -3)).getMessage());
        assertEquals("cancel buffer of 1 < 3 requesters per block",
                assertThrows(IllegalArgumentException.class, () -> piece.receive(0, 0, new int[1])).getMessage());
        piece.receive(0, 1, cancels);
        piece.write(0);
        assertThrows(IllegalStateException.class, () -> piece.write(0));
        assertEquals("supplier buffer of 0 too small for piece 12 (2 blocks)",
                assertThrows(IllegalArgumentException.class, () -> piece.distinctSuppliers(new int[0])).getMessage());
    }
}
