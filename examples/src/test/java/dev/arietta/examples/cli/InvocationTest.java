package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.Option;
import dev.arietta.OptionException;
import dev.arietta.Options;
import dev.arietta.internal.options.InputFileEntry;
import dev.arietta.internal.options.InputFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InvocationTest {

    private static final InputStream NO_INPUT = new ByteArrayInputStream(new byte[0]);

    @TempDir
    Path directory;

    /** Command line, then the options it must set in aria2's text form. */
    static Stream<Arguments> optionMappings() {
        return Stream.of(
                Arguments.of("-d /tmp/x http://a/f", Map.of("dir", "/tmp/x")),
                Arguments.of("--dir=/tmp/x http://a/f", Map.of("dir", "/tmp/x")),
                Arguments.of("-s8 -x4 -k1M http://a/f", Map.of("split", "8", "max-connection-per-server", "4",
                        "min-split-size", "1048576")),
                Arguments.of("-s 8 -x 4 -k 2M http://a/f", Map.of("split", "8", "max-connection-per-server", "4",
                        "min-split-size", "2097152")),
                Arguments.of("-j 2 -o out.bin http://a/f", Map.of("max-concurrent-downloads", "2", "out", "out.bin")),
                Arguments.of("-q -c http://a/f", Map.of("quiet", "true", "continue", "true")),
                Arguments.of("--quiet=false http://a/f", Map.of("quiet", "false")),
                Arguments.of("--max-download-limit=1M http://a/f", Map.of("max-download-limit", "1048576")),
                Arguments.of("--checksum=sha-256=" + "ab".repeat(32) + " http://a/f",
                        Map.of("checksum", "sha-256=" + "ab".repeat(32))),
                Arguments.of("--header=X-A:1 --header X-B:2 http://a/f", Map.of("header", "X-A:1\nX-B:2")),
                Arguments.of("-s 2 -s 3 http://a/f", Map.of("split", "3")),
                Arguments.of("-V --file-allocation=trunc --save-session=s.txt http://a/f", Map.of("check-integrity",
                        "true", "file-allocation", "trunc", "save-session", "s.txt")),
                Arguments.of("-R --dry-run --conditional-get --hash-check-only --reuse-uri=false"
                        + " --always-resume=false --max-resume-failure-tries=2 http://a/f", Map.of("remote-time", "true",
                        "dry-run", "true", "conditional-get", "true", "hash-check-only", "true", "reuse-uri", "false",
                        "always-resume", "false", "max-resume-failure-tries", "2")),
                Arguments.of("--ftp-proxy=http://p:3128 --proxy-method=tunnel --ftp-proxy-user=u http://a/f",
                        Map.of("ftp-proxy", "http://p:3128", "proxy-method", "tunnel", "ftp-proxy-user", "u")),
                Arguments.of("--demo -d /tmp/y", Map.of("dir", "/tmp/y")),
                Arguments.of("--follow-metalink=mem --select-file=1-3,5 http://a/f",
                        Map.of("follow-metalink", "mem", "select-file", "1-3,5")),
                Arguments.of("--metalink-location=jp,us --metalink-preferred-protocol=https"
                        + " --metalink-enable-unique-protocol=false --metalink-language=en-US http://a/f",
                        Map.of("metalink-location", "jp,us", "metalink-preferred-protocol", "https",
                                "metalink-enable-unique-protocol", "false", "metalink-language", "en-US")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("optionMappings")
    void mapsFlagsToAria2Options(String commandLine, Map<String, String> expected) throws IOException {
        Invocation invocation = parse(commandLine);
        assertEquals(expected, invocation.sessionOptions().asStringMap());
    }

    /** Command line, then the URI groups it must produce (one download per group). */
    static Stream<Arguments> uriGroupings() {
        return Stream.of(
                Arguments.of("http://a/f", List.of(List.of("http://a/f"))),
                Arguments.of("http://a/f https://b/f ftp://c/f", List.of(List.of("http://a/f", "https://b/f", "ftp://c/f"))),
                Arguments.of("-Z http://a/f http://b/g", List.of(List.of("http://a/f"), List.of("http://b/g"))),
                Arguments.of("x.torrent http://a/f", List.of(List.of("http://a/f"), List.of("x.torrent"))),
                Arguments.of("-s 2 -- -weird http://a/f", List.of(List.of("http://a/f"), List.of("-weird"))),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("uriGroupings")
    void groupsUrisIntoDownloadsAsAria2(String commandLine, List<List<String>> expected) throws IOException {
        List<List<String>> groups = parse(commandLine).downloads().stream().map(InputFileEntry::uris).toList();
        assertEquals(expected, groups);
    }

    /** Command line, then the flag the error must name. */
    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of("--no-such-option http://a/f", "--no-such-option"),
                Arguments.of("-y http://a/f", "-y"),
                Arguments.of("-s x http://a/f", "split"),
                Arguments.of("--split=0 http://a/f", "split"),
                Arguments.of("-k 10 http://a/f", "min-split-size"),
                Arguments.of("--checksum=md5=zz http://a/f", "checksum"),
                Arguments.of("-d", "dir"),
                Arguments.of("--version=1", "--version"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badArguments")
    void badFlagsAreBadOptionErrors(String commandLine, String optionName) {
        OptionException error = assertThrows(OptionException.class, () -> parse(commandLine));
        assertEquals(optionName, error.optionName());
        assertEquals(28, error.errorCode().code());
    }

    @Test
    void helpVersionAndDemoAreFlags() throws IOException {
        Invocation help = parse("--help=#http");
        assertTrue(help.helpRequested());
        assertEquals("#http", help.helpTopic().orElseThrow());
        assertTrue(parse("-v").versionRequested());
        Invocation demo = parse("--demo -q");
        assertTrue(demo.demo());
        assertTrue(demo.sessionOptions().get(Option.QUIET));
        assertFalse(parse("http://a/f").demo());
    }

    @Test
    void inputFileEntriesFollowCommandLineUrisWithTheirOwnOptions() throws IOException {
        Path list = directory.resolve("list.txt");
        Files.writeString(list, "http://m1/x\thttp://m2/x\n  out=renamed.bin\n# comment\nhttp://n/y\n");
        Invocation invocation = parse("-i " + list + " -s 4 http://cli/z");
        assertEquals(List.of(
                new InputFileEntry(List.of("http://cli/z"), Options.empty()),
                new InputFileEntry(List.of("http://m1/x", "http://m2/x"), Options.of("out", "renamed.bin")),
                new InputFileEntry(List.of("http://n/y"), Options.empty())), invocation.downloads());
        assertFalse(invocation.sessionOptions().isSet(Option.INPUT_FILE), "consumed here, not by the session");
        assertEquals(4, invocation.sessionOptions().get(Option.SPLIT));
    }

    @Test
    void torrentFileTakesTheCommandLineUrisAsWebSeeds() throws IOException {
        Invocation invocation = parse("-T x.torrent http://a/x http://b/x -s 2");
        InputFileEntry entry = invocation.downloads().get(0);
        assertEquals(1, invocation.downloads().size());
        assertEquals(List.of("x.torrent", "http://a/x", "http://b/x"), entry.uris());
        assertEquals(java.nio.file.Path.of("x.torrent"), entry.torrentFile().orElseThrow());
        assertEquals(List.of("http://a/x", "http://b/x"), entry.otherUris());
        assertFalse(invocation.sessionOptions().isSet(Option.TORRENT_FILE), "consumed here, not by the session");
        assertEquals(java.nio.file.Path.of("y.torrent"), parse("y.torrent").downloads().get(0).torrentFile()
                .orElseThrow());
        assertTrue(parse("http://a/y.torrent").downloads().get(0).torrentFile().isEmpty(),
                "a remote .torrent is a plain download");
        assertTrue(parse("-S -T x.torrent").sessionOptions().isSet(Option.TORRENT_FILE), "kept for -S");
    }

    @Test
    void inputFileDashReadsStandardInput() throws IOException {
        InputStream stdin = new ByteArrayInputStream("http://s/in\n".getBytes(StandardCharsets.UTF_8));
        Invocation invocation = Invocation.parse(List.of("-i", "-"), stdin);
        assertEquals(List.of(new InputFileEntry(List.of("http://s/in"), Options.empty())), invocation.downloads());
    }

    @Test
    void malformedInputFileNamesTheLine() throws IOException {
        Path list = directory.resolve("bad.txt");
        Files.writeString(list, "http://a/x\n  no-such-option=1\n");
        InputFileException error = assertThrows(InputFileException.class, () -> parse("-i " + list));
        assertTrue(error.getMessage().contains(":2"), error.getMessage());
    }

    private static Invocation parse(String commandLine) throws IOException {
        List<String> arguments = commandLine.isEmpty() ? List.of() : Arrays.asList(commandLine.split(" "));
        return Invocation.parse(arguments, NO_INPUT);
    }

    @Test
    void metalinkFilesComeFromDashCapitalMAndFromArgumentsNamingThem() throws IOException {
        Path first = Files.writeString(directory.resolve("a.meta4"), "<first/>");
        Path second = Files.writeString(directory.resolve("b.METALINK"), "<second/>");
        Invocation invocation = parse("-M " + first + " http://a/f " + second);
        assertEquals(List.of(first.toString(), second.toString()),
                invocation.metalinks().stream().map(Invocation.MetalinkInput::source).toList());
        assertEquals("<second/>", new String(invocation.metalinks().get(1).document(), StandardCharsets.UTF_8));
        assertEquals(List.of(new InputFileEntry(List.of("http://a/f"), Options.empty())), invocation.downloads());
        assertFalse(invocation.sessionOptions().isSet(Option.METALINK_FILE), "consumed here");
        assertEquals(List.of(List.of("http://a/x.meta4")), parse("http://a/x.meta4").downloads().stream()
                .map(InputFileEntry::uris).toList(), "a remote Metalink is a download (followed when done)");
    }

    @Test
    void dashCapitalMDashReadsStandardInputAndAMissingFileIsAnError() throws IOException {
        InputStream stdin = new ByteArrayInputStream("<doc/>".getBytes(StandardCharsets.UTF_8));
        Invocation invocation = Invocation.parse(List.of("-M", "-"), stdin);
        assertEquals("-", invocation.metalinks().get(0).source());
        assertEquals("<doc/>", new String(invocation.metalinks().get(0).document(), StandardCharsets.UTF_8));
        IOException missing = assertThrows(IOException.class, () -> parse("--metalink-file=" + directory.resolve("no.meta4")));
        assertTrue(missing.getMessage().contains("no such Metalink file"), missing.getMessage());
    }
}
