package dev.arietta.bittorrent.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.core.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hostile table ({@code hostile-torrents.txt}) and the limits of {@link TorrentLimits}. */
class HostileTorrentsTest {

    private static final Pattern HASH_MACRO = Pattern.compile("#(\\d+)");

    static Stream<Arguments> hostileTable() throws IOException {
        String table = new String(RealTorrentsTest.resource("hostile-torrents.txt"), StandardCharsets.UTF_8);
        List<Arguments> cases = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int arrow = line.indexOf(" => ");
            cases.add(Arguments.of(line.substring(0, arrow), line.substring(arrow + 4)));
        }
        return cases.stream();
    }

    /** Expands {@code #N} to a byte string of N bytes. */
    static byte[] expand(String text) {
        Matcher matcher = HASH_MACRO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            int length = Integer.parseInt(matcher.group(1));
            matcher.appendReplacement(out, length + ":" + "a".repeat(length));
        }
        matcher.appendTail(out);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostileTable")
    void refusesWithTheExactMessage(String torrent, String message) {
        TorrentException error = assertThrows(TorrentException.class, () -> new TorrentParser().parse(expand(torrent)));
        assertEquals(message, error.getMessage());
        ErrorCode expectedCode = message.startsWith("bencode: ") ? ErrorCode.BENCODE_PARSE_ERROR
                : ErrorCode.BITTORRENT_PARSE_ERROR;
        assertEquals(expectedCode, error.errorCode());
        assertEquals(message, error.key() + ": " + error.problem());
        Matcher fileIndex = Pattern.compile("^info\\.files\\[(\\d+)]").matcher(message);
        assertEquals(fileIndex.find() ? OptionalInt.of(Integer.parseInt(fileIndex.group(1))) : OptionalInt.empty(),
                error.fileIndex());
    }

    @Test
    void deepNestingIsABencodeError() {
        String nested = "l".repeat(TorrentLimits.DEFAULT_MAX_DECODE_DEPTH + 1)
                + "e".repeat(TorrentLimits.DEFAULT_MAX_DECODE_DEPTH + 1);
        byte[] torrent = expand("d4:infod6:lengthi1e4:name1:a12:piece lengthi16384e6:pieces#20e1:x" + nested + "e");
        TorrentException error = assertThrows(TorrentException.class, () -> new TorrentParser().parse(torrent));
        assertEquals(ErrorCode.BENCODE_PARSE_ERROR, error.errorCode());
        assertEquals("bencode: nesting deeper than the limit of 100 at offset 184", error.getMessage());
    }

    @Test
    void torrentLargerThanTheLimitIsRefusedBeforeDecoding(@TempDir Path directory) throws IOException {
        byte[] valid = expand("d4:infod6:lengthi1e4:name1:a12:piece lengthi16384e6:pieces#20ee");
        TorrentParser parser = new TorrentParser(TorrentLimits.DEFAULT.withMaxTorrentBytes(valid.length - 1));
        TorrentException error = assertThrows(TorrentException.class, () -> parser.parse(valid));
        assertEquals("torrent: " + valid.length + " bytes exceed the limit of " + (valid.length - 1),
                error.getMessage());
        Path file = Files.write(directory.resolve("x.torrent"), valid);
        assertEquals(error.getMessage(), assertThrows(TorrentException.class, () -> parser.parse(file)).getMessage());
        assertEquals("a", new TorrentParser(TorrentLimits.DEFAULT.withMaxTorrentBytes(valid.length)).parse(file)
                .name());
    }

    @Test
    void tooManyPieces() throws TorrentException {
        byte[] torrent = expand("d4:infod6:lengthi3e4:name1:a12:piece lengthi1e6:pieces#60ee");
        TorrentParser parser = new TorrentParser(TorrentLimits.DEFAULT.withMaxPieces(2));
        assertEquals("info.pieces: 3 pieces exceed the limit of 2",
                assertThrows(TorrentException.class, () -> parser.parse(torrent)).getMessage());
        assertEquals(3, new TorrentParser(TorrentLimits.DEFAULT.withMaxPieces(3)).parse(torrent).pieceCount());
    }

    @Test
    void tooManyFiles() throws TorrentException {
        byte[] torrent = expand("d4:infod5:filesld6:lengthi1e4:pathl1:xeed6:lengthi1e4:pathl1:yeee"
                + "4:name1:a12:piece lengthi16384e6:pieces#20ee");
        TorrentParser parser = new TorrentParser(TorrentLimits.DEFAULT.withMaxFiles(1));
        assertEquals("info.files: 2 files exceed the limit of 1",
                assertThrows(TorrentException.class, () -> parser.parse(torrent)).getMessage());
        assertEquals(2, new TorrentParser(TorrentLimits.DEFAULT.withMaxFiles(2)).parse(torrent).files().size());
    }

    @Test
    void pathTooDeep() throws TorrentException {
        byte[] torrent = expand("d4:infod5:filesld6:lengthi1e4:pathl1:a1:b1:ceee"
                + "4:name1:a12:piece lengthi16384e6:pieces#20ee");
        TorrentParser parser = new TorrentParser(TorrentLimits.DEFAULT.withMaxPathDepth(2));
        TorrentException error = assertThrows(TorrentException.class, () -> parser.parse(torrent));
        assertEquals("info.files[0].path: 3 elements exceed the limit of 2", error.getMessage());
        assertEquals(OptionalInt.of(0), error.fileIndex());
        assertEquals(List.of("a", "b", "c"),
                new TorrentParser(TorrentLimits.DEFAULT.withMaxPathDepth(3)).parse(torrent).files().get(0).path());
    }

    @Test
    void tooManyTokens() {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        list.writeBytes("d4:infod6:lengthi1e4:name1:a12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaae1:xl"
                .getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 100; i++) {
            list.writeBytes("i1e".getBytes(StandardCharsets.US_ASCII));
        }
        list.writeBytes("ee".getBytes(StandardCharsets.US_ASCII));
        TorrentParser parser = new TorrentParser(TorrentLimits.DEFAULT.withMaxDecodeTokens(50));
        TorrentException error = assertThrows(TorrentException.class, () -> parser.parse(list.toByteArray()));
        assertEquals(ErrorCode.BENCODE_PARSE_ERROR, error.errorCode());
        assertEquals("bencode: more than the limit of 50 tokens at offset 194", error.getMessage());
    }

    @Test
    void limitsRefuseNonsense() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TorrentLimits.DEFAULT.withMaxPieces(0));
        assertEquals("maxPieces must be positive, got 0", error.getMessage());
        assertEquals("maxPieceLength 268435456 exceeds 134217728", assertThrows(IllegalArgumentException.class,
                () -> TorrentLimits.DEFAULT.withMaxPieceLength(1 << 28)).getMessage());
        assertEquals("maxNameBytes must be at least 40, got 39", assertThrows(IllegalArgumentException.class,
                () -> TorrentLimits.DEFAULT.withMaxNameBytes(39)).getMessage());
    }
}
