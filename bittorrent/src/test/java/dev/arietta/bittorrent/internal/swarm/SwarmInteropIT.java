package dev.arietta.bittorrent.internal.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.wire.AllowedFastSet;
import dev.arietta.bittorrent.internal.wire.MessageId;
import dev.arietta.bittorrent.internal.wire.PeerWireLimits;
import dev.arietta.bittorrent.internal.wire.ScriptedPeer;
import dev.arietta.bittorrent.it.Aria2Peer;
import dev.arietta.bittorrent.it.LibtorrentPeer;
import dev.arietta.bittorrent.it.OpenTrackerProcess;
import dev.arietta.bittorrent.it.TorrentFixtures.CreatedTorrent;
import dev.arietta.bittorrent.it.TorrentFixtures.TorrentSpec;
import dev.arietta.bittorrent.it.TorrentFixtures;
import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import dev.arietta.core.internal.storage.AllocationMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our swarm against real BitTorrent programs on 127.0.0.1 (libtorrent 2.0 through
 * python3-libtorrent with uTP off, aria2c, opentracker): downloading from them over HTTP and UDP
 * trackers, seeding to them, a three-way swarm, and a lying peer among honest ones. Payloads are
 * a few MiB so the whole class takes well under a minute.
 */
class SwarmInteropIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long WAIT = TIMEOUT.toSeconds();

    @TempDir
    Path directory;

    /** A tracker whitelisting the torrent of {@code payload}, and that torrent announcing to it. */
    private record Tracked(OpenTrackerProcess tracker, CreatedTorrent created, TorrentMetainfo torrent)
            implements AutoCloseable {
        @Override
        public void close() {
            tracker.close();
        }
    }

    private Tracked tracked(Path payload, int pieceLength, Function<OpenTrackerProcess, List<String>> tiers)
            throws IOException {
        String name = payload.getFileName().toString();
        InfoHash infoHash = TorrentFixtures.createTorrent(payload, directory.resolve(name + ".probe.torrent"),
                TorrentSpec.defaults().withPieceLength(pieceLength)).infoHash();
        OpenTrackerProcess tracker = OpenTrackerProcess.start(directory, Set.of(infoHash));
        try {
            TorrentSpec spec = TorrentSpec.defaults().withPieceLength(pieceLength);
            for (String url : tiers.apply(tracker)) {
                spec = spec.withTier(url);
            }
            CreatedTorrent created = TorrentFixtures.createTorrent(payload, directory.resolve(name + ".torrent"), spec);
            assertEquals(infoHash, created.infoHash());
            return new Tracked(tracker, created, new TorrentParser().parse(created.torrentFile()));
        } catch (IOException | RuntimeException | AssertionError e) {
            tracker.close();
            throw e;
        }
    }

    /** A libtorrent seeder of the torrent, its check done and counted by the tracker as a seeder. */
    private static LibtorrentPeer announcedLibtorrentSeeder(Tracked tracked) throws IOException {
        LibtorrentPeer seeder = LibtorrentPeer.seed(tracked.created().torrentFile(), tracked.created().saveDirectory(),
                List.of());
        try {
            seeder.awaitSeeding(TIMEOUT);
            tracked.tracker().awaitSeeders(tracked.created().infoHash(), 1, TIMEOUT);
            return seeder;
        } catch (IOException | RuntimeException | AssertionError e) {
            seeder.close();
            throw e;
        }
    }

    private static List<String> http(OpenTrackerProcess tracker) {
        return List.of(tracker.httpAnnounceUri().toString());
    }

    private static SwarmSettings leecher(Path dir) {
        return SwarmSettings.builder(dir).allocation(AllocationMode.NONE).seedRatio(0).build();
    }

    private static SwarmSettings seeder(Path dir) {
        return SwarmSettings.builder(dir).allocation(AllocationMode.NONE).checkIntegrity(true).seedRatio(0).build();
    }

    /** Downloads {@code tracked}'s torrent with our swarm into {@code target}, with nothing but the trackers to find peers. */
    private void downloadWithArietta(Tracked tracked, Path target) throws Exception {
        try (SwarmHarness harness = SwarmHarness.realTime()) {
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(harness.context(), tracked.torrent(), leecher(target), events);
            harness.start(swarm);
            events.await("download complete", WAIT);
            SwarmStatus status = harness.status(swarm);
            assertTrue(status.isComplete(), status.toString());
            harness.stop(swarm, StopMode.GRACEFUL);
        }
    }

    private static void assertSameTree(Path expected, Path actual) throws IOException {
        if (Files.isDirectory(expected)) {
            try (var files = Files.walk(expected)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertSameTree(file, actual.resolve(expected.relativize(file).toString()));
                }
            }
            return;
        }
        assertTrue(Files.exists(actual), actual + " missing");
        assertEquals(-1L, Files.mismatch(expected, actual), actual + " differs from " + expected);
    }

    @Test
    void singleFileFromALibtorrentSeederThroughOpentrackerWith16KiBPieces() throws Exception {
        Path payload = TorrentFixtures.randomFile(directory.resolve("seed/small-pieces.bin"), 3 * 1024 * 1024 + 4321,
                1);
        try (Tracked tracked = tracked(payload, 16 * 1024, SwarmInteropIT::http);
                LibtorrentPeer seeder = announcedLibtorrentSeeder(tracked)) {
            Path target = directory.resolve("arietta");
            downloadWithArietta(tracked, target);
            assertSameTree(payload, target.resolve("small-pieces.bin"));
        }
    }

    @Test
    void multiFileFromALibtorrentSeederThroughOpentrackerWith4MiBPieces() throws Exception {
        Map<String, Long> files = new LinkedHashMap<>();
        files.put("one.bin", 5L * 1024 * 1024 + 17);
        files.put("nested/two.bin", 3L * 1024 * 1024);
        files.put("nested/empty.bin", 0L);
        files.put("three.bin", 700_001L);
        Path payload = TorrentFixtures.randomDirectory(directory.resolve("seed/big-pieces"), files, 2);
        try (Tracked tracked = tracked(payload, 4 * 1024 * 1024, SwarmInteropIT::http);
                LibtorrentPeer seeder = announcedLibtorrentSeeder(tracked)) {
            Path target = directory.resolve("arietta");
            downloadWithArietta(tracked, target);
            assertSameTree(payload, target.resolve("big-pieces"));
            assertTrue(Files.exists(target.resolve("big-pieces/nested/empty.bin")));
        }
    }

    @Test
    void fromALibtorrentSeederThroughAUdpTracker() throws Exception {
        Path payload = TorrentFixtures.randomFile(directory.resolve("seed/udp.bin"), 2 * 1024 * 1024 + 99, 3);
        try (Tracked tracked = tracked(payload, 64 * 1024,
                tracker -> List.of(tracker.udpAnnounceUri().toString()));
                LibtorrentPeer seeder = announcedLibtorrentSeeder(tracked)) {
            Path target = directory.resolve("arietta");
            downloadWithArietta(tracked, target);
            assertSameTree(payload, target.resolve("udp.bin"));
        }
    }

    @Test
    void fromAnAria2Seeder() throws Exception {
        Path payload = TorrentFixtures.randomFile(directory.resolve("seed/from-aria2.bin"), 2 * 1024 * 1024 + 5, 4);
        try (Tracked tracked = tracked(payload, 32 * 1024, SwarmInteropIT::http);
                Aria2Peer seeder = Aria2Peer.seed(tracked.created().torrentFile(), tracked.created().saveDirectory(),
                        List.of())) {
            tracked.tracker().awaitSeeders(tracked.created().infoHash(), 1, TIMEOUT);
            Path target = directory.resolve("arietta");
            downloadWithArietta(tracked, target);
            assertSameTree(payload, target.resolve("from-aria2.bin"));
            assertTrue(seeder.isAlive());
        }
    }

    @Test
    void seedsToAnAria2LeecherAndALibtorrentLeecher() throws Exception {
        Path payload = TorrentFixtures.randomFile(directory.resolve("seed/ours.bin"), 3 * 1024 * 1024 + 333, 5);
        try (Tracked tracked = tracked(payload, 64 * 1024, SwarmInteropIT::http);
                SwarmHarness harness = SwarmHarness.realTime()) {
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(harness.context(), tracked.torrent(), seeder(payload.getParent()), events);
            harness.start(swarm);
            events.await("download complete", WAIT);
            tracked.tracker().awaitSeeders(tracked.created().infoHash(), 1, TIMEOUT);
            Path aria2Target = directory.resolve("aria2");
            Path libtorrentTarget = directory.resolve("libtorrent");
            try (Aria2Peer aria2 = Aria2Peer.leech(tracked.created().torrentFile(), aria2Target, List.of());
                    LibtorrentPeer libtorrent = LibtorrentPeer.leech(tracked.created().torrentFile(), libtorrentTarget,
                            List.of())) {
                libtorrent.awaitFinished(TIMEOUT);
                int exit = aria2.awaitExit(TIMEOUT);
                if (exit != 0) {
                    throw aria2.failure("exited with " + exit);
                }
            }
            assertSameTree(payload, aria2Target.resolve("ours.bin"));
            assertSameTree(payload, libtorrentTarget.resolve("ours.bin"));
            assertTrue(harness.status(swarm).uploadedBytes() >= Files.size(payload),
                    "we uploaded " + harness.status(swarm).uploadedBytes());
        }
    }

    /** A torrent of {@code payload} without trackers: peers are only those told of each other. */
    private TorrentMetainfo trackerless(Path payload, Path torrentFile) throws IOException {
        return new TorrentParser().parse(TorrentFixtures.createTorrent(payload, torrentFile,
                TorrentSpec.defaults().withPieceLength(32 * 1024)).torrentFile());
    }

    /** libtorrent dials us: a leecher given only our listening address downloads from our seed. */
    @Test
    void aLibtorrentLeecherThatDialsUsDownloadsFromOurSeed() throws Exception {
        Path payload = TorrentFixtures.randomFile(directory.resolve("seed/incoming.bin"), 1024 * 1024 + 17, 11);
        Path torrentFile = directory.resolve("incoming.torrent");
        TorrentMetainfo torrent = trackerless(payload, torrentFile);
        try (SwarmHarness harness = SwarmHarness.realTime()) {
            BitTorrentContext context = harness.context();
            Swarm swarm = harness.add(context, torrent, seeder(payload.getParent()), new RecordingSwarmListener());
            harness.start(swarm);
            harness.awaitState(swarm, SwarmState.SEEDING);
            Path target = directory.resolve("libtorrent");
            try (LibtorrentPeer libtorrent = LibtorrentPeer.leech(torrentFile, target,
                    List.of(SwarmHarness.address(context)))) {
                libtorrent.awaitFinished(TIMEOUT);
                // Our seed knows no address to dial (no tracker, no peers given): all it sent went
                // over libtorrent's connection. (Finished, libtorrent may already have hung up.)
                SwarmStatus status = harness.status(swarm);
                assertTrue(status.uploadedBytes() >= Files.size(payload), status.toString());
            }
            assertSameTree(payload, target.resolve("incoming.bin"));
        }
    }

    /** libtorrent dials us the other way round: a seeder given our address uploads to our leecher. */
    @Test
    void aLibtorrentSeederThatDialsUsFeedsOurLeecher() throws Exception {
        Path payload = TorrentFixtures.randomFile(directory.resolve("seed/dialled.bin"), 1024 * 1024 + 23, 12);
        Path torrentFile = directory.resolve("dialled.torrent");
        TorrentMetainfo torrent = trackerless(payload, torrentFile);
        Path target = directory.resolve("arietta");
        try (SwarmHarness harness = SwarmHarness.realTime()) {
            BitTorrentContext context = harness.context();
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(context, torrent, leecher(target), events);
            harness.start(swarm);
            try (LibtorrentPeer libtorrent = LibtorrentPeer.seed(torrentFile, payload.getParent(),
                    List.of(SwarmHarness.address(context)))) {
                // Our leecher knows no address to dial: every block came over libtorrent's connection.
                events.await("download complete", WAIT);
                assertTrue(libtorrent.error().isEmpty(), libtorrent.error().toString());
            }
            harness.stop(swarm, StopMode.GRACEFUL);
        }
        assertSameTree(payload, target.resolve("dialled.bin"));
    }

    /**
     * BEP 6 with a real peer: our seed's only upload slot is held by a fake peer, so a libtorrent
     * leecher stays choked (the driven clock runs no choke round); it is sent its allowed-fast
     * set and downloads exactly those pieces while choked.
     */
    @Test
    void aChokedLibtorrentLeecherFetchesItsAllowedFastPiecesFromUs() throws Exception {
        int pieceLength = 64 * 1024;
        int pieces = 40;
        Path payload = TorrentFixtures.randomFile(directory.resolve("seed/fast.bin"), (long) pieces * pieceLength, 9);
        CreatedTorrent created = TorrentFixtures.createTorrent(payload, directory.resolve("fast.torrent"),
                TorrentSpec.defaults().withPieceLength(pieceLength));
        TorrentMetainfo torrent = new TorrentParser().parse(created.torrentFile());
        Set<Integer> allowed = new HashSet<>();
        for (int piece : AllowedFastSet.generate(
                PeerWireLimits.ALLOWED_FAST_SET_SIZE, pieces, torrent.infoHash(),
                InetAddress.getByName("127.0.0.1"))) {
            allowed.add(piece);
        }
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            Swarm swarm = harness.add(context, torrent, SwarmSettings.builder(payload.getParent())
                    .allocation(AllocationMode.NONE).checkIntegrity(true).seedRatio(0).uploadSlots(1).build(),
                    new RecordingSwarmListener());
            harness.start(swarm);
            harness.awaitState(swarm, SwarmState.SEEDING);
            try (FakePeer slotHolder = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-slot"))) {
                slotHolder.next();
                slotHolder.send(MessageId.HAVE_NONE);
                slotHolder.send(MessageId.INTERESTED);
                slotHolder.await(MessageId.UNCHOKE);
                try (LibtorrentPeer libtorrent = LibtorrentPeer.leech(created.torrentFile(),
                        directory.resolve("libtorrent"), List.of())) {
                    harness.fixture.run(() -> swarm.addPeers(List.of(libtorrent.address()), PeerSource.MANUAL));
                    long expected = (long) allowed.size() * pieceLength;
                    SwarmStatus status = harness.awaitStatus(swarm, s -> s.uploadedBytes() >= expected,
                            "libtorrent fetched its " + allowed.size() + " allowed-fast pieces " + allowed);
                    assertEquals(expected, status.uploadedBytes(), "nothing beyond the allowed-fast set");
                    assertTrue(status.peers().stream().allMatch(peer -> peer.amChoking() || peer.uploaded() == 0),
                            status.peers().toString());
                    assertTrue(libtorrent.error().isEmpty(), libtorrent.error().toString());
                }
            }
        }
    }

    @Test
    void threeWaySwarmOfAriettaLibtorrentAndAria2LeechersFromOneSeederAllComplete() throws Exception {
        Path payload = TorrentFixtures.randomFile(directory.resolve("seed/three-way.bin"), 4 * 1024 * 1024 + 1, 6);
        try (Tracked tracked = tracked(payload, 32 * 1024, SwarmInteropIT::http);
                LibtorrentPeer seeder = announcedLibtorrentSeeder(tracked);
                SwarmHarness harness = SwarmHarness.realTime()) {
            Path ours = directory.resolve("arietta");
            Path aria2Target = directory.resolve("aria2");
            Path libtorrentTarget = directory.resolve("libtorrent");
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(harness.context(), tracked.torrent(), leecher(ours), events);
            try (Aria2Peer aria2 = Aria2Peer.leech(tracked.created().torrentFile(), aria2Target, List.of());
                    LibtorrentPeer libtorrent = LibtorrentPeer.leech(tracked.created().torrentFile(), libtorrentTarget,
                            List.of())) {
                harness.start(swarm);
                events.await("download complete", WAIT);
                libtorrent.awaitFinished(TIMEOUT);
                int exit = aria2.awaitExit(TIMEOUT);
                if (exit != 0) {
                    throw aria2.failure("exited with " + exit);
                }
            }
            harness.stop(swarm, StopMode.GRACEFUL);
            assertSameTree(payload, ours.resolve("three-way.bin"));
            assertSameTree(payload, aria2Target.resolve("three-way.bin"));
            assertSameTree(payload, libtorrentTarget.resolve("three-way.bin"));
        }
    }

    @Test
    void aPeerSendingCorruptPiecesIsBannedAndTheFileIsStillRight() throws Exception {
        Path payload = TorrentFixtures.randomFile(directory.resolve("seed/guarded.bin"), 2 * 1024 * 1024 + 7, 7);
        CreatedTorrent created = TorrentFixtures.createTorrent(payload, directory.resolve("guarded.torrent"),
                TorrentSpec.defaults().withPieceLength(32 * 1024));
        TorrentMetainfo torrent = new TorrentParser().parse(created.torrentFile());
        try (LibtorrentPeer honest = LibtorrentPeer.seed(created.torrentFile(), created.saveDirectory(), List.of());
                SwarmHarness harness = SwarmHarness.realTime()) {
            honest.awaitSeeding(TIMEOUT);
            BitTorrentContext context = harness.context();
            RecordingSwarmListener events = new RecordingSwarmListener();
            Path target = directory.resolve("arietta");
            Swarm swarm = harness.add(context, torrent, leecher(target), events);
            harness.startDownloading(swarm);
            byte[] lies = new byte[(int) Files.size(payload)];
            try (FakePeer liar = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-corrupter"))) {
                var served = liar.seedInBackground(lies, torrent.pieceLength());
                // The liar answers first; the honest seeder joins once the liar is serving.
                Thread.sleep(300);
                harness.fixture.run(() -> swarm.addPeers(List.of(honest.address()), PeerSource.MANUAL));
                events.await("download complete", WAIT);
                assertTrue(served.get(WAIT, TimeUnit.SECONDS) > 0, "the liar was asked for blocks");
            }
            // Banned: the same peer id is refused right after its handshake.
            try (ScriptedPeer again = new ScriptedPeer(new Socket(InetAddress.getLoopbackAddress(),
                    context.listenPort()))) {
                again.writeHandshake(torrent.infoHash(), FakePeer.peerId("-FK0001-corrupter"), true, false);
                again.expectEndOfStream();
            }
            harness.stop(swarm, StopMode.GRACEFUL);
            assertSameTree(payload, target.resolve("guarded.bin"));
        }
    }
}
