package dev.arietta.core.internal.hash;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.function.BooleanSupplier;

/** The hashing steps shared by {@link PieceVerifier} and {@link IntegrityChecker}. */
final class PieceHashing {

    private PieceHashing() {
    }

    /**
     * Hashes the remaining bytes of {@code buffers} in order and compares with the expected
     * digest. Each buffer's position is restored, so the caller's view is unchanged.
     */
    static PieceHashResult hashBuffers(MessageDigest digest, PieceHashes hashes, int piece, ByteBuffer[] buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                int position = buffer.position();
                digest.update(buffer);
                buffer.position(position);
            }
            return finish(digest, hashes, piece);
        } finally {
            digest.reset();
        }
    }

    /**
     * Reads {@code pieceLength} bytes of {@code piece} through {@code scratch} and hashes them.
     *
     * @return the result, or {@code null} if {@code stop} turned true between reads
     * @throws PieceReadException if the reader failed for a reason other than missing data
     */
    static PieceHashResult hashFromReader(MessageDigest digest, PieceHashes hashes, int piece, int pieceLength,
                                          PieceReader reader, ByteBuffer scratch, BooleanSupplier stop)
            throws PieceReadException {
        try {
            long offset = 0;
            while (offset < pieceLength) {
                if (stop.getAsBoolean()) {
                    return null;
                }
                int wanted = (int) Math.min(scratch.capacity(), pieceLength - offset);
                scratch.clear().limit(wanted);
                try {
                    reader.read(piece, offset, scratch);
                } catch (NoSuchFileException | EOFException missing) {
                    return PieceHashResult.missing(piece);
                } catch (IOException e) {
                    throw new PieceReadException(piece, offset, e);
                }
                int read = Math.min(scratch.position(), wanted);
                scratch.position(0).limit(read);
                digest.update(scratch);
                offset += read;
                if (read < wanted) {
                    return PieceHashResult.missing(piece);
                }
            }
            return finish(digest, hashes, piece);
        } finally {
            digest.reset();
        }
    }

    private static PieceHashResult finish(MessageDigest digest, PieceHashes hashes, int piece) {
        byte[] actual = digest.digest();
        PieceHashResult.Status status = hashes.matches(piece, actual)
                ? PieceHashResult.Status.PASSED
                : PieceHashResult.Status.FAILED;
        return new PieceHashResult(piece, status, actual);
    }
}
