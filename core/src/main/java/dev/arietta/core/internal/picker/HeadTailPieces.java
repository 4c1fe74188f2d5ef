package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.PieceRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The pieces covering the first and last bytes of each file, which aria2's
 * {@code --bt-prioritize-piece=head[=SIZE],tail[=SIZE]} downloads first so that a player can
 * read a file's header and index early. Feed the result to {@link PiecePicker#prioritize}.
 *
 * <p>Files are given as plain (offset, length) pairs in the torrent's byte space, so this does
 * not depend on the storage layout classes. Stateless.
 */
public final class HeadTailPieces {

    /** aria2's SIZE when {@code head} or {@code tail} is given without one: 1 MiB. */
    public static final long DEFAULT_SIZE = 1024 * 1024;

    private HeadTailPieces() {
    }

    /**
     * @param pieceLength bytes per piece
     * @param totalLength bytes in the torrent
     * @param fileOffsets offset of each file in the torrent (only the files to download)
     * @param fileLengths length of each file, same order
     * @param headBytes   bytes at the start of each file to cover; 0 for none
     * @param tailBytes   bytes at the end of each file to cover; 0 for none
     * @return the covering piece ranges, sorted and merged where they touch
     * @throws IllegalArgumentException if a file lies outside the torrent or a size is negative
     */
    public static List<PieceRange> compute(long pieceLength, long totalLength, long[] fileOffsets,
            long[] fileLengths, long headBytes, long tailBytes) {
        if (pieceLength <= 0 || totalLength < 0 || headBytes < 0 || tailBytes < 0) {
            throw new IllegalArgumentException("bad sizes: piece " + pieceLength + ", total " + totalLength
                    + ", head " + headBytes + ", tail " + tailBytes);
        }
        if (fileOffsets.length != fileLengths.length) {
            throw new IllegalArgumentException(
                    fileOffsets.length + " file offsets but " + fileLengths.length + " lengths");
        }
        List<long[]> spans = new ArrayList<>();
        for (int file = 0; file < fileOffsets.length; file++) {
            long offset = fileOffsets[file];
            long length = fileLengths[file];
            if (offset < 0 || length < 0 || length > totalLength - offset) {
                throw new IllegalArgumentException("file " + file + " at offset " + offset + " with length "
                        + length + " lies outside the torrent's " + totalLength + " bytes");
            }
            if (length == 0) {
                continue;
            }
            if (headBytes > 0) {
                spans.add(pieces(offset, offset + Math.min(headBytes, length), pieceLength));
            }
            if (tailBytes > 0) {
                spans.add(pieces(offset + length - Math.min(tailBytes, length), offset + length, pieceLength));
            }
        }
        spans.sort(Comparator.comparingLong((long[] span) -> span[0]));
        List<PieceRange> ranges = new ArrayList<>();
        long[] current = null;
        for (long[] span : spans) {
            if (current != null && span[0] <= current[1]) {
                current[1] = Math.max(current[1], span[1]);
            } else {
                if (current != null) {
                    ranges.add(new PieceRange((int) current[0], (int) current[1]));
                }
                current = Arrays.copyOf(span, 2);
            }
        }
        if (current != null) {
            ranges.add(new PieceRange((int) current[0], (int) current[1]));
        }
        return List.copyOf(ranges);
    }

    // Pieces [first, end) covering bytes [from, to), to > from.
    private static long[] pieces(long from, long to, long pieceLength) {
        return new long[] {from / pieceLength, (to - 1) / pieceLength + 1};
    }
}
