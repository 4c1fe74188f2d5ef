package dev.arietta.core.internal.storage;

import dev.arietta.core.internal.piece.PieceRange;
import java.util.ArrayList;
import dev.arietta.core.internal.piece.PieceGeometry;
import java.util.List;

/**
 * The files of a download laid end to end as one byte sequence cut into fixed-size pieces,
 * and the mapping between global offsets (pieces, blocks, byte ranges) and file positions.
 *
 * <p>Offsets and lengths are in bytes and {@code long}: single files over 4 GiB and totals
 * over 2<sup>31</sup> are normal. Piece indexes and the piece length are {@code int}; the
 * last piece is shorter when the total is not a multiple of the piece length.
 *
 * <p>Zero-length files occupy a position in the file list but no bytes: span mapping skips
 * them and {@link #piecesOf(int)} gives them an empty range. BEP 47 padding files are
 * ordinary files here (they hold bytes and shift later files); {@link Storage} decides that
 * they never reach the disk.
 *
 * <p>Immutable and thread-safe. {@link #forEachSpan} and the single-value queries allocate
 * nothing; {@link #spans} and {@link #pieceSpans} return new lists for convenience.
 */
public final class FileLayout {

    private final List<FileEntry> files;
    /** {@code starts[i]} is the global offset of file {@code i}; {@code starts[n]} is the total. */
    private final long[] starts;
    private final PieceGeometry geometry;
    private final int pieceLength;
    private final int pieceCount;
    private final long totalLength;

    /**
     * @param files       the files in metadata order; at least one
     * @param pieceLength piece length in bytes, greater than zero
     * @throws IllegalArgumentException if the list is empty, the piece length is outside
     *                                  1..{@link PieceGeometry#MAX_PIECE_LENGTH},
     *                                  the total length overflows a {@code long}, or the piece
     *                                  count would exceed {@link Integer#MAX_VALUE}
     */
    public FileLayout(List<FileEntry> files, int pieceLength) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("file layout needs at least one file");
        }
        this.files = List.copyOf(files);
        this.starts = new long[this.files.size() + 1];
        long position = 0;
        for (int i = 0; i < this.files.size(); i++) {
            starts[i] = position;
            FileEntry file = this.files.get(i);
            try {
                position = Math.addExact(position, file.length());
            } catch (ArithmeticException overflow) {
                throw new IllegalArgumentException("file " + i + " (" + file.path() + "): total length"
                        + " overflows at " + position + " + " + file.length(), overflow);
            }
        }
        starts[this.files.size()] = position;
        this.totalLength = position;
        this.geometry = new PieceGeometry(position, pieceLength);
        this.pieceLength = pieceLength;
        this.pieceCount = geometry.pieceCount();
    }

    /** Convenience for {@code new FileLayout(List.of(files), pieceLength)}. */
    public static FileLayout of(int pieceLength, FileEntry... files) {
        return new FileLayout(List.of(files), pieceLength);
    }

    /** The files, unmodifiable, in metadata order. */
    public List<FileEntry> files() {
        return files;
    }

    /** Number of files, zero-length and padding files included. */
    public int fileCount() {
        return files.size();
    }

    /** The file at {@code fileIndex}. */
    public FileEntry file(int fileIndex) {
        checkFileIndex(fileIndex);
        return files.get(fileIndex);
    }

    /** Sum of all file lengths in bytes. */
    public long totalLength() {
        return totalLength;
    }

    /** Nominal piece length in bytes. */
    public int pieceLength() {
        return pieceLength;
    }

    /** Number of pieces; zero when the total length is zero. */
    public int pieceCount() {
        return pieceCount;
    }

    /** The piece and block geometry of this layout. */
    public PieceGeometry geometry() {
        return geometry;
    }

    /** Length of the last piece in bytes (between 1 and the piece length), or 0 when there are no pieces. */
    public int lastPieceLength() {
        return pieceCount == 0 ? 0 : geometry.pieceLength(pieceCount - 1);
    }

    /** Length of piece {@code piece} in bytes: the piece length, or less for the last piece. */
    public int pieceSize(int piece) {
        checkPiece(piece);
        return piece == pieceCount - 1 ? lastPieceLength() : pieceLength;
    }

    /** Global offset of the first byte of piece {@code piece}. */
    public long pieceOffset(int piece) {
        checkPiece(piece);
        return (long) piece * pieceLength;
    }

    /**
     * Global offset of a block inside a piece.
     *
     * @param piece         piece index
     * @param offsetInPiece block start inside the piece, in bytes
     * @param length        block length in bytes
     * @throws IllegalArgumentException if the block does not lie inside the piece
     */
    public long blockOffset(int piece, int offsetInPiece, int length) {
        int size = pieceSize(piece);
        if (offsetInPiece < 0 || length < 0 || (long) offsetInPiece + length > size) {
            throw new IllegalArgumentException("block [" + offsetInPiece + ", +" + length
                    + ") outside piece " + piece + " of " + size + " bytes");
        }
        return (long) piece * pieceLength + offsetInPiece;
    }

    /**
     * The piece holding the byte at {@code globalOffset}.
     *
     * @throws IllegalArgumentException if the offset is outside {@code [0, totalLength)}
     */
    public int pieceAt(long globalOffset) {
        checkOffset(globalOffset);
        return (int) (globalOffset / pieceLength);
    }

    /** Global offset of the first byte of file {@code fileIndex}. */
    public long fileStart(int fileIndex) {
        checkFileIndex(fileIndex);
        return starts[fileIndex];
    }

    /** Global offset one past the last byte of file {@code fileIndex}. */
    public long fileEnd(int fileIndex) {
        checkFileIndex(fileIndex);
        return starts[fileIndex + 1];
    }

    /**
     * Maps a position inside a file back to a global offset.
     *
     * @param offsetInFile between 0 and the file length, inclusive (the end position is allowed
     *                     so that exclusive range ends map too)
     * @throws IllegalArgumentException if the offset is outside the file
     */
    public long globalOffset(int fileIndex, long offsetInFile) {
        checkFileIndex(fileIndex);
        long length = starts[fileIndex + 1] - starts[fileIndex];
        if (offsetInFile < 0 || offsetInFile > length) {
            throw new IllegalArgumentException("offset " + offsetInFile + " outside file " + fileIndex
                    + " (" + files.get(fileIndex).path() + ") of " + length + " bytes");
        }
        return starts[fileIndex] + offsetInFile;
    }

    /**
     * The file holding the byte at {@code globalOffset}; never a zero-length file.
     *
     * @throws IllegalArgumentException if the offset is outside {@code [0, totalLength)}
     */
    public int fileIndexAt(long globalOffset) {
        checkOffset(globalOffset);
        // Largest i with starts[i] <= offset. A zero-length file shares its start with the next
        // file, so the largest such index always has bytes; trailing empty files start at the
        // total, beyond any valid offset.
        int low = 0;
        int high = files.size() - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (starts[middle] <= globalOffset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /**
     * The pieces that hold at least one byte of file {@code fileIndex}: the first and last of
     * them are what a per-file priority or a streaming preview raises. Empty for a zero-length
     * file (positioned at the piece where the file would start).
     */
    public PieceRange piecesOf(int fileIndex) {
        checkFileIndex(fileIndex);
        long start = starts[fileIndex];
        long end = starts[fileIndex + 1];
        if (start == end) {
            int at = (int) Math.min(start / pieceLength, pieceCount);
            return new PieceRange(at, at);
        }
        return new PieceRange((int) (start / pieceLength), (int) ((end - 1) / pieceLength) + 1);
    }

    /**
     * Calls {@code consumer} for each file span of the byte range {@code [offset, offset + length)},
     * in order, skipping zero-length files. Allocates nothing.
     *
     * @throws IllegalArgumentException if the range is not inside {@code [0, totalLength]}
     * @throws X                        whatever the consumer throws
     */
    public <X extends Exception> void forEachSpan(long offset, long length, SpanConsumer<X> consumer) throws X {
        checkRange(offset, length);
        if (length == 0) {
            return;
        }
        long end = offset + length;
        long position = offset;
        int index = fileIndexAt(offset);
        while (position < end) {
            long fileEnd = starts[index + 1];
            if (fileEnd > position) {
                long spanLength = Math.min(end, fileEnd) - position;
                consumer.accept(index, position - starts[index], position - offset, spanLength);
                position += spanLength;
            }
            index++;
        }
    }

    /** The file spans of the byte range {@code [offset, offset + length)} as a new list. */
    public List<FileSpan> spans(long offset, long length) {
        List<FileSpan> result = new ArrayList<>();
        forEachSpan(offset, length, (fileIndex, offsetInFile, offsetInRange, spanLength) ->
                result.add(new FileSpan(fileIndex, offsetInFile, offsetInRange, spanLength)));
        return result;
    }

    /** The file spans of piece {@code piece} as a new list. */
    public List<FileSpan> pieceSpans(int piece) {
        return spans(pieceOffset(piece), pieceSize(piece));
    }

    /**
     * Checks that {@code [offset, offset + length)} lies inside the layout.
     *
     * @throws IllegalArgumentException with the range and the total length when it does not
     */
    public void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset > totalLength || length > totalLength - offset) {
            throw new IllegalArgumentException("range [" + offset + ", +" + length
                    + ") outside layout of " + totalLength + " bytes");
        }
    }

    private void checkOffset(long globalOffset) {
        if (globalOffset < 0 || globalOffset >= totalLength) {
            throw new IllegalArgumentException("offset " + globalOffset + " outside layout of "
                    + totalLength + " bytes");
        }
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= pieceCount) {
            throw new IllegalArgumentException("piece " + piece + " outside [0, " + pieceCount + ")");
        }
    }

    private void checkFileIndex(int fileIndex) {
        if (fileIndex < 0 || fileIndex >= files.size()) {
            throw new IllegalArgumentException("file index " + fileIndex + " outside [0, "
                    + files.size() + ")");
        }
    }

    @Override
    public String toString() {
        return "FileLayout[" + files.size() + " files, " + totalLength + " bytes, " + pieceCount
                + " pieces of " + pieceLength + "]";
    }
}
