package dev.arietta.bittorrent.internal.swarm.storage;

import dev.arietta.core.internal.piece.PieceGeometry;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Heap buffers of one block (16 KiB) for received data: heap, so that a whole piece can be
 * hashed without a copy, and pooled, so that the steady state allocates nothing. Thread-safe:
 * the loop acquires, the disk and hash executors' work releases through the loop or directly.
 */
public final class HeapBlockPool {

    private final ArrayBlockingQueue<ByteBuffer> free;

    /** @param maxRetained buffers kept for reuse; more are left to the garbage collector */
    public HeapBlockPool(int maxRetained) {
        this.free = new ArrayBlockingQueue<>(Math.max(1, maxRetained));
    }

    /** A cleared buffer of {@link PieceGeometry#BLOCK_LENGTH} bytes with an array. */
    public ByteBuffer acquire() {
        ByteBuffer buffer = free.poll();
        return buffer == null ? ByteBuffer.allocate(PieceGeometry.BLOCK_LENGTH) : buffer.clear();
    }

    /** Returns a buffer from {@link #acquire()}; the caller must not touch it again. */
    public void release(ByteBuffer buffer) {
        free.offer(buffer);
    }
}
