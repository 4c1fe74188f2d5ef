package dev.arietta.core.internal.loop;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A bounded pool of direct {@link ByteBuffer}s of one size.
 *
 * <p>{@link #acquire()} hands out a cleared buffer, reusing a released one when available and
 * allocating otherwise; {@link #release(ByteBuffer)} keeps at most {@code maxRetained}
 * buffers and drops the rest for the garbage collector. Direct buffers avoid a copy on every
 * socket read and write; pooling avoids their slow allocation and release.
 *
 * <p>Ownership: a buffer belongs to whoever acquired it until it is released; releasing a
 * buffer twice, or using it after release, is a bug the pool cannot detect.
 *
 * <p>Thread-safe (the loop acquires, the disk executor may release). Neither call allocates
 * once the pool is warm.
 */
public final class BufferPool {

    /** Size of the pool used for socket reads and TLS records: 16 KiB (one TLS record). */
    public static final int SMALL_BUFFER_SIZE = 16 * 1024;

    /** Size of the pool used for bulk body data and decompression output: 64 KiB. */
    public static final int LARGE_BUFFER_SIZE = 64 * 1024;

    /** Default number of buffers kept by {@link #small()} and {@link #large()} pools: 256. */
    public static final int DEFAULT_MAX_RETAINED = 256;

    private final int bufferSize;
    private final ArrayBlockingQueue<ByteBuffer> free;

    /**
     * @param bufferSize  capacity of every buffer, in bytes (positive)
     * @param maxRetained how many released buffers are kept for reuse (positive)
     */
    public BufferPool(int bufferSize, int maxRetained) {
        if (bufferSize <= 0 || maxRetained <= 0) {
            throw new IllegalArgumentException(
                    "buffer size " + bufferSize + " and retained count " + maxRetained + " must be positive");
        }
        this.bufferSize = bufferSize;
        this.free = new ArrayBlockingQueue<>(maxRetained);
    }

    /** A pool of {@link #SMALL_BUFFER_SIZE} buffers keeping {@link #DEFAULT_MAX_RETAINED}. */
    public static BufferPool small() {
        return new BufferPool(SMALL_BUFFER_SIZE, DEFAULT_MAX_RETAINED);
    }

    /** A pool of {@link #LARGE_BUFFER_SIZE} buffers keeping {@link #DEFAULT_MAX_RETAINED}. */
    public static BufferPool large() {
        return new BufferPool(LARGE_BUFFER_SIZE, DEFAULT_MAX_RETAINED);
    }

    /** The capacity of the pool's buffers, in bytes. */
    public int bufferSize() {
        return bufferSize;
    }

    /** The number of released buffers currently kept for reuse. */
    public int retained() {
        return free.size();
    }

    /** A cleared direct buffer of {@link #bufferSize()} bytes, owned by the caller. */
    public ByteBuffer acquire() {
        ByteBuffer buffer = free.poll();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(bufferSize);
        }
        buffer.clear();
        return buffer;
    }

    /**
     * Returns a buffer obtained from {@link #acquire()}; the caller must not touch it again.
     *
     * @throws IllegalArgumentException if the buffer is not a direct buffer of this pool's size
     */
    public void release(ByteBuffer buffer) {
        if (!buffer.isDirect() || buffer.capacity() != bufferSize) {
            throw new IllegalArgumentException("buffer of capacity " + buffer.capacity()
                    + (buffer.isDirect() ? "" : " (heap)") + " does not belong to a pool of " + bufferSize);
        }
        free.offer(buffer);
    }
}
