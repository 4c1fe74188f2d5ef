package dev.arietta.bittorrent.internal.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.internal.tracker.FakeHttpTracker;
import dev.arietta.bittorrent.internal.wire.ScriptedPeer;
import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.storage.AllocationMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers and trackers of a swarm: announces with real totals and events, peers from the
 * tracker, private torrents, {@code bt-max-peers}, one connection per peer, our own address,
 * and incoming connections routed by info-hash.
 */
class PeersAndTrackersTest {

    private static final int PIECE_LENGTH = 32 * 1024;
    private static final long WAIT = 20;

    @TempDir
    Path directory;

    private static SwarmSettings.Builder settings(Path dir) {
        return SwarmSettings.builder(dir).allocation(AllocationMode.NONE);
    }

    /** The query parameters of a tracker request target, decoded as ISO-8859-1. */
    private static Map<String, String> query(String target) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : target.substring(target.indexOf('?') + 1).split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.ISO_8859_1));
        }
        return parameters;
    }

    /** An announce answer naming one peer on 127.0.0.1. */
    private static byte[] answer(int peerPort) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("d8:intervali1800e5:peers6:".getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(new byte[] {127, 0, 0, 1, (byte) (peerPort >> 8), (byte) peerPort});
        body.write('e');
        return FakeHttpTracker.ok(body.toByteArray());
    }

    private static Map<String, String> awaitAnnounce(List<Map<String, String>> announces, int port, String event)
            throws Exception {
        List<Map<String, String>> found = new ArrayList<>();
        SwarmHarness.until("a '" + event + "' announce from port " + port + " among " + announces, () -> {
            announces.stream().filter(announce -> announce.get("port").equals(Integer.toString(port))
                    && event.equals(announce.getOrDefault("event", ""))).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    @Test
    void theTrackerHearsStartedCompletedAndStoppedWithRealTotalsAndItsPeersAreUsed() throws Exception {
        Payload payload = TestTorrents.singleFile("tracked.bin", TestTorrents.random(3 * PIECE_LENGTH + 77, 41));
        payload.writeTo(directory.resolve("seed"));
        List<Map<String, String>> announces = new CopyOnWriteArrayList<>();
        int[] seederPort = new int[1];
        try (FakeHttpTracker tracker = new FakeHttpTracker(target -> {
            announces.add(query(target));
            return answer(seederPort[0]);
        }); SwarmHarness harness = SwarmHarness.drivenClock()) {
            TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH,
                    List.of(tracker.url("/announce")), false, List.of());
            BitTorrentContext seedContext = harness.context();
            seederPort[0] = seedContext.listenPort();
            BitTorrentContext leechContext = harness.context();
            RecordingSwarmListener seedEvents = new RecordingSwarmListener();
            RecordingSwarmListener leechEvents = new RecordingSwarmListener();
            Swarm seeder = harness.add(seedContext, torrent, settings(directory.resolve("seed")).checkIntegrity(true)
                    .seedRatio(0).build(), seedEvents);
            Swarm leecher = harness.add(leechContext, torrent, settings(directory.resolve("leech")).seedRatio(0)
                    .build(), leechEvents);
            harness.start(seeder);
            seedEvents.await("download complete", WAIT);
            Map<String, String> seederStarted = awaitAnnounce(announces, seedContext.listenPort(), "started");
            assertEquals("0", seederStarted.get("left"));

            harness.start(leecher);
            Map<String, String> started = awaitAnnounce(announces, leechContext.listenPort(), "started");
            long total = payload.concatenated().length;
            assertEquals(Long.toString(total), started.get("left"));
            assertEquals("0", started.get("downloaded"));
            assertEquals("0", started.get("uploaded"));
            assertTrue(started.get("peer_id").startsWith("-AT0100-"));
            assertEquals(new String(torrent.infoHash().bytes(), StandardCharsets.ISO_8859_1), started.get("info_hash"));

            leechEvents.await("download complete", WAIT);
            Map<String, String> completed = awaitAnnounce(announces, leechContext.listenPort(), "completed");
            assertEquals("0", completed.get("left"));
            assertTrue(Long.parseLong(completed.get("downloaded")) >= total);

            harness.stop(leecher, StopMode.GRACEFUL);
            Map<String, String> stopped = awaitAnnounce(announces, leechContext.listenPort(), "stopped");
            assertEquals("0", stopped.get("numwant"));
            harness.fixture.run(() -> { });
            List<TrackerStatus> trackers = harness.status(leecher).trackers();
            assertEquals(1, trackers.size());
            assertTrue(trackers.get(0).announces() >= 2, trackers.toString());
            assertTrue(harness.status(seeder).uploadedBytes() >= total);
        }
    }

    @Test
    void aPrivateTorrentTakesPeersFromItsTrackerOnly() throws Exception {
        Payload payload = TestTorrents.singleFile("private.bin", TestTorrents.random(2 * PIECE_LENGTH, 42));
        payload.writeTo(directory.resolve("seed"));
        int[] seederPort = new int[1];
        boolean[] trackerGivesPeers = new boolean[1];
        try (FakeHttpTracker tracker = new FakeHttpTracker(target -> trackerGivesPeers[0] ? answer(seederPort[0])
                : FakeHttpTracker.ok("d8:intervali1800e5:peers0:e")); SwarmHarness harness = SwarmHarness.drivenClock()) {
            TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH,
                    List.of(tracker.url("/announce")), true, List.of());
            assertTrue(torrent.isPrivate());
            BitTorrentContext seedContext = harness.context();
            seederPort[0] = seedContext.listenPort();
            RecordingSwarmListener seedEvents = new RecordingSwarmListener();
            RecordingSwarmListener leechEvents = new RecordingSwarmListener();
            Swarm seeder = harness.add(seedContext, torrent, settings(directory.resolve("seed")).checkIntegrity(true)
                    .seedRatio(0).build(), seedEvents);
            harness.start(seeder);
            seedEvents.await("download complete", WAIT);
            Swarm leecher = harness.add(harness.context(), torrent, settings(directory.resolve("leech")).build(),
                    leechEvents);
            harness.startDownloading(leecher);
            harness.fixture.run(() -> leecher.addPeers(List.of(SwarmHarness.address(seedContext)), PeerSource.PEX));
            harness.connect(leecher, seedContext);
            Thread.sleep(300);
            assertEquals(0, harness.status(leecher).connections(), "a private torrent connected to a non-tracker peer");
            trackerGivesPeers[0] = true;
            harness.fixture.run(() -> leecher.addPeers(List.of(SwarmHarness.address(seedContext)),
                    PeerSource.TRACKER));
            leechEvents.await("download complete", WAIT);
        }
    }

    private ScriptedPeer handshake(BitTorrentContext context, InfoHash infoHash, String name) throws IOException {
        ScriptedPeer peer = new ScriptedPeer(new Socket(InetAddress.getLoopbackAddress(), context.listenPort()));
        peer.writeHandshake(infoHash, FakePeer.peerId(name), true, false);
        return peer;
    }

    private static void awaitConnections(SwarmHarness harness, Swarm swarm, int count) throws Exception {
        harness.awaitStatus(swarm, status -> status.connections() == count, count + " connections");
    }

    @Test
    void btMaxPeersAndOneConnectionPerPeerIdAreEnforced() throws Exception {
        Payload payload = TestTorrents.singleFile("limits.bin", TestTorrents.random(2 * PIECE_LENGTH, 43));
        TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            Swarm swarm = harness.add(context, torrent, settings(directory.resolve("leech")).maxPeers(2).build(),
                    new RecordingSwarmListener());
            harness.startDownloading(swarm);
            try (ScriptedPeer first = handshake(context, torrent.infoHash(), "-FK0001-maxpeer1");
                    ScriptedPeer duplicate = handshake(context, torrent.infoHash(), "-FK0001-maxpeer1")) {
                first.readHandshake();
                duplicate.expectEndOfStream();
                awaitConnections(harness, swarm, 1);
                try (ScriptedPeer second = handshake(context, torrent.infoHash(), "-FK0001-maxpeer2");
                        ScriptedPeer third = handshake(context, torrent.infoHash(), "-FK0001-maxpeer3")) {
                    second.readHandshake();
                    awaitConnections(harness, swarm, 2);
                    third.expectEndOfStream();
                    harness.fixture.run(() -> swarm.setMaxPeers(3));
                    try (ScriptedPeer fourth = handshake(context, torrent.infoHash(), "-FK0001-maxpeer4")) {
                        fourth.readHandshake();
                        awaitConnections(harness, swarm, 3);
                    }
                }
            }
        }
    }

    @Test
    void incomingConnectionsReachTheTorrentTheyNameAndOurOwnAddressIsNeverDialled() throws Exception {
        TorrentMetainfo one = TestTorrents.torrent(TestTorrents.singleFile("one.bin", TestTorrents.random(1000, 1)),
                PIECE_LENGTH);
        TorrentMetainfo two = TestTorrents.torrent(TestTorrents.singleFile("two.bin", TestTorrents.random(2000, 2)),
                PIECE_LENGTH);
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            Swarm first = harness.add(context, one, settings(directory.resolve("one")).build(),
                    new RecordingSwarmListener());
            Swarm second = harness.add(context, two, settings(directory.resolve("two")).build(),
                    new RecordingSwarmListener());
            harness.startDownloading(first);
            harness.startDownloading(second);
            try (ScriptedPeer toOne = handshake(context, one.infoHash(), "-FK0001-routeone");
                    ScriptedPeer toTwo = handshake(context, two.infoHash(), "-FK0001-routetwo");
                    ScriptedPeer toNone = handshake(context, InfoHash.ofHex("ab".repeat(20)), "-FK0001-routenon")) {
                assertEquals(one.infoHash(), toOne.readHandshake().infoHash());
                assertEquals(two.infoHash(), toTwo.readHandshake().infoHash());
                toNone.expectEndOfStream();
                awaitConnections(harness, first, 1);
                awaitConnections(harness, second, 1);
            }
            harness.fixture.run(() -> first.addPeers(List.of(SwarmHarness.address(context)), PeerSource.MANUAL));
            Thread.sleep(200);
            assertEquals(0, harness.status(first).connections());
        }
    }
}
