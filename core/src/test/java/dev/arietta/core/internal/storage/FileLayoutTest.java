package dev.arietta.core.internal.storage;

import dev.arietta.core.internal.piece.PieceRange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileLayoutTest {

    private static final long GIB = 1L << 30;

    /**
     * Piece length 16, total 37: piece 0 = a[0,10) b[0,4) c[0,2) (three files, an empty one in
     * between), piece 1 = c[2,3) d[0,15), piece 2 (short, 5 bytes) = d[15,20).
     */
    private static FileLayout mixedLayout() {
        return FileLayout.of(16,
                FileEntry.of("a", 10),
                FileEntry.of("empty-middle", 0),
                FileEntry.of("b", 4),
                FileEntry.of("c", 3),
                FileEntry.of("empty-before-d", 0),
                FileEntry.of("d", 20),
                FileEntry.of("empty-last", 0));
    }

    @Test
    void countsPiecesAndShortLastPiece() {
        FileLayout layout = mixedLayout();
        assertEquals(37, layout.totalLength());
        assertEquals(3, layout.pieceCount());
        assertEquals(5, layout.lastPieceLength());
        assertEquals(16, layout.pieceSize(0));
        assertEquals(16, layout.pieceSize(1));
        assertEquals(5, layout.pieceSize(2));
        assertEquals(32, layout.pieceOffset(2));
    }

    @Test
    void lastPieceIsFullWhenTotalIsAMultiple() {
        FileLayout layout = FileLayout.of(8, FileEntry.of("x", 24));
        assertEquals(3, layout.pieceCount());
        assertEquals(8, layout.lastPieceLength());
    }

    @Test
    void pieceSpanningThreeFilesSkipsEmptyFileInBetween() {
        assertEquals(List.of(
                        new FileSpan(0, 0, 0, 10),
                        new FileSpan(2, 0, 10, 4),
                        new FileSpan(3, 0, 14, 2)),
                mixedLayout().pieceSpans(0));
    }

    @Test
    void secondAndShortLastPieceSpans() {
        FileLayout layout = mixedLayout();
        assertEquals(List.of(new FileSpan(3, 2, 0, 1), new FileSpan(5, 0, 1, 15)), layout.pieceSpans(1));
        assertEquals(List.of(new FileSpan(5, 15, 0, 5)), layout.pieceSpans(2));
    }

    @Test
    void blockMapsInsideAPiece() {
        FileLayout layout = mixedLayout();
        long offset = layout.blockOffset(0, 8, 4);
        assertEquals(8, offset);
        assertEquals(List.of(new FileSpan(0, 8, 0, 2), new FileSpan(2, 0, 2, 2)), layout.spans(offset, 4));
        assertThrows(IllegalArgumentException.class, () -> layout.blockOffset(2, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> layout.blockOffset(0, -1, 2));
    }

    @Test
    void fileIndexAtNeverReturnsAnEmptyFile() {
        FileLayout layout = mixedLayout();
        assertEquals(0, layout.fileIndexAt(0));
        assertEquals(0, layout.fileIndexAt(9));
        assertEquals(2, layout.fileIndexAt(10));
        assertEquals(3, layout.fileIndexAt(14));
        assertEquals(5, layout.fileIndexAt(17));
        assertEquals(5, layout.fileIndexAt(36));
        assertThrows(IllegalArgumentException.class, () -> layout.fileIndexAt(37));
        assertThrows(IllegalArgumentException.class, () -> layout.fileIndexAt(-1));
    }

    @Test
    void piecesTouchingEachFile() {
        FileLayout layout = mixedLayout();
        assertEquals(new PieceRange(0, 1), layout.piecesOf(0));
        assertEquals(new PieceRange(0, 0), layout.piecesOf(1));
        assertEquals(new PieceRange(0, 1), layout.piecesOf(2));
        assertEquals(new PieceRange(0, 2), layout.piecesOf(3));
        assertEquals(new PieceRange(1, 1), layout.piecesOf(4));
        assertEquals(new PieceRange(1, 3), layout.piecesOf(5));
        assertEquals(new PieceRange(2, 2), layout.piecesOf(6));
        assertEquals(1, layout.piecesOf(3).last());
        assertTrue(layout.piecesOf(1).isEmpty());
        assertThrows(IllegalStateException.class, () -> layout.piecesOf(1).last());
    }

    @Test
    void mapsFilePositionBackToGlobalOffset() {
        FileLayout layout = mixedLayout();
        assertEquals(0, layout.globalOffset(0, 0));
        assertEquals(10, layout.globalOffset(1, 0));
        assertEquals(12, layout.globalOffset(2, 2));
        assertEquals(17, layout.globalOffset(5, 0));
        assertEquals(37, layout.globalOffset(5, 20));
        assertEquals(37, layout.globalOffset(6, 0));
        assertThrows(IllegalArgumentException.class, () -> layout.globalOffset(2, 5));
        assertThrows(IllegalArgumentException.class, () -> layout.globalOffset(1, 1));
        assertThrows(IllegalArgumentException.class, () -> layout.globalOffset(7, 0));
    }

    @Test
    void emptyRangeHasNoSpansAndEndOfLayoutIsAValidEmptyRange() {
        FileLayout layout = mixedLayout();
        assertEquals(List.of(), layout.spans(37, 0));
        assertEquals(List.of(), layout.spans(10, 0));
    }

    @Test
    void filesAndTotalsBeyondFourGibibytes() {
        FileLayout layout = FileLayout.of(4 * 1024 * 1024,
                FileEntry.of("big", 5 * GIB),
                FileEntry.of("bigger", 3 * GIB + 1));
        assertEquals(8 * GIB + 1, layout.totalLength());
        assertEquals(2049, layout.pieceCount());
        assertEquals(1, layout.lastPieceLength());
        assertEquals(List.of(new FileSpan(0, 5 * GIB - 10, 0, 10), new FileSpan(1, 0, 10, 10)),
                layout.spans(5 * GIB - 10, 20));
        assertEquals(new PieceRange(1280, 2049), layout.piecesOf(1));
        assertEquals(2048, layout.pieceAt(8 * GIB));
        assertEquals(5 * GIB + 7, layout.globalOffset(1, 7));
    }

    @Test
    void largestPieceCountIsAccepted() {
        FileLayout layout = FileLayout.of(1, FileEntry.of("x", Integer.MAX_VALUE));
        assertEquals(Integer.MAX_VALUE, layout.pieceCount());
        assertEquals(1, layout.lastPieceLength());
    }

    @Test
    void zeroTotalHasNoPieces() {
        FileLayout layout = FileLayout.of(16, FileEntry.of("empty", 0));
        assertEquals(0, layout.pieceCount());
        assertEquals(0, layout.lastPieceLength());
        assertEquals(new PieceRange(0, 0), layout.piecesOf(0));
        assertThrows(IllegalArgumentException.class, () -> layout.pieceSize(0));
    }

    static Stream<Arguments> invalidLayouts() {
        return Stream.of(
                Arguments.of("no files", (Supplier<FileLayout>) () -> new FileLayout(List.of(), 16),
                        "file layout needs at least one file"),
                Arguments.of("zero piece length", (Supplier<FileLayout>) () -> FileLayout.of(0, FileEntry.of("a", 1)),
                        "piece length 0 outside 1..134217728"),
                Arguments.of("negative piece length",
                        (Supplier<FileLayout>) () -> FileLayout.of(-16, FileEntry.of("a", 1)),
                        "piece length -16 outside 1..134217728"),
                Arguments.of("negative file length",
                        (Supplier<FileLayout>) () -> FileLayout.of(16, FileEntry.of("dir/a", -5)),
                        "file dir/a: negative length -5"),
                Arguments.of("total overflows a long", (Supplier<FileLayout>) () -> FileLayout.of(16,
                                FileEntry.of("a", Long.MAX_VALUE), FileEntry.of("b", 1)),
                        "file 1 (b): total length overflows at " + Long.MAX_VALUE + " + 1"),
                Arguments.of("piece count above Integer.MAX_VALUE",
                        (Supplier<FileLayout>) () -> FileLayout.of(1, FileEntry.of("a", 1L << 31)),
                        "2147483648 pieces of 1 bytes for 2147483648 bytes: too many"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidLayouts")
    void rejectsInvalidLayouts(String description, Supplier<FileLayout> construction, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, construction::get);
        assertEquals(message, error.getMessage());
    }

    @Test
    void rejectsRangesOutsideTheLayout() {
        FileLayout layout = mixedLayout();
        assertEquals("range [30, +8) outside layout of 37 bytes",
                assertThrows(IllegalArgumentException.class, () -> layout.spans(30, 8)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> layout.spans(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> layout.spans(0, -1));
        assertThrows(IllegalArgumentException.class, () -> layout.spans(1, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> layout.pieceSpans(3));
    }

    @Test
    void consumerExceptionStopsIteration() {
        FileLayout layout = mixedLayout();
        List<Integer> seen = new ArrayList<>();
        Exception error = assertThrows(Exception.class, () -> layout.forEachSpan(0, 37,
                (fileIndex, offsetInFile, offsetInRange, length) -> {
                    seen.add(fileIndex);
                    if (fileIndex == 2) {
                        throw new Exception("stop at " + fileIndex);
                    }
                }));
        assertEquals("stop at 2", error.getMessage());
        assertEquals(List.of(0, 2), seen);
    }

    /** Random layouts with many empty files: spans tile the range exactly and map back. */
    @Test
    void randomRangesTileExactlyAndMapBack() {
        Random random = new Random(20240607L);
        for (int round = 0; round < 200; round++) {
            List<FileEntry> files = new ArrayList<>();
            int fileCount = 1 + random.nextInt(12);
            for (int i = 0; i < fileCount; i++) {
                long length = random.nextInt(4) == 0 ? 0 : random.nextInt(100);
                files.add(FileEntry.of("f" + i, length));
            }
            FileLayout layout = new FileLayout(files, 1 + random.nextInt(40));
            long total = layout.totalLength();
            long offset = total == 0 ? 0 : random.nextInt((int) total + 1);
            long length = random.nextInt((int) (total - offset) + 1);
            long expectedOffset = offset;
            long rangeOffset = 0;
            for (FileSpan span : layout.spans(offset, length)) {
                assertTrue(span.length() > 0);
                assertEquals(rangeOffset, span.offsetInRange());
                assertEquals(expectedOffset, layout.globalOffset(span.fileIndex(), span.offsetInFile()));
                assertTrue(span.offsetInFile() + span.length() <= layout.file(span.fileIndex()).length());
                assertEquals(span.fileIndex(), layout.fileIndexAt(expectedOffset));
                PieceRange pieces = layout.piecesOf(span.fileIndex());
                assertTrue(pieces.contains(layout.pieceAt(expectedOffset)));
                assertTrue(pieces.contains(layout.pieceAt(expectedOffset + span.length() - 1)));
                expectedOffset += span.length();
                rangeOffset += span.length();
            }
            assertEquals(offset + length, expectedOffset);
            long pieceBytes = 0;
            for (int piece = 0; piece < layout.pieceCount(); piece++) {
                pieceBytes += layout.pieceSize(piece);
            }
            assertEquals(total, pieceBytes);
            assertFalse(layout.pieceCount() > 0 && layout.lastPieceLength() <= 0);
        }
    }
}
