package dev.arietta.bittorrent.internal.swarm.storage;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Moves received data from the loop thread to the disk: whole verified pieces (their blocks
 * held in memory until hashed, see {@link PieceAssembly}) and single blocks of spilled pieces.
 * Entries are queued on the loop and written by one task at a time on the disk executor, which
 * takes every entry queued so far in one batch; a whole piece is gathered into a staging
 * buffer of up to {@link #STAGING_BYTES} and written in as few calls as that allows. The
 * buffers passed in belong to the writer, which returns them to the pool once written.
 *
 * <p>Outcomes come back to the loop in queue order: {@link Listener#blockWritten} or
 * {@link Listener#pieceWritten} per entry, {@link Listener#batchWritten} after each batch, or
 * {@link Listener#writeFailed} once, after which nothing more is written.
 *
 * <p>Loop thread only, except the disk task itself.
 */
public final class BlockWriter {

    /** Default bound of the memory for received data (held pieces, this queue, and blocks requested): 32 MiB. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 32L * 1024 * 1024;

    /** Largest single write of a whole piece: 4 MiB (the staging buffer's size). */
    public static final int STAGING_BYTES = 4 * 1024 * 1024;

    /** Told about writes on the loop thread. */
    public interface Listener {

        /** A spilled piece's block is on disk (or in the storage's cache, which reads see). */
        void blockWritten(int piece, int offset, int length);

        /** A whole verified piece is on disk. */
        void pieceWritten(int piece);

        /** A batch ended; the queue is shorter. */
        void batchWritten();

        /** A write failed: the torrent cannot go on. Queued entries are dropped. */
        void writeFailed(StorageException failure);
    }

    private record Entry(int piece, int offset, ByteBuffer[] buffers, boolean wholePiece, long bytes) {
    }

    private final TorrentStorage storage;
    private final Executor diskExecutor;
    private final Executor loop;
    private final HeapBlockPool pool;
    private final Listener listener;
    private ByteBuffer staging;
    private List<Entry> pending = new ArrayList<>();
    private boolean writing;
    private boolean failed;
    private long queuedBytes;
    private Runnable idleAction;

    public BlockWriter(TorrentStorage storage, Executor diskExecutor, Executor loop, HeapBlockPool pool,
            Listener listener) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.diskExecutor = Objects.requireNonNull(diskExecutor, "diskExecutor");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Bytes queued or being written. */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** Whether nothing is queued or being written. */
    public boolean isIdle() {
        return !writing && pending.isEmpty();
    }

    /** Queues one block of a spilled piece; {@code block} (position 0 to limit) now belongs to the writer. */
    public void writeBlock(int piece, int offset, ByteBuffer block) {
        queue(new Entry(piece, offset, new ByteBuffer[] {block}, false, block.limit()));
    }

    /** Queues a whole verified piece, its blocks in order; they now belong to the writer. */
    public void writePiece(int piece, ByteBuffer[] blocks) {
        long bytes = 0;
        for (ByteBuffer block : blocks) {
            bytes += block.limit();
        }
        queue(new Entry(piece, 0, blocks, true, bytes));
    }

    private void queue(Entry entry) {
        if (failed) {
            release(entry);
            return;
        }
        pending.add(entry);
        queuedBytes += entry.bytes;
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
        List<Entry> batch = pending;
        pending = new ArrayList<>();
        writing = true;
        try {
            diskExecutor.execute(() -> writeBatch(batch));
        } catch (RejectedExecutionException e) {
            finished(batch, new StorageException(ErrorCode.FILE_IO_ERROR, null,
                    "the disk executor refused to write " + batch.size() + " entries", e));
        }
    }

    /** On the disk executor. */
    private void writeBatch(List<Entry> batch) {
        StorageException failure = null;
        try {
            for (Entry entry : batch) {
                if (entry.wholePiece) {
                    writePiece(entry);
                } else {
                    ByteBuffer block = entry.buffers[0];
                    block.position(0);
                    storage.write(entry.piece, entry.offset, block);
                }
            }
        } catch (StorageException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new StorageException(ErrorCode.FILE_IO_ERROR, null, "writing blocks failed: " + e, e);
        }
        StorageException outcome = failure;
        try {
            loop.execute(() -> finished(batch, outcome));
        } catch (RejectedExecutionException closed) {
            batch.forEach(this::release);
        }
    }

    /** On the disk executor: gathers the piece's blocks into the staging buffer and writes them. */
    private void writePiece(Entry entry) throws StorageException {
        if (staging == null) {
            staging = ByteBuffer.allocateDirect((int) Math.min(STAGING_BYTES, Math.max(entry.bytes, 1)));
        } else if (staging.capacity() < Math.min(STAGING_BYTES, entry.bytes)) {
            staging = ByteBuffer.allocateDirect((int) Math.min(STAGING_BYTES, entry.bytes));
        }
        int offset = 0;
        int start = 0;
        staging.clear();
        for (ByteBuffer block : entry.buffers) {
            if (staging.remaining() < block.limit()) {
                staging.flip();
                storage.write(entry.piece, start, staging);
                start = offset;
                staging.clear();
            }
            staging.put(staging.position(), block, 0, block.limit());
            staging.position(staging.position() + block.limit());
            offset += block.limit();
        }
        staging.flip();
        if (staging.hasRemaining()) {
            storage.write(entry.piece, start, staging);
        }
    }

    private void finished(List<Entry> batch, StorageException failure) {
        writing = false;
        for (Entry entry : batch) {
            queuedBytes -= entry.bytes;
            release(entry);
            if (failure == null && !failed) {
                if (entry.wholePiece) {
                    listener.pieceWritten(entry.piece);
                } else {
                    listener.blockWritten(entry.piece, entry.offset, (int) entry.bytes);
                }
            }
        }
        if (failure != null && !failed) {
            failed = true;
            pending.forEach(entry -> {
                queuedBytes -= entry.bytes;
                release(entry);
            });
            pending.clear();
            listener.writeFailed(failure);
        }
        if (!pending.isEmpty() && !failed) {
            startBatch();
        }
        listener.batchWritten();
        if (isIdle() && idleAction != null) {
            Runnable action = idleAction;
            idleAction = null;
            action.run();
        }
    }

    private void release(Entry entry) {
        for (ByteBuffer buffer : entry.buffers) {
            pool.release(buffer);
        }
    }
}
