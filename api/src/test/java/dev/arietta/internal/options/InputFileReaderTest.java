package dev.arietta.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.Option;
import dev.arietta.OptionException;
import dev.arietta.Options;
import dev.arietta.core.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputFileReaderTest {

    private final InputFileReader reader = new InputFileReader();

    @Test
    void readsTheAria2ManualExample() throws IOException {
        List<InputFileEntry> entries = reader.read("""
                http://server/file.iso\thttp://mirror/file.iso
                  dir=/iso_images
                  out=file.img
                http://foo/bar
                """, "uri.txt");
        assertEquals(List.of(
                new InputFileEntry(List.of("http://server/file.iso", "http://mirror/file.iso"),
                        Options.of("dir", "/iso_images", "out", "file.img")),
                new InputFileEntry(List.of("http://foo/bar"), Options.empty())), entries);
        assertEquals(Path.of("/iso_images"), entries.get(0).options().get(Option.DIR));
    }

    @Test
    void skipsCommentsAndBlankLinesAndKeepsOptionsTogether() throws IOException {
        List<InputFileEntry> entries = reader.read("\uFEFF# exported session\r\n"
                + "\r\n"
                + "  \t \r\n"
                + "http://a/1 \t\t ftp://b/1\t\r\n"
                + "\tsplit = 4\r\n"
                + "# a comment between option lines\r\n"
                + "   # an indented comment\r\n"
                + "\r\n"
                + " header=X-A: 1\r\n"
                + " header=X-B: 2\r\n"
                + "  max-download-limit=1M  \r\n"
                + "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567\n"
                + " pause=true", "session.txt");
        assertEquals(2, entries.size(), entries.toString());
        assertEquals(List.of("http://a/1", "ftp://b/1"), entries.get(0).uris());
        assertEquals(Options.builder().set(Option.SPLIT, 4).set(Option.HEADER, List.of("X-A: 1", "X-B: 2"))
                .set(Option.MAX_DOWNLOAD_LIMIT, 1L << 20).build(), entries.get(0).options());
        assertEquals(List.of("magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567"), entries.get(1).uris());
        assertEquals(Options.of("pause", "true"), entries.get(1).options());
    }

    @Test
    void anEmptyFileHasNoEntries() throws IOException {
        assertEquals(List.of(), reader.read("", "empty.txt"));
        assertEquals(List.of(), reader.read("# nothing\n\n", "comments.txt"));
    }

    @Test
    void readsGzipCompressedFiles() throws IOException {
        byte[] text = "http://a/b\n  split=3\n".getBytes(StandardCharsets.UTF_8);
        List<InputFileEntry> entries = reader.read(new ByteArrayInputStream(gzip(text)), "session.gz");
        assertEquals(List.of(new InputFileEntry(List.of("http://a/b"), Options.of("split", "3"))), entries);
    }

    /** file in input-files/ | reason | line | exact message. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            option-before-uri.txt        | OPTION_BEFORE_URI   | 2 | option-before-uri.txt:2: option line before any URI line (URI lines start in the first column)
            unknown-option.txt           | UNKNOWN_OPTION      | 3 | unknown-option.txt:3: unknown option "spilt"
            bad-value.txt                | BAD_VALUE           | 4 | bad-value.txt:4: split: expected an integer 1..*, got "x"
            global-option.txt            | GLOBAL_OPTION       | 2 | global-option.txt:2: max-concurrent-downloads is a global option; it cannot be set for one download
            missing-equals.txt           | MALFORMED_OPTION    | 2 | missing-equals.txt:2: expected an option line name=value
            empty-name.txt               | MALFORMED_OPTION    | 2 | empty-name.txt:2: expected an option line name=value
            control-character-in-uri.txt | BAD_URI             | 2 | control-character-in-uri.txt:2: URI line has a control character U+001B at index 17
            bad-secret-value.txt         | BAD_VALUE           | 2 | bad-secret-value.txt:2: http-passwd: expected text without control characters, got "***" (control character U+0001 at index 3)
            bad-proxy.txt                | BAD_VALUE           | 2 | 'bad-proxy.txt:2: all-proxy: expected a proxy [http://|https://][USER:PASSWORD@]HOST[:PORT], or empty for none, got "http://bob:***@proxy:99999" (proxy port out of range: 99999)'
            bad-utf8.txt                 | MALFORMED_TEXT      | 2 | bad-utf8.txt:2: not valid UTF-8
            corrupt-gzip.txt.gz          | CORRUPT_COMPRESSION | 0 | corrupt-gzip.txt.gz: corrupt gzip data
            truncated-gzip.txt.gz        | CORRUPT_COMPRESSION | 0 | truncated-gzip.txt.gz: corrupt gzip data
            """)
    void hostileFilesGiveTypedErrors(String file, InputFileException.Reason reason, int line, String message)
            throws IOException {
        InputFileException e;
        try (InputStream in = getClass().getResourceAsStream("input-files/" + file)) {
            e = assertThrows(InputFileException.class, () -> reader.read(in, file));
        }
        assertEquals(reason, e.reason());
        assertEquals(line, e.lineNumber());
        assertEquals(file, e.source());
        assertEquals(message, e.getMessage());
        assertEquals(ErrorCode.BAD_OPTION, e.errorCode());
        assertFalse(e.getMessage().contains("hunter2"));
        assertFalse(e.getMessage().contains("hun"));
        assertFalse(e.getMessage().contains("user:pw"));
    }

    @Test
    void badValueKeepsTheOptionExceptionAsCause() {
        InputFileException e = assertThrows(InputFileException.class,
                () -> reader.read("http://a\n  split=0\n", "s.txt"));
        OptionException cause = assertInstanceOf(OptionException.class, e.getCause());
        assertEquals("split", cause.optionName());
    }

    @Test
    void lineLimitCountsBytesWithoutTheLineEnding() throws IOException {
        InputFileReader small = new InputFileReader(new InputFileLimits(1 << 20, 20, 100, 10));
        String exactly20 = "http://a/" + "x".repeat(11);
        assertEquals(3, small.read(exactly20 + "\r\n" + exactly20 + "\n" + exactly20, "ok.txt").size());
        InputFileException e = assertThrows(InputFileException.class,
                () -> small.read("http://a/\n" + exactly20 + "y\n", "long.txt"));
        assertEquals(InputFileException.Reason.LINE_TOO_LONG, e.reason());
        assertEquals("long.txt:2: line longer than 20 bytes", e.getMessage());
        InputFileException withCarriageReturn = assertThrows(InputFileException.class,
                () -> small.read(exactly20 + "y\r\n", "long.txt"));
        assertEquals("long.txt:1: line longer than 20 bytes", withCarriageReturn.getMessage());
    }

    @Test
    void hugeLineIsRefusedWithoutBufferingIt() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'a');
                return length;
            }
        };
        InputFileException e = assertThrows(InputFileException.class,
                () -> new InputFileReader(new InputFileLimits(Long.MAX_VALUE, 64 << 10, 10, 10)).read(endless, "-"));
        assertEquals("-:1: line longer than 65536 bytes", e.getMessage());
    }

    @Test
    void tooManyLinesIsRefused() {
        InputFileReader small = new InputFileReader(new InputFileLimits(1 << 20, 100, 3, 10));
        InputFileException e = assertThrows(InputFileException.class,
                () -> small.read("http://a\n\n# c\n  split=2\n", "lines.txt"));
        assertEquals(InputFileException.Reason.TOO_MANY_LINES, e.reason());
        assertEquals("lines.txt:4: more than 3 lines", e.getMessage());
    }

    @Test
    void tooManyBytesIsRefused() {
        InputFileReader small = new InputFileReader(new InputFileLimits(30, 100, 100, 10));
        InputFileException e = assertThrows(InputFileException.class,
                () -> small.read("http://a/1\nhttp://a/2\nhttp://a/3\n", "big.txt"));
        assertEquals(InputFileException.Reason.TOO_LARGE, e.reason());
        assertEquals(0, e.lineNumber());
        assertEquals("big.txt: more than 30 bytes", e.getMessage());
    }

    @Test
    void tooManyUrisOnOneLineIsRefused() {
        InputFileReader small = new InputFileReader(new InputFileLimits(1 << 20, 100, 100, 2));
        InputFileException e = assertThrows(InputFileException.class,
                () -> small.read("http://a/1\thttp://b/1\thttp://c/1\n", "mirrors.txt"));
        assertEquals(InputFileException.Reason.TOO_MANY_URIS, e.reason());
        assertEquals("mirrors.txt:1: more than 2 URIs on one line", e.getMessage());
    }

    @Test
    void gzipBombStopsAtTheLimits() throws IOException {
        byte[] newlines = new byte[16 << 20];
        java.util.Arrays.fill(newlines, (byte) '\n');
        InputFileException lines = assertThrows(InputFileException.class,
                () -> reader.read(new ByteArrayInputStream(gzip(newlines)), "bomb.gz"));
        assertEquals("bomb.gz:1000001: more than 1000000 lines", lines.getMessage());
        InputFileException bytes = assertThrows(InputFileException.class,
                () -> new InputFileReader(new InputFileLimits(1 << 20, 100, Integer.MAX_VALUE, 10))
                        .read(new ByteArrayInputStream(gzip(newlines)), "bomb.gz"));
        assertEquals("bomb.gz: more than 1048576 bytes", bytes.getMessage());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new InputFileLimits(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new InputFileLimits(1, 1, 1, 0));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }
}
