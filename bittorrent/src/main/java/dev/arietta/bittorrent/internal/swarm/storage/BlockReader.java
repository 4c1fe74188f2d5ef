package dev.arietta.bittorrent.internal.swarm.storage;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads blocks for uploading: requests are queued on the loop thread and read by one task at
 * a time on the disk executor, which takes every request queued so far; each block comes back
 * to the loop in a pooled buffer lent to {@link Callback#onRead} for the duration of the call.
 * How much each peer may have in flight is the swarm's business (bounded read-ahead).
 *
 * <p>Loop thread only, except the disk task itself.
 */
public final class BlockReader {

    /** Hears one read on the loop thread. */
    public interface Callback {

        /** The block's bytes, position to limit; valid only during the call. */
        void onRead(ByteBuffer data);

        /** The read failed; the torrent's storage is in trouble. */
        void onFailure(StorageException failure);
    }

    private static final class Read {
        final int piece;
        final int offset;
        final int length;
        final Callback callback;
        ByteBuffer data;
        StorageException failure;

        Read(int piece, int offset, int length, Callback callback) {
            this.piece = piece;
            this.offset = offset;
            this.length = length;
            this.callback = callback;
        }
    }

    private final TorrentStorage storage;
    private final Executor diskExecutor;
    private final Executor loop;
    private final BufferPool pool;
    private List<Read> pending = new ArrayList<>();
    private boolean reading;
    private boolean closed;

    /** @param pool buffers of at least one block (16 KiB) */
    public BlockReader(TorrentStorage storage, Executor diskExecutor, Executor loop, BufferPool pool) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.diskExecutor = Objects.requireNonNull(diskExecutor, "diskExecutor");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * Queues a read of {@code length} bytes at {@code offset} inside {@code piece}.
     *
     * @throws IllegalArgumentException if longer than a pool buffer
     */
    public void read(int piece, int offset, int length, Callback callback) {
        if (length > pool.bufferSize()) {
            throw new IllegalArgumentException("read of " + length + " bytes exceeds the " + pool.bufferSize()
                    + "-byte buffers");
        }
        if (closed) {
            return;
        }
        pending.add(new Read(piece, offset, length, Objects.requireNonNull(callback, "callback")));
        if (!reading) {
            startBatch();
        }
    }

    /** Whether no read is queued or running. */
    public boolean isIdle() {
        return !reading && pending.isEmpty();
    }

    /** Drops queued reads and ignores the results of the running one: the torrent stops. */
    public void close() {
        closed = true;
        pending.clear();
    }

    private void startBatch() {
        List<Read> batch = pending;
        pending = new ArrayList<>();
        reading = true;
        try {
            diskExecutor.execute(() -> readBatch(batch));
        } catch (RejectedExecutionException e) {
            reading = false;
            StorageException failure = new StorageException(ErrorCode.FILE_IO_ERROR, null,
                    "disk executor refused to read " + batch.size() + " blocks", e);
            for (Read read : batch) {
                read.callback.onFailure(failure);
            }
        }
    }

    /** On the disk executor. */
    private void readBatch(List<Read> batch) {
        for (Read read : batch) {
            ByteBuffer buffer = pool.acquire();
            buffer.limit(read.length);
            try {
                storage.read(read.piece, read.offset, buffer);
                if (buffer.hasRemaining()) {
                    throw new StorageException(ErrorCode.FILE_IO_ERROR, null, "piece " + read.piece + " offset "
                            + read.offset + ": only " + buffer.position() + " of " + read.length
                            + " bytes are on disk", null);
                }
                buffer.flip();
                read.data = buffer;
            } catch (StorageException e) {
                pool.release(buffer);
                read.failure = e;
            } catch (RuntimeException e) {
                pool.release(buffer);
                read.failure = new StorageException(ErrorCode.FILE_IO_ERROR, null, "reading piece " + read.piece
                        + " offset " + read.offset + " failed: " + e, e);
            }
        }
        try {
            loop.execute(() -> finished(batch));
        } catch (RejectedExecutionException e) {
            release(batch);
        }
    }

    private void finished(List<Read> batch) {
        reading = false;
        for (Read read : batch) {
            if (closed) {
                break;
            }
            if (read.failure != null) {
                read.callback.onFailure(read.failure);
            } else {
                try {
                    read.callback.onRead(read.data);
                } finally {
                    pool.release(read.data);
                    read.data = null;
                }
            }
        }
        release(batch);
        if (!pending.isEmpty() && !closed) {
            startBatch();
        }
    }

    private void release(List<Read> batch) {
        for (Read read : batch) {
            if (read.data != null) {
                pool.release(read.data);
                read.data = null;
            }
        }
    }
}
