package dev.arietta.bittorrent.internal.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.storage.AllocationMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BEP 19 web seeds: a torrent downloaded from HTTP alone (single and multi-file URLs), web seed
 * URIs given when adding, pieces from HTTP uploaded to peers once verified, and a lying or
 * missing server dropped while peers finish the download.
 */
class WebSeedTest {

    private static final int PIECE_LENGTH = 32 * 1024;
    private static final long WAIT = 20;

    @TempDir
    Path directory;

    private static SwarmSettings.Builder settings(Path dir) {
        return SwarmSettings.builder(dir).allocation(AllocationMode.NONE).seedRatio(0);
    }

    @Test
    void aMultiFileTorrentComesFromItsUrlListAlone() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("first file.bin", TestTorrents.random(70_000, 51));
        files.put("sub/second.bin", TestTorrents.random(150_000, 52));
        Payload payload = TestTorrents.multiFile("web album", files);
        try (FakeWebServer web = new FakeWebServer()
                .file("/pub/web%20album/first%20file.bin", files.get("first file.bin"))
                .file("/pub/web%20album/sub/second.bin", files.get("sub/second.bin"));
                SwarmHarness harness = SwarmHarness.realTime()) {
            TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH, List.of(), false,
                    List.of(web.url("/pub/")));
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(harness.context(), torrent, settings(directory.resolve("leech")).build(), events);
            harness.start(swarm);
            events.await("download complete", WAIT);
            assertEquals(0, harness.status(swarm).connections());
            assertTrue(harness.status(swarm).downloadedBytes() >= payload.concatenated().length);
            harness.stop(swarm, StopMode.GRACEFUL);
            assertArrayEquals(files.get("first file.bin"),
                    Files.readAllBytes(payload.pathIn(directory.resolve("leech"), "first file.bin")));
            assertArrayEquals(files.get("sub/second.bin"),
                    Files.readAllBytes(payload.pathIn(directory.resolve("leech"), "sub/second.bin")));
            assertTrue(web.requests.stream().allMatch(request -> request.contains("bytes=")), web.requests.toString());
        }
    }

    @Test
    void namesTheParserSanitizedAreAskedForAsTheTorrentSpellsThemAndSavedSanitized() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("ab:c.bin", TestTorrents.random(40_000, 55));
        files.put("sub./x*y.bin", TestTorrents.random(60_000, 56));
        Payload payload = TestTorrents.multiFile("what? album", files);
        try (FakeWebServer web = new FakeWebServer()
                .file("/pub/what%3F%20album/ab%3Ac.bin", files.get("ab:c.bin"))
                .file("/pub/what%3F%20album/sub./x%2Ay.bin", files.get("sub./x*y.bin"));
                SwarmHarness harness = SwarmHarness.realTime()) {
            TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH, List.of(), false,
                    List.of(web.url("/pub/")));
            assertEquals("what_ album", torrent.name());
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(harness.context(), torrent, settings(directory).build(), events);
            harness.start(swarm);
            events.await("download complete", WAIT);
            harness.stop(swarm, StopMode.GRACEFUL);
            assertArrayEquals(files.get("ab:c.bin"), Files.readAllBytes(directory.resolve("what_ album/ab_c.bin")));
            assertArrayEquals(files.get("sub./x*y.bin"),
                    Files.readAllBytes(directory.resolve("what_ album/sub/x_y.bin")));
            assertTrue(web.requests.stream().noneMatch(request -> request.contains("_")), web.requests.toString());
        }
    }

    @Test
    void aWebSeedGivenWhenAddingFeedsPiecesThatAreThenUploadedToPeers() throws Exception {
        Payload payload = TestTorrents.singleFile("shared.bin", TestTorrents.random(5 * PIECE_LENGTH + 3, 53));
        TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
        try (FakeWebServer web = new FakeWebServer().file("/files/shared.bin", payload.concatenated());
                SwarmHarness harness = SwarmHarness.realTime()) {
            BitTorrentContext httpContext = harness.context();
            RecordingSwarmListener httpEvents = new RecordingSwarmListener();
            Swarm fromHttp = harness.add(httpContext, torrent, settings(directory.resolve("http"))
                    .webSeeds(List.of(URI.create(web.url("/files/")))).build(), httpEvents);
            harness.start(fromHttp);
            httpEvents.await("download complete", WAIT);
            // A second swarm without web seeds gets every piece from the first one.
            RecordingSwarmListener peerEvents = new RecordingSwarmListener();
            Swarm fromPeer = harness.add(harness.context(), torrent, settings(directory.resolve("peer")).build(),
                    peerEvents);
            harness.start(fromPeer);
            harness.connect(fromPeer, httpContext);
            peerEvents.await("download complete", WAIT);
            harness.stop(fromPeer, StopMode.GRACEFUL);
            assertArrayEquals(payload.concatenated(), Files.readAllBytes(directory.resolve("peer/shared.bin")));
            assertTrue(harness.status(fromHttp).uploadedBytes() >= payload.concatenated().length);
        }
    }

    @Test
    void aWebSeedServingBadDataIsDroppedAndAPeerFinishes() throws Exception {
        Payload payload = TestTorrents.singleFile("guarded.bin", TestTorrents.random(4 * PIECE_LENGTH, 54));
        payload.writeTo(directory.resolve("seed"));
        try (FakeWebServer web = new FakeWebServer().file("/guarded.bin", payload.concatenated());
                SwarmHarness harness = SwarmHarness.realTime()) {
            web.filter(body -> new byte[body.length]);
            TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH, List.of(), false,
                    List.of(web.url("/guarded.bin")));
            RecordingSwarmListener leechEvents = new RecordingSwarmListener();
            Swarm leecher = harness.add(harness.context(), torrent, settings(directory.resolve("leech")).build(),
                    leechEvents);
            harness.startDownloading(leecher);
            harness.awaitStatus(leecher, status -> status.webSeeds() == 0, "the lying web seed dropped");
            BitTorrentContext seedContext = harness.context();
            RecordingSwarmListener seedEvents = new RecordingSwarmListener();
            Swarm seeder = harness.add(seedContext, torrent, settings(directory.resolve("seed")).checkIntegrity(true)
                    .build(), seedEvents);
            harness.start(seeder);
            seedEvents.await("download complete", WAIT);
            harness.connect(leecher, seedContext);
            leechEvents.await("download complete", WAIT);
            harness.stop(leecher, StopMode.GRACEFUL);
            assertArrayEquals(payload.concatenated(), Files.readAllBytes(directory.resolve("leech/guarded.bin")));
        }
    }

    @Test
    void aWebSeedWithoutTheFileIsDropped() throws Exception {
        Payload payload = TestTorrents.singleFile("absent.bin", TestTorrents.random(PIECE_LENGTH, 55));
        try (FakeWebServer web = new FakeWebServer(); SwarmHarness harness = SwarmHarness.realTime()) {
            TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH, List.of(), false,
                    List.of(web.url("/absent.bin"), "sftp://127.0.0.1/unsupported.bin"));
            Swarm swarm = harness.add(harness.context(), torrent, settings(directory.resolve("leech")).build(),
                    new RecordingSwarmListener());
            harness.startDownloading(swarm);
            harness.awaitStatus(swarm, status -> status.webSeeds() == 0, "both web seeds dropped");
            assertEquals(List.of("/absent.bin bytes=0-32767"), web.requests);
        }
    }
}
