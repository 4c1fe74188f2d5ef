package dev.arietta.bittorrent.internal.swarm.storage;

import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Moves received blocks from the loop thread to the disk: each block is copied into a pooled
 * buffer on the loop (the peer's read buffer is only lent), queued, and written by one task at
 * a time on the disk executor, which takes every block queued so far in one batch. The
 * outcome comes back to the loop: {@link Listener#blockWritten} per block in queue order, or
 * {@link Listener#writeFailed} once.
 *
 * <p>Memory: {@link #queuedBytes()} counts blocks queued or being written. The swarm stops
 * requesting while {@link #isFull()} ({@link #maxQueuedBytes()} reached) and hears
 * {@link Listener#writerDrained()} once the queue falls back under half of it, so the memory
 * held for writing stays within the bound plus the requests already out.
 *
 * <p>Loop thread only, except the disk task itself.
 */
public final class BlockWriter {

    /** Default {@link #maxQueuedBytes()}: 32 MiB. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 32L * 1024 * 1024;

    /** Told about writes on the loop thread. */
    public interface Listener {

        /** The block is on disk (or in the storage's cache, which reads see). */
        void blockWritten(int piece, int offset, int length);

        /** A write failed: the torrent cannot go on. Queued blocks are dropped; nothing else is written. */
        void writeFailed(StorageException failure);

        /** The queue fell under half of its bound after having been full. */
        void writerDrained();
    }

    private record Block(int piece, int offset, ByteBuffer data) {
    }

    private final TorrentStorage storage;
    private final Executor diskExecutor;
    private final Executor loop;
    private final BufferPool pool;
    private final long maxQueuedBytes;
    private final Listener listener;
    private List<Block> pending = new ArrayList<>();
    private boolean writing;
    private boolean failed;
    private boolean wasFull;
    private long queuedBytes;
    private Runnable idleAction;

    /**
     * @param pool buffers of at least one block (16 KiB)
     */
    public BlockWriter(TorrentStorage storage, Executor diskExecutor, Executor loop, BufferPool pool,
            long maxQueuedBytes, Listener listener) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.diskExecutor = Objects.requireNonNull(diskExecutor, "diskExecutor");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.pool = Objects.requireNonNull(pool, "pool");
        if (maxQueuedBytes < pool.bufferSize()) {
            throw new IllegalArgumentException("write queue bound of " + maxQueuedBytes + " bytes");
        }
        this.maxQueuedBytes = maxQueuedBytes;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /** Bytes queued or being written. */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** Whether the queue reached its bound: request no more blocks until {@link Listener#writerDrained()}. */
    public boolean isFull() {
        return queuedBytes >= maxQueuedBytes;
    }

    /** Whether nothing is queued or being written. */
    public boolean isIdle() {
        return !writing && pending.isEmpty();
    }

    /**
     * Queues a copy of {@code data} (position to limit, not moved) for {@code piece} at
     * {@code offset}. Ignored after a failure.
     *
     * @throws IllegalArgumentException if the block is larger than a pool buffer
     */
    public void write(int piece, int offset, ByteBuffer data) {
        if (failed) {
            return;
        }
        int length = data.remaining();
        if (length > pool.bufferSize()) {
            throw new IllegalArgumentException("block of " + length + " bytes exceeds the "
                    + pool.bufferSize() + "-byte write buffers");
        }
        ByteBuffer copy = pool.acquire();
        copy.put(0, data, data.position(), length).limit(length);
        pending.add(new Block(piece, offset, copy));
        queuedBytes += length;
        wasFull |= isFull();
        if (!writing) {
            startBatch();
        }
    }

    /** Runs {@code action} on the loop once nothing is queued or being written (at once if idle). */
    public void whenIdle(Runnable action) {
        if (isIdle()) {
            action.run();
        } else {
            Runnable previous = idleAction;
            idleAction = previous == null ? action : () -> {
                previous.run();
                action.run();
            };
        }
    }

    private void startBatch() {
        List<Block> batch = pending;
        pending = new ArrayList<>();
        writing = true;
        try {
            diskExecutor.execute(() -> writeBatch(batch));
        } catch (RejectedExecutionException e) {
            finished(batch, new StorageException(dev.arietta.core.ErrorCode.FILE_IO_ERROR, null,
                    "disk executor refused the write of " + batch.size() + " blocks", e));
        }
    }

    /** On the disk executor. */
    private void writeBatch(List<Block> batch) {
        StorageException failure = null;
        try {
            for (Block block : batch) {
                storage.write(block.piece, block.offset, block.data);
            }
        } catch (StorageException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new StorageException(dev.arietta.core.ErrorCode.FILE_IO_ERROR, null,
                    "writing blocks failed: " + e, e);
        }
        StorageException outcome = failure;
        try {
            loop.execute(() -> finished(batch, outcome));
        } catch (RejectedExecutionException closed) {
            for (Block block : batch) {
                pool.release(block.data);
            }
        }
    }

    private void finished(List<Block> batch, StorageException failure) {
        writing = false;
        for (Block block : batch) {
            int length = block.data.limit();
            queuedBytes -= length;
            pool.release(block.data);
            if (failure == null && !failed) {
                listener.blockWritten(block.piece, block.offset, length);
            }
        }
        if (failure != null && !failed) {
            failed = true;
            for (Block block : pending) {
                queuedBytes -= block.data.limit();
                pool.release(block.data);
            }
            pending.clear();
            listener.writeFailed(failure);
        }
        if (!pending.isEmpty() && !failed) {
            startBatch();
        }
        if (wasFull && queuedBytes <= maxQueuedBytes / 2) {
            wasFull = false;
            listener.writerDrained();
        }
        if (isIdle() && idleAction != null) {
            Runnable action = idleAction;
            idleAction = null;
            action.run();
        }
    }
}
