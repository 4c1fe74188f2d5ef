package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.wire.MessageId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.storage.AllocationMode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile peers against a whole swarm: each is disconnected, and nothing else happens — no
 * error, no ban, no change to the download — and the same peer may connect again. (The exact
 * close reasons are checked at the connection level, in the wire package's HostilePeerTest.)
 * Torrent: 4 pieces of 32 KiB.
 */
class HostileSwarmPeerTest {

    private static final int PIECE_LENGTH = 32 * 1024;

    /** What the hostile peer does once connected. */
    enum Script {
        HUGE_LENGTH_PREFIX, BAD_BITFIELD_SIZE, HAVE_OUT_OF_RANGE, PIECE_LARGER_THAN_REQUESTED, REQUEST_FLOOD
    }

    @TempDir
    Path directory;

    static Stream<Arguments> scripts() {
        return Stream.of(Script.values()).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void theHostilePeerIsDisconnectedAndNothingElseHappens(Script script) throws Exception {
        Payload payload = TestTorrents.singleFile("target.bin", TestTorrents.random(4 * PIECE_LENGTH, 61));
        TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
        boolean seeding = script == Script.REQUEST_FLOOD;
        if (seeding) {
            payload.writeTo(directory);
        }
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(context, torrent, SwarmSettings.builder(directory)
                    .allocation(AllocationMode.NONE).checkIntegrity(seeding).seedRatio(0).build(), events);
            harness.start(swarm);
            SwarmState running = seeding ? SwarmState.SEEDING : SwarmState.DOWNLOADING;
            harness.awaitState(swarm, running);
            try (FakePeer hostile = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-hostile"))) {
                hostile.next();
                act(script, hostile);
                hostile.peer.expectEndOfStream();
            }
            SwarmStatus status = harness.status(swarm);
            assertEquals(running, status.state());
            assertEquals(0, status.connections());
            assertEquals(seeding ? 4 : 0, status.verifiedPieces().cardinality());
            assertTrue(events.seen().stream().noneMatch(event -> event.startsWith("error")), events.seen().toString());
            // Not banned: the same peer is welcome again.
            try (FakePeer again = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-hostile"))) {
                assertEquals(seeding ? MessageId.HAVE_ALL : MessageId.HAVE_NONE, again.next().id());
            }
        }
    }

    private static void act(Script script, FakePeer hostile) throws Exception {
        switch (script) {
            case HUGE_LENGTH_PREFIX -> hostile.peer.write(new byte[] {0x7f, -1, -1, -1});
            case BAD_BITFIELD_SIZE -> hostile.peer.write(ByteBuffer.allocate(8).putInt(4).put((byte) MessageId.BITFIELD)
                    .put(new byte[3]).array());
            case HAVE_OUT_OF_RANGE -> hostile.send(MessageId.HAVE, 4);
            case PIECE_LARGER_THAN_REQUESTED -> {
                hostile.send(MessageId.HAVE_ALL);
                hostile.send(MessageId.UNCHOKE);
                FakePeer.Request request = hostile.awaitRequests(1).get(0);
                hostile.sendPiece(request.piece(), request.offset(), new byte[request.length() + 1]);
            }
            case REQUEST_FLOOD -> {
                hostile.send(MessageId.INTERESTED);
                hostile.await(MessageId.UNCHOKE);
                ByteArrayOutputStream flood = new ByteArrayOutputStream();
                for (int i = 0; i <= 500; i++) {
                    flood.writeBytes(ByteBuffer.allocate(17).putInt(13).put((byte) MessageId.REQUEST).putInt(i % 4)
                            .putInt(i / 4 * 16).putInt(16).array());
                }
                hostile.peer.write(flood.toByteArray());
            }
        }
    }
}
