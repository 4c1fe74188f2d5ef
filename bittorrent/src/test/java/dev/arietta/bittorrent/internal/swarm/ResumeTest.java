package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.wire.MessageId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.swarm.FakePeer.Request;
import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.resume.ResumeStateFile;
import dev.arietta.core.internal.storage.AllocationMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume: verified pieces are saved (periodically and on stop) and trusted on restart; partly
 * downloaded pieces and pieces whose file vanished are fetched again. Torrent: 4 pieces of
 * 32 KiB (two blocks each).
 */
class ResumeTest {

    private static final int PIECE_LENGTH = 32 * 1024;
    private static final long WAIT = 20;

    @TempDir
    Path directory;
    private final Payload payload = TestTorrents.singleFile("resume.bin", TestTorrents.random(4 * PIECE_LENGTH, 21));
    private final TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
    private SwarmHarness harness;
    private BitTorrentContext context;
    private Swarm swarm;
    private final RecordingSwarmListener events = new RecordingSwarmListener();

    @BeforeEach
    void start() throws Exception {
        harness = SwarmHarness.drivenClock();
        context = harness.context();
        swarm = harness.add(context, torrent, settings(directory.resolve("leech")), events);
        harness.startDownloading(swarm);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static SwarmSettings settings(Path dir) {
        return SwarmSettings.builder(dir).allocation(AllocationMode.NONE).build();
    }

    private FakePeer connect(BitTorrentContext to, String name) throws IOException {
        return FakePeer.connectTo(SwarmHarness.address(to), torrent.infoHash(), FakePeer.peerId(name));
    }

    private void serve(FakePeer peer, Request request) throws IOException {
        int start = request.piece() * PIECE_LENGTH + request.offset();
        peer.sendPiece(request.piece(), request.offset(),
                Arrays.copyOfRange(payload.concatenated(), start, start + request.length()));
    }

    /** Downloads pieces 0 and 1 from a peer that has only those, and piece 2's first block from another. */
    private void downloadHalfAndABlock() throws Exception {
        try (FakePeer half = connect(context, "-FK0001-halfhalf")) {
            Bitfield pieces = new Bitfield(4);
            pieces.set(0);
            pieces.set(1);
            half.offer(pieces);
            for (Request request : half.awaitRequests(4)) {
                serve(half, request);
            }
            half.await(MessageId.HAVE);
            half.await(MessageId.HAVE);
        }
        try (FakePeer partial = connect(context, "-FK0001-partial2")) {
            Bitfield pieces = new Bitfield(4);
            pieces.set(2);
            partial.offer(pieces);
            List<Request> requests = partial.awaitRequests(2);
            serve(partial, requests.get(0));
            Thread.sleep(100);
        }
    }

    private void awaitVerified(int count) throws Exception {
        harness.awaitStatus(swarm, status -> status.verifiedPieces().cardinality() >= count, count + " pieces verified");
    }

    @Test
    void aRestartKeepsVerifiedPiecesAndFetchesOnlyTheRest() throws Exception {
        downloadHalfAndABlock();
        awaitVerified(2);
        harness.stop(swarm, StopMode.GRACEFUL);
        assertTrue(Files.exists(ResumeStateFile.pathFor(directory.resolve("leech/resume.bin"))));
        harness.startDownloading(swarm);
        Bitfield verified = harness.status(swarm).verifiedPieces();
        assertEquals(Set.of(0, 1), set(verified));
        try (FakePeer seeder = connect(context, "-FK0001-fullseed")) {
            seeder.next();
            seeder.send(MessageId.HAVE_ALL);
            seeder.send(MessageId.UNCHOKE);
            List<Request> requests = seeder.awaitRequests(4);
            assertEquals(Set.of(new Request(2, 0, 16384), new Request(2, 16384, 16384), new Request(3, 0, 16384),
                    new Request(3, 16384, 16384)), new HashSet<>(requests));
            for (Request request : requests) {
                serve(seeder, request);
            }
            events.await("download complete", WAIT);
        }
        harness.stop(swarm, StopMode.GRACEFUL);
        assertArrayEquals(payload.concatenated(), Files.readAllBytes(directory.resolve("leech/resume.bin")));
    }

    @Test
    void aZeroIntervalSavesTheStateOnlyWhenTheSwarmStops() throws Exception {
        harness.stop(swarm, StopMode.FORCED);
        Swarm first = swarm;
        harness.fixture.run(() -> context.remove(first));
        Path dir = directory.resolve("only-on-stop");
        swarm = harness.add(context, torrent, settings(dir).toBuilder().resumeSaveInterval(java.time.Duration.ZERO)
                .build(), events);
        harness.startDownloading(swarm);
        downloadHalfAndABlock();
        awaitVerified(2);
        Path state = ResumeStateFile.pathFor(dir.resolve("resume.bin"));
        harness.fixture.advance(10 * SwarmSettings.DEFAULT_RESUME_SAVE_INTERVAL.toNanos());
        Thread.sleep(300);
        assertFalse(Files.exists(state), "no periodic save with auto-save-interval=0");
        harness.stop(swarm, StopMode.GRACEFUL);
        assertTrue(Files.exists(state), "saved when the swarm stops");
    }

    @Test
    void thePeriodicSaveLeavesWhatACrashWouldFindAndItResumes() throws Exception {
        downloadHalfAndABlock();
        awaitVerified(2);
        Path state = ResumeStateFile.pathFor(directory.resolve("leech/resume.bin"));
        harness.fixture.advance(SwarmSettings.DEFAULT_RESUME_SAVE_INTERVAL.toNanos());
        SwarmHarness.until("the periodic save of " + state, () -> Files.exists(state));
        // What a crash at this moment leaves on disk: the data file and the saved state, copied aside.
        Path crashed = Files.createDirectories(directory.resolve("crashed"));
        Files.copy(directory.resolve("leech/resume.bin"), crashed.resolve("resume.bin"));
        Files.copy(state, crashed.resolve(state.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        BitTorrentContext other = harness.context();
        RecordingSwarmListener otherEvents = new RecordingSwarmListener();
        Swarm restarted = harness.add(other, torrent, settings(crashed), otherEvents);
        harness.startDownloading(restarted);
        assertEquals(Set.of(0, 1), set(harness.status(restarted).verifiedPieces()));
        try (FakePeer seeder = connect(other, "-FK0001-crashsee")) {
            seeder.seedInBackground(payload.concatenated(), PIECE_LENGTH);
            otherEvents.await("download complete", WAIT);
        }
        assertEquals(2 * PIECE_LENGTH, harness.status(restarted).downloadedBytes());
        harness.stop(restarted, StopMode.GRACEFUL);
        assertArrayEquals(payload.concatenated(), Files.readAllBytes(crashed.resolve("resume.bin")));
    }

    @Test
    void piecesOfADeletedFileAreNotTrusted() throws Exception {
        downloadHalfAndABlock();
        awaitVerified(2);
        harness.stop(swarm, StopMode.GRACEFUL);
        Files.delete(directory.resolve("leech/resume.bin"));
        harness.startDownloading(swarm);
        assertEquals(0, harness.status(swarm).verifiedPieces().cardinality());
    }

    private static Set<Integer> set(Bitfield bits) {
        Set<Integer> set = new HashSet<>();
        for (int bit = bits.nextSetBit(0); bit >= 0; bit = bits.nextSetBit(bit + 1)) {
            set.add(bit);
        }
        return set;
    }
}
