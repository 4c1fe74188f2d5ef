package dev.arietta.core.internal.hash;

/**
 * Memory limits of a re-check ({@link IntegrityChecker}). At most
 * {@code maxInFlightPieces × readBufferBytes} bytes of read buffers exist at once, whatever the
 * piece length or piece count.
 *
 * @param maxInFlightPieces pieces being read and hashed at the same time, positive; default
 *                          twice the available processors, so a thread hashes while another reads
 * @param readBufferBytes   size of each read buffer in bytes, positive; a piece longer than this
 *                          is read and hashed in several steps; default 256 KiB
 */
public record IntegrityCheckLimits(int maxInFlightPieces, int readBufferBytes) {

    /** Default read buffer size: 256 KiB. */
    public static final int DEFAULT_READ_BUFFER_BYTES = 256 << 10;

    /** @throws IllegalArgumentException if a value is not positive */
    public IntegrityCheckLimits {
        if (maxInFlightPieces <= 0) {
            throw new IllegalArgumentException("max in-flight pieces must be positive, got " + maxInFlightPieces);
        }
        if (readBufferBytes <= 0) {
            throw new IllegalArgumentException("read buffer size must be positive, got " + readBufferBytes);
        }
    }

    /** Twice the available processors in flight, {@link #DEFAULT_READ_BUFFER_BYTES} each. */
    public static IntegrityCheckLimits defaults() {
        return new IntegrityCheckLimits(2 * Runtime.getRuntime().availableProcessors(), DEFAULT_READ_BUFFER_BYTES);
    }

    /** The most read-buffer memory a re-check holds at once, in bytes. */
    public long maxBufferBytes() {
        return (long) maxInFlightPieces * readBufferBytes;
    }
}
