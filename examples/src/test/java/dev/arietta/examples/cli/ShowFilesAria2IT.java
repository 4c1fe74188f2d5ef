package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.arietta.bencode.BencodeWriter;
import dev.arietta.bittorrent.metainfo.TorrentCreator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arietta -S} against the real {@code aria2c -S} on the same torrents, field by field:
 * every header line, every announce tier and web seed, every file's path and size. Well-formed
 * torrents must match exactly; a hostile one may differ only where {@link TorrentListing}
 * documents it (sanitized names and paths, dropped duplicate and empty URLs).
 */
class ShowFilesAria2IT {

    private static final Path ARIA2C = Path.of("/usr/bin/aria2c");
    /** Fields a hostile torrent may show differently; {@code file N path} stands for every file's path. */
    private static final Set<String> HOSTILE_DIFFERENCES = Set.of("Announce", "URL List", "Name", "Magnet URI",
            "file path");

    @TempDir
    Path directory;

    @Test
    void createdMultiFileTorrentListsAsAria2cListsIt() throws Exception {
        Path source = directory.resolve("Ünïcode release");
        SplittableRandom random = new SplittableRandom(3);
        Map<String, Integer> files = new LinkedHashMap<>();
        files.put("empty", 0);
        files.put("kilo", 1000);
        files.put("sub dir/five megs.bin", 5 * 1024 * 1024 + 17);
        files.put("sub dir/名前 (1)+&.txt", 921 * 1024);
        files.put("Zeta", 2_000_000);
        for (Map.Entry<String, Integer> file : files.entrySet()) {
            byte[] content = new byte[file.getValue()];
            random.nextBytes(content);
            Files.createDirectories(source.resolve(file.getKey()).getParent());
            Files.write(source.resolve(file.getKey()), content);
        }
        Path torrent = directory.resolve("created.torrent");
        TorrentCreator.builder(source).pieceLength(64 * 1024).padding(TorrentCreator.Padding.AFTER_EVERY_FILE)
                .announceTier("http://tracker.example/announce?passkey=a&b=c", "udp://tracker.example:6969")
                .announceTier("https://backup.example/announce").webSeed("http://mirror.example/pub/")
                .webSeed("ftp://mirror.example/pub/").comment("Comment: with a colon, ünïcode")
                .createdBy("ShowFilesAria2IT").creationDate(Instant.parse("2030-01-02T03:04:05Z"))
                .privateTorrent(true).build().create().writeTo(torrent);
        compare(torrent, Set.of());
    }

    @Test
    void createdSingleFileTorrentWithoutTrackersListsAsAria2cListsIt() throws Exception {
        Path file = directory.resolve("single.iso");
        byte[] content = new byte[3 * 1024 * 1024];
        new SplittableRandom(4).nextBytes(content);
        Files.write(file, content);
        Path torrent = directory.resolve("single.torrent");
        TorrentCreator.builder(file).withoutCreationDate().createdBy("").build().create().writeTo(torrent);
        compare(torrent, Set.of());
    }

    @Test
    void libtorrentFixturesListAsAria2cListsThem() throws Exception {
        for (String name : List.of("show-files-multi.torrent", "show-files-single.torrent")) {
            Path torrent = directory.resolve(name);
            try (InputStream in = ShowFilesAria2IT.class.getResourceAsStream(name)) {
                Files.copy(in, torrent);
            }
            compare(torrent, Set.of());
        }
    }

    @Test
    void hostileTorrentDiffersOnlyWhereDocumented() throws Exception {
        BencodeWriter writer = new BencodeWriter().beginDictionary()
                .key("announce").value("http://dup.example/a")
                .key("announce-list").beginList()
                .beginList().value("http://dup.example/a").value("http://dup.example/a").end()
                .beginList().value("").end()
                .beginList().value(" http://spaces.example/a ").end()
                .end()
                .key("info").beginDictionary().key("files").beginList();
        for (List<String> path : List.of(List.of("dir", "file.txt"), List.of("a\u0001b", "C:x"), List.of("Same"),
                List.of("same"))) {
            writer.beginDictionary().key("length").value(3).key("path").beginList();
            path.forEach(writer::value);
            writer.end().end();
        }
        byte[] bytes = writer.end().key("name").value("bad:name").key("piece length").value(16384)
                .key("pieces").value(new byte[20]).end()
                .key("url-list").beginList().value("http://w.example/").value("http://w.example/").end()
                .end().toByteArray();
        Path torrent = Files.write(directory.resolve("hostile.torrent"), bytes);
        Map<String, String> differing = compare(torrent, HOSTILE_DIFFERENCES);
        assertTrue(differing.containsKey("Name") && differing.containsKey("file 2 path"), differing.toString());
    }

    /**
     * Lists {@code torrent} with both programs and compares the fields; fields named in
     * {@code tolerated} may differ (their values are returned), all others must be equal.
     */
    private Map<String, String> compare(Path torrent, Set<String> tolerated) throws Exception {
        Map<String, String> theirs = fields(aria2c(torrent));
        Map<String, String> ours = fields(arietta(torrent));
        Set<String> keys = new LinkedHashSet<>(theirs.keySet());
        keys.addAll(ours.keySet());
        assertTrue(theirs.containsKey("Info Hash") && theirs.containsKey("file 1 length"), "aria2c listed: " + theirs);
        Map<String, String> differing = new LinkedHashMap<>();
        for (String key : keys) {
            assertTrue(theirs.containsKey(key) && ours.containsKey(key), key + " is listed by both: aria2c "
                    + theirs.get(key) + ", arietta " + ours.get(key));
            String field = key.matches("file \\d+ path") ? "file path" : key;
            if (tolerated.contains(field)) {
                if (!Objects.equals(theirs.get(key), ours.get(key))) {
                    differing.put(key, "aria2c " + theirs.get(key) + " | arietta " + ours.get(key));
                }
            } else {
                assertEquals(theirs.get(key), ours.get(key), key);
            }
        }
        return differing;
    }

    /**
     * The listing as fields: {@code Key} for {@code Key: value} lines; {@code Announce} and
     * {@code URL List} with their indented lines joined by newlines; {@code file N path} and
     * {@code file N length} for the files table.
     */
    static Map<String, String> fields(String listing) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> lines = listing.lines().toList();
        String block = null;
        int index = 0;
        for (; index < lines.size() && !lines.get(index).equals("Files:"); index++) {
            String line = lines.get(index);
            if (line.startsWith(">>> ") || line.startsWith("***")) {
                continue;
            }
            if (block != null && line.startsWith(" ")) {
                String item = line.substring(1);
                fields.merge(block, item, (earlier, later) -> earlier + "\n" + later);
            } else if (line.endsWith(":")) {
                block = line.substring(0, line.length() - 1);
                fields.put(block, "");
            } else {
                block = null;
                int colon = line.indexOf(": ");
                assertNotEquals(-1, colon, "unexpected line " + line);
                fields.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        assertEquals("idx|path/length", lines.get(index + 1));
        for (index += 3; index + 1 < lines.size(); index += 3) {
            String path = lines.get(index);
            int bar = path.indexOf('|');
            String number = path.substring(0, bar).strip();
            fields.put("file " + number + " path", path.substring(bar + 1));
            fields.put("file " + number + " length", lines.get(index + 1).substring(4));
        }
        return fields;
    }

    private String arietta(Path torrent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("-S", torrent.toString()), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, System::nanoTime, Duration.ofMillis(100), new Interruption());
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private String aria2c(Path torrent) throws IOException, InterruptedException {
        if (!Files.isExecutable(ARIA2C)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("aria2c is required under CI=true (Debian package aria2)");
            }
            Assumptions.abort("aria2c is not installed");
        }
        Path output = directory.resolve("aria2c.out");
        Process process = new ProcessBuilder(ARIA2C.toString(), "--no-conf", "-S", torrent.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("aria2c -S did not finish within 60 s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        assertTrue(text.contains("*** BitTorrent File Information ***"), text);
        return text;
    }
}
