package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.PieceRange;
import dev.arietta.core.internal.storage.FileEntry;
import dev.arietta.core.internal.storage.FileLayout;
import java.util.function.IntConsumer;

/**
 * How much of each file lies in verified pieces, and when a selected file becomes complete.
 * Lengths count payload only: padding files and unselected files are left out of the totals.
 * Updating for one verified piece costs the number of files the piece touches. Loop thread only.
 */
final class FileProgress {

    private final FileLayout layout;
    private final Bitfield selectedFiles;
    private final long[] completed;
    private final int[] missingPieces;
    private final long totalLength;
    private long completedLength;

    /**
     * @param verified pieces verified when the torrent starts (no events for them)
     */
    FileProgress(FileLayout layout, Bitfield selectedFiles, Bitfield verified) {
        this.layout = layout;
        this.selectedFiles = selectedFiles.copy();
        int files = layout.fileCount();
        this.completed = new long[files];
        this.missingPieces = new int[files];
        long total = 0;
        for (int file = 0; file < files; file++) {
            PieceRange range = layout.piecesOf(file);
            missingPieces[file] = range.count();
            if (counts(file)) {
                total += layout.file(file).length();
            }
        }
        this.totalLength = total;
        for (int piece = verified.nextSetBit(0); piece >= 0; piece = verified.nextSetBit(piece + 1)) {
            pieceVerified(piece, null);
        }
    }

    /** Bytes of selected payload files. */
    long totalLength() {
        return totalLength;
    }

    /** Bytes of selected payload files inside verified pieces. */
    long completedLength() {
        return completedLength;
    }

    /** Bytes of {@code file} inside verified pieces. */
    long completedLength(int file) {
        return completed[file];
    }

    boolean isSelected(int file) {
        return selectedFiles.get(file);
    }

    /**
     * Counts a newly verified piece.
     *
     * @param fileCompleted told the index of each selected payload file this piece completes; may be null
     */
    void pieceVerified(int piece, IntConsumer fileCompleted) {
        long start = layout.pieceOffset(piece);
        long end = start + layout.pieceSize(piece);
        for (int file = layout.fileIndexAt(start); file < layout.fileCount() && layout.fileStart(file) < end;
                file++) {
            long overlap = Math.min(end, layout.fileEnd(file)) - Math.max(start, layout.fileStart(file));
            if (overlap <= 0) {
                continue;
            }
            completed[file] += overlap;
            if (counts(file)) {
                completedLength += overlap;
            }
            if (--missingPieces[file] == 0 && counts(file) && fileCompleted != null) {
                fileCompleted.accept(file);
            }
        }
    }

    private boolean counts(int file) {
        FileEntry entry = layout.file(file);
        return selectedFiles.get(file) && !entry.padding();
    }
}
