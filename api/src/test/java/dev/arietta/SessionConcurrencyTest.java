package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many callers, many sessions, many downloads, and listeners that misbehave. */
class SessionConcurrencyTest {

    @TempDir
    Path directory;
    private FakeHttpServer server;
    private byte[] content;

    @BeforeEach
    void setUp() throws Exception {
        server = FakeHttpServer.start();
        content = TestFiles.random(64 * 1024, 31);
        for (int i = 0; i < 1000; i++) {
            server.serve("/f" + i, content);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    @Test
    void manyThreadsCallOneSessionAtOnce() throws Exception {
        try (Session session = Session.builder().directory(directory).option("file-allocation", "none")
                .option("max-concurrent-downloads", "4").build()) {
            ExecutorService callers = Executors.newFixedThreadPool(8);
            List<Future<List<DownloadHandle>>> added = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int base = thread * 25;
                added.add(callers.submit(() -> {
                    List<DownloadHandle> handles = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        handles.add(session.addUri(List.of(server.url("/f" + (base + i)))));
                        session.globalStat();
                        session.waiting(0, 5);
                        session.active();
                        handles.get(i).status();
                    }
                    return handles;
                }));
            }
            List<DownloadHandle> handles = new ArrayList<>();
            for (Future<List<DownloadHandle>> future : added) {
                handles.addAll(future.get(60, TimeUnit.SECONDS));
            }
            callers.shutdown();
            Set<String> gids = new HashSet<>();
            for (DownloadHandle handle : handles) {
                gids.add(handle.gid());
                assertTrue(handle.completion().get(60, TimeUnit.SECONDS).isSuccess());
            }
            assertEquals(200, gids.size(), "gids are unique");
            for (int i = 0; i < 200; i++) {
                assertArrayEquals(content, Files.readAllBytes(directory.resolve("f" + i)));
            }
            GlobalStat stat = session.globalStat();
            assertEquals(200, stat.numStopped());
            assertEquals(0, stat.numActive() + stat.numWaiting());
        }
    }

    @Test
    void aThousandQueuedDownloadsAllComplete() throws Exception {
        try (Session session = Session.builder().directory(directory).option("file-allocation", "none")
                .option("max-concurrent-downloads", "8").build()) {
            List<DownloadHandle> handles = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                handles.add(session.addUri(List.of(server.url("/f" + i))));
            }
            assertTrue(session.waiting(0, 2000).size() + session.active().size() <= 1000);
            CompletableFuture.allOf(handles.stream().map(DownloadHandle::completion)
                    .toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
            for (DownloadHandle handle : handles) {
                assertTrue(handle.completion().join().isSuccess());
            }
            assertEquals(1000, session.globalStat().numStoppedTotal());
            assertEquals(1000, session.stopped(0, 2000).size(), "max-download-result default keeps 1000");
            assertArrayEquals(content, Files.readAllBytes(directory.resolve("f999")));
        }
    }

    @Test
    void severalSessionsRunSideBySide() throws Exception {
        List<Session> sessions = new ArrayList<>();
        try {
            List<DownloadHandle> handles = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                Session session = Session.builder().directory(directory.resolve("s" + s))
                        .option("file-allocation", "none").build();
                sessions.add(session);
                for (int i = 0; i < 10; i++) {
                    handles.add(session.addUri(List.of(server.url("/f" + i))));
                }
            }
            for (DownloadHandle handle : handles) {
                assertTrue(handle.completion().get(60, TimeUnit.SECONDS).isSuccess());
            }
            for (int s = 0; s < 4; s++) {
                assertEquals(10, sessions.get(s).globalStat().numStopped());
                assertArrayEquals(content, Files.readAllBytes(directory.resolve("s" + s).resolve("f9")));
            }
        } finally {
            for (Session session : sessions) {
                session.close();
            }
        }
    }

    @Test
    void aThrowingListenerDoesNotStopEventsOrDownloads() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RecordingListener recorder = new RecordingListener();
        try (Session session = Session.builder().directory(directory).option("file-allocation", "none")
                .listener((event, download) -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("listener bug");
                })
                .listener(recorder).build()) {
            DownloadHandle first = session.addUri(List.of(server.url("/f1")));
            DownloadHandle second = session.addUri(List.of(server.url("/f2")));
            assertTrue(first.completion().get(30, TimeUnit.SECONDS).isSuccess());
            assertTrue(second.completion().get(30, TimeUnit.SECONDS).isSuccess());
            assertEquals(List.of(DownloadEvent.START, DownloadEvent.FILE_COMPLETE, DownloadEvent.COMPLETE),
                    recorder.events(second));
            assertEquals(6, calls.get());
        }
    }

    @Test
    void aBlockingListenerDoesNotStallTransfers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Set<String> started = ConcurrentHashMap.newKeySet();
        try (Session session = Session.builder().directory(directory).option("file-allocation", "none")
                .listener((event, download) -> {
                    started.add(download.gid());
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).build()) {
            List<DownloadHandle> handles = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                handles.add(session.addUri(List.of(server.url("/f" + i))));
            }
            // Every download finishes on disk while the one callback thread is stuck in the first event.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (session.globalStat().numStopped() < 5) {
                assertTrue(System.nanoTime() < deadline, "transfers stalled behind a blocked listener");
                Thread.sleep(10);
            }
            for (DownloadHandle handle : handles) {
                assertEquals(DownloadState.COMPLETE, handle.status().state());
            }
            assertEquals(1, started.size(), "only the first event is being delivered");
            release.countDown();
            for (DownloadHandle handle : handles) {
                assertTrue(handle.completion().get(30, TimeUnit.SECONDS).isSuccess());
            }
        }
    }

    @Test
    void forcedShutdownDropsEventsABlockedListenerHasNotTaken() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        List<DownloadEvent> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        Session session = Session.builder().directory(directory).option("file-allocation", "none")
                .listener((event, download) -> {
                    delivered.add(event);
                    blocked.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).build();
        DownloadHandle handle = session.addUri(List.of(server.url("/f0")));
        assertTrue(blocked.await(30, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handle.status().state() != DownloadState.COMPLETE) {
            assertTrue(System.nanoTime() < deadline, "the download finishes behind the blocked listener");
            Thread.sleep(10);
        }
        long start = System.nanoTime();
        session.shutdown(true).get(Session.CALLBACK_DRAIN_TIMEOUT.toSeconds() - 1, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start < Session.CALLBACK_DRAIN_TIMEOUT.toNanos(),
                "forced: no wait for the blocked listener");
        assertTrue(handle.completion().get(10, TimeUnit.SECONDS).isSuccess(), "the result is still delivered");
        assertEquals(List.of(DownloadEvent.START), delivered, "FILE_COMPLETE and COMPLETE, queued behind it, dropped");
    }

    @Test
    void userCallbackExecutorKeepsEventsInOrderPerDownload() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        RecordingListener recorder = new RecordingListener();
        try (Session session = Session.builder().directory(directory).option("file-allocation", "none")
                .callbackExecutor(pool).listener(recorder).build()) {
            List<DownloadHandle> handles = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                handles.add(session.addUri(List.of(server.url("/f" + i))));
            }
            for (DownloadHandle handle : handles) {
                assertTrue(handle.completion().get(30, TimeUnit.SECONDS).isSuccess());
                assertEquals(List.of(DownloadEvent.START, DownloadEvent.FILE_COMPLETE, DownloadEvent.COMPLETE),
                        recorder.events(handle));
            }
        } finally {
            pool.shutdown();
        }
    }
}
