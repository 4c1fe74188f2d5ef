package dev.arietta.bittorrent.internal.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.internal.wire.AllowedFastSet;
import dev.arietta.bittorrent.internal.wire.MessageId;
import dev.arietta.bittorrent.internal.wire.PeerWireLimits;
import dev.arietta.bittorrent.internal.wire.ScriptedPeer.Message;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.storage.AllocationMode;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast extension (BEP 6) as the swarm uses it, against fake peers: the allowed-fast set we
 * grant a peer we choke and the requests for it we serve while choking, the pieces a peer
 * suggests requested first; and requests for pieces we lack from a peer without the extension
 * (ignored, as libtorrent and aria2 do, until there are too many).
 */
class FastExtensionSwarmTest {

    private static final int PIECE_LENGTH = 32 * 1024;
    private static final int BLOCK = 16 * 1024;

    @TempDir
    Path directory;

    @Test
    void aChokedInterestedPeerGetsItsAllowedFastSetAndThosePiecesAreServedWhileChoked() throws Exception {
        Payload payload = TestTorrents.singleFile("fast.bin", TestTorrents.random(16 * PIECE_LENGTH, 81));
        TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
        payload.writeTo(directory);
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            Swarm seeder = harness.add(context, torrent, SwarmSettings.builder(directory)
                    .allocation(AllocationMode.NONE).checkIntegrity(true).seedRatio(0).uploadSlots(1).build(),
                    new RecordingSwarmListener());
            harness.start(seeder);
            harness.awaitState(seeder, SwarmState.SEEDING);
            try (FakePeer first = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-first"));
                    FakePeer choked = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                            FakePeer.peerId("-FK0001-choked"))) {
                // The first interested peer takes the only upload slot.
                assertEquals(MessageId.HAVE_ALL, first.next().id());
                first.send(MessageId.HAVE_NONE);
                first.send(MessageId.INTERESTED);
                first.await(MessageId.UNCHOKE);

                assertEquals(MessageId.HAVE_ALL, choked.next().id());
                Set<Integer> having = Set.of(3);
                choked.send(MessageId.HAVE_NONE);
                choked.send(MessageId.HAVE, 3);
                choked.send(MessageId.INTERESTED);
                Set<Integer> expected = Arrays.stream(AllowedFastSet.generate(PeerWireLimits.ALLOWED_FAST_SET_SIZE,
                        16, torrent.infoHash(), InetAddress.getLoopbackAddress())).boxed()
                        .filter(piece -> !having.contains(piece)).collect(Collectors.toSet());
                assertTrue(expected.size() >= PeerWireLimits.ALLOWED_FAST_SET_SIZE - 1, expected.toString());
                Set<Integer> granted = new HashSet<>();
                while (granted.size() < expected.size()) {
                    Message message = choked.next();
                    assertEquals(MessageId.ALLOWED_FAST, message.id(), "expected the allowed-fast set, got " + message);
                    granted.add(message.buffer().getInt());
                }
                assertEquals(expected, granted);

                int allowed = granted.iterator().next();
                int other = 0;
                while (granted.contains(other)) {
                    other++;
                }
                choked.send(MessageId.REQUEST, other, 0, BLOCK);
                choked.send(MessageId.REQUEST, allowed, BLOCK, BLOCK);
                Message reject = choked.next();
                assertEquals(MessageId.REJECT, reject.id(), reject.toString());
                assertEquals(other, reject.buffer().getInt());
                Message piece = choked.next();
                assertEquals(MessageId.PIECE, piece.id(), "an allowed-fast block is served while choked: " + piece);
                ByteBuffer block = piece.buffer();
                assertEquals(allowed, block.getInt());
                assertEquals(BLOCK, block.getInt());
                byte[] data = new byte[block.remaining()];
                block.get(data);
                int start = allowed * PIECE_LENGTH + BLOCK;
                assertArrayEquals(Arrays.copyOfRange(payload.concatenated(), start, start + BLOCK), data);
                assertTrue(fixtureChokes(harness, seeder), "the peer is still choked");
            }
        }
    }

    private static boolean fixtureChokes(SwarmHarness harness, Swarm swarm) throws Exception {
        return harness.status(swarm).peers().stream().filter(peer -> !peer.amChoking()).count() == 1;
    }

    @Test
    void suggestedPiecesTheSeedHasAreRequestedFirst() throws Exception {
        Payload payload = TestTorrents.singleFile("suggested.bin", TestTorrents.random(32 * PIECE_LENGTH, 82));
        TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            Swarm leecher = harness.add(context, torrent, SwarmSettings.builder(directory)
                    .allocation(AllocationMode.NONE).seedRatio(0).build(), new RecordingSwarmListener());
            harness.startDownloading(leecher);
            try (FakePeer seed = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-suggesting"))) {
                assertEquals(MessageId.HAVE_NONE, seed.next().id());
                seed.send(MessageId.HAVE_ALL);
                seed.send(MessageId.SUGGEST, 21);
                seed.send(MessageId.SUGGEST, 6);
                seed.await(MessageId.INTERESTED);
                seed.send(MessageId.UNCHOKE);
                List<FakePeer.Request> requests = seed.awaitRequests(4);
                assertEquals(Set.of(6, 21), requests.stream().map(FakePeer.Request::piece).collect(Collectors.toSet()),
                        requests.toString());
            }
        }
    }

    @Test
    void aPeerWithoutTheFastExtensionAskingForAPieceWeLackIsIgnoredUntilItAsksTooOften() throws Exception {
        Payload payload = TestTorrents.singleFile("partial.bin", TestTorrents.random(4 * PIECE_LENGTH, 83));
        TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
        payload.writeTo(directory);
        try (RandomAccessFile file = new RandomAccessFile(directory.resolve("partial.bin").toFile(), "rw")) {
            file.seek(3L * PIECE_LENGTH);
            file.write(new byte[100]);
        }
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            Swarm partial = harness.add(context, torrent, SwarmSettings.builder(directory)
                    .allocation(AllocationMode.NONE).checkIntegrity(true).seedRatio(0).build(),
                    new RecordingSwarmListener());
            harness.startDownloading(partial);
            assertEquals(3, harness.status(partial).verifiedPieces().cardinality());
            try (FakePeer plain = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-plain"), false)) {
                assertEquals(MessageId.BITFIELD, plain.next().id());
                plain.send(MessageId.INTERESTED);
                plain.await(MessageId.UNCHOKE);
                plain.send(MessageId.REQUEST, 3, 0, BLOCK);
                plain.send(MessageId.REQUEST, 1, 0, BLOCK);
                Message answer = plain.next();
                assertEquals(MessageId.PIECE, answer.id(), "the request for piece 3 gets no answer: " + answer);
                assertEquals(1, answer.buffer().getInt());
                assertEquals(1, harness.status(partial).connections());
                assertNotEquals(SwarmState.FAILED, harness.status(partial).state());

                ByteArrayOutputStream more = new ByteArrayOutputStream();
                for (int i = 0; i < Uploader.MAX_INVALID_REQUESTS; i++) {
                    more.writeBytes(ByteBuffer.allocate(17).putInt(13).put((byte) MessageId.REQUEST).putInt(3)
                            .putInt(i % 2 * BLOCK).putInt(BLOCK).array());
                }
                plain.peer.write(more.toByteArray());
                plain.peer.expectEndOfStream();
            }
            harness.awaitStatus(partial, status -> status.connections() == 0, "the peer dropped");
            assertEquals(3, harness.status(partial).verifiedPieces().cardinality());
        }
    }
}
