package dev.arietta.bittorrent.internal.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.internal.wire.ScriptedPeer;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.storage.AllocationMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bound on memory held for received data: with room for only four blocks, pieces of eight
 * blocks cannot be held whole, so they are spilled to disk as they come and hashed by reading
 * them back — the download still completes with the right bytes, and a bad spilled piece
 * still gets its supplier banned. Torrent: 6 pieces of 128 KiB.
 */
class MemoryBoundTest {

    private static final int PIECE_LENGTH = 128 * 1024;
    private static final long FOUR_BLOCKS = 4 * 16 * 1024;
    private static final long WAIT = 20;

    @TempDir
    Path directory;
    private final Payload payload = TestTorrents.singleFile("bounded.bin", TestTorrents.random(6 * PIECE_LENGTH, 81));
    private final TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);

    /** A context whose memory for received data holds four blocks. */
    private static BitTorrentContext bounded(SwarmHarness harness) throws Exception {
        return harness.context(builder -> builder.maxQueuedWriteBytes(FOUR_BLOCKS));
    }

    private void assertDownloaded() throws IOException {
        assertArrayEquals(payload.concatenated(), Files.readAllBytes(directory.resolve("bounded.bin")));
    }

    private Swarm startLeecher(SwarmHarness harness, BitTorrentContext context, RecordingSwarmListener events)
            throws Exception {
        Swarm swarm = harness.add(context, torrent, SwarmSettings.builder(directory).allocation(AllocationMode.NONE)
                .build(), events);
        harness.startDownloading(swarm);
        return swarm;
    }

    @Test
    void piecesLargerThanTheBoundAreSpilledAndStillVerified() throws Exception {
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = bounded(harness);
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = startLeecher(harness, context, events);
            try (FakePeer seeder = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-boundsee"))) {
                seeder.seedInBackground(payload.concatenated(), PIECE_LENGTH);
                events.await("download complete", WAIT);
            }
            harness.stop(swarm, StopMode.GRACEFUL);
            assertDownloaded();
        }
    }

    /**
     * Blocks asked for count against the bound as well: three peers that unchoke at once are
     * sent four requests between them (room for four blocks), not a pipeline each, so that
     * whatever they send fits. Once they answer, the download completes.
     */
    @Test
    void requestsInFlightAcrossAllPeersStayWithinTheBound() throws Exception {
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = bounded(harness);
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = startLeecher(harness, context, events);
            List<FakePeer> peers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    FakePeer peer = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                            FakePeer.peerId("-FK0001-inflight" + i));
                    peers.add(peer);
                    peer.offerAll();
                }
                List<List<FakePeer.Request>> asked = new ArrayList<>();
                for (FakePeer peer : peers) {
                    asked.add(peer.requestsUntilQuiet(300));
                }
                assertEquals(FOUR_BLOCKS / (16 * 1024), asked.stream().mapToInt(List::size).sum(), asked.toString());
                for (int i = 0; i < peers.size(); i++) {
                    peers.get(i).serveInBackground(payload.concatenated(), PIECE_LENGTH, asked.get(i));
                }
                events.await("download complete", WAIT);
            } finally {
                for (FakePeer peer : peers) {
                    peer.close();
                }
            }
            harness.stop(swarm, StopMode.GRACEFUL);
            assertDownloaded();
        }
    }

    @Test
    void aBadSpilledPieceStillGetsItsSupplierBanned() throws Exception {
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = bounded(harness);
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = startLeecher(harness, context, events);
            try (FakePeer liar = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-boundlie"))) {
                // Banned once its first piece is read back and fails: the swarm closes the connection.
                liar.seedInBackground(new byte[payload.concatenated().length], PIECE_LENGTH)
                        .get(WAIT, TimeUnit.SECONDS);
            }
            try (ScriptedPeer again = new ScriptedPeer(new Socket(InetAddress.getLoopbackAddress(),
                    context.listenPort()))) {
                again.writeHandshake(torrent.infoHash(), FakePeer.peerId("-FK0001-boundlie"), true, false);
                again.expectEndOfStream();
            }
            try (FakePeer honest = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-boundhon"))) {
                honest.seedInBackground(payload.concatenated(), PIECE_LENGTH);
                events.await("download complete", WAIT);
            }
            harness.stop(swarm, StopMode.GRACEFUL);
            assertDownloaded();
        }
    }
}
