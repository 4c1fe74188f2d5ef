package dev.arietta.bittorrent.internal.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.storage.AllocationMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our swarms exchanging torrents over loopback. */
class SwarmLoopbackTest {

    private static final long TRANSFER_SECONDS = 30;

    @TempDir
    Path directory;

    private static SwarmSettings seederSettings(Path dir) {
        return SwarmSettings.builder(dir).allocation(AllocationMode.NONE).checkIntegrity(true).seedRatio(0).build();
    }

    private static SwarmSettings leecherSettings(Path dir) {
        return SwarmSettings.builder(dir).allocation(AllocationMode.NONE).build();
    }

    @Test
    void singleFileGoesFromOneSeederToOneLeecher() throws Exception {
        Payload payload = TestTorrents.singleFile("single.bin", TestTorrents.random(1024 * 1024 + 1234, 5));
        TorrentMetainfo torrent = TestTorrents.torrent(payload, 64 * 1024);
        Path seedDir = directory.resolve("seed");
        Path leechDir = directory.resolve("leech");
        payload.writeTo(seedDir);
        try (SwarmHarness harness = SwarmHarness.realTime()) {
            BitTorrentContext seedContext = harness.context();
            BitTorrentContext leechContext = harness.context();
            RecordingSwarmListener seedEvents = new RecordingSwarmListener();
            RecordingSwarmListener leechEvents = new RecordingSwarmListener();
            Swarm seeder = harness.add(seedContext, torrent, seederSettings(seedDir), seedEvents);
            Swarm leecher = harness.add(leechContext, torrent, leecherSettings(leechDir), leechEvents);
            harness.start(seeder);
            seedEvents.await("download complete", TRANSFER_SECONDS);
            harness.start(leecher);
            harness.connect(leecher, seedContext);
            leechEvents.await("file 0", TRANSFER_SECONDS);
            leechEvents.await("download complete", TRANSFER_SECONDS);
            SwarmStatus status = harness.status(leecher);
            assertEquals(SwarmState.SEEDING, status.state());
            assertEquals(payload.concatenated().length, status.completedLength());
            assertTrue(status.verifiedPieces().isFull());
            harness.stop(leecher, StopMode.GRACEFUL);
            assertArrayEquals(payload.concatenated(), Files.readAllBytes(leechDir.resolve("single.bin")));
            assertTrue(harness.status(seeder).uploadedBytes() >= payload.concatenated().length);
        }
    }
}
