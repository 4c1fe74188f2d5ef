package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.metainfo.CreatedTorrent;
import dev.arietta.bittorrent.metainfo.TorrentCreator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command with torrents: -T with web seeds from the command line, a downloaded .torrent followed. */
class TorrentCommandTest {

    private final CommandRunner command = new CommandRunner();

    private static final byte[] PAYLOAD = "a file shared over BitTorrent and HTTP\n".repeat(5000)
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private CreatedTorrent torrent(String webSeed) throws Exception {
        Path source = Files.write(directory.resolve("payload.bin"), PAYLOAD);
        TorrentCreator.Builder builder = TorrentCreator.builder(source).pieceLength(16 * 1024);
        if (webSeed != null) {
            builder.webSeed(webSeed);
        }
        return builder.build().create();
    }

    @Test
    void dashCapitalTTakesTheCommandLineUrisAsWebSeeds() throws Exception {
        CreatedTorrent created = torrent(null);
        Path torrentFile = directory.resolve("payload.torrent");
        created.writeTo(torrentFile);
        try (RangeFileServer server = RangeFileServer.start(Map.of("/payload.bin", PAYLOAD), 0)) {
            Path out = directory.resolve("out");

            int status = run("-d", out.toString(), "--seed-time=0", "-T", torrentFile.toString(),
                    server.uri("/payload.bin").toString());

            assertEquals(0, status, err() + out());
            assertArrayEquals(PAYLOAD, Files.readAllBytes(out.resolve("payload.bin")));
            assertTrue(out().lines().anyMatch(line -> line.contains("|OK  |") && line.endsWith("payload.bin")), out());
            assertTrue(server.rangeRequests() > 0, "the web seed served the pieces");
        }
    }

    @Test
    void aDownloadedTorrentIsFollowedAndBothAreInTheResults() throws Exception {
        try (RangeFileServer server = RangeFileServer.start(Map.of("/payload.bin", PAYLOAD), 0)) {
            CreatedTorrent created = torrent(server.uri("/payload.bin").toString());
            try (RangeFileServer torrents = RangeFileServer.start(Map.of("/payload.torrent", created.bytes()), 0)) {
                Path out = directory.resolve("out");

                int status = run("-d", out.toString(), "--seed-time=0", torrents.uri("/payload.torrent").toString());

                assertEquals(0, status, err() + out());
                assertArrayEquals(PAYLOAD, Files.readAllBytes(out.resolve("payload.bin")));
                assertEquals(2, out().lines().filter(line -> line.contains("|OK  |")).count(), out());
            }
        }
    }

    private int run(String... arguments) {
        return command.run(arguments);
    }

    private String out() {
        return command.out();
    }

    private String err() {
        return command.err();
    }
}
