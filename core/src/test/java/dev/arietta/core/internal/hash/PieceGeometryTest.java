package dev.arietta.core.internal.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PieceGeometryTest {

    @ParameterizedTest
    @CsvSource({"16, 0, 0", "16, 1, 1", "16, 16, 1", "16, 17, 2", "16, 32, 2", "1, 5, 5", "2147483647, 4294967294, 2"})
    void countsPieces(int pieceLength, long totalLength, int pieceCount) {
        PieceGeometry geometry = PieceGeometry.of(pieceLength, totalLength);
        assertEquals(pieceCount, geometry.pieceCount());
    }

    @Test
    void lastPieceHoldsTheRemainder() {
        PieceGeometry geometry = PieceGeometry.of(16, 40);
        assertEquals(16, geometry.pieceLength(0));
        assertEquals(16, geometry.pieceLength(1));
        assertEquals(8, geometry.pieceLength(2));
        assertEquals(32, geometry.pieceOffset(2));
        assertThrows(IndexOutOfBoundsException.class, () -> geometry.pieceLength(3));
        assertThrows(IndexOutOfBoundsException.class, () -> geometry.pieceOffset(-1));
    }

    @Test
    void rejectsInconsistentValues() {
        assertThrows(IllegalArgumentException.class, () -> new PieceGeometry(2, 16, 40));
        assertThrows(IllegalArgumentException.class, () -> new PieceGeometry(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PieceGeometry(0, 16, -1));
        assertThrows(IllegalArgumentException.class, () -> PieceGeometry.of(1, Long.MAX_VALUE));
    }
}
