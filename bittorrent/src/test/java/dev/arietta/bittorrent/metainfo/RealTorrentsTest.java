package dev.arietta.bittorrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bencode.Bencode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Torrents made by libtorrent 2.0.8 ({@code create_torrent}, committed as resources with what
 * libtorrent's own {@code torrent_info} read from them in {@code *.expected}).
 */
class RealTorrentsTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = RealTorrentsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "multi-padded"})
    void readsWhatLibtorrentReads(String fixture) throws IOException {
        TorrentMetainfo torrent = new TorrentParser().parse(resource(fixture + ".torrent"));
        Map<String, String> expected = new TreeMap<>();
        List<String> expectedFiles = new ArrayList<>();
        for (String line : new String(resource(fixture + ".expected"), StandardCharsets.UTF_8).split("\n")) {
            int equals = line.indexOf('=');
            if (line.startsWith("file=")) {
                expectedFiles.add(line.substring(5));
            } else {
                expected.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        assertEquals(expected.get("info-hash"), torrent.infoHash().hex());
        assertEquals(expected.get("name"), torrent.name());
        assertEquals(Integer.parseInt(expected.get("piece-length")), torrent.pieceLength());
        assertEquals(Integer.parseInt(expected.get("pieces")), torrent.pieceCount());
        assertEquals(Long.parseLong(expected.get("total-length")), torrent.totalLength());
        List<String> actualFiles = new ArrayList<>();
        for (TorrentFile file : torrent.files()) {
            String path = torrent.isMultiFile() ? torrent.name() + "/" + file.joinedPath() : file.joinedPath();
            String attributes = (file.padding() ? "p" : "") + (file.executable() ? "x" : "")
                    + (file.hidden() ? "h" : "") + (file.symlinkPath().isEmpty() ? "" : "l");
            actualFiles.add(path + "|" + file.length() + "|" + file.offset() + "|" + attributes + "|"
                    + String.join("/", file.symlinkPath()));
        }
        assertEquals(expectedFiles, actualFiles);
    }

    @Test
    void infoHashIsTheSha1OfTheInfoBytesAsWritten() throws IOException {
        byte[] bytes = resource("multi-padded.torrent");
        TorrentMetainfo torrent = new TorrentParser().parse(bytes);
        byte[] rawInfo = Bencode.decode(bytes).root().get("info").rawBytes();
        assertArrayEquals(rawInfo, torrent.rawInfo());
        assertArrayEquals(TorrentParser.sha1(rawInfo), torrent.infoHash().bytes());
    }

    @Test
    void readsTheOuterKeys() throws IOException {
        TorrentMetainfo torrent = new TorrentParser().parse(resource("multi-padded.torrent"));
        assertEquals(List.of(List.of("http://a.example/announce"),
                List.of("udp://b.example:80", "http://c.example/announce")), torrent.announceTiers());
        assertEquals(List.of("http://seed.example/files/"), torrent.webSeeds());
        assertEquals(List.of("http://hs.example/seed"), torrent.httpSeeds());
        assertTrue(torrent.isPrivate());
        assertEquals("multi with padding", torrent.comment().orElseThrow());
        assertEquals(java.util.Optional.empty(), torrent.createdBy());
        assertTrue(torrent.creationDate().isPresent());
        assertTrue(torrent.isMultiFile());

        TorrentMetainfo single = new TorrentParser().parse(resource("single.torrent"));
        assertEquals(List.of(List.of("http://127.0.0.1:6969/announce")), single.announceTiers());
        assertFalse(single.isPrivate());
        assertFalse(single.isMultiFile());
        assertEquals("libtorrent", single.createdBy().orElseThrow());
        assertEquals(List.of(), single.webSeeds());
    }

    /** Every proper prefix of a valid torrent is refused as bad bencode, never accepted or crashed on. */
    @ParameterizedTest
    @ValueSource(strings = {"single", "multi-padded"})
    void everyTruncationIsABencodeError(String fixture) throws IOException {
        byte[] bytes = resource(fixture + ".torrent");
        TorrentParser parser = new TorrentParser();
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            TorrentException error = org.junit.jupiter.api.Assertions.assertThrows(TorrentException.class,
                    () -> parser.parse(prefix), "prefix of " + length + " bytes");
            assertEquals(dev.arietta.core.ErrorCode.BENCODE_PARSE_ERROR, error.errorCode(), error.getMessage());
            assertEquals("bencode", error.key());
        }
    }
}
