package dev.arietta.bittorrent.metainfo;

import static dev.arietta.bittorrent.metainfo.TorrentCreatorTest.PIECE;
import static dev.arietta.bittorrent.metainfo.TorrentCreatorTest.reproducible;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.arietta.bittorrent.it.TorrentFixtures;
import dev.arietta.bittorrent.metainfo.TorrentCreationException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that change under the hasher, cancellation, failures of the progress listener, and executors. */
class TorrentCreatorHashingTest {

    /** Pieces in the first file: enough that hashing is still running when the first piece is reported. */
    private static final int PIECES = 200;

    @TempDir
    Path directory;
    private Path first;
    private Path second;

    /** {@code first} of {@value #PIECES} pieces, then {@code second} of one piece. */
    private Path twoFiles() throws IOException {
        Path root = directory.resolve("source");
        first = TorrentFixtures.randomFile(root.resolve("a-first"), (long) PIECES * PIECE, 1);
        second = TorrentFixtures.randomFile(root.resolve("b-second"), PIECE, 2);
        return root;
    }

    /** Runs {@code change} once, on the first progress report, and expects a CHANGED failure about {@code file}. */
    private TorrentCreationException changedWhileHashing(Path file, IoAction change) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TorrentCreator creator = reproducible(twoFiles()).threads(1).progress((hashed, count, bytes, total) -> {
            if (calls.getAndIncrement() == 0) {
                try {
                    change.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }).build();
        TorrentCreationException e = assertThrows(TorrentCreationException.class, creator::create);
        assertEquals(Reason.CHANGED, e.reason(), e.getMessage());
        assertEquals(Optional.of(file), e.path(), e.getMessage());
        return e;
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    @Test
    void aFileThatGrowsWhileHashedIsRefused() throws Exception {
        changedWhileHashing(directory.resolve("source/b-second"),
                () -> Files.write(second, new byte[10], StandardOpenOption.APPEND));
    }

    @Test
    void aFileThatShrinksWhileHashedIsRefused() throws Exception {
        TorrentCreationException e = changedWhileHashing(directory.resolve("source/a-first"), () -> {
            try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
                channel.truncate(PIECE * 10L);
            }
        });
        assertTrue(e.getMessage().contains("shrank") || e.getMessage().contains("changed"), e.getMessage());
    }

    @Test
    void aFileRewrittenInPlaceIsRefusedByItsModificationTime() throws Exception {
        TorrentCreationException e = changedWhileHashing(directory.resolve("source/a-first"), () -> {
            try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
            }
            Files.setLastModifiedTime(first, FileTime.fromMillis(Files.getLastModifiedTime(first).toMillis() + 5000));
        });
        assertTrue(e.getMessage().contains("modified while being hashed"), e.getMessage());
    }

    @Test
    void aFileDeletedWhileHashedIsRefused() throws Exception {
        TorrentCreationException e = changedWhileHashing(directory.resolve("source/b-second"),
                () -> Files.delete(second));
        assertTrue(e.getMessage().contains("disappeared"), e.getMessage());
    }

    @Test
    void cancellingStopsHashingAndReleasesEveryThread() throws Exception {
        CompletableFuture<CompletableFuture<CreatedTorrent>> running = new CompletableFuture<>();
        AtomicInteger reports = new AtomicInteger();
        TorrentCreator creator = reproducible(twoFiles()).threads(2).progress((hashed, count, bytes, total) -> {
            if (reports.getAndIncrement() == 0) {
                running.join().cancel(true);
            }
        }).build();
        CompletableFuture<CreatedTorrent> future = creator.createAsync();
        running.complete(future);
        assertThrows(CancellationException.class, () -> future.get(30, TimeUnit.SECONDS));
        awaitNoThreadsNamed("arietta-torrent-");
        assertTrue(reports.get() < PIECES / 2, "hashing stopped early: " + reports.get() + " pieces reported");
    }

    @Test
    void interruptingCreateCancelsIt() throws Exception {
        CountDownLatch hashing = new CountDownLatch(1);
        TorrentCreator creator = reproducible(twoFiles()).threads(1).progress((hashed, count, bytes, total) -> {
            hashing.countDown();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                creator.create();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        caller.start();
        assertTrue(hashing.await(30, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(30_000);
        assertFalse(caller.isAlive());
        assertInstanceOf(InterruptedException.class, thrown.get());
        awaitNoThreadsNamed("arietta-torrent-");
    }

    @Test
    void anExceptionFromTheProgressListenerFailsTheCreation() throws Exception {
        IllegalStateException stop = new IllegalStateException("listener refuses");
        TorrentCreator creator = reproducible(twoFiles()).progress((hashed, count, bytes, total) -> {
            throw stop;
        }).build();
        assertSame(stop, assertThrows(IllegalStateException.class, creator::create));
        awaitNoThreadsNamed("arietta-torrent-");
    }

    @Test
    void hashesOnTheCallersExecutorWithoutShuttingItDown() throws Exception {
        AtomicInteger tasks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Path root = twoFiles();
            CreatedTorrent created = reproducible(root).hashExecutor(task -> {
                tasks.incrementAndGet();
                pool.execute(task);
            }).build().create();
            assertEquals(PIECES + 1, tasks.get());
            assertFalse(pool.isShutdown());
            assertArrayEquals(reproducible(root).build().create().bytes(), created.bytes());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneCreatorRunsSeveralCreationsAtOnce() throws Exception {
        TorrentCreator creator = reproducible(twoFiles()).threads(2).build();
        CompletableFuture<CreatedTorrent> one = creator.createAsync();
        CompletableFuture<CreatedTorrent> two = creator.createAsync();
        assertArrayEquals(one.get(60, TimeUnit.SECONDS).bytes(), two.get(60, TimeUnit.SECONDS).bytes());
    }

    /** The creation's own threads end once it is done, cancelled or failed. */
    private static void awaitNoThreadsNamed(String prefix) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            boolean alive = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(thread -> thread.isAlive() && thread.getName().startsWith(prefix));
            if (!alive) {
                return;
            }
            Thread.sleep(50);
        }
        fail("threads named " + prefix + "* still running after 10 s");
    }
}
