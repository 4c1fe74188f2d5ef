package dev.arietta.http.internal.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.http.internal.cookie.CookieFileReport.SkipReason;
import dev.arietta.http.internal.cookie.CookieFileReport.SkippedLine;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetscapeCookieFileTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private CookieFileReport read(String text, CookieFileLimits limits, List<Cookie> sink) throws IOException {
        return NetscapeCookieFile.read(new StringReader(text), "cookies.txt", NOW,
                PublicSuffixPolicy.SINGLE_LABEL, limits, sink::add);
    }

    @Test
    void readsCommentsBlankLinesHttpOnlyAndSixFieldLines() throws IOException {
        String file = "# Netscape HTTP Cookie File\n"
                + "\n"
                + "   \n"
                + ".example.com\tTRUE\t/\tFALSE\t2000000000\tsid\tabc123\r\n"
                + "#HttpOnly_www.example.org\tFALSE\t/app\tTRUE\t0\ttoken\tx=y\n"
                + "example.net\tFALSE\t/\tfalse\t0\tempty\n"
                + "# a comment\twith\ttabs\tthat\tlooks\tlike\ta cookie\n"
                + "[::1]\tFALSE\t/\tFALSE\t0\tv6\t1";
        List<Cookie> loaded = new ArrayList<>();
        CookieFileReport report = read(file, CookieFileLimits.DEFAULTS, loaded);
        assertEquals(4, report.loaded());
        assertEquals(0, report.skippedCount());

        Cookie sid = loaded.get(0);
        assertEquals("example.com", sid.domain());
        assertFalse(sid.hostOnly());
        assertEquals(Instant.ofEpochSecond(2_000_000_000L), sid.expiry());
        assertEquals("abc123", sid.value());
        assertFalse(sid.httpOnly());

        Cookie token = loaded.get(1);
        assertEquals("www.example.org", token.domain());
        assertTrue(token.hostOnly());
        assertTrue(token.httpOnly());
        assertTrue(token.secure());
        assertNull(token.expiry());
        assertEquals("/app", token.path());
        assertEquals("x=y", token.value());

        assertEquals("", loaded.get(2).value());
        assertEquals("::1", loaded.get(3).domain());
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "example.com~TRUE~/~FALSE~0                       | WRONG_FIELD_COUNT",
        "example.com~TRUE~/~FALSE~0~a~b~c                 | WRONG_FIELD_COUNT",
        "just some text                                   | WRONG_FIELD_COUNT",
        "~TRUE~/~FALSE~0~a~b                              | BAD_DOMAIN",
        ".~TRUE~/~FALSE~0~a~b                             | BAD_DOMAIN",
        "example.com~YES~/~FALSE~0~a~b                    | BAD_FLAG",
        "example.com~TRUE~/~1~0~a~b                       | BAD_FLAG",
        "example.com~TRUE~relative~FALSE~0~a~b            | BAD_PATH",
        "example.com~TRUE~/~FALSE~soon~a~b                | BAD_EXPIRY",
        "example.com~TRUE~/~FALSE~1.5e9~a~b               | BAD_EXPIRY",
        "example.com~TRUE~/~FALSE~99999999999999999999~a~b| BAD_EXPIRY",
        "example.com~TRUE~/~FALSE~0~~b                    | EMPTY_NAME",
        "example.com~TRUE~/~FALSE~0~a~b\u0001c            | CONTROL_CHARACTER",
        ".com~TRUE~/~FALSE~0~a~b                          | PUBLIC_SUFFIX_DOMAIN",
    })
    void skipsMalformedLinesWithReasonAndLineNumber(String line, SkipReason reason) throws IOException {
        String file = "# header\n" + line.strip().replace('~', '\t') + "\nexample.com\tFALSE\t/\tFALSE\t0\tok\t1\n";
        List<Cookie> loaded = new ArrayList<>();
        CookieFileReport report = read(file, CookieFileLimits.DEFAULTS, loaded);
        assertEquals(1, report.loaded());
        assertEquals(1, report.skippedCount());
        SkippedLine skipped = report.skipped().get(0);
        assertEquals(2, skipped.lineNumber());
        assertEquals(reason, skipped.reason());
        assertEquals("ok", loaded.get(0).name());
    }

    @Test
    void singleLabelHostOnlyCookieIsAllowed() throws IOException {
        List<Cookie> loaded = new ArrayList<>();
        read("localhost\tFALSE\t/\tFALSE\t0\ta\tb\n", CookieFileLimits.DEFAULTS, loaded);
        assertEquals("localhost", loaded.get(0).domain());
    }

    @Test
    void expiredCookiesAreCountedNotLoaded() throws IOException {
        List<Cookie> loaded = new ArrayList<>();
        CookieFileReport report = read("example.com\tFALSE\t/\tFALSE\t1000\told\t1\n"
                + "example.com\tFALSE\t/\tFALSE\t-5\tnegative\t1\n", CookieFileLimits.DEFAULTS, loaded);
        assertEquals(0, report.loaded());
        assertEquals(2, report.expired());
        assertTrue(loaded.isEmpty());
    }

    @Test
    void overlongLineIsSkippedWithoutKeepingIt() throws IOException {
        String longLine = "example.com\tFALSE\t/\tFALSE\t0\tbig\t" + "x".repeat(100_000);
        List<Cookie> loaded = new ArrayList<>();
        CookieFileReport report = read(longLine + "\nexample.com\tFALSE\t/\tFALSE\t0\tok\t1\n",
                new CookieFileLimits(100, 10, 10), loaded);
        assertEquals(1, report.loaded());
        assertEquals(List.of(new SkippedLine(1, SkipReason.LINE_TOO_LONG, "longer than 100 chars")), report.skipped());
    }

    @Test
    void tooManyLinesFailsWithLineNumber() {
        String file = "# comment\n".repeat(11);
        CookieFileException failure = assertThrows(CookieFileException.class,
                () -> read(file, new CookieFileLimits(100, 10, 10), new ArrayList<>()));
        assertEquals(11, failure.lineNumber());
        assertEquals("cookies.txt", failure.source());
        assertEquals(ErrorCode.BAD_OPTION, failure.errorCode());
    }

    @Test
    void reportedSkipsAreBoundedButCounted() throws IOException {
        String file = "bad line\n".repeat(50);
        CookieFileReport report = read(file, new CookieFileLimits(100, 1000, 3), new ArrayList<>());
        assertEquals(50, report.skippedCount());
        assertEquals(3, report.skipped().size());
        assertEquals(3, report.skipped().get(2).lineNumber());
    }

    @Test
    void writesNetscapeFormat() throws IOException {
        List<Cookie> list = List.of(
                new Cookie("sid", "abc", "example.com", "/", Instant.ofEpochSecond(2_000_000_000L), false, true, false, NOW),
                new Cookie("token", "x y", "www.example.org", "/app", null, true, false, true, NOW));
        StringWriter out = new StringWriter();
        NetscapeCookieFile.write(out, list);
        String text = out.toString();
        assertTrue(text.startsWith("# Netscape HTTP Cookie File\n"), text);
        assertTrue(text.contains("\n.example.com\tTRUE\t/\tTRUE\t2000000000\tsid\tabc\n"), text);
        assertTrue(text.contains("\n#HttpOnly_www.example.org\tFALSE\t/app\tFALSE\t0\ttoken\tx y\n"), text);
    }

    @Test
    void saveAndLoadRoundTripThroughJar(@TempDir Path directory) throws Exception {
        FakeClock clock = new FakeClock(NOW);
        CookieJar jar = new CookieJar(clock);
        jar.receive(URI.create("https://www.example.com/a/b"), "sid=1; Domain=example.com; Path=/; Secure; HttpOnly; Max-Age=3600");
        jar.receive(URI.create("http://host.example.org/"), "session=\u00e9t\u00e9; Path=/");
        Path file = directory.resolve("cookies.txt");
        NetscapeCookieFile.save(file, jar);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        }
        try (var listing = Files.list(directory)) {
            assertEquals(1, listing.count(), "temporary file left behind");
        }

        CookieJar loadedJar = new CookieJar(clock);
        CookieFileReport report = NetscapeCookieFile.load(file, loadedJar, NOW, PublicSuffixPolicy.SINGLE_LABEL,
                CookieFileLimits.DEFAULTS);
        assertEquals(2, report.loaded());
        assertEquals(jar.snapshot(), loadedJar.snapshot());
        assertEquals("sid=1", loadedJar.cookieHeader(URI.create("https://x.example.com/")).orElseThrow());
        assertEquals("session=\u00e9t\u00e9", loadedJar.cookieHeader(URI.create("http://host.example.org/")).orElseThrow());
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).contains("session\t\u00e9t\u00e9\n"));
    }
}
