package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.wire.MessageId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arietta.bittorrent.internal.swarm.FakePeer.Request;
import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.storage.AllocationMode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code max-download-limit}, {@code max-upload-limit} and the session's upload limit, on a
 * driven clock: with a limit of 32 KiB/s (a bucket of two 16 KiB blocks) exactly two blocks
 * move until the clock advances a second, and lifting the limit live lets the rest through.
 * Torrent: 4 pieces of 32 KiB.
 */
class RateLimitTest {

    private static final int PIECE_LENGTH = 32 * 1024;
    private static final long LIMIT = 32 * 1024;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path directory;
    private final Payload payload = TestTorrents.singleFile("limited.bin", TestTorrents.random(4 * PIECE_LENGTH, 71));
    private final TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);

    private static void assertQuiet(FakePeer peer) throws Exception {
        Thread.sleep(200);
        assertEquals(0, peer.peer.input().available(), "the swarm sent something");
    }

    private byte[] block(Request request) {
        int start = request.piece() * PIECE_LENGTH + request.offset();
        return Arrays.copyOfRange(payload.concatenated(), start, start + request.length());
    }

    @Test
    void theDownloadLimitPacesRequestsAndCanBeLiftedLive() throws Exception {
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(context, torrent, SwarmSettings.builder(directory)
                    .allocation(AllocationMode.NONE).maxDownloadLimit(LIMIT).build(), events);
            harness.startDownloading(swarm);
            try (FakePeer seeder = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-ratelimi"))) {
                seeder.next();
                seeder.send(MessageId.HAVE_ALL);
                seeder.send(MessageId.UNCHOKE);
                List<Request> first = seeder.awaitRequests(2);
                assertQuiet(seeder);
                harness.fixture.advance(SECOND);
                List<Request> second = seeder.awaitRequests(2);
                assertQuiet(seeder);
                harness.fixture.run(() -> swarm.setMaxDownloadLimit(0));
                List<Request> rest = seeder.awaitRequests(4);
                for (List<Request> batch : List.of(first, second, rest)) {
                    for (Request request : batch) {
                        seeder.sendPiece(request.piece(), request.offset(), block(request));
                    }
                }
                events.await("download complete", 20);
            }
        }
    }

    @Test
    void theTorrentsAndTheSessionsUploadLimitsPaceBlocksSent() throws Exception {
        payload.writeTo(directory);
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(context, torrent, SwarmSettings.builder(directory)
                    .allocation(AllocationMode.NONE).checkIntegrity(true).seedRatio(0).maxUploadLimit(LIMIT).build(),
                    events);
            harness.start(swarm);
            events.await("download complete", 20);
            try (FakePeer leecher = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-upleecher"))) {
                leecher.next();
                leecher.send(MessageId.INTERESTED);
                leecher.await(MessageId.UNCHOKE);
                for (int piece = 0; piece < 4; piece++) {
                    leecher.send(MessageId.REQUEST, piece, 0, 16384);
                    leecher.send(MessageId.REQUEST, piece, 16384, 16384);
                }
                leecher.await(MessageId.PIECE);
                leecher.await(MessageId.PIECE);
                assertQuiet(leecher);
                harness.fixture.advance(SECOND);
                leecher.await(MessageId.PIECE);
                leecher.await(MessageId.PIECE);
                assertQuiet(leecher);
                // The torrent's own limit lifted, the session's limit now holds the same pace.
                harness.fixture.run(() -> {
                    context.uploadLimiter().setGlobalRate(LIMIT);
                    swarm.setMaxUploadLimit(0);
                });
                harness.fixture.advance(SECOND);
                leecher.await(MessageId.PIECE);
                leecher.await(MessageId.PIECE);
                assertQuiet(leecher);
                harness.fixture.run(() -> context.uploadLimiter().setGlobalRate(0));
                harness.fixture.advance(SECOND);
                leecher.await(MessageId.PIECE);
                leecher.await(MessageId.PIECE);
            }
            assertEquals(8L * 16384, harness.status(swarm).uploadedBytes());
        }
    }
}
