package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart ({@code changeOption} with a restarting option) while the last run's whole-file
 * check is still pending: that check's verdict belongs to the old run and must not finish the
 * new one.
 */
class SessionRestartRaceTest {

    /** Holds hash work until the test lets it run, one task at a time. */
    private static final class GatedExecutor implements Executor {
        final BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable task) {
            held.add(task);
        }

        void runNext() throws InterruptedException {
            Runnable task = held.poll(30, TimeUnit.SECONDS);
            if (task == null) {
                throw new AssertionError("no hash work arrived");
            }
            task.run();
        }
    }

    @TempDir
    Path directory;
    private FakeHttpServer server;
    private Session session;

    @AfterEach
    void tearDown() throws Exception {
        if (session != null) {
            session.close();
        }
        server.close();
    }

    @Test
    void theOldRunsChecksumVerdictDoesNotFinishTheRestartedRun() throws Exception {
        byte[] content = TestFiles.random(200_000, 7);
        server = FakeHttpServer.start().serve("/f.bin", content);
        GatedExecutor hashing = new GatedExecutor();
        RecordingListener listener = new RecordingListener();
        session = Session.builder().directory(directory).hashExecutor(hashing).listener(listener).build();
        DownloadHandle handle = session.addUri(List.of(server.url("/f.bin")),
                Options.of("checksum", TestFiles.sha256(content)));
        waitFor(() -> !hashing.held.isEmpty(), "the first run's checksum is queued");

        handle.changeOption(Options.of("split", "2"));
        waitFor(() -> listener.events(handle).stream().filter(e -> e == DownloadEvent.START).count() == 2,
                "the download restarted");
        hashing.runNext();
        Thread.sleep(200);

        assertEquals(DownloadState.ACTIVE, handle.status().state(), "the old verdict is moot");
        assertFalse(listener.events(handle).contains(DownloadEvent.COMPLETE));
        while (!handle.completion().isDone()) {
            if (!hashing.held.isEmpty()) {
                hashing.runNext();
            }
            Thread.sleep(10);
        }
        assertTrue(handle.completion().join().isSuccess());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("f.bin")));
        assertEquals(1, listener.events(handle).stream().filter(e -> e == DownloadEvent.COMPLETE).count());
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
