package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -S} and {@code -T} through {@link Main#run} (a download of {@code -T} failing on a corrupt torrent too). The {@code show-files-*.torrent} fixtures
 * were made by libtorrent 2.0 and the {@code .expected} files are what {@code aria2c -S} 1.36
 * printed for them (see {@code ShowFilesAria2IT} for the live comparison).
 */
class ShowFilesTest {

    private final CommandRunner command = new CommandRunner();

    @TempDir
    Path directory;

    private Path fixture(String name) throws IOException {
        Path file = directory.resolve(name);
        try (InputStream in = ShowFilesTest.class.getResourceAsStream(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    /** aria2c's output for a fixture, its header naming {@code torrent} as given on the command line. */
    private static String expected(String name, Path torrent) throws IOException {
        try (InputStream in = ShowFilesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("'" + torrent.getFileName() + "'", "'" + torrent + "'");
        }
    }




    @Test
    void listsTorrentsExactlyAsAria2c() throws IOException {
        Path multi = fixture("show-files-multi.torrent");
        Path single = fixture("show-files-single.torrent");
        int status = run("-S", multi.toString(), single.toString());
        assertEquals(0, status, err());
        assertEquals(expected("show-files-multi.expected", multi) + expected("show-files-single.expected", single),
                out());
        assertEquals("", err());
    }

    @Test
    void torrentFileOptionListsOnlyThatTorrentWithoutTheHeader() throws IOException {
        Path multi = fixture("show-files-multi.torrent");
        Path single = fixture("show-files-single.torrent");
        assertEquals(0, run("--show-files", "-T", single.toString(), multi.toString()), err());
        String expected = expected("show-files-single.expected", single);
        assertEquals(expected.substring(expected.indexOf('\n') + 1), out());
    }

    @Test
    void torrentFileWithoutShowFilesDownloadsAndACorruptOneExitsWithItsCode() throws IOException {
        Path corrupt = directory.resolve("corrupt.torrent");
        Files.write(corrupt, "d8:announce3:abce".getBytes(StandardCharsets.US_ASCII));
        assertEquals(26, run("-q", "-d", directory.toString(), "-T", corrupt.toString()));
        assertEquals("", out());
        Path notBencode = directory.resolve("garbage.torrent");
        Files.write(notBencode, "not bencode".getBytes(StandardCharsets.US_ASCII));
        assertEquals(25, run("-d", directory.toString(), notBencode.toString()));
        assertTrue(out().contains("[ERROR] " + notBencode + ": not a usable torrent"), out());
    }

    @Test
    void listsMetalinkFilesAsAria2c() throws IOException {
        Path metalink = Files.writeString(directory.resolve("files.meta4"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <metalink xmlns="urn:ietf:params:xml:ns:metalink">
                  <file name="example.ext"><size>14471447</size><url>http://example.com/example.ext</url></file>
                  <file name="dir/other.bin"><url>http://example.com/other.bin</url></file>
                </metalink>
                """);
        assertEquals(0, run("-S", "-M", metalink.toString()), err());
        String rule = "---+" + "-".repeat(75) + "\n";
        // What aria2c 1.36 -S prints for this document.
        assertEquals(">>> Printing the contents of file '" + metalink + "'...\n"
                + "Files:\nidx|path/length\n===+" + "=".repeat(75) + "\n"
                + "  1|example.ext\n   |13MiB (14,471,447)\n" + rule
                + "  2|dir/other.bin\n   |0B (0)\n" + rule, out());
    }

    @Test
    void aMissingTorrentFileIsABadOption() {
        assertEquals(28, run("-S", "-T", directory.resolve("absent.torrent").toString()));
        assertEquals("arietta: torrent-file: " + directory.resolve("absent.torrent") + ": no such file.\n", err());
    }

    @Test
    void corruptTorrentsExitWithTheParsersCode() throws IOException {
        Path garbage = Files.writeString(directory.resolve("garbage.torrent"), "not bencode at all");
        assertEquals(25, run("-S", garbage.toString()));
        assertTrue(err().startsWith("arietta: " + garbage + ": not a usable torrent: bencode: "), err());
        assertTrue(err().endsWith("(error 25)\n"), err());

        command.reset();
        Path noInfo = Files.writeString(directory.resolve("no-info.torrent"), "d8:announce3:urle");
        assertEquals(26, run("-S", "-T", noInfo.toString()));
        assertEquals("arietta: " + noInfo + ": not a usable torrent: info: missing (error 26)\n", err());
    }

    @Test
    void everyArgumentIsListedAndTheLastFailureIsTheStatus() throws IOException {
        Path single = fixture("show-files-single.torrent");
        Path noInfo = Files.writeString(directory.resolve("no-info.torrent"), "d8:announce3:urle");
        Path metalink = Files.writeString(directory.resolve("files.meta4"), "<metalink/>");
        Path absent = directory.resolve("absent.torrent");
        assertEquals(20, run("-S", noInfo.toString(), absent.toString(), single.toString(), metalink.toString()));
        String out = out();
        for (Path file : List.of(noInfo, absent, single, metalink)) {
            assertTrue(out.contains(">>> Printing the contents of file '" + file + "'...\n"), out);
        }
        assertTrue(out.contains("Name: b.bin\n"), out);
        assertEquals("arietta: " + noInfo + ": not a usable torrent: info: missing (error 26)\n"
                + "arietta: " + absent + ": no such file.\n"
                + "arietta: " + metalink + ": not a usable Metalink: ", err().substring(0, err().lastIndexOf(
                        ": not a usable Metalink: ") + ": not a usable Metalink: ".length()));
        assertTrue(err().endsWith(" (error 20)\n"), err());
        command.reset();
        assertEquals(26, run("-S", single.toString(), noInfo.toString()));
    }

    @Test
    void showFilesWithNothingToShowAsksForAnArgumentAsAria2Does() {
        assertEquals(1, run("-S"));
        assertTrue(err().startsWith("arietta: specify at least one URI"), err());
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
