package dev.arietta.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arietta.Option;
import dev.arietta.OptionSamples;
import dev.arietta.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputFileWriterTest {

    @Test
    void writesAria2sFormat() {
        List<InputFileEntry> entries = List.of(
                new InputFileEntry(List.of("http://server/file.iso", "http://mirror/file.iso"),
                        Options.of("dir", "/iso_images", "out", "file.img", "header", "X-A: 1", "header", "X-B: 2",
                                "max-download-limit", "1M")),
                new InputFileEntry(List.of("http://foo/bar"), Options.empty()));
        assertEquals("""
                http://server/file.iso\thttp://mirror/file.iso
                 dir=/iso_images
                 out=file.img
                 max-download-limit=1048576
                 header=X-A: 1
                 header=X-B: 2
                http://foo/bar
                """, InputFileWriter.format(entries));
    }

    @Test
    void everyPerDownloadOptionRoundTrips() throws IOException {
        Options all = OptionSamples.everyOption(option -> option.scope() == Option.Scope.DOWNLOAD);
        List<InputFileEntry> entries = List.of(
                new InputFileEntry(List.of("http://a/x.iso", "ftp://user:pw@b/x.iso"), all),
                new InputFileEntry(List.of("magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567"),
                        Options.of("pause", "true", "ftp-proxy", "")),
                new InputFileEntry(List.of("https://c/y"), Options.empty()));
        String text = InputFileWriter.format(entries);
        List<InputFileEntry> reread = new InputFileReader().read(text, "session.txt");
        assertEquals(entries, reread);
        assertEquals(text, InputFileWriter.format(reread));
    }

    /** A URI that reading would change or misread. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                | empty URI
            ' http://a'       | URI has surrounding spaces, which reading would strip
            #http://a         | URI starts with '#', which reading would take for a comment
            'http://a\tb'     | URI has a TAB, which separates mirrors in the file
            """)
    void refusesUrisThatWouldNotReadBack(String uri, String message) {
        String actual = uri.replace("\\t", "\t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputFileWriter.format(List.of(new InputFileEntry(List.of(actual), Options.empty()))));
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesControlCharactersAndGlobalOptions() {
        IllegalArgumentException newline = assertThrows(IllegalArgumentException.class,
                () -> InputFileWriter.format(List.of(new InputFileEntry(List.of("http://a/\n x"), Options.empty()))));
        assertEquals("URI has a control character U+000A at index 9", newline.getMessage());
        IllegalArgumentException global = assertThrows(IllegalArgumentException.class,
                () -> InputFileWriter.format(List.of(new InputFileEntry(List.of("http://a"),
                        Options.of("max-concurrent-downloads", "2")))));
        assertEquals("max-concurrent-downloads is a global option; it cannot be saved for one download",
                global.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InputFileEntry(List.of(), Options.empty()));
    }

    @Test
    void saveReplacesTheFileAtomicallyAndPrivately(@TempDir Path directory) throws IOException {
        Path session = directory.resolve("session.txt");
        Files.writeString(session, "old content\n");
        List<InputFileEntry> entries = List.of(new InputFileEntry(List.of("http://a/1"),
                Options.of("http-passwd", "hunter2", "split", "2")));
        InputFileWriter.save(entries, session);
        assertEquals("http://a/1\n split=2\n http-passwd=hunter2\n", Files.readString(session));
        assertEquals(entries, new InputFileReader().read(session));
        assertFalse(Files.exists(directory.resolve("session.txt.tmp")));
        if (Files.getFileStore(session).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(session)));
        }
    }
}
