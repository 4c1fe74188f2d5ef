package dev.arietta.bittorrent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.it.TorrentFixtures.CreatedTorrent;
import dev.arietta.bittorrent.it.TorrentFixtures.TorrentSpec;
import dev.arietta.bittorrent.metainfo.InfoHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real-program fixtures work together: torrents move between libtorrent and aria2c. */
class RealPeersIT {

    private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    Path directory;

    @Test
    void libtorrentSeederToAria2LeecherThroughOpentracker() throws Exception {
        Path payload = TorrentFixtures.randomFile(directory.resolve("seed/payload.bin"), 3 * 1024 * 1024 + 123, 7);
        // The whitelist needs the info-hash, which does not depend on the tracker URL: create
        // once to learn it, start the tracker, then create again with the tracker's URL.
        InfoHash infoHash = TorrentFixtures.createTorrent(payload, directory.resolve("probe.torrent"),
                TorrentSpec.defaults()).infoHash();
        try (OpenTrackerProcess tracker = OpenTrackerProcess.start(directory, Set.of(infoHash))) {
            CreatedTorrent torrent = TorrentFixtures.createTorrent(payload, directory.resolve("payload.torrent"),
                    TorrentSpec.defaults().withTier(tracker.httpAnnounceUri().toString()));
            assertEquals(infoHash, torrent.infoHash());
            try (LibtorrentPeer seeder = LibtorrentPeer.seed(torrent.torrentFile(), torrent.saveDirectory(), List.of())) {
                seeder.awaitSeeding(TRANSFER_TIMEOUT);
                tracker.awaitSeeders(infoHash, 1, TRANSFER_TIMEOUT);
                Path target = directory.resolve("aria2");
                try (Aria2Peer leecher = Aria2Peer.leech(torrent.torrentFile(), target, List.of())) {
                    int exit = leecher.awaitExit(TRANSFER_TIMEOUT);
                    if (exit != 0) {
                        throw leecher.failure("exited with " + exit);
                    }
                }
                assertSameBytes(payload, target.resolve("payload.bin"));
            }
        }
    }

    @Test
    void aria2SeederToLibtorrentLeecherThroughOpentracker() throws Exception {
        Map<String, Long> files = new LinkedHashMap<>();
        files.put("a.bin", 700_000L);
        files.put("sub/b.bin", 1_300_001L);
        files.put("sub/empty.bin", 0L);
        Path payload = TorrentFixtures.randomDirectory(directory.resolve("seed/album"), files, 11);
        InfoHash infoHash = TorrentFixtures.createTorrent(payload, directory.resolve("probe.torrent"),
                TorrentSpec.defaults()).infoHash();
        try (OpenTrackerProcess tracker = OpenTrackerProcess.start(directory, Set.of(infoHash))) {
            CreatedTorrent torrent = TorrentFixtures.createTorrent(payload, directory.resolve("album.torrent"),
                    TorrentSpec.defaults().withTier(tracker.udpAnnounceUri().toString())
                            .withTier(tracker.httpAnnounceUri().toString()));
            // aria2c skips the UDP tier (no DHT, no UDP trackers); libtorrent announces to both.
            try (Aria2Peer seeder = Aria2Peer.seed(torrent.torrentFile(), torrent.saveDirectory(), List.of())) {
                awaitSeeder(tracker, seeder, infoHash);
                Path target = directory.resolve("libtorrent");
                try (LibtorrentPeer leecher = LibtorrentPeer.leech(torrent.torrentFile(), target, List.of())) {
                    leecher.awaitFinished(TRANSFER_TIMEOUT);
                }
                for (String file : files.keySet()) {
                    assertSameBytes(payload.resolve(file), target.resolve("album").resolve(file));
                }
                assertTrue(seeder.isAlive(), "the aria2c seeder keeps seeding");
            }
        }
    }

    @Test
    void libtorrentSeederToLibtorrentLeecherWithoutTracker() throws Exception {
        Path payload = TorrentFixtures.randomFile(directory.resolve("seed/direct.bin"), 2 * 1024 * 1024 + 5, 3);
        CreatedTorrent torrent = TorrentFixtures.createTorrent(payload, directory.resolve("direct.torrent"),
                TorrentSpec.defaults().withPieceLength(64 * 1024));
        try (LibtorrentPeer seeder = LibtorrentPeer.seed(torrent.torrentFile(), torrent.saveDirectory(), List.of())) {
            seeder.awaitSeeding(TRANSFER_TIMEOUT);
            Path target = directory.resolve("leech");
            try (LibtorrentPeer leecher = LibtorrentPeer.leech(torrent.torrentFile(), target,
                    List.of(seeder.address()))) {
                leecher.awaitFinished(TRANSFER_TIMEOUT);
            }
            assertSameBytes(payload, target.resolve("direct.bin"));
        }
    }

    private static void awaitSeeder(OpenTrackerProcess tracker, Aria2Peer seeder, InfoHash infoHash)
            throws IOException {
        try {
            tracker.awaitSeeders(infoHash, 1, TRANSFER_TIMEOUT);
        } catch (AssertionError failure) {
            AssertionError withSeeder = seeder.failure("was not counted as a seeder");
            withSeeder.addSuppressed(failure);
            throw withSeeder;
        }
    }

    private static void assertSameBytes(Path expected, Path actual) throws IOException {
        assertTrue(Files.exists(actual), actual + " missing");
        assertEquals(-1L, Files.mismatch(expected, actual), actual + " differs from " + expected);
    }
}
