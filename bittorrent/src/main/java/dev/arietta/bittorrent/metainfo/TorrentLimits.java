package dev.arietta.bittorrent.metainfo;

import dev.arietta.core.internal.piece.PieceGeometry;

/**
 * Bounds the torrent parser enforces before trusting a {@code .torrent}, modelled on
 * libtorrent's {@code load_torrent_limits}. Every limit exceeded gives a
 * {@link TorrentException}, never an {@link OutOfMemoryError}.
 *
 * @param maxTorrentBytes longest accepted torrent file in bytes; default
 *                        {@value #DEFAULT_MAX_TORRENT_BYTES} (10 MiB, libtorrent's {@code max_buffer_size})
 * @param maxDecodeDepth  deepest bencode nesting; default {@value #DEFAULT_MAX_DECODE_DEPTH}
 *                        (libtorrent's {@code max_decode_depth})
 * @param maxDecodeTokens most bencode values in one torrent; default
 *                        {@value #DEFAULT_MAX_DECODE_TOKENS} (libtorrent's {@code max_decode_tokens})
 * @param maxPieces       most pieces; default {@value #DEFAULT_MAX_PIECES} (libtorrent's {@code max_pieces})
 * @param maxPieceLength  longest piece in bytes; default {@value #DEFAULT_MAX_PIECE_LENGTH}
 *                        (128 MiB, core's {@link PieceGeometry#MAX_PIECE_LENGTH})
 * @param maxFiles        most entries in {@code files}, padding files included; default
 *                        {@value #DEFAULT_MAX_FILES}
 * @param maxPathDepth    most elements in one file's {@code path} list; default
 *                        {@value #DEFAULT_MAX_PATH_DEPTH}
 * @param maxNameBytes    longest path element in UTF-8 bytes after sanitizing; longer names are
 *                        cut (keeping the extension), not refused; default
 *                        {@value #DEFAULT_MAX_NAME_BYTES}, the limit of common file systems
 */
public record TorrentLimits(int maxTorrentBytes, int maxDecodeDepth, int maxDecodeTokens, int maxPieces,
        int maxPieceLength, int maxFiles, int maxPathDepth, int maxNameBytes) {

    /** Default of {@link #maxTorrentBytes()}: 10 MiB. */
    public static final int DEFAULT_MAX_TORRENT_BYTES = 10 * 1024 * 1024;
    /** Default of {@link #maxDecodeDepth()}. */
    public static final int DEFAULT_MAX_DECODE_DEPTH = 100;
    /** Default of {@link #maxDecodeTokens()}. */
    public static final int DEFAULT_MAX_DECODE_TOKENS = 3_000_000;
    /** Default of {@link #maxPieces()}: 0x200000. */
    public static final int DEFAULT_MAX_PIECES = 0x200000;
    /** Default of {@link #maxPieceLength()}: 128 MiB. */
    public static final int DEFAULT_MAX_PIECE_LENGTH = PieceGeometry.MAX_PIECE_LENGTH;
    /** Default of {@link #maxFiles()}. */
    public static final int DEFAULT_MAX_FILES = 1_000_000;
    /** Default of {@link #maxPathDepth()}. */
    public static final int DEFAULT_MAX_PATH_DEPTH = 100;
    /** Default of {@link #maxNameBytes()}: 255. */
    public static final int DEFAULT_MAX_NAME_BYTES = 255;

    /** All defaults. */
    public static final TorrentLimits DEFAULT = new TorrentLimits(DEFAULT_MAX_TORRENT_BYTES, DEFAULT_MAX_DECODE_DEPTH,
            DEFAULT_MAX_DECODE_TOKENS, DEFAULT_MAX_PIECES, DEFAULT_MAX_PIECE_LENGTH, DEFAULT_MAX_FILES,
            DEFAULT_MAX_PATH_DEPTH, DEFAULT_MAX_NAME_BYTES);

    /**
     * @throws IllegalArgumentException if a limit is not positive, {@code maxPieceLength} exceeds
     *                                  core's 128 MiB or {@code maxNameBytes} is below 40
     */
    public TorrentLimits {
        requirePositive("maxTorrentBytes", maxTorrentBytes);
        requirePositive("maxDecodeDepth", maxDecodeDepth);
        requirePositive("maxDecodeTokens", maxDecodeTokens);
        requirePositive("maxPieces", maxPieces);
        requirePositive("maxPieceLength", maxPieceLength);
        requirePositive("maxFiles", maxFiles);
        requirePositive("maxPathDepth", maxPathDepth);
        if (maxPieceLength > PieceGeometry.MAX_PIECE_LENGTH) {
            throw new IllegalArgumentException("maxPieceLength " + maxPieceLength + " exceeds "
                    + PieceGeometry.MAX_PIECE_LENGTH);
        }
        if (maxNameBytes < 40) {
            throw new IllegalArgumentException("maxNameBytes must be at least 40, got " + maxNameBytes);
        }
    }

    /** These limits with at most {@code value} bytes of torrent file. */
    public TorrentLimits withMaxTorrentBytes(int value) {
        return new TorrentLimits(value, maxDecodeDepth, maxDecodeTokens, maxPieces, maxPieceLength, maxFiles,
                maxPathDepth, maxNameBytes);
    }

    /** These limits with bencode nesting at most {@code value} deep. */
    public TorrentLimits withMaxDecodeDepth(int value) {
        return new TorrentLimits(maxTorrentBytes, value, maxDecodeTokens, maxPieces, maxPieceLength, maxFiles,
                maxPathDepth, maxNameBytes);
    }

    /** These limits with at most {@code value} bencode tokens. */
    public TorrentLimits withMaxDecodeTokens(int value) {
        return new TorrentLimits(maxTorrentBytes, maxDecodeDepth, value, maxPieces, maxPieceLength, maxFiles,
                maxPathDepth, maxNameBytes);
    }

    /** These limits with at most {@code value} pieces. */
    public TorrentLimits withMaxPieces(int value) {
        return new TorrentLimits(maxTorrentBytes, maxDecodeDepth, maxDecodeTokens, value, maxPieceLength, maxFiles,
                maxPathDepth, maxNameBytes);
    }

    /** These limits with pieces of at most {@code value} bytes. */
    public TorrentLimits withMaxPieceLength(int value) {
        return new TorrentLimits(maxTorrentBytes, maxDecodeDepth, maxDecodeTokens, maxPieces, value, maxFiles,
                maxPathDepth, maxNameBytes);
    }

    /** These limits with at most {@code value} files. */
    public TorrentLimits withMaxFiles(int value) {
        return new TorrentLimits(maxTorrentBytes, maxDecodeDepth, maxDecodeTokens, maxPieces, maxPieceLength, value,
                maxPathDepth, maxNameBytes);
    }

    /** These limits with file paths of at most {@code value} elements. */
    public TorrentLimits withMaxPathDepth(int value) {
        return new TorrentLimits(maxTorrentBytes, maxDecodeDepth, maxDecodeTokens, maxPieces, maxPieceLength,
                maxFiles, value, maxNameBytes);
    }

    /** These limits with path elements of at most {@code value} UTF-8 bytes (at least 40). */
    public TorrentLimits withMaxNameBytes(int value) {
        return new TorrentLimits(maxTorrentBytes, maxDecodeDepth, maxDecodeTokens, maxPieces, maxPieceLength,
                maxFiles, maxPathDepth, value);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
