package dev.arietta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.metainfo.CreatedTorrent;
import dev.arietta.bittorrent.metainfo.TorrentCreator;
import dev.arietta.bittorrent.metainfo.TorrentException;
import dev.arietta.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * BitTorrent downloads through the public API: one session seeds a torrent, another downloads
 * it, peers found through an in-JVM tracker on 127.0.0.1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SessionTorrentTest {

    private static final int PIECE_LENGTH = 32 * 1024;

    @TempDir
    Path temp;
    private FakeTracker tracker;
    private final List<Session> sessions = new ArrayList<>();
    private final RecordingListener events = new RecordingListener();
    private Path seedDir;
    private byte[][] contents;
    private CreatedTorrent torrent;

    @BeforeEach
    void setUp() throws Exception {
        tracker = new FakeTracker();
        seedDir = Files.createDirectories(temp.resolve("seed"));
        Path payload = Files.createDirectories(seedDir.resolve("album"));
        contents = new byte[][] {TestFiles.random(300_000, 1), TestFiles.random(70_000, 2),
                TestFiles.random(500_001, 3)};
        for (int i = 0; i < contents.length; i++) {
            Files.write(payload.resolve("track" + (i + 1) + ".bin"), contents[i]);
        }
        torrent = TorrentCreator.builder(payload).pieceLength(PIECE_LENGTH).announceTier(tracker.announceUrl())
                .build().create();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Session session : sessions) {
            session.close();
        }
        tracker.close();
    }

    private Session session(Path dir) throws Exception {
        Session session = Session.builder().directory(dir).option("file-allocation", "none").listener(events)
                .build();
        sessions.add(session);
        return session;
    }

    /** A session seeding the payload for ever (seed-ratio 0), after checking it. */
    private DownloadHandle seeder() throws Exception {
        Session session = session(seedDir);
        DownloadHandle seed = session.addTorrent(torrent.bytes(), List.of(),
                Options.of("check-integrity", "true", "seed-ratio", "0.0"), -1);
        waitFor(() -> seed.status().bittorrent().orElseThrow().seeder(), "the seeder has checked its files");
        return seed;
    }

    private Path leechDir() throws Exception {
        return Files.createDirectories(temp.resolve("leech"));
    }

    @Test
    void downloadsAMultiFileTorrentFromAnotherSessionWithItsEventsInOrder() throws Exception {
        DownloadHandle seed = seeder();
        Path leechDir = leechDir();
        DownloadHandle leech = session(leechDir).addTorrent(torrent.bytes(), List.of(),
                Options.of("seed-time", "0"), -1);

        DownloadResult result = leech.completion().get(60, TimeUnit.SECONDS);

        assertTrue(result.isSuccess(), result.toString());
        for (int i = 0; i < contents.length; i++) {
            assertArrayEquals(contents[i], Files.readAllBytes(leechDir.resolve("album/track" + (i + 1) + ".bin")));
        }
        assertEquals(List.of(DownloadEvent.START, DownloadEvent.FILE_COMPLETE, DownloadEvent.FILE_COMPLETE,
                DownloadEvent.FILE_COMPLETE, DownloadEvent.BT_COMPLETE, DownloadEvent.COMPLETE), events.events(leech));
        DownloadStatus status = leech.status();
        assertEquals(DownloadState.COMPLETE, status.state());
        assertEquals(870_001, status.totalLength());
        assertEquals(870_001, status.completedLength());
        assertEquals(PIECE_LENGTH, status.pieceLength());
        assertEquals((870_001 + PIECE_LENGTH - 1) / PIECE_LENGTH, status.numPieces());
        assertEquals(3, status.files().size());
        assertEquals(leechDir.resolve("album/track2.bin").toAbsolutePath(), status.files().get(1).path()
                .toAbsolutePath());
        BitTorrentInfo info = status.bittorrent().orElseThrow();
        assertEquals(torrent.infoHash().hex(), info.infoHash());
        assertEquals("album", info.name());
        assertTrue(info.multiFile());
        assertEquals(List.of(List.of(tracker.announceUrl())), info.announceList());
        assertTrue(info.seeder());
        waitFor(() -> seed.status().uploadLength() >= 870_001, "the seeder counts what it uploaded");
        waitFor(() -> tracker.announces().stream().anyMatch(a -> a.event().equals("completed")),
                "the leecher tells the tracker it completed: " + tracker.announces());
    }

    @Test
    void peersAndUploadSpeedAreReportedWhileActive() throws Exception {
        DownloadHandle seed = seeder();
        Session leechSession = session(leechDir());
        DownloadHandle leech = leechSession.addTorrent(torrent.bytes(), List.of(),
                Options.of("max-download-limit", "100K", "seed-time", "0"), -1);
        waitFor(() -> !leech.peers().isEmpty() && leech.status().completedLength() > 0, "the leecher gets data");
        PeerInfo peer = leech.peers().get(0);
        assertEquals("127.0.0.1", peer.address().getAddress().getHostAddress());
        assertTrue(peer.seeder());
        assertFalse(peer.peerChoking(), "the seeder unchoked us");
        assertTrue(peer.amInterested());
        assertEquals(1, leech.status().bittorrent().orElseThrow().numSeeders());
        assertEquals(1, leech.status().connections());
        waitFor(() -> seed.session().globalStat().uploadSpeed() > 0, "the seeding session reports its upload speed");
        assertTrue(leech.completion().get(60, TimeUnit.SECONDS).isSuccess());
        assertEquals(List.of(), leech.peers(), "no peers once stopped");
    }

    @Test
    void selectFileDownloadsOnlyTheChosenFile() throws Exception {
        seeder();
        Path leechDir = leechDir();
        DownloadHandle leech = session(leechDir).addTorrent(torrent.bytes(), List.of(),
                Options.of("select-file", "2", "seed-time", "0"), -1);

        assertTrue(leech.completion().get(60, TimeUnit.SECONDS).isSuccess());

        assertArrayEquals(contents[1], Files.readAllBytes(leechDir.resolve("album/track2.bin")));
        assertFalse(Files.exists(leechDir.resolve("album/track1.bin")), "unselected files are not created");
        assertFalse(Files.exists(leechDir.resolve("album/track3.bin")), "unselected files are not created");
        DownloadStatus status = leech.status();
        assertEquals(70_000, status.totalLength());
        assertEquals(List.of(false, true, false), status.files().stream().map(FileStatus::selected).toList());
        assertEquals(List.of(DownloadEvent.START, DownloadEvent.FILE_COMPLETE, DownloadEvent.BT_COMPLETE,
                DownloadEvent.COMPLETE), events.events(leech));
    }

    @Test
    void pauseTellsTheTrackerForcePauseDoesNotAndBothResume() throws Exception {
        seeder();
        Path leechDir = leechDir();
        Session session = session(leechDir);
        DownloadHandle leech = session.addTorrent(torrent.bytes(), List.of(),
                Options.of("max-download-limit", "64K", "seed-time", "0"), -1);
        waitFor(() -> leech.status().completedLength() > 0, "some pieces arrive");
        String leechPort = tracker.announces().get(tracker.announces().size() - 1).parameters().get("port");

        leech.pause();
        assertEquals(DownloadState.PAUSED, leech.status().state());
        assertTrue(stoppedAnnounces(leechPort) == 1, "a graceful pause tells the tracker");
        long kept = leech.status().completedLength();
        assertTrue(kept > 0);

        leech.unpause();
        waitFor(() -> leech.status().state() == DownloadState.ACTIVE && leech.status().connections() > 0,
                "active again");
        session.forcePause(leech.gid());
        assertEquals(1, stoppedAnnounces(leechPort), "a forced pause does not");

        leech.changeOption(Options.of("max-download-limit", "0"));
        leech.unpause();
        assertTrue(leech.completion().get(60, TimeUnit.SECONDS).isSuccess());
        assertArrayEquals(contents[2], Files.readAllBytes(leechDir.resolve("album/track3.bin")));
        assertEquals(List.of(DownloadEvent.START, DownloadEvent.PAUSE, DownloadEvent.START, DownloadEvent.PAUSE,
                DownloadEvent.START), events.events(leech).stream().filter(e -> e == DownloadEvent.START
                        || e == DownloadEvent.PAUSE).toList());
    }

    private long stoppedAnnounces(String port) {
        return tracker.announces().stream()
                .filter(a -> a.event().equals("stopped") && port.equals(a.parameters().get("port"))).count();
    }

    @Test
    void webSeedsAloneDownloadTheTorrentAndTheSessionUserAgentReachesThem() throws Exception {
        Path leechDir = leechDir();
        try (FakeHttpServer web = FakeHttpServer.start()) {
            for (int i = 0; i < contents.length; i++) {
                web.serve("/pub/album/track" + (i + 1) + ".bin", contents[i]);
            }
            Session session = Session.builder().directory(leechDir).option("user-agent", "webseed-test/1")
                    .listener(events).build();
            sessions.add(session);
            DownloadHandle leech = session.addTorrent(torrent.bytes(), List.of(web.url("/pub/")),
                    Options.of("seed-time", "0", "bt-exclude-tracker", "*"), -1);

            assertTrue(leech.completion().get(60, TimeUnit.SECONDS).isSuccess());

            for (int i = 0; i < contents.length; i++) {
                assertArrayEquals(contents[i], Files.readAllBytes(leechDir.resolve("album/track" + (i + 1) + ".bin")));
            }
            assertTrue(!web.requestHeads().isEmpty() && web.requestHeads().stream()
                    .allMatch(head -> head.contains("User-Agent: webseed-test/1")),
                    "every web seed request carries the session's user agent");
            assertTrue(tracker.announces().isEmpty(), "bt-exclude-tracker=* leaves no tracker");
        }
    }

    /** A web server with the payload under /pub/ and a torrent of it at /album.torrent whose url-list points there. */
    private FakeHttpServer webSeededTorrent() throws Exception {
        FakeHttpServer web = FakeHttpServer.start();
        for (int i = 0; i < contents.length; i++) {
            web.serve("/pub/album/track" + (i + 1) + ".bin", contents[i]);
        }
        CreatedTorrent seeded = TorrentCreator.builder(seedDir.resolve("album")).pieceLength(PIECE_LENGTH)
                .webSeed(web.url("/pub/")).build().create();
        web.serve("/album.torrent", seeded.bytes());
        return web;
    }

    @Test
    void aDownloadedTorrentIsFollowedAndItsDownloadIsLinkedBothWays() throws Exception {
        Path dir = leechDir();
        try (FakeHttpServer web = webSeededTorrent()) {
            Session session = session(dir);
            DownloadHandle parent = session.addUri(List.of(web.url("/album.torrent")),
                    Options.of("seed-time", "0", "seed-ratio", "0.5"));

            assertTrue(parent.completion().get(30, TimeUnit.SECONDS).isSuccess());
            List<String> followedBy = parent.status().followedBy();
            assertEquals(1, followedBy.size());
            DownloadHandle child = session.handle(followedBy.get(0)).orElseThrow();
            assertTrue(child.completion().get(60, TimeUnit.SECONDS).isSuccess());

            assertEquals(java.util.Optional.of(parent.gid()), child.status().following());
            assertTrue(Files.exists(dir.resolve("album.torrent")), "follow-torrent=true keeps the .torrent");
            assertArrayEquals(contents[2], Files.readAllBytes(dir.resolve("album/track3.bin")));
            assertEquals(0.5, session.getOptions(child.gid()).get(Option.SEED_RATIO), "options inherited");
        }
    }

    @Test
    void followTorrentMemKeepsNothingAndFalseOnlySaves() throws Exception {
        try (FakeHttpServer web = webSeededTorrent()) {
            Path memDir = Files.createDirectories(temp.resolve("mem"));
            DownloadHandle mem = session(memDir).addUri(List.of(web.url("/album.torrent")),
                    Options.of("follow-torrent", "mem", "seed-time", "0"));
            assertTrue(mem.completion().get(30, TimeUnit.SECONDS).isSuccess());
            DownloadHandle child = mem.session().handle(mem.status().followedBy().get(0)).orElseThrow();
            assertTrue(child.completion().get(60, TimeUnit.SECONDS).isSuccess());
            assertFalse(Files.exists(memDir.resolve("album.torrent")), "mem keeps the .torrent in memory only");
            assertArrayEquals(contents[0], Files.readAllBytes(memDir.resolve("album/track1.bin")));

            Path saveDir = Files.createDirectories(temp.resolve("save"));
            DownloadHandle save = session(saveDir).addUri(List.of(web.url("/album.torrent")),
                    Options.of("follow-torrent", "false"));
            assertTrue(save.completion().get(30, TimeUnit.SECONDS).isSuccess());
            assertEquals(List.of(), save.status().followedBy());
            assertTrue(Files.exists(saveDir.resolve("album.torrent")));
            assertFalse(Files.exists(saveDir.resolve("album")));
        }
    }

    private static byte[] metalinkOf(dev.arietta.metalink.MetalinkFile file) {
        return dev.arietta.metalink.Metalink.toByteArray(dev.arietta.metalink.MetalinkDocument.of(List.of(file)));
    }

    @Test
    void aMetalinkTorrentMetaurlDownloadsTheNamedFileThroughTheSwarm() throws Exception {
        Path dir = leechDir();
        try (FakeHttpServer web = webSeededTorrent()) {
            Session session = session(dir);
            byte[] metalink = metalinkOf(dev.arietta.metalink.MetalinkFile.builder("album/track2.bin")
                    .size(contents[1].length).addMetaurl(dev.arietta.metalink.Metaurl.torrent(web.url("/album.torrent")))
                    .build());

            DownloadHandle fetch = session.addMetalink(metalink, Options.of("seed-time", "0")).get(0);

            assertTrue(fetch.completion().get(30, TimeUnit.SECONDS).isSuccess());
            DownloadHandle swarm = session.handle(fetch.status().followedBy().get(0)).orElseThrow();
            assertTrue(swarm.completion().get(60, TimeUnit.SECONDS).isSuccess());
            assertTrue(swarm.status().bittorrent().isPresent());
            assertEquals("2", session.getOptions(swarm.gid()).get(Option.SELECT_FILE));
            assertArrayEquals(contents[1], Files.readAllBytes(dir.resolve("album/track2.bin")));
            assertFalse(Files.exists(dir.resolve("album/track1.bin")));
            assertFalse(Files.exists(dir.resolve("album.torrent")), "the metaurl's torrent is kept in memory");
        }
    }

    @Test
    void aMetaurlSwarmTakesTheMetalinkMirrorsAsWebSeeds() throws Exception {
        Path dir = leechDir();
        try (FakeHttpServer web = FakeHttpServer.start()) {
            for (int i = 0; i < contents.length; i++) {
                web.serve("/mirror/album/track" + (i + 1) + ".bin", contents[i]);
            }
            web.serve("/album.torrent", torrent.bytes());
            byte[] metalink = metalinkOf(dev.arietta.metalink.MetalinkFile.builder("album/track3.bin")
                    .size(contents[2].length).addMetaurl(dev.arietta.metalink.Metaurl.torrent(web.url("/album.torrent")))
                    .addUrl(dev.arietta.metalink.MetalinkUrl.of(web.url("/mirror/album/track3.bin"))).build());
            Session session = session(dir);

            DownloadHandle fetch = session.addMetalink(metalink, Options.of("seed-time", "0",
                    "bt-exclude-tracker", "*")).get(0);

            assertTrue(fetch.completion().get(30, TimeUnit.SECONDS).isSuccess());
            DownloadHandle swarm = session.handle(fetch.status().followedBy().get(0)).orElseThrow();
            assertTrue(swarm.completion().get(60, TimeUnit.SECONDS).isSuccess());
            assertEquals(List.of(web.url("/mirror/")), swarm.status().files().get(2).uris().stream()
                    .map(UriStatus::uri).toList(), "the mirror's base is the web seed");
            assertArrayEquals(contents[2], Files.readAllBytes(dir.resolve("album/track3.bin")));
        }
    }

    @Test
    void aMetaurlWhoseTorrentIsMissingFallsBackToTheMirrors() throws Exception {
        Path dir = leechDir();
        try (FakeHttpServer web = FakeHttpServer.start()) {
            web.serve("/files/track1.bin", contents[0]);
            byte[] metalink = metalinkOf(dev.arietta.metalink.MetalinkFile.builder("track1.bin")
                    .size(contents[0].length).addMetaurl(dev.arietta.metalink.Metaurl.torrent(web.url("/gone.torrent")))
                    .addUrl(dev.arietta.metalink.MetalinkUrl.of(web.url("/files/track1.bin"))).build());
            Session session = session(dir);

            DownloadHandle fetch = session.addMetalink(metalink, Options.empty()).get(0);

            DownloadResult fetched = fetch.completion().get(30, TimeUnit.SECONDS);
            assertEquals(ErrorCode.RESOURCE_NOT_FOUND, fetched.errorCode());
            DownloadHandle fallback = session.handle(fetch.status().followedBy().get(0)).orElseThrow();
            assertTrue(fallback.completion().get(30, TimeUnit.SECONDS).isSuccess());
            assertArrayEquals(contents[0], Files.readAllBytes(dir.resolve("track1.bin")));
            assertEquals(java.util.Optional.of(fetch.gid()), fallback.status().following());
        }
    }

    @Test
    void aCorruptDownloadedTorrentFailsItsDownloadWithItsCode() throws Exception {
        try (FakeHttpServer web = FakeHttpServer.start()) {
            web.serve("/broken.torrent", "d4:infod6:lengthi-5eee".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            DownloadHandle parent = session(leechDir()).addUri(List.of(web.url("/broken.torrent")));
            DownloadResult result = parent.completion().get(30, TimeUnit.SECONDS);
            assertEquals(DownloadState.ERROR, result.state());
            assertEquals(ErrorCode.BITTORRENT_PARSE_ERROR, result.errorCode(), result.errorMessage());
            assertEquals(List.of(), parent.status().followedBy());
        }
    }

    @Test
    void aSecondDownloadOfTheSameTorrentFailsWithCode12() throws Exception {
        Session session = session(leechDir());
        DownloadHandle first = session.addTorrent(torrent.bytes(), List.of(), Options.empty(), -1);
        DownloadHandle second = session.addTorrent(torrent.bytes(), List.of(), Options.empty(), -1);

        DownloadResult result = second.completion().get(30, TimeUnit.SECONDS);

        assertEquals(DownloadState.ERROR, result.state());
        assertEquals(ErrorCode.DUPLICATE_INFO_HASH, result.errorCode());
        assertTrue(result.errorMessage().contains(torrent.infoHash().hex()), result.errorMessage());
        assertEquals(DownloadState.ACTIVE, first.status().state());
    }

    @Test
    void dryRunCancelsTorrentsAsAria2Does() throws Exception {
        DownloadHandle download = session(leechDir()).addTorrent(torrent.bytes(), List.of(),
                Options.of("dry-run", "true"), -1);
        DownloadResult result = download.completion().get(30, TimeUnit.SECONDS);
        assertEquals(DownloadState.REMOVED, result.state());
        assertEquals("dry-run: BitTorrent downloads are canceled", result.errorMessage());
        assertTrue(tracker.announces().isEmpty(), "no swarm was started");
    }

    @Test
    void selectFileOutsideTheTorrentFailsWithBadOption() throws Exception {
        DownloadHandle download = session(leechDir()).addTorrent(torrent.bytes(), List.of(),
                Options.of("select-file", "4-9"), -1);
        DownloadResult result = download.completion().get(30, TimeUnit.SECONDS);
        assertEquals(ErrorCode.BAD_OPTION, result.errorCode());
        assertTrue(result.errorMessage().contains("names no file"), result.errorMessage());
    }

    @Test
    void corruptTorrentsAreRefusedWithTheirErrorCode() throws Exception {
        Session session = session(leechDir());
        byte[] bytes = torrent.bytes();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        TorrentException e = assertThrows(TorrentException.class,
                () -> session.addTorrent(truncated, List.of(), Options.empty(), -1));
        assertTrue(e.errorCode() == ErrorCode.BENCODE_PARSE_ERROR || e.errorCode() == ErrorCode.BITTORRENT_PARSE_ERROR,
                e.errorCode().toString());
        Path missing = temp.resolve("missing.torrent");
        assertThrows(java.nio.file.NoSuchFileException.class, () -> session.addTorrent(missing));
        assertEquals(0, session.globalStat().numWaiting() + session.globalStat().numActive());
    }

    @Test
    void saveSessionRefersToTheTorrentAndRestoresIt() throws Exception {
        Path dir = leechDir();
        Path torrentFile = temp.resolve("album.torrent");
        torrent.writeTo(torrentFile);
        Session first = session(dir);
        DownloadHandle fromFile = first.addTorrent(torrentFile, List.of("http://127.0.0.1:1/album/"),
                Options.of("pause", "true", "seed-ratio", "2.5"), -1);
        Path sessionFile = temp.resolve("session.txt");

        first.saveSession(sessionFile);

        String saved = Files.readString(sessionFile);
        assertTrue(saved.startsWith(torrentFile.toAbsolutePath() + "\thttp://127.0.0.1:1/album/\n"), saved);
        assertTrue(saved.contains(" gid=" + fromFile.gid() + "\n"), saved);
        assertTrue(saved.contains(" seed-ratio=2.5\n"), saved);
        assertTrue(saved.contains(" pause=true\n"), saved);
        first.close();
        sessions.remove(first);

        Session restored = Session.builder().directory(dir).option("input-file", sessionFile.toString()).build();
        sessions.add(restored);
        DownloadStatus status = restored.handle(fromFile.gid()).orElseThrow().status();
        assertEquals(DownloadState.PAUSED, status.state());
        assertEquals(torrent.infoHash().hex(), status.bittorrent().orElseThrow().infoHash());
        assertEquals(2.5, restored.getOptions(fromFile.gid()).get(Option.SEED_RATIO));
        assertEquals(List.of("http://127.0.0.1:1/album/"),
                status.files().get(0).uris().stream().map(UriStatus::uri).toList());
    }

    @Test
    void bytesAreKeptAsInfoHashDotTorrentInDir() throws Exception {
        Path dir = leechDir();
        session(dir).addTorrent(torrent.bytes(), List.of(), Options.of("pause", "true"), -1);
        assertArrayEquals(torrent.bytes(), Files.readAllBytes(dir.resolve(torrent.infoHash().hex() + ".torrent")));
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
