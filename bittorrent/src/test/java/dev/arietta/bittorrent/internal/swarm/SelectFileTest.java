package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.wire.MessageId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.swarm.FakePeer.Request;
import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.internal.swarm.storage.TorrentStorage;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.storage.AllocationMode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code select-file}: only the pieces of selected files are fetched; a piece shared with an
 * unselected file is fetched whole and kept in the part file, so the unselected file is never
 * created, yet the shared piece verifies, uploads and survives a restart.
 *
 * <p>Layout (32 KiB pieces): a.bin [0, 40000) pieces 0-1, b.bin [40000, 140000) pieces 1-4,
 * c.bin [140000, 170000) pieces 4-5. Selecting a and c fetches pieces 0, 1, 4, 5; 1 and 4 are
 * shared with b.
 */
class SelectFileTest {

    private static final int PIECE_LENGTH = 32 * 1024;
    private static final long WAIT = 20;

    @TempDir
    Path directory;

    @Test
    void onlyNeededPiecesAreFetchedAndTheUnselectedFileIsNeverCreated() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.bin", TestTorrents.random(40_000, 31));
        files.put("b.bin", TestTorrents.random(100_000, 32));
        files.put("c.bin", TestTorrents.random(30_000, 33));
        Payload payload = TestTorrents.multiFile("pick", files);
        byte[] all = payload.concatenated();
        TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
        Path leech = directory.resolve("leech");
        try (SwarmHarness harness = SwarmHarness.drivenClock()) {
            BitTorrentContext context = harness.context();
            RecordingSwarmListener events = new RecordingSwarmListener();
            Swarm swarm = harness.add(context, torrent, SwarmSettings.builder(leech).allocation(AllocationMode.PREALLOC)
                    .selectedFiles(Set.of(0, 2)).build(), events);
            harness.startDownloading(swarm);
            assertEquals(70_000, harness.status(swarm).totalLength());
            try (FakePeer seeder = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-pickseed"))) {
                seeder.offerAll();
                List<Request> requests = seeder.awaitRequests(7);
                Set<Integer> pieces = new HashSet<>();
                for (Request request : requests) {
                    pieces.add(request.piece());
                    int start = request.piece() * PIECE_LENGTH + request.offset();
                    seeder.sendPiece(request.piece(), request.offset(),
                            Arrays.copyOfRange(all, start, start + request.length()));
                }
                assertEquals(Set.of(0, 1, 4, 5), pieces);
                events.await("download complete", WAIT);
            }
            List<String> seen = events.seen();
            assertEquals(List.of("download complete"), seen.subList(2, seen.size()));
            assertEquals(Set.of("file 0", "file 2"), Set.copyOf(seen.subList(0, 2)));
            SwarmStatus status = harness.status(swarm);
            assertEquals(70_000, status.completedLength());
            // b.bin's bytes in the shared pieces 1 and 4 count for the file, not for the download.
            assertEquals(List.of(40_000L, (2L * PIECE_LENGTH - 40_000) + (140_000 - 4L * PIECE_LENGTH), 30_000L),
                    status.files().stream().map(FileStatus::completedLength).toList());
            assertFalse(status.files().get(1).selected());

            // A peer asking for a shared piece gets the whole piece, read back from the part file.
            try (FakePeer leecher = FakePeer.connectTo(SwarmHarness.address(context), torrent.infoHash(),
                    FakePeer.peerId("-FK0001-pickleec"))) {
                leecher.await(MessageId.BITFIELD);
                leecher.send(MessageId.INTERESTED);
                leecher.await(MessageId.UNCHOKE);
                leecher.send(MessageId.REQUEST, 1, 0, 16384);
                ByteBuffer piece = leecher.await(MessageId.PIECE).buffer();
                piece.position(8);
                byte[] data = new byte[piece.remaining()];
                piece.get(data);
                assertArrayEquals(Arrays.copyOfRange(all, PIECE_LENGTH, PIECE_LENGTH + 16384), data);
            }

            harness.stop(swarm, StopMode.GRACEFUL);
            assertArrayEquals(files.get("a.bin"), Files.readAllBytes(payload.pathIn(leech, "a.bin")));
            assertArrayEquals(files.get("c.bin"), Files.readAllBytes(payload.pathIn(leech, "c.bin")));
            assertFalse(Files.exists(payload.pathIn(leech, "b.bin")), "the unselected file was created");
            assertTrue(Files.exists(leech.resolve("." + torrent.infoHash().hex() + TorrentStorage.PART_FILE_SUFFIX)));

            // After a restart the shared pieces are checked again from the part file and still count.
            harness.start(swarm);
            harness.awaitState(swarm, SwarmState.SEEDING);
            assertEquals(Set.of(0, 1, 4, 5), bits(harness.status(swarm).verifiedPieces()));
        }
    }

    private static Set<Integer> bits(Bitfield bits) {
        Set<Integer> set = new HashSet<>();
        for (int bit = bits.nextSetBit(0); bit >= 0; bit = bits.nextSetBit(bit + 1)) {
            set.add(bit);
        }
        return set;
    }
}
