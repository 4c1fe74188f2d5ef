package dev.arietta;

import static dev.arietta.TestFiles.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue and every control operation of a session, against slow (throttled) downloads. */
class SessionControlTest {

    private static final long SLOW = 256 * 1024;

    @TempDir
    Path directory;
    private FakeHttpServer server;
    private RecordingListener listener;
    private Session session;
    private byte[] content;

    @BeforeEach
    void setUp() throws Exception {
        server = FakeHttpServer.start();
        listener = new RecordingListener();
        content = TestFiles.random(2 * MIB, 21);
        for (int i = 0; i < 10; i++) {
            server.serve("/slow" + i, new FakeHttpServer.Resource(content, null, index -> FakeHttpServer.Effect.NORMAL, 0,
                    SLOW));
            server.serve("/fast" + i, content);
        }
        server.serve("/slowbig", new FakeHttpServer.Resource(TestFiles.random(4 * MIB, 22), null,
                index -> FakeHttpServer.Effect.NORMAL, 0, SLOW));
        session = Session.builder().directory(directory).option("file-allocation", "none")
                .option("max-concurrent-downloads", "2").listener(listener).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        session.close();
        server.close();
    }

    /** Polls a condition the loop makes true asynchronously; fails after 20 s. */
    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private DownloadHandle slow(int index) {
        return session.addUri(List.of(server.url("/slow" + index)));
    }

    @Test
    void queueRunsAtMostMaxConcurrentDownloadsAndPromotesInOrder() throws Exception {
        DownloadHandle first = slow(0);
        DownloadHandle second = slow(1);
        DownloadHandle third = slow(2);
        DownloadHandle fourth = session.addUri(List.of(server.url("/slow3")), Options.empty(), 0);
        eventually("two active", () -> session.active().size() == 2);
        assertEquals(List.of(fourth.gid(), third.gid()),
                session.waiting(0, 10).stream().map(DownloadStatus::gid).toList());
        assertEquals(DownloadState.WAITING, third.status().state());
        GlobalStat stat = session.globalStat();
        assertEquals(2, stat.numActive());
        assertEquals(2, stat.numWaiting());
        session.remove(first.gid());
        eventually("fourth promoted", () -> fourth.status().state() == DownloadState.ACTIVE);
        assertEquals(DownloadState.REMOVED, first.completion().get(10, TimeUnit.SECONDS).state());
        assertEquals(List.of(DownloadEvent.START, DownloadEvent.STOP), listener.events(first));
        assertEquals(DownloadState.WAITING, third.status().state());
        assertEquals(1, session.stopped(0, 10).size());
        session.removeAll();
        for (DownloadHandle handle : List.of(second, third, fourth)) {
            assertEquals(DownloadState.REMOVED, handle.completion().get(10, TimeUnit.SECONDS).state());
        }
        assertEquals(0, session.active().size());
        assertEquals(4, session.globalStat().numStoppedTotal());
        session.purgeResults();
        assertEquals(0, session.stopped(0, 10).size());
        assertFalse(session.handle(first.gid()).isPresent());
    }

    @Test
    void pauseKeepsProgressAndUnpauseResumesFromTheResumeState() throws Exception {
        DownloadHandle handle = slow(0);
        eventually("a piece on disk", () -> handle.status().completedLength() >= MIB);
        session.pause(handle.gid());
        assertEquals(DownloadState.PAUSED, handle.status().state());
        assertTrue(Files.exists(directory.resolve("slow0.arietta")), "resume state saved on pause");
        long sentBeforeResume = server.bodyBytesSent();
        assertThrows(IllegalStateException.class, () -> session.pause(handle.gid()));
        session.unpause(handle.gid());
        DownloadResult result = handle.completion().get(30, TimeUnit.SECONDS);
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("slow0")));
        // The first request of the resumed run starts at 0 and is cancelled once the state is read: a little slack.
        assertTrue(server.bodyBytesSent() - sentBeforeResume <= content.length - MIB + 256 * 1024,
                "resumed without fetching the saved piece again: " + (server.bodyBytesSent() - sentBeforeResume));
        assertEquals(List.of(DownloadEvent.START, DownloadEvent.PAUSE, DownloadEvent.START, DownloadEvent.FILE_COMPLETE,
                DownloadEvent.COMPLETE), listener.events(handle));
        assertThrows(IllegalStateException.class, () -> session.unpause(handle.gid()));
        assertThrows(IllegalStateException.class, () -> session.remove(handle.gid()));
    }

    @Test
    void pausedDownloadsWaitAndActivePauseGoesToTheFront() throws Exception {
        DownloadHandle added = session.addUri(List.of(server.url("/fast0")), Options.of("pause", "true"));
        DownloadHandle active = slow(1);
        DownloadHandle other = slow(2);
        DownloadHandle waiting = slow(3);
        eventually("two active", () -> session.active().size() == 2);
        assertEquals(DownloadState.PAUSED, added.status().state());
        session.pause(active.gid());
        eventually("waiting one promoted", () -> waiting.status().state() == DownloadState.ACTIVE);
        assertEquals(List.of(active.gid(), added.gid()),
                session.waiting(0, 10).stream().map(DownloadStatus::gid).toList());
        session.pauseAll();
        assertEquals(0, session.active().size());
        assertEquals(4, session.waiting(0, 10).size());
        assertTrue(session.waiting(0, 10).stream().allMatch(status -> status.state() == DownloadState.PAUSED));
        session.unpauseAll();
        eventually("two active again", () -> session.active().size() == 2);
        session.removeAll();
        assertEquals(DownloadState.REMOVED, other.completion().get(10, TimeUnit.SECONDS).state());
    }

    @Test
    void changePositionMovesWithinTheWaitingQueueAsAria2() throws Exception {
        List<DownloadHandle> handles = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            handles.add(session.addUri(List.of(server.url("/slow" + i)), Options.of("pause", "true")));
        }
        String last = handles.get(5).gid();
        assertEquals(0, session.changePosition(last, 0, PositionOrigin.SET));
        assertEquals(2, session.changePosition(last, 2, PositionOrigin.CUR));
        assertEquals(5, session.changePosition(last, 0, PositionOrigin.END));
        assertEquals(4, session.changePosition(last, -1, PositionOrigin.END));
        assertEquals(0, session.changePosition(last, -100, PositionOrigin.CUR));
        assertEquals(5, session.changePosition(last, 100, PositionOrigin.SET));
        List<String> order = session.waiting(0, 10).stream().map(DownloadStatus::gid).toList();
        assertEquals(last, order.get(5));
        assertEquals(List.of(order.get(5), order.get(4)),
                session.waiting(-1, 2).stream().map(DownloadStatus::gid).toList());
        assertThrows(IllegalArgumentException.class, () -> session.changePosition("0123456789abcdef", 0,
                PositionOrigin.SET));
    }

    @Test
    void unknownGidsAndBadArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> session.pause("0000000000000001"));
        assertThrows(IllegalArgumentException.class, () -> session.pause("not-a-gid"));
        assertThrows(IllegalArgumentException.class, () -> session.addUri(List.of()));
        assertThrows(IllegalArgumentException.class, () -> session.addUri(List.of("not a uri")));
        assertThrows(OptionException.class, () -> session.addUri(List.of(server.url("/fast0")),
                Options.of("max-concurrent-downloads", "3")));
        DownloadHandle handle = session.addUri(List.of(server.url("/slow0")), Options.of("gid", "00000000000000aa"));
        assertEquals("00000000000000aa", handle.gid());
        assertThrows(IllegalArgumentException.class, () -> session.addUri(List.of(server.url("/slow1")),
                Options.of("gid", "00000000000000aa")));
        assertThrows(OptionException.class, () -> session.changeOption(handle.gid(),
                Options.of("gid", "00000000000000bb")));
        assertThrows(OptionException.class, () -> session.changeGlobalOption(Options.of("disk-cache", "0")));
    }

    @Test
    void optionsAreReadAndChangedLiveOrByRestart() throws Exception {
        session.changeGlobalOption(Options.of("max-concurrent-downloads", "1", "split", "3"));
        assertEquals(1, session.getGlobalOptions().get(Option.MAX_CONCURRENT_DOWNLOADS));
        DownloadHandle limited = session.addUri(List.of(server.url("/fast0")), Options.of("max-download-limit", "100K"));
        assertEquals(3, session.getOptions(limited.gid()).get(Option.SPLIT));
        assertEquals(100 * 1024L, limited.options().get(Option.MAX_DOWNLOAD_LIMIT));
        eventually("some bytes at 100K/s", () -> limited.status().completedLength() > 0
                || limited.status().downloadSpeed() > 0);
        Thread.sleep(500);
        assertFalse(limited.status().state().isStopped(), "the limit holds it back");
        limited.changeOption(Options.of("max-download-limit", "0"));
        DownloadResult result = limited.completion().get(30, TimeUnit.SECONDS);
        assertTrue(result.isSuccess(), result.toString());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("fast0")));

        DownloadHandle restarted = slow(1);
        eventually("active", () -> restarted.status().state() == DownloadState.ACTIVE);
        session.changeOption(restarted.gid(), Options.of("split", "2", "max-connection-per-server", "2",
                "min-split-size", "1M"));
        assertEquals(2, restarted.options().get(Option.SPLIT));
        assertTrue(restarted.completion().get(30, TimeUnit.SECONDS).isSuccess());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("slow1")));
    }

    @Test
    void changeUriReplacesMirrorsOfAWaitingDownload() throws Exception {
        DownloadHandle handle = session.addUri(List.of(server.url("/missing")), Options.of("pause", "true"));
        UriChange change = session.changeUri(handle.gid(), 1, List.of(server.url("/missing"), server.url("/other")),
                List.of(server.url("/fast1")), -1);
        assertEquals(new UriChange(1, 1), change);
        assertEquals(List.of(new UriStatus(server.url("/fast1"), false)), handle.status().files().get(0).uris());
        assertThrows(IllegalArgumentException.class, () -> session.changeUri(handle.gid(), 2, List.of(), List.of(), 0));
        session.unpause(handle.gid());
        assertTrue(handle.completion().get(30, TimeUnit.SECONDS).isSuccess());
        assertEquals(List.of(new UriStatus(server.url("/fast1"), true)), handle.status().files().get(0).uris());
    }

    @Test
    void statusOfAnActiveDownloadShowsConnectionsSpeedAndServers() throws Exception {
        DownloadHandle handle = session.addUri(List.of(server.url("/slowbig")),
                Options.of("split", "2", "max-connection-per-server", "2", "min-split-size", "1M"));
        eventually("two connections", () -> handle.status().connections() == 2);
        DownloadStatus status = handle.status();
        assertEquals(DownloadState.ACTIVE, status.state());
        assertEquals(4 * MIB, status.totalLength());
        assertEquals(1024 * 1024, status.pieceLength());
        assertEquals(4, status.numPieces());
        assertEquals(directory, status.dir());
        assertEquals(directory.resolve("slowbig").toAbsolutePath(), status.files().get(0).path());
        assertEquals(ErrorCode.FINISHED, status.errorCode());
        List<ServerStatus> servers = handle.servers();
        assertEquals(2, servers.size());
        assertTrue(servers.stream().allMatch(server1 -> server1.uri().equals(server.url("/slowbig"))));
        eventually("speed measured", () -> handle.status().downloadSpeed() > 0 && session.globalStat().downloadSpeed() > 0);
        handle.remove();
        assertEquals(List.of(), handle.servers());
    }

    @Test
    void progressEventsComeAtTheIntervalWhileActive() throws Exception {
        RecordingListener progress = new RecordingListener();
        try (Session ticking = Session.builder().directory(directory.resolve("p")).listener(progress)
                .progressInterval(Duration.ofMillis(100)).build()) {
            DownloadHandle handle = ticking.addUri(List.of(server.url("/slow5")));
            eventually("progress events", () -> progress.events(handle).stream()
                    .filter(event -> event == DownloadEvent.PROGRESS).count() >= 3);
            assertEquals(DownloadEvent.START, progress.events(handle).get(0));
        }
    }

    @Test
    void shutdownLeavesUnfinishedDownloadsInProgressAndStatusReadable() throws Exception {
        DownloadHandle active = slow(0);
        DownloadHandle waiting = session.addUri(List.of(server.url("/slow1")), Options.of("pause", "true"));
        eventually("file named", () -> !active.status().files().get(0).path().toString().isEmpty());
        session.shutdown(false).get(30, TimeUnit.SECONDS);
        DownloadResult result = active.completion().get(5, TimeUnit.SECONDS);
        assertEquals(ErrorCode.IN_PROGRESS, result.errorCode());
        assertEquals(DownloadState.ACTIVE, result.state());
        assertEquals(ErrorCode.IN_PROGRESS, waiting.completion().get(5, TimeUnit.SECONDS).errorCode());
        assertEquals(DownloadState.ACTIVE, active.status().state());
        assertThrows(IllegalStateException.class, () -> session.addUri(List.of(server.url("/fast0"))));
        assertThrows(IllegalStateException.class, () -> session.globalStat());
        assertTrue(Files.exists(directory.resolve("slow0.arietta")), "resume state saved at shutdown");
    }

    @Test
    void tooSlowDownloadFailsWithCode5AfterTheGrace() throws Exception {
        try (Session strict = Session.builder().directory(directory.resolve("slow")).listener(listener)
                .lowestSpeedLimitGrace(Duration.ofMillis(300)).build()) {
            DownloadResult result = strict.addUri(List.of(server.url("/slow7")), Options.of("lowest-speed-limit", "10M"))
                    .completion().get(30, TimeUnit.SECONDS);
            assertEquals(DownloadState.ERROR, result.state());
            assertEquals(ErrorCode.TOO_SLOW, result.errorCode());
            assertTrue(result.errorMessage().contains("lowest-speed-limit"), result.errorMessage());
        }
    }

    @Test
    void globalDownloadLimitHoldsBackAndIsLiftedWhileRunning() throws Exception {
        session.changeGlobalOption(Options.of("max-overall-download-limit", "64K"));
        DownloadHandle first = session.addUri(List.of(server.url("/fast3")));
        DownloadHandle second = session.addUri(List.of(server.url("/fast4")));
        eventually("both active", () -> session.active().size() == 2);
        Thread.sleep(1000);
        long done = first.status().completedLength() + second.status().completedLength();
        assertTrue(done < MIB, "held back by 64K/s overall: " + done);
        assertFalse(first.status().state().isStopped());
        session.changeGlobalOption(Options.of("max-overall-download-limit", "0"));
        assertTrue(first.completion().get(30, TimeUnit.SECONDS).isSuccess());
        assertTrue(second.completion().get(30, TimeUnit.SECONDS).isSuccess());
        assertArrayEquals(content, Files.readAllBytes(directory.resolve("fast4")));
    }

    @Test
    void forcedVariantsAndHandleBasics() throws Exception {
        DownloadHandle first = slow(0);
        DownloadHandle second = slow(1);
        eventually("two active", () -> session.active().size() == 2);
        assertEquals(first, session.handle(first.gid()).orElseThrow());
        assertEquals(first.hashCode(), session.handle(first.gid()).orElseThrow().hashCode());
        assertFalse(first.equals(second));
        assertEquals(first.gid(), String.format("%016x", first.gidValue()));
        assertTrue(first.session() == session);
        session.forcePause(first.gid());
        assertEquals(DownloadState.PAUSED, first.status().state());
        session.forcePauseAll();
        assertEquals(DownloadState.PAUSED, second.status().state());
        session.forceRemove(first.gid());
        session.remove(second.gid());
        assertEquals(List.of(first.gid(), second.gid()),
                session.stopped(0, 10).stream().map(DownloadStatus::gid).toList());
        assertEquals(List.of(second.gid(), first.gid()),
                session.stopped(-1, 10).stream().map(DownloadStatus::gid).toList(), "negative offset lists backwards");
        assertEquals(List.of(second.gid()), session.stopped(1, 1).stream().map(DownloadStatus::gid).toList());
        // Events reach listeners on the callback thread, after the call returned.
        eventually("pause and stop delivered", () -> listener.events(first).size() == 3);
        assertEquals(List.of(DownloadEvent.START, DownloadEvent.PAUSE, DownloadEvent.STOP), listener.events(first));
    }

    @Test
    void mirrorAddedWithChangeUriIsUsedByTheRunningDownload() throws Exception {
        byte[] big = TestFiles.random(8 * MIB, 23);
        server.serve("/crawl", new FakeHttpServer.Resource(big, null, index -> FakeHttpServer.Effect.NORMAL, 0, 512 * 1024));
        try (FakeHttpServer fast = FakeHttpServer.start()) {
            fast.serve("/crawl", big);
            DownloadHandle handle = session.addUri(List.of(server.url("/crawl")),
                    Options.of("split", "4", "min-split-size", "1M"));
            eventually("file known", () -> handle.status().totalLength() == big.length);
            UriChange change = session.changeUri(handle.gid(), 1, List.of(), List.of(fast.url("/crawl")), -1);
            assertEquals(new UriChange(0, 1), change);
            DownloadResult result = handle.completion().get(60, TimeUnit.SECONDS);
            assertTrue(result.isSuccess(), result.toString());
            assertTrue(fast.requestCount("/crawl") > 0, "the new mirror served ranges");
            assertArrayEquals(big, Files.readAllBytes(directory.resolve("crawl")));
        }
    }
}
