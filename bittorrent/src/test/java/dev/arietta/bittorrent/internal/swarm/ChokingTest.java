package dev.arietta.bittorrent.internal.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.swarm.FakePeer.Request;
import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.internal.swarm.choke.Choker;
import dev.arietta.bittorrent.internal.wire.MessageId;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.storage.AllocationMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Choking on a driven clock: upload slots are bounded, rounds every 10 s keep the count, the
 * optimistic unchoke reaches a choked peer; a peer that chokes us and rejects our requests
 * has them asked of another peer. Torrent: 4 pieces of 32 KiB.
 */
class ChokingTest {

    private static final int PIECE_LENGTH = 32 * 1024;
    private static final long WAIT = 20;

    @TempDir
    Path directory;
    private final Payload payload = TestTorrents.singleFile("choke.bin", TestTorrents.random(4 * PIECE_LENGTH, 91));
    private final TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);

    private static long unchoked(SwarmStatus status) {
        return status.peers().stream().filter(peer -> !peer.amChoking()).count();
    }

    @Test
    void uploadSlotsAreBoundedAndTheOptimisticUnchokeReachesAChokedPeer() throws Exception {
        payload.writeTo(directory);
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm seeder = harness.add(context, torrent, SwarmSettings.builder(directory)
                    .allocation(AllocationMode.NONE).checkIntegrity(true).seedRatio(0).uploadSlots(2).build(), events);
            harness.start(seeder);
            events.await("download complete", WAIT);
            List<FakePeer> leechers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    FakePeer leecher = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                            FakePeer.peerId("-FK0001-leech" + i));
                    leecher.next();
                    leecher.send(MessageId.INTERESTED);
                    leechers.add(leecher);
                }
                // Two free slots: the first two interested peers are unchoked at once, the third waits.
                leechers.get(0).await(MessageId.UNCHOKE);
                leechers.get(1).await(MessageId.UNCHOKE);
                awaitUnchoked(harness, seeder, 2);
                assertTrue(harness.status(seeder).peers().stream().anyMatch(PeerStatus::amChoking));
                Set<String> everUnchoked = new HashSet<>();
                for (int round = 0; round < 12 && everUnchoked.size() < 3; round++) {
                    harness.fixture.advance(Choker.ROUND_INTERVAL_NANOS);
                    SwarmStatus status = harness.status(seeder);
                    assertEquals(2, unchoked(status), "after round " + round + ": " + status.peers());
                    status.peers().stream().filter(peer -> !peer.amChoking())
                            .forEach(peer -> everUnchoked.add(peer.peerId()));
                }
                assertEquals(3, everUnchoked.size(), "the optimistic unchoke never reached the third peer");
            } finally {
                for (FakePeer leecher : leechers) {
                    leecher.close();
                }
            }
        }
    }

    private static void awaitUnchoked(SwarmHarness harness, Swarm swarm, int count) throws Exception {
        harness.awaitStatus(swarm, status -> unchoked(status) == count, count + " peers unchoked");
    }

    @Test
    void requestsAPeerRejectsOnChokingUsAreAskedOfAnother() throws Exception {
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm leecher = harness.add(context, torrent, SwarmSettings.builder(directory)
                    .allocation(AllocationMode.NONE).build(), events);
            harness.startDownloading(leecher);
            try (FakePeer fickle = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-fickle"));
                    FakePeer steady = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                            FakePeer.peerId("-FK0001-steady"))) {
                fickle.offerAll();
                List<Request> asked = fickle.awaitRequests(8);
                // BEP 6: choking a fast-extension peer leaves its requests to be rejected one by one.
                fickle.send(MessageId.CHOKE);
                for (Request request : asked) {
                    fickle.send(MessageId.REJECT, request.piece(), request.offset(), request.length());
                }
                steady.offerAll();
                List<Request> reasked = steady.awaitRequests(8);
                assertEquals(new HashSet<>(asked), new HashSet<>(reasked));
                for (Request request : reasked) {
                    int start = request.piece() * PIECE_LENGTH + request.offset();
                    steady.sendPiece(request.piece(), request.offset(),
                            Arrays.copyOfRange(payload.concatenated(), start, start + request.length()));
                }
                events.await("download complete", WAIT);
            }
        }
    }
}
