package dev.arietta.core.internal.picker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.PartialPieces;
import dev.arietta.core.internal.piece.PieceGeometry;
import java.util.Random;

/** Small builders shared by the picker tests. */
final class PickerFixtures {

    static final int BLOCK = PieceGeometry.BLOCK_LENGTH;

    private PickerFixtures() {
    }

    /** {@code pieces} pieces of {@code blocksPerPiece} full blocks each. */
    static PiecePicker picker(int pieces, int blocksPerPiece, long seed) {
        return picker(pieces, blocksPerPiece, PickerOptions.defaults(), seed);
    }

    static PiecePicker picker(int pieces, int blocksPerPiece, PickerOptions options, long seed) {
        PieceGeometry geometry = new PieceGeometry((long) pieces * blocksPerPiece * BLOCK, blocksPerPiece * BLOCK);
        return new PiecePicker(geometry, null, options, new Random(seed));
    }

    static Bitfield bits(int size, int... set) {
        Bitfield bitfield = new Bitfield(size);
        for (int index : set) {
            bitfield.set(index);
        }
        return bitfield;
    }

    static Bitfield range(int size, int from, int to) {
        Bitfield bitfield = new Bitfield(size);
        for (int index = from; index < to; index++) {
            bitfield.set(index);
        }
        return bitfield;
    }

    static Bitfield full(int size) {
        Bitfield bitfield = new Bitfield(size);
        bitfield.setAll();
        return bitfield;
    }

    /** Parses BEP 19's notation: 'Y' a verified piece, anything else missing. */
    static Bitfield verifiedFrom(String pattern) {
        Bitfield bitfield = new Bitfield(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == 'Y') {
                bitfield.set(i);
            }
        }
        return bitfield;
    }

    /** Picks one whole piece for the peer and returns its index, or -1. */
    static int pickPiece(PiecePicker picker, Bitfield peer, int source) {
        int blocks = picker.geometry().maxBlocksPerPiece();
        long[] out = new long[blocks];
        int count = picker.pickBlocks(peer, source, blocks, out);
        if (count == 0) {
            return -1;
        }
        int piece = BlockAddress.piece(out[0]);
        for (int i = 0; i < count; i++) {
            assertTrue(BlockAddress.piece(out[i]) == piece, "one piece per call here");
        }
        return piece;
    }

    /** Receives and writes every block of a piece in progress from {@code source}, then verifies it. */
    static void complete(PiecePicker picker, int piece, int source) {
        int[] cancels = new int[PartialPieces.MAX_REQUESTERS_PER_BLOCK];
        int blocks = picker.geometry().blockCount(piece);
        for (int block = 0; block < blocks; block++) {
            picker.blockReceived(piece, block, source, cancels);
            picker.blockWritten(piece, block);
        }
        picker.pieceVerified(piece);
    }
}
