package dev.arietta.bittorrent.internal.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.swarm.FakePeer.Request;
import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.internal.wire.MessageId;
import dev.arietta.bittorrent.internal.wire.ScriptedPeer.Message;
import dev.arietta.bittorrent.internal.wire.ScriptedPeer;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.storage.AllocationMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download and upload paths against fake peers: requests only when unchoked or allowed
 * fast, rejects answered by requesting again, end-game cancels, a bad piece's supplier banned,
 * uploads of verified pieces only. Torrent: 4 pieces of 32 KiB (two blocks each), the last
 * one 20000 bytes.
 */
class DataPathTest {

    private static final int PIECE_LENGTH = 32 * 1024;
    private static final long WAIT = 20;

    @TempDir
    Path directory;
    private final Payload payload = TestTorrents.singleFile("data.bin",
            TestTorrents.random(3 * PIECE_LENGTH + 20_000, 17));
    private final TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
    private SwarmHarness harness;
    private BitTorrentContext context;
    private final RecordingSwarmListener events = new RecordingSwarmListener();
    private Swarm swarm;

    @BeforeEach
    void startLeecher() throws Exception {
        harness = SwarmHarness.drivenClock();
        context = harness.context();
        swarm = harness.add(context, torrent, SwarmSettings.builder(directory.resolve("leech"))
                .allocation(AllocationMode.NONE).build(), events);
        harness.startDownloading(swarm);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private FakePeer connect(String name) throws IOException {
        return FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(), FakePeer.peerId(name));
    }

    private byte[] block(Request request) {
        int start = request.piece() * PIECE_LENGTH + request.offset();
        return Arrays.copyOfRange(payload.concatenated(), start, start + request.length());
    }

    private void serve(FakePeer peer, Request request) throws IOException {
        peer.sendPiece(request.piece(), request.offset(), block(request));
    }

    /** Waits a moment and checks the swarm sent nothing meanwhile. */
    private static void assertQuiet(FakePeer peer) throws Exception {
        Thread.sleep(200);
        assertEquals(0, peer.peer.input().available(), "the swarm sent something");
    }

    @Test
    void requestsWaitForTheUnchokeThenTheWholeTorrentArrives() throws Exception {
        try (FakePeer seeder = connect("-FK0001-seeder")) {
            assertEquals(MessageId.HAVE_NONE, seeder.next().id());
            seeder.send(MessageId.HAVE_ALL);
            seeder.await(MessageId.INTERESTED);
            assertQuiet(seeder);
            seeder.send(MessageId.UNCHOKE);
            List<Request> requests = seeder.awaitRequests(8);
            Set<Integer> pieces = new HashSet<>();
            for (Request request : requests) {
                serve(seeder, request);
                pieces.add(request.piece());
            }
            assertEquals(Set.of(0, 1, 2, 3), pieces);
            events.await("download complete", WAIT);
            // Both sides are seeds now: the swarm closes the connection.
            seeder.peer.expectEndOfStream();
        }
        assertTrue(harness.status(swarm).verifiedPieces().isFull());
        harness.stop(swarm, StopMode.GRACEFUL);
        assertArrayEquals(payload.concatenated(), Files.readAllBytes(directory.resolve("leech/data.bin")));
    }

    @Test
    void whileChokedOnlyAllowedFastPiecesAreRequested() throws Exception {
        try (FakePeer seeder = connect("-FK0001-allowfast")) {
            seeder.next();
            seeder.send(MessageId.HAVE_ALL);
            seeder.await(MessageId.INTERESTED);
            seeder.send(MessageId.ALLOWED_FAST, 2);
            List<Request> requests = seeder.awaitRequests(2);
            assertEquals(Set.of(new Request(2, 0, 16384), new Request(2, 16384, 16384)), new HashSet<>(requests));
            for (Request request : requests) {
                serve(seeder, request);
            }
            assertEquals(2, seeder.await(MessageId.HAVE).buffer().getInt());
            assertQuiet(seeder);
            Bitfield verified = harness.status(swarm).verifiedPieces();
            assertEquals(1, verified.cardinality());
            assertTrue(verified.get(2));
        }
    }

    @Test
    void aRejectedBlockIsRequestedAgain() throws Exception {
        try (FakePeer seeder = connect("-FK0001-rejecter")) {
            seeder.offerAll();
            List<Request> requests = seeder.awaitRequests(8);
            Request rejected = requests.get(0);
            seeder.send(MessageId.REJECT, rejected.piece(), rejected.offset(), rejected.length());
            for (Request request : requests.subList(1, requests.size())) {
                serve(seeder, request);
            }
            assertEquals(rejected, seeder.awaitRequests(1).get(0));
            serve(seeder, rejected);
            events.await("download complete", WAIT);
        }
    }

    @Test
    void endGameAsksASecondPeerAndCancelsTheFirstWhenTheBlockArrives() throws Exception {
        try (FakePeer slow = connect("-FK0001-slowpeer"); FakePeer fast = connect("-FK0001-fastpeer")) {
            slow.offerAll();
            List<Request> fromSlow = slow.awaitRequests(8);
            fast.offerAll();
            // Every block is already requested: end-game hands the fast peer duplicates.
            List<Request> fromFast = fast.awaitRequests(8);
            assertEquals(new HashSet<>(fromSlow), new HashSet<>(fromFast));
            Set<Request> cancelled = new HashSet<>();
            for (Request request : fromFast) {
                serve(fast, request);
            }
            while (cancelled.size() < 8) {
                cancelled.add(FakePeer.request(slow.await(MessageId.CANCEL)));
            }
            assertEquals(new HashSet<>(fromSlow), cancelled);
            events.await("download complete", WAIT);
        }
    }

    @Test
    void theSoleSupplierOfABadPieceIsBannedAndAGoodPeerFinishes() throws Exception {
        try (FakePeer liar = connect("-FK0001-liarliar")) {
            liar.offerAll();
            for (Request request : liar.awaitRequests(8)) {
                liar.sendPiece(request.piece(), request.offset(), new byte[request.length()]);
            }
            liar.peer.expectEndOfStream();
        }
        assertEquals(0, harness.status(swarm).connections());
        assertEquals(0, harness.status(swarm).verifiedPieces().cardinality());
        try (ScriptedPeer again = new ScriptedPeer(new Socket(InetAddress.getLoopbackAddress(), context.listenPort()))) {
            again.writeHandshake(torrent.infoHash(), FakePeer.peerId("-FK0001-liarliar"), true, false);
            again.expectEndOfStream();
        }
        // Blocks of the liar may still sit in incomplete pieces: the honest peer serves whatever is asked.
        try (FakePeer honest = connect("-FK0001-honestpr")) {
            honest.seedInBackground(payload.concatenated(), PIECE_LENGTH);
            events.await("download complete", WAIT);
        }
        harness.stop(swarm, StopMode.GRACEFUL);
        assertArrayEquals(payload.concatenated(), Files.readAllBytes(directory.resolve("leech/data.bin")));
    }

    @Test
    void contributorsToABadPieceGoOnParoleWhereTheLiarIsCaughtAlone() throws Exception {
        try (FakePeer liar = connect("-FK0001-paroliar"); FakePeer honest = connect("-FK0001-parohone")) {
            liar.offerAll();
            liar.awaitRequests(8);
            // Pieces 1 and 2 good, block 0 of piece 0 bad; the rest refused, so others must supply it.
            for (Request request : List.of(new Request(1, 0, 16384), new Request(1, 16384, 16384),
                    new Request(2, 0, 16384), new Request(2, 16384, 16384))) {
                serve(liar, request);
            }
            liar.sendPiece(0, 0, new byte[16384]);
            liar.send(MessageId.CHOKE);
            liar.send(MessageId.REJECT, 0, 16384, 16384);
            liar.send(MessageId.REJECT, 3, 0, 16384);
            liar.send(MessageId.REJECT, 3, 16384, 20_000 - 16384);
            Bitfield notThree = new Bitfield(4);
            notThree.set(0);
            notThree.set(1);
            notThree.set(2);
            honest.offer(notThree);
            Request missing = honest.awaitRequests(1).get(0);
            assertEquals(new Request(0, 16384, 16384), missing);
            serve(honest, missing);
            // Piece 0 fails with two suppliers: both are on parole and get whole pieces of their own.
            assertEquals(Set.of(new Request(0, 0, 16384), new Request(0, 16384, 16384)),
                    new HashSet<>(honest.awaitRequests(2)));
            liar.send(MessageId.UNCHOKE);
            List<Request> alone = liar.awaitRequests(2);
            assertEquals(Set.of(new Request(3, 0, 16384), new Request(3, 16384, 20_000 - 16384)),
                    new HashSet<>(alone));
            for (Request request : alone) {
                liar.sendPiece(request.piece(), request.offset(), new byte[request.length()]);
            }
            liar.peer.expectEndOfStream();
            serve(honest, new Request(0, 0, 16384));
            serve(honest, new Request(0, 16384, 16384));
            try (FakePeer finisher = connect("-FK0001-parofini")) {
                finisher.seedInBackground(payload.concatenated(), PIECE_LENGTH);
                events.await("download complete", WAIT);
            }
            assertTrue(harness.status(swarm).peers().stream().noneMatch(peer -> peer.peerId().contains("paroliar")));
        }
        harness.stop(swarm, StopMode.GRACEFUL);
        assertArrayEquals(payload.concatenated(), Files.readAllBytes(directory.resolve("leech/data.bin")));
    }

    @Test
    void onlyVerifiedPiecesAreUploadedAndOthersRejected() throws Exception {
        try (FakePeer seeder = connect("-FK0001-halfseed")) {
            Bitfield half = new Bitfield(4);
            half.set(0);
            half.set(1);
            seeder.offer(half);
            for (Request request : seeder.awaitRequests(4)) {
                serve(seeder, request);
            }
            seeder.await(MessageId.HAVE);
            seeder.await(MessageId.HAVE);
            try (FakePeer leecher = connect("-FK0001-leecher1")) {
                Message bitfield = leecher.await(MessageId.BITFIELD);
                assertEquals((byte) 0b1100_0000, bitfield.payload()[0]);
                leecher.send(MessageId.INTERESTED);
                leecher.await(MessageId.UNCHOKE);
                leecher.send(MessageId.REQUEST, 3, 0, 16384);
                Message reject = leecher.await(MessageId.REJECT);
                assertEquals(new Request(3, 0, 16384), FakePeer.request(reject));
                leecher.send(MessageId.REQUEST, 1, 16384, 16384);
                ByteBuffer piece = leecher.await(MessageId.PIECE).buffer();
                assertEquals(1, piece.getInt());
                assertEquals(16384, piece.getInt());
                byte[] data = new byte[piece.remaining()];
                piece.get(data);
                assertArrayEquals(block(new Request(1, 16384, 16384)), data);
            }
            assertTrue(harness.status(swarm).uploadedBytes() >= 16384);
        }
    }

    @Test
    void aHostilePeerIsDisconnectedAndTheSwarmCarriesOn() throws Exception {
        try (FakePeer hostile = connect("-FK0001-hostile1")) {
            hostile.next();
            hostile.peer.write(new byte[] {0x7f, -1, -1, -1});
            hostile.peer.expectEndOfStream();
        }
        assertEquals(SwarmState.DOWNLOADING, harness.status(swarm).state());
        assertEquals(0, harness.status(swarm).connections());
        try (FakePeer seeder = connect("-FK0001-goodseed")) {
            seeder.offerAll();
            for (Request request : seeder.awaitRequests(8)) {
                serve(seeder, request);
            }
            events.await("download complete", WAIT);
        }
        assertFalse(events.seen().stream().anyMatch(event -> event.startsWith("error")));
    }
}
