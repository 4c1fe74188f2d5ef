package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command in-process against local servers and checks exit status and console output. */
class MainTest {

    private static final Pattern MIRRORS = Pattern.compile("the mirrors served (\\d+) and (\\d+) ranged requests");
    private static final Pattern TEMP_DIRECTORY = Pattern.compile("temporary directory (\\S+) removed");
    private static final byte[] SMALL = "a small file served by the test\n".repeat(100).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;
    private RangeFileServer server;
    private final Interruption interruption = new Interruption();
    private final CommandRunner command = new CommandRunner(interruption);

    @BeforeEach
    void start() throws Exception {
        server = RangeFileServer.start(Map.of("/small.txt", SMALL, "/other.txt", SMALL), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void demoDownloadsVerifiesPrintsResultsAndCleansUp() {
        int status = run(false, "--demo");
        String out = out();
        assertEquals(0, status, out + err());
        assertTrue(out.contains("\nDownload Results:\ngid   |stat|avg speed  |path/URI\n"), out);
        assertTrue(Pattern.compile("(?m)^[0-9a-f]{6}\\|OK  \\| +[0-9.,]+(Ki|Mi|Gi)?B/s\\|.*arietta-demo\\.bin$")
                .matcher(out).find(), out);
        assertTrue(out.contains("\nStatus Legend:\n(OK):download completed.\n"), out);
        assertTrue(Pattern.compile("(?m)^\\[#[0-9a-f]{6} [0-9.]+(Ki|Mi)?B/16MiB\\(\\d+%\\) CN:\\d+.*]$").matcher(out).find(),
                "plain readout lines: " + out);
        assertFalse(out.contains("\r"), "no carriage returns off a terminal");
        Matcher mirrors = MIRRORS.matcher(out);
        assertTrue(mirrors.find(), out);
        int firstMirror = Integer.parseInt(mirrors.group(1));
        int secondMirror = Integer.parseInt(mirrors.group(2));
        assertTrue(firstMirror > 0 && secondMirror > 0, "both mirrors used: " + out);
        assertTrue(firstMirror + secondMirror >= 8, "at least 8 segments: " + out);
        Matcher temporary = TEMP_DIRECTORY.matcher(out);
        assertTrue(temporary.find(), out);
        assertFalse(Files.exists(Path.of(temporary.group(1))), "temporary directory deleted");
        assertEquals("", err());
    }

    @Test
    void demoIntoAGivenDirectoryKeepsTheVerifiedFileAndRedrawsOnATerminal() throws Exception {
        int status = run(true, "--demo", "-d", directory.toString());
        assertEquals(0, status, out() + err());
        assertArrayEquals(Demo.content(), Files.readAllBytes(directory.resolve("arietta-demo.bin")));
        // On a terminal the readout is colored by default (enable-color), as aria2's.
        assertTrue(Pattern.compile("\r\u001b\\[35m\\[\u001b\\[0m#[0-9a-f]{6} [#-]{10} ").matcher(out()).find(),
                "redrawn colored readout with a bar: " + out());
        assertTrue(out().contains("file kept in " + directory), out());
    }

    @Test
    void quietDemoPrintsNothing() {
        assertEquals(0, run(false, "--demo", "-q"));
        assertEquals("", out());
        assertEquals("", err());
    }

    @Test
    void completedDownloadExitsZeroWithNotice() throws Exception {
        int status = run(false, "-d", directory.toString(), server.uri("/small.txt").toString());
        assertEquals(0, status, out() + err());
        assertArrayEquals(SMALL, Files.readAllBytes(directory.resolve("small.txt")));
        assertTrue(out().contains("[NOTICE] Download complete: " + directory.resolve("small.txt").toAbsolutePath()),
                out());
    }

    @Test
    void consoleLogLevelAboveNoticeHidesNoticesButKeepsErrorsAndTheTable() {
        int status = run(false, "-Z", "--console-log-level=warn", "--max-tries=1", "-d", directory.toString(),
                server.uri("/small.txt").toString(), server.uri("/missing.txt").toString());
        assertEquals(3, status, out() + err());
        assertFalse(out().contains("[NOTICE]"), out());
        assertTrue(out().contains("[ERROR] Download aborted: " + server.uri("/missing.txt") + " (errorCode=3 "), out());
        assertTrue(out().contains("Download Results:"), out());
    }

    @Test
    void withoutReadoutOnlyNoticesAndTable() {
        int status = run(false, "--show-console-readout=false", "-d", directory.toString(), "--demo");
        assertEquals(0, status, out() + err());
        assertFalse(out().contains("[#"), out());
        assertTrue(out().contains("[NOTICE] Download complete: "), out());
    }

    @Test
    void missingFileExitsWithResourceNotFound() {
        int status = run(false, "-d", directory.toString(), "--max-tries=1", server.uri("/missing.txt").toString());
        assertEquals(3, status, out() + err());
        assertTrue(Pattern.compile("(?m)^[0-9a-f]{6}\\|ERR \\|.*\\|.*/missing\\.txt$").matcher(out()).find(), out());
        assertTrue(out().contains("(ERR):error occurred."), out());
    }

    @Test
    void checksumMismatchExits32() {
        int status = run(false, "-d", directory.toString(), "--checksum=sha-256=" + "0".repeat(64),
                server.uri("/small.txt").toString());
        assertEquals(32, status, out() + err());
    }

    @Test
    void oneFailureAmongSuccessesDecidesTheExitStatus() {
        int status = run(false, "-Z", "-j", "1", "--max-tries=1", "-d", directory.toString(),
                server.uri("/small.txt").toString(), server.uri("/missing.txt").toString(),
                server.uri("/other.txt").toString());
        assertEquals(3, status, out() + err());
        String out = out();
        assertEquals(2, out.lines().filter(line -> line.matches("[0-9a-f]{6}\\|OK  \\|.*")).count(), out);
        assertTrue(out.contains("(OK):download completed.(ERR):error occurred.\n"), out);
    }

    @Test
    void refusedUriExitsOne() {
        int status = run(false, "-d", directory.toString(), "-Z", "not-a-uri");
        assertEquals(1, status, out() + err());
        assertTrue(out().contains("[ERROR] not-a-uri: "), out());
    }

    @Test
    void badOptionExits28WithTheMessage() {
        assertEquals(28, run(false, "--split=zero", "http://a/f"));
        assertTrue(err().startsWith("arietta: split: "), err());
        assertEquals("", out());
    }

    @Test
    void noUriExitsOne() {
        assertEquals(1, run(false));
        assertTrue(err().contains("specify at least one URI"), err());
    }

    @Test
    void helpListsAria2FlagsAndTheDemo() {
        assertEquals(0, run(false, "--help"));
        assertTrue(out().contains("--split"), out());
        assertTrue(out().contains("--demo"), out());
    }

    @Test
    void versionPrintsTheName() {
        assertEquals(0, run(false, "--version"));
        assertTrue(out().startsWith("arietta "), out());
    }

    @Test
    void interruptedRunReportsUnfinishedDownloadsAndExitsSeven() throws Exception {
        byte[] large = new byte[4 << 20];
        try (RangeFileServer slow = RangeFileServer.start(Map.of("/large.bin", large), 64 * 1024)) {
            interruption.request();
            int status = run(false, "-d", directory.toString(), slow.uri("/large.bin").toString(),
                    "-Z", server.uri("/missing.txt").toString());
            assertEquals(7, status, out() + err());
            assertEquals(2, out().lines().filter(line -> line.matches("[0-9a-f]{6}\\|INPR\\|.*")).count(), out());
            assertTrue(out().contains("(INPR):download in-progress."), out());
        }
    }

    @Test
    void demoRefusesUris() {
        assertEquals(1, run(false, "--demo", "http://a/f"));
        assertTrue(err().contains("--demo downloads its own file"), err());
    }

    private int run(boolean terminal, String... arguments) {
        return command.run(terminal, arguments);
    }

    private String out() {
        return command.out();
    }

    private String err() {
        return command.err();
    }
}
