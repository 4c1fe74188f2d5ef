package dev.arietta.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arietta.core.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches of writes: one disk task per loop turn, one report back, in order, failures included. */
class DiskWritesTest {

    private final ArrayDeque<Runnable> loopTasks = new ArrayDeque<>();
    private final ArrayDeque<Runnable> diskTasks = new ArrayDeque<>();
    private final List<String> reports = new ArrayList<>();
    private final List<Long> diskWrites = new ArrayList<>();
    private final DiskWrites writes = new DiskWrites(loopTasks::add, diskTasks::add,
            failure -> failure instanceof IOException ? ErrorCode.NOT_ENOUGH_DISK_SPACE : ErrorCode.UNKNOWN);

    private static ByteBuffer bytes(int length) {
        return ByteBuffer.allocate(length);
    }

    private static void runAll(ArrayDeque<Runnable> tasks) {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
    }

    private void begin(long failingOffset) {
        writes.begin((offset, buffer) -> {
            diskWrites.add(offset);
            if (offset == failingOffset) {
                throw new IOException("disk full at " + offset);
            }
            buffer.position(buffer.limit());
        }, (offset, length, buffer) -> reports.add("written " + offset + " " + length),
                (code, message, buffer) -> reports.add("failed " + code + " " + message));
    }

    @Test
    void buffersOfOneTurnAreWrittenByOneDiskTaskAndReportedByOneLoopTask() {
        begin(-1);
        writes.submit(0, bytes(100));
        writes.submit(100, bytes(50));
        writes.submit(500, bytes(7));
        assertEquals(1, loopTasks.size(), "the batch leaves at the end of the turn");
        assertEquals(0, diskTasks.size());
        runAll(loopTasks);
        assertEquals(1, diskTasks.size());
        runAll(diskTasks);
        assertEquals(List.of(0L, 100L, 500L), diskWrites);
        assertEquals(1, loopTasks.size(), "one report for the batch");
        runAll(loopTasks);
        assertEquals(List.of("written 0 100", "written 100 50", "written 500 7"), reports);
    }

    @Test
    void aFailureStopsTheBatchAndGivesTheRestBackUnwritten() {
        begin(100);
        writes.submit(0, bytes(100));
        writes.submit(100, bytes(50));
        writes.submit(150, bytes(50));
        runAll(loopTasks);
        runAll(diskTasks);
        runAll(loopTasks);
        assertEquals(List.of(0L, 100L), diskWrites, "nothing written after the failure");
        assertEquals(List.of("written 0 100", "failed NOT_ENOUGH_DISK_SPACE disk full at 100", "written 150 0"),
                reports);
    }

    @Test
    void flushAndANewTransferSendThePendingBatchAtOnce() {
        begin(-1);
        writes.submit(0, bytes(10));
        writes.flush();
        assertEquals(1, diskTasks.size(), "flushed before the turn ends");
        writes.submit(10, bytes(10));
        List<Long> second = new ArrayList<>();
        writes.begin((offset, buffer) -> second.add(offset), (offset, length, buffer) -> { }, (c, m, b) -> { });
        assertEquals(2, diskTasks.size(), "the old transfer's buffers went to its own file");
        writes.submit(20, bytes(10));
        runAll(loopTasks);
        runAll(diskTasks);
        assertEquals(List.of(0L, 10L), diskWrites);
        assertEquals(List.of(20L), second);
    }
}
