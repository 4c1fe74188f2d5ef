package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.PieceRange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadTailPiecesTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void headAndTailOfEachFileMergedWhereTheyTouch() {
        long[] offsets = {0, 10 * MIB + MIB / 2};
        long[] lengths = {10 * MIB + MIB / 2, 19 * MIB + MIB / 2};
        List<PieceRange> ranges = HeadTailPieces.compute(MIB, 30 * MIB, offsets, lengths, MIB, MIB);
        // A: head piece 0, tail bytes [9.5, 10.5) MiB -> pieces 9-10; B: head [10.5, 11.5) -> 10-11,
        // tail [29, 30) -> 29.
        assertEquals(List.of(new PieceRange(0, 1), new PieceRange(9, 12), new PieceRange(29, 30)), ranges);
    }

    @Test
    void headOnlyAndTailOnly() {
        long[] offsets = {0};
        long[] lengths = {100 * MIB};
        assertEquals(List.of(new PieceRange(0, 3)),
                HeadTailPieces.compute(MIB, 100 * MIB, offsets, lengths, 2 * MIB + 1, 0));
        assertEquals(List.of(new PieceRange(98, 100)),
                HeadTailPieces.compute(MIB, 100 * MIB, offsets, lengths, 0, 2 * MIB));
        assertEquals(List.of(), HeadTailPieces.compute(MIB, 100 * MIB, offsets, lengths, 0, 0));
    }

    @Test
    void smallFilesAreCoveredWholeAndEmptyFilesSkipped() {
        long[] offsets = {0, 100, 100, 5 * MIB};
        long[] lengths = {100, 0, 5 * MIB - 100, 300};
        List<PieceRange> ranges = HeadTailPieces.compute(MIB, 5 * MIB + 300, offsets, lengths,
                HeadTailPieces.DEFAULT_SIZE, HeadTailPieces.DEFAULT_SIZE);
        assertEquals(List.of(new PieceRange(0, 2), new PieceRange(4, 6)), ranges);
    }

    @Test
    void filesOutsideTheTorrentAreRejected() {
        assertEquals("file 1 at offset 90 with length 20 lies outside the torrent's 100 bytes",
                assertThrows(IllegalArgumentException.class, () -> HeadTailPieces.compute(10, 100,
                        new long[] {0, 90}, new long[] {90, 20}, 10, 10)).getMessage());
        assertEquals("file 0 at offset 1 with length 9223372036854775807 lies outside the torrent's 100 bytes",
                assertThrows(IllegalArgumentException.class, () -> HeadTailPieces.compute(10, 100,
                        new long[] {1}, new long[] {Long.MAX_VALUE}, 10, 10)).getMessage());
        assertEquals("2 file offsets but 1 lengths",
                assertThrows(IllegalArgumentException.class, () -> HeadTailPieces.compute(10, 100,
                        new long[] {0, 1}, new long[] {1}, 10, 10)).getMessage());
        assertEquals("bad sizes: piece 10, total 100, head -1, tail 10",
                assertThrows(IllegalArgumentException.class, () -> HeadTailPieces.compute(10, 100,
                        new long[0], new long[0], -1, 10)).getMessage());
    }
}
