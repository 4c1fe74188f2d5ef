package dev.arietta.core.internal.hash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Streams a whole file through a digest and compares it with an {@link ExpectedChecksum}: the
 * check at the end of a download that has no piece hashes (aria2's {@code --checksum},
 * a Metalink file hash, an HTTP {@code Digest} header).
 *
 * <p>Blocking: run it on the hash executor. An instance holds only its settings, so it is
 * thread-safe; each call allocates its own read buffer of {@link #bufferBytes()} (heap, so
 * that the digest reads the array without a copy).
 */
public final class WholeFileChecksum {

    /** Default read buffer size: 1 MiB. */
    public static final int DEFAULT_BUFFER_BYTES = 1 << 20;

    private final int bufferBytes;

    /** A checker with a {@link #DEFAULT_BUFFER_BYTES} read buffer. */
    public WholeFileChecksum() {
        this(DEFAULT_BUFFER_BYTES);
    }

    /**
     * @param bufferBytes read buffer size in bytes, positive; memory used per call
     */
    public WholeFileChecksum(int bufferBytes) {
        if (bufferBytes <= 0) {
            throw new IllegalArgumentException("buffer size must be positive, got " + bufferBytes);
        }
        this.bufferBytes = bufferBytes;
    }

    /** Read buffer size in bytes. */
    public int bufferBytes() {
        return bufferBytes;
    }

    /**
     * The digest of every byte of {@code channel} from offset 0 to its end. Uses positional
     * reads, so the channel's position is left alone and the channel may be shared with other
     * positional readers.
     */
    public byte[] compute(FileChannel channel, HashAlgorithm algorithm) throws IOException {
        MessageDigest digest = algorithm.newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(bufferBytes);
        long position = 0;
        while (true) {
            buffer.clear();
            int read = channel.read(buffer, position);
            if (read < 0) {
                break;
            }
            position += read;
            buffer.flip();
            digest.update(buffer);
        }
        return digest.digest();
    }

    /** The digest of the whole file at {@code file}. */
    public byte[] compute(Path file, HashAlgorithm algorithm) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return compute(channel, algorithm);
        }
    }

    /**
     * Checks the whole file against {@code expected}.
     *
     * @throws ChecksumMismatchException if the digests differ (error code 32)
     * @throws IOException               if the file cannot be read
     */
    public void verify(Path file, ExpectedChecksum expected) throws IOException {
        byte[] actual = compute(file, expected.algorithm());
        if (!expected.matches(actual)) {
            throw new ChecksumMismatchException(file, expected, actual);
        }
    }
}
