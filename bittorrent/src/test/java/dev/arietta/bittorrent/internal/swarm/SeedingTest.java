package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.wire.MessageId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.resume.ResumeStateFile;
import dev.arietta.core.internal.storage.AllocationMode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeding and the start-up check: {@code seed-ratio}, {@code seed-time}, BT_COMPLETE then
 * COMPLETE, {@code bt-hash-check-seed}, {@code check-integrity} finding damage, FILE_COMPLETE
 * per file. The loop's clock is driven.
 */
class SeedingTest {

    private static final int PIECE_LENGTH = 32 * 1024;
    private static final long WAIT = 20;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path directory;

    private static SwarmSettings.Builder settings(Path dir) {
        return SwarmSettings.builder(dir).allocation(AllocationMode.NONE);
    }

    @Test
    void seedingEndsOnceTheSeedRatioIsReached() throws Exception {
        Payload payload = TestTorrents.singleFile("ratio.bin", TestTorrents.random(5 * PIECE_LENGTH, 1));
        TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
        payload.writeTo(directory.resolve("seed"));
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext seedContext = harness.context();
            RecordingSwarmListener seedEvents = new RecordingSwarmListener();
            RecordingSwarmListener leechEvents = new RecordingSwarmListener();
            Swarm seeder = harness.add(seedContext, torrent,
                    settings(directory.resolve("seed")).checkIntegrity(true).seedRatio(1.0).build(), seedEvents);
            Swarm leecher = harness.add(harness.context(), torrent,
                    settings(directory.resolve("leech")).seedRatio(0).build(), leechEvents);
            harness.start(seeder);
            seedEvents.await("download complete", WAIT);
            harness.fixture.advance(SECOND);
            assertEquals(SwarmState.SEEDING, harness.status(seeder).state());
            harness.start(leecher);
            harness.connect(leecher, seedContext);
            leechEvents.await("download complete", WAIT);
            harness.fixture.advance(SECOND);
            seedEvents.await("seeding finished", WAIT);
            assertEquals(SwarmState.FINISHED, harness.status(seeder).state());
            assertTrue(harness.status(seeder).uploadedBytes() >= payload.concatenated().length);
            assertFalse(Files.exists(ResumeStateFile.pathFor(directory.resolve("seed/ratio.bin"))),
                    "a finished download's resume state is deleted");
            harness.fixture.advance(SECOND);
            assertEquals(SwarmState.SEEDING, harness.status(leecher).state(), "seed-ratio 0 seeds on");
            // Saved on the sync executor once the download completed: kept while seeding.
            Path leecherState = ResumeStateFile.pathFor(directory.resolve("leech/ratio.bin"));
            SwarmHarness.until("the leecher's resume state " + leecherState, () -> Files.exists(leecherState));
        }
    }

    @Test
    void seedingEndsAfterTheSeedTime() throws Exception {
        Payload payload = TestTorrents.singleFile("time.bin", TestTorrents.random(2 * PIECE_LENGTH, 2));
        TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
        payload.writeTo(directory.resolve("seed"));
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm seeder = harness.add(harness.context(), torrent, settings(directory.resolve("seed"))
                    .checkIntegrity(true).seedRatio(0).seedTime(Optional.of(Duration.ofMinutes(1))).build(), events);
            harness.start(seeder);
            events.await("download complete", WAIT);
            harness.fixture.advance(59 * SECOND);
            assertEquals(SwarmState.SEEDING, harness.status(seeder).state());
            harness.fixture.advance(2 * SECOND);
            events.await("seeding finished", WAIT);
            assertEquals(List.of("download complete", "seeding finished"), events.seen());
        }
    }

    @Test
    void aSeedTimeOfZeroFinishesAsSoonAsTheDownloadCompletes() throws Exception {
        Payload payload = TestTorrents.singleFile("zero.bin", TestTorrents.random(3 * PIECE_LENGTH, 3));
        TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm leecher = harness.add(context, torrent,
                    settings(directory.resolve("leech")).seedTime(Optional.of(Duration.ZERO)).build(), events);
            harness.startDownloading(leecher);
            try (FakePeer seeder = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-seedzero"))) {
                seeder.seedInBackground(payload.concatenated(), PIECE_LENGTH);
                events.await("download complete", WAIT);
                events.await("seeding finished", WAIT);
            }
            assertEquals(List.of("file 0", "download complete", "seeding finished"), events.seen());
            assertEquals(SwarmState.FINISHED, harness.status(leecher).state());
        }
    }

    @Test
    void withoutHashCheckSeedACompleteCheckFinishesWithoutSeeding() throws Exception {
        Payload payload = TestTorrents.singleFile("check.bin", TestTorrents.random(3 * PIECE_LENGTH + 5, 4));
        TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
        payload.writeTo(directory.resolve("seed"));
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(harness.context(), torrent, settings(directory.resolve("seed"))
                    .checkIntegrity(true).hashCheckSeed(false).build(), events);
            harness.start(swarm);
            events.await("seeding finished", WAIT);
            assertEquals(List.of("download complete", "seeding finished"), events.seen());
            assertEquals(SwarmState.FINISHED, harness.status(swarm).state());
        }
    }

    @Test
    void checkIntegrityFindsADamagedPieceAndDownloadsOnlyThat() throws Exception {
        Payload payload = TestTorrents.singleFile("damaged.bin", TestTorrents.random(4 * PIECE_LENGTH, 5));
        TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
        Path file = payload.writeTo(directory.resolve("leech"));
        try (RandomAccessFile damage = new RandomAccessFile(file.toFile(), "rw")) {
            damage.seek(2L * PIECE_LENGTH + 100);
            damage.write(~payload.concatenated()[2 * PIECE_LENGTH + 100]);
        }
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(context, torrent, settings(directory.resolve("leech")).checkIntegrity(true)
                    .build(), events);
            harness.startDownloading(swarm);
            SwarmStatus status = harness.status(swarm);
            assertEquals(SwarmState.DOWNLOADING, status.state());
            assertEquals(3, status.verifiedPieces().cardinality());
            assertFalse(status.verifiedPieces().get(2));
            try (FakePeer seeder = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-repairer"))) {
                seeder.next();
                seeder.send(MessageId.HAVE_ALL);
                seeder.send(MessageId.UNCHOKE);
                List<FakePeer.Request> requests = seeder.awaitRequests(2);
                assertEquals(List.of(2, 2), requests.stream().map(FakePeer.Request::piece).toList());
                for (FakePeer.Request request : requests) {
                    int start = request.piece() * PIECE_LENGTH + request.offset();
                    seeder.sendPiece(request.piece(), request.offset(), Arrays.copyOfRange(
                            payload.concatenated(), start, start + request.length()));
                }
                events.await("download complete", WAIT);
            }
            harness.stop(swarm, StopMode.GRACEFUL);
            assertArrayEquals(payload.concatenated(), Files.readAllBytes(file));
        }
    }

    @Test
    void eachSelectedFileIsReportedCompleteOnce() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.bin", TestTorrents.random(40_000, 6));
        files.put("b.bin", TestTorrents.random(70_000, 7));
        files.put("c.bin", TestTorrents.random(10, 8));
        Payload three = TestTorrents.multiFile("album", files);
        TorrentMetainfo torrent = TestTorrents.torrent(three, PIECE_LENGTH);
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(context, torrent, settings(directory.resolve("leech")).build(), events);
            harness.startDownloading(swarm);
            try (FakePeer seeder = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-fileseed"))) {
                seeder.seedInBackground(three.concatenated(), PIECE_LENGTH);
                events.await("download complete", WAIT);
            }
            List<String> seen = events.seen();
            assertEquals("download complete", seen.get(seen.size() - 1));
            assertEquals(List.of("file 0", "file 1", "file 2"), seen.subList(0, 3).stream().sorted().toList());
            assertEquals(4, seen.size());
        }
    }
}
