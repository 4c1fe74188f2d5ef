package dev.arietta.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.metainfo.CreatedTorrent;
import dev.arietta.bittorrent.metainfo.TorrentCreationException;
import dev.arietta.bittorrent.metainfo.TorrentFile;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateTorrentTest {

    @TempDir
    Path directory;

    @Test
    void createsAndWritesATorrentOfADirectory() throws Exception {
        Path source = Files.createDirectories(directory.resolve("album/disc 1"));
        byte[] content = new byte[3_000_000];
        new SplittableRandom(5).nextBytes(content);
        Files.write(source.resolve("track.flac"), content);
        Files.writeString(directory.resolve("album/notes.txt"), "liner notes");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path torrentFile = directory.resolve("album.torrent");

        CreatedTorrent created = CreateTorrent.create(directory.resolve("album"), torrentFile,
                List.of("http://tracker.example/announce", "udp://backup.example:6969"),
                new PrintStream(console, true, StandardCharsets.UTF_8));

        TorrentMetainfo read = new TorrentParser().parse(torrentFile);
        assertEquals(created.infoHash(), read.infoHash());
        assertEquals("album", read.name());
        assertEquals(List.of("disc 1/track.flac", "notes.txt"), read.files().stream().map(TorrentFile::joinedPath)
                .toList());
        assertEquals(List.of(List.of("http://tracker.example/announce"), List.of("udp://backup.example:6969")),
                read.announceTiers());
        String progress = console.toString(StandardCharsets.UTF_8);
        assertTrue(progress.endsWith("hashed " + read.pieceCount() + " of " + read.pieceCount() + " pieces"
                + System.lineSeparator()), progress);
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> created.writeTo(torrentFile));
    }

    @Test
    void anEmptyDirectoryIsATypedError() throws Exception {
        Path empty = Files.createDirectories(directory.resolve("empty"));
        TorrentCreationException e = assertThrows(TorrentCreationException.class, () -> CreateTorrent.create(empty,
                directory.resolve("empty.torrent"), List.of(), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8)));
        assertEquals(TorrentCreationException.Reason.NO_DATA, e.reason());
        assertTrue(Files.notExists(directory.resolve("empty.torrent")));
    }
}
