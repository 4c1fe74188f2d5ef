package dev.arietta.internal.engine;

import dev.arietta.core.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * One download's received buffers on their way to its file, in batches: the buffers handed
 * over during one turn of the loop go to the disk queue as one task, written in order, and
 * their outcome comes back to the loop as one task ({@link Written#written} for each, or
 * {@link Failed#writeFailed} for the first that failed, the ones after it given back with
 * length 0). Handing each 64 KiB buffer over alone cost two thread hand-offs per buffer
 * (loopback harness).
 *
 * <p>Loop thread only, apart from the disk task it submits.
 */
final class DiskWrites {

    /** Writes one buffer (position to limit) at a file offset: the download's file. */
    @FunctionalInterface
    interface Target {
        void write(long offset, ByteBuffer buffer) throws IOException;
    }

    /** Hears that a buffer was written ({@code length} bytes, 0 if it was not) and may be reused. */
    @FunctionalInterface
    interface Written {
        void written(long offset, int length, ByteBuffer buffer);
    }

    /** Hears that writing a buffer failed. */
    @FunctionalInterface
    interface Failed {
        void writeFailed(ErrorCode code, String message, ByteBuffer buffer);
    }

    private record Pending(long offset, ByteBuffer buffer) {
    }

    private final Executor loop;
    private final Executor diskQueue;
    private final Function<Throwable, ErrorCode> codes;
    private Target target;
    private Written written;
    private Failed failed;
    private List<Pending> batch;

    /**
     * @param loop      the loop the batches are collected and reported on
     * @param diskQueue the download's serial disk queue
     * @param codes     the aria2 error code of a write failure
     */
    DiskWrites(Executor loop, Executor diskQueue, Function<Throwable, ErrorCode> codes) {
        this.loop = loop;
        this.diskQueue = diskQueue;
        this.codes = codes;
    }

    /** Writes of a new transfer start: later buffers go to {@code file} and are reported to the others. */
    void begin(Target file, Written onWritten, Failed onFailed) {
        flush();
        this.target = file;
        this.written = onWritten;
        this.failed = onFailed;
    }

    /** Queues {@code buffer} (position to limit) at {@code offset}; it leaves at the end of this loop turn. */
    void submit(long offset, ByteBuffer buffer) {
        if (batch == null) {
            batch = new ArrayList<>();
            loop.execute(this::flush);
        }
        batch.add(new Pending(offset, buffer));
    }

    /** Hands the queued buffers to the disk queue now (before a stop queues its own disk work). */
    void flush() {
        List<Pending> writes = batch;
        if (writes == null) {
            return;
        }
        batch = null;
        Target file = target;
        Written onWritten = written;
        Failed onFailed = failed;
        diskQueue.execute(() -> write(writes, file, onWritten, onFailed));
    }

    /** Disk queue: writes in order, stopping at the first failure, then reports to the loop. */
    private void write(List<Pending> writes, Target file, Written onWritten, Failed onFailed) {
        int[] lengths = new int[writes.size()];
        int failedAt = -1;
        Throwable failure = null;
        for (int i = 0; i < writes.size(); i++) {
            Pending pending = writes.get(i);
            lengths[i] = pending.buffer().remaining();
            try {
                file.write(pending.offset(), pending.buffer());
            } catch (IOException | RuntimeException e) {
                failedAt = i;
                failure = e;
                break;
            }
        }
        int failedIndex = failedAt;
        ErrorCode code = failure == null ? null : codes.apply(failure);
        String message = failure == null ? null : failure.getMessage();
        try {
            loop.execute(() -> {
                for (int i = 0; i < writes.size(); i++) {
                    Pending pending = writes.get(i);
                    if (i == failedIndex) {
                        onFailed.writeFailed(code, message, pending.buffer());
                    } else {
                        onWritten.written(pending.offset(), failedIndex >= 0 && i > failedIndex ? 0 : lengths[i],
                                pending.buffer());
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            // The session is closing: the loop has stopped the transfer already.
        }
    }
}
