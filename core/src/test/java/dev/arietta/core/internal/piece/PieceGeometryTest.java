package dev.arietta.core.internal.piece;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PieceGeometryTest {

    private static final int KIB = 1024;

    @Test
    void lastPieceAndItsLastBlockAreShort() {
        // 3 pieces of 64 KiB; the last holds 40 KiB + 100 bytes.
        PieceGeometry geometry = new PieceGeometry(2 * 64 * KIB + 40 * KIB + 100, 64 * KIB);
        assertEquals(3, geometry.pieceCount());
        assertEquals(64 * KIB, geometry.pieceLength(0));
        assertEquals(40 * KIB + 100, geometry.pieceLength(2));
        assertEquals(4, geometry.blockCount(0));
        assertEquals(4, geometry.maxBlocksPerPiece());
        assertEquals(3, geometry.blockCount(2));
        assertEquals(16 * KIB, geometry.blockLength(2, 1));
        assertEquals(8 * KIB + 100, geometry.blockLength(2, 2));
        assertEquals(128L * KIB, geometry.pieceOffset(2));
    }

    @Test
    void exactMultiplesHaveNoShortPieceOrBlock() {
        PieceGeometry geometry = new PieceGeometry(4L * 32 * KIB, 32 * KIB);
        assertEquals(4, geometry.pieceCount());
        assertEquals(32 * KIB, geometry.pieceLength(3));
        assertEquals(16 * KIB, geometry.blockLength(3, 1));
    }

    @Test
    void pieceLengthNotAMultipleOfTheBlockLengthShortensEveryPiecesLastBlock() {
        PieceGeometry geometry = new PieceGeometry(3L * 20_000, 20_000);
        assertEquals(2, geometry.blockCount(0));
        assertEquals(20_000 - 16 * KIB, geometry.blockLength(1, 1));
    }

    @Test
    void emptyDownloadHasNoPieces() {
        PieceGeometry geometry = new PieceGeometry(0, 16 * KIB);
        assertEquals(0, geometry.pieceCount());
        assertThrows(IllegalArgumentException.class, () -> geometry.pieceLength(0));
    }

    static Stream<Arguments> badGeometries() {
        return Stream.of(
                Arguments.of(-1L, 16 * KIB, "negative total length -1"),
                Arguments.of(100L, 0, "piece length 0 outside 1..134217728"),
                Arguments.of(100L, PieceGeometry.MAX_PIECE_LENGTH + 1, "piece length 134217729 outside 1..134217728"),
                Arguments.of(Long.MAX_VALUE, 1, "9223372036854775807 pieces of 1 bytes for 9223372036854775807 bytes: too many"));
    }

    @ParameterizedTest
    @MethodSource("badGeometries")
    void badGeometriesAreRejected(long total, int pieceLength, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new PieceGeometry(total, pieceLength)).getMessage());
    }

    @Test
    void outOfRangeQueriesNameThePieceAndBlock() {
        PieceGeometry geometry = new PieceGeometry(100_000, 32 * KIB);
        assertEquals("piece 4 of 4", assertThrows(IllegalArgumentException.class,
                () -> geometry.pieceLength(4)).getMessage());
        assertEquals("block 1 of piece 3 (1 blocks)", assertThrows(IllegalArgumentException.class,
                () -> geometry.blockLength(3, 1)).getMessage());
    }
}
