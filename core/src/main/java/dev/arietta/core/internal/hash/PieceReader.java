package dev.arietta.core.internal.hash;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;

/**
 * Reads a piece's bytes for hashing; the engine adapts its storage to this. Called on a hash
 * executor thread, possibly from several threads at once for different pieces or offsets, so an
 * implementation must be safe for concurrent positional reads (a {@code FileChannel} read at
 * an absolute position is).
 */
@FunctionalInterface
public interface PieceReader {

    /**
     * Copies bytes of {@code piece}, starting {@code offset} bytes into the piece, into
     * {@code into} from its position up to its limit, advancing its position. The buffer is
     * lent for the duration of the call only.
     *
     * <p>Missing data is not an error: when the file is absent or shorter than the layout says,
     * copy what exists (possibly nothing) and return, leaving the position short of the limit,
     * or throw {@link NoSuchFileException} or {@link EOFException}. The piece then counts as
     * missing, not as an I/O failure. Throw another {@link IOException} only for a real read
     * error (a failing disk, a permission problem); that stops the verification or re-check.
     *
     * @param piece  piece index
     * @param offset byte offset within the piece, zero or more
     * @param into   destination; its remaining bytes are how many are wanted
     */
    void read(int piece, long offset, ByteBuffer into) throws IOException;
}
