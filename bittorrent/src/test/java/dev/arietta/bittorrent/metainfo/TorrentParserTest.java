package dev.arietta.bittorrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bencode.BencodeWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the parser accepts and how it makes untrusted names safe. */
class TorrentParserTest {

    /** A multi-file torrent named {@code name} with one 1-byte file per path, all in one piece. */
    static byte[] multiFile(String name, List<List<String>> paths) {
        BencodeWriter writer = new BencodeWriter().beginDictionary().key("info").beginDictionary()
                .key("files").beginList();
        for (List<String> path : paths) {
            writer.beginDictionary().key("length").value(1).key("path").beginList();
            path.forEach(writer::value);
            writer.end().end();
        }
        return writer.end().key("name").value(name).key("piece length").value(16384)
                .key("pieces").value(new byte[20]).end().end().toByteArray();
    }

    static Stream<Arguments> unsafePaths() {
        return Stream.of(
                Arguments.of(List.of("..", "..", "etc", "passwd"), List.of("etc", "passwd")),
                Arguments.of(List.of("/etc/passwd"), List.of("_etc_passwd")),
                Arguments.of(List.of("..\\..\\x"), List.of(".._.._x")),
                Arguments.of(List.of("C:", "Windows"), List.of("Windows")),
                Arguments.of(List.of("", "a", "", "b"), List.of("a", "b")),
                Arguments.of(List.of("."), List.of("_")),
                Arguments.of(List.of("a\u0000b", "c\nd"), List.of("a_b", "c_d")),
                Arguments.of(List.of("invoice\u202Etxt.exe"), List.of("invoicetxt.exe")),
                Arguments.of(List.of("con.txt"), List.of("_con.txt")),
                Arguments.of(List.of("x".repeat(300) + ".mkv"), List.of("x".repeat(251) + ".mkv")));
    }

    @ParameterizedTest
    @MethodSource("unsafePaths")
    void sanitizesFilePaths(List<String> path, List<String> expected) throws TorrentException {
        TorrentMetainfo torrent = new TorrentParser().parse(multiFile("d", List.of(path)));
        assertEquals(expected, torrent.files().get(0).path());
        assertEquals(path, torrent.files().get(0).originalPath(), "web seeds ask for the torrent's own names");
    }

    @Test
    void theOriginalNamesAreKeptBesideTheSanitizedOnes() throws TorrentException {
        TorrentMetainfo torrent = new TorrentParser().parse(multiFile("what? a/b", List.of(List.of("a.txt"),
                List.of("A.TXT"))));
        assertEquals("what_ a_b", torrent.name());
        assertEquals("what? a/b", torrent.originalName());
        assertEquals(List.of("A.1.TXT"), torrent.files().get(1).path());
        assertEquals(List.of("A.TXT"), torrent.files().get(1).originalPath());
    }

    @Test
    void nameWithNothingSafeLeftBecomesTheInfoHash() throws TorrentException {
        TorrentMetainfo torrent = new TorrentParser().parse(multiFile("..", List.of(List.of("a"))));
        assertEquals(torrent.infoHash().hex(), torrent.name());
        assertEquals("a_b", new TorrentParser().parse(multiFile("a/b", List.of(List.of("a")))).name());
    }

    static Stream<Arguments> collidingPaths() {
        return Stream.of(
                Arguments.of(List.of(List.of("a.txt"), List.of("a.txt")), List.of("a.txt", "a.1.txt")),
                Arguments.of(List.of(List.of("a.txt"), List.of("A.TXT"), List.of("a.txt")),
                        List.of("a.txt", "A.1.TXT", "a.2.txt")),
                Arguments.of(List.of(List.of("d"), List.of("d", "x")), List.of("d", "d.1/x")),
                Arguments.of(List.of(List.of("d", "x"), List.of("d")), List.of("d/x", "d.1")),
                Arguments.of(List.of(List.of("d", "x"), List.of("D", "y")), List.of("d/x", "D/y")),
                Arguments.of(List.of(List.of("..", "a"), List.of("a")), List.of("a", "a.1")),
                Arguments.of(List.of(List.of("a.1"), List.of("a"), List.of("a")), List.of("a.1", "a", "a.2")));
    }

    @ParameterizedTest
    @MethodSource("collidingPaths")
    void renamesCollidingPathsLikeLibtorrent(List<List<String>> paths, List<String> expected)
            throws TorrentException {
        TorrentMetainfo torrent = new TorrentParser().parse(multiFile("d", paths));
        assertEquals(expected, torrent.files().stream().map(TorrentFile::joinedPath).toList());
    }

    @Test
    void prefersUtf8KeysAndReadsBep47Attributes() throws TorrentException {
        byte[] torrent = new BencodeWriter().beginDictionary()
                .key("comment").value("latin").key("comment.utf-8").value("caf\u00e9")
                .key("creation date").value(1_700_000_000L)
                .key("info").beginDictionary()
                .key("files").beginList()
                .beginDictionary().key("attr").value("x").key("length").value(5)
                .key("path").beginList().value("old").end()
                .key("path.utf-8").beginList().value("\u00e9t\u00e9").value("r\u00e9sum\u00e9.txt").end().end()
                .beginDictionary().key("attr").value("p").key("length").value(3)
                .key("path").beginList().value(".pad").value("3").end().end()
                .beginDictionary().key("attr").value("lh").key("length").value(0)
                .key("path").beginList().value("link").end()
                .key("symlink path").beginList().value("..").value("\u00e9t\u00e9").end().end()
                .beginDictionary().key("attr").value("l").key("length").value(0)
                .key("path").beginList().value("no-target").end().end()
                .end()
                .key("name").value("n").key("name.utf-8").value("nom\u00e9")
                .key("piece length").value(4).key("pieces").value(new byte[40])
                .end().end().toByteArray();
        TorrentMetainfo parsed = new TorrentParser().parse(torrent);
        assertEquals("nom\u00e9", parsed.name());
        assertEquals(Optional.of("caf\u00e9"), parsed.comment());
        assertEquals(Optional.of(Instant.ofEpochSecond(1_700_000_000L)), parsed.creationDate());
        List<TorrentFile> files = parsed.files();
        assertEquals(new TorrentFile(List.of("\u00e9t\u00e9", "r\u00e9sum\u00e9.txt"), 5, 0, false, true, false,
                List.of()), files.get(0));
        assertEquals(new TorrentFile(List.of(".pad", "3"), 3, 5, true, false, false, List.of()), files.get(1));
        assertEquals(new TorrentFile(List.of("link"), 0, 8, false, false, true, List.of("\u00e9t\u00e9")),
                files.get(2));
        assertEquals(TorrentFile.of(List.of("no-target"), 0, 8), files.get(3));
        assertEquals(8, parsed.totalLength());
        assertEquals(2, parsed.pieceCount());
        assertEquals(4, parsed.pieceSize(1));
    }

    @Test
    void paddingFilesDoNotTakeNames() throws TorrentException {
        byte[] torrent = new BencodeWriter().beginDictionary().key("info").beginDictionary()
                .key("files").beginList()
                .beginDictionary().key("attr").value("p").key("length").value(1)
                .key("path").beginList().value("a").end().end()
                .beginDictionary().key("length").value(1).key("path").beginList().value("a").end().end()
                .end().key("name").value("n").key("piece length").value(2).key("pieces").value(new byte[20])
                .end().end().toByteArray();
        assertEquals(List.of("a", "a"), new TorrentParser().parse(torrent).files().stream()
                .map(TorrentFile::joinedPath).toList());
    }

    @Test
    void readsTrackersAndSeedsLeniently() throws TorrentException {
        byte[] torrent = HostileTorrentsTest.expand("d8:announce9:http://a/"
                + "13:announce-listll10: http://b/i5e9:http://a/el0:eli7eel9:http://c/9:http://b/ee"
                + "7:comment1:c10:created by4:tool13:creation datei-5e"
                + "9:httpseedsl3:h:/e"
                + "4:infod6:lengthi1e4:name1:a12:piece lengthi3e7:privatei1e6:pieces#20e"
                + "8:url-list3:w:/e");
        TorrentMetainfo parsed = new TorrentParser().parse(torrent);
        assertEquals(List.of(List.of("http://b/", "http://a/"), List.of("http://c/")), parsed.announceTiers());
        assertEquals(List.of("w:/"), parsed.webSeeds());
        assertEquals(List.of("h:/"), parsed.httpSeeds());
        assertTrue(parsed.isPrivate());
        assertEquals(Optional.of("tool"), parsed.createdBy());
        assertEquals(Optional.of(Instant.ofEpochSecond(-5)), parsed.creationDate());
        assertEquals(3, parsed.pieceLength());
    }

    @Test
    void fallsBackToAnnounceAndToleratesJunkOuterKeys() throws TorrentException {
        byte[] torrent = HostileTorrentsTest.expand("d8:announce9:http://a/13:announce-listli1ee"
                + "13:creation date1:x"
                + "4:infod6:lengthi1e4:name1:a12:piece lengthi3e7:private1:16:pieces#20e"
                + "8:url-listl2:u:i1eee");
        TorrentMetainfo parsed = new TorrentParser().parse(torrent);
        assertEquals(List.of(List.of("http://a/")), parsed.announceTiers());
        assertEquals(List.of("u:"), parsed.webSeeds());
        assertFalse(parsed.isPrivate());
        assertEquals(Optional.empty(), parsed.creationDate());
        assertEquals(List.of(), parsed.httpSeeds());
    }

    @Test
    void unsortedKeysAreAcceptedAndHashedAsWritten() throws TorrentException {
        byte[] sorted = HostileTorrentsTest.expand("d4:infod6:lengthi1e4:name1:a12:piece lengthi3e6:pieces#20ee");
        byte[] unsorted = HostileTorrentsTest.expand("d4:infod4:name1:a6:lengthi1e12:piece lengthi3e6:pieces#20ee");
        TorrentMetainfo first = new TorrentParser().parse(sorted);
        TorrentMetainfo second = new TorrentParser().parse(unsorted);
        assertEquals(first.files(), second.files());
        assertFalse(first.infoHash().equals(second.infoHash()));
        byte[] rawInfo = Arrays.copyOfRange(unsorted, 7, unsorted.length - 1);
        assertEquals(InfoHash.of(TorrentParser.sha1(rawInfo)), second.infoHash());
        assertEquals(new String(rawInfo, StandardCharsets.ISO_8859_1),
                new String(second.rawInfo(), StandardCharsets.ISO_8859_1));
    }
}
