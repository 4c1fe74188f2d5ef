package dev.arietta.bittorrent.internal.swarm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.swarm.TestTorrents.Payload;
import dev.arietta.bittorrent.internal.swarm.webseed.WebSeed;
import dev.arietta.bittorrent.it.VsftpdProcess;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.storage.AllocationMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BEP 19 web seeds over FTP, from a real vsftpd on 127.0.0.1: a torrent comes from an
 * {@code ftp://} {@code url-list} entry alone, byte ranges through the FTP client ({@code REST},
 * and {@code ABOR} where a run ends inside a file), file names as the torrent spells them even
 * where the files on disk get sanitized names; and an {@code ftp://} web seed given when adding.
 */
class FtpWebSeedIT {

    private static final int PIECE_LENGTH = 32 * 1024;
    private static final long WAIT = 60;

    @TempDir
    Path directory;

    @Test
    void aMultiFileTorrentWithNamesToSanitizeComesFromAnFtpUrlListEntryAlone() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("ab:c.bin", TestTorrents.random(3 * PIECE_LENGTH + 100, 71));
        files.put("sub/x*y.bin", TestTorrents.random((int) (WebSeed.RUN_BYTES + 5 * PIECE_LENGTH), 72));
        Payload payload = TestTorrents.multiFile("what? album", files);
        Path served = Files.createDirectories(directory.resolve("served"));
        payload.writeTo(served.resolve("pub"));
        try (VsftpdProcess ftp = VsftpdProcess.start(directory, served);
                SwarmHarness harness = SwarmHarness.realTime()) {
            TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH, List.of(), false,
                    List.of(ftp.url("/pub/")));
            RecordingSwarmListener events = new RecordingSwarmListener();
            Path target = directory.resolve("leech");
            Swarm swarm = harness.add(harness.context(), torrent, SwarmSettings.builder(target)
                    .allocation(AllocationMode.NONE).seedRatio(0).build(), events);
            harness.start(swarm);
            events.await("download complete", WAIT);
            SwarmStatus status = harness.status(swarm);
            assertEquals(1, status.webSeeds(), "the FTP web seed was not dropped");
            assertEquals(0, status.connections());
            harness.stop(swarm, StopMode.GRACEFUL);
            assertArrayEquals(files.get("ab:c.bin"), Files.readAllBytes(target.resolve("what_ album/ab_c.bin")));
            assertArrayEquals(files.get("sub/x*y.bin"), Files.readAllBytes(target.resolve("what_ album/sub/x_y.bin")));
            List<String> downloads = ftp.downloads();
            assertTrue(downloads.stream().anyMatch(line -> line.contains("/what? album/ab:c.bin")), downloads.toString());
            assertTrue(downloads.stream().anyMatch(line -> line.contains("/what? album/sub/x*y.bin")),
                    downloads.toString());
        }
    }

    @Test
    void anFtpWebSeedGivenWhenAddingFeedsASingleFileTorrent() throws Exception {
        Payload payload = TestTorrents.singleFile("plain.bin", TestTorrents.random(7 * PIECE_LENGTH + 9, 73));
        Path served = Files.createDirectories(directory.resolve("served"));
        payload.writeTo(served.resolve("files"));
        try (VsftpdProcess ftp = VsftpdProcess.start(directory, served);
                SwarmHarness harness = SwarmHarness.realTime()) {
            TorrentMetainfo torrent = TestTorrents.torrent(payload, PIECE_LENGTH);
            RecordingSwarmListener events = new RecordingSwarmListener();
            Path target = directory.resolve("leech");
            Swarm swarm = harness.add(harness.context(), torrent, SwarmSettings.builder(target)
                    .allocation(AllocationMode.NONE).seedRatio(0).webSeeds(List.of(URI.create(ftp.url("/files/"))))
                    .build(), events);
            harness.start(swarm);
            events.await("download complete", WAIT);
            harness.stop(swarm, StopMode.GRACEFUL);
            assertArrayEquals(payload.concatenated(), Files.readAllBytes(target.resolve("plain.bin")));
            assertTrue(ftp.downloads().stream().anyMatch(line -> line.contains("/files/plain.bin")),
                    ftp.downloads().toString());
        }
    }
}
