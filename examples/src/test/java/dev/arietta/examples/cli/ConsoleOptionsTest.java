package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console and log options of the command, run in-process against a local server: log,
 * log-level, summary-interval, enable-color, human-readable.
 */
class ConsoleOptionsTest {

    private final CommandRunner command = new CommandRunner();

    private static final String ESCAPE = "\u001b[";
    /** {@code yyyy-MM-dd HH:mm:ss.SSSSSS [LEVEL] [Logger] }, aria2's log line start. */
    private static final String LOG_LINE = "(?m)^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} ";
    private static final byte[] SMALL = "a small file served by the test\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    private static final byte[] PACED = new byte[160 * 1024];

    @TempDir
    Path directory;
    private RangeFileServer server;
    private RangeFileServer paced;

    @BeforeEach
    void start() throws Exception {
        server = RangeFileServer.start(Map.of("/small.txt", SMALL), 0);
        paced = RangeFileServer.start(Map.of("/paced.bin", PACED), 64 * 1024);
    }

    @AfterEach
    void stop() {
        server.close();
        paced.close();
    }



    private static boolean matches(String regex, String text) {
        return Pattern.compile(regex).matcher(text).find();
    }

    @Test
    void logFileGetsTimestampedLinesAtTheLevelAndAbove() throws Exception {
        Path log = directory.resolve("arietta.log");
        assertEquals(0, run(false, "-d", directory.toString(), "-l", log.toString(), "--log-level=notice",
                server.uri("/small.txt").toString()));
        String first = Files.readString(log);
        assertTrue(matches(LOG_LINE + "\\[NOTICE\\] \\[DownloadRun\\] Downloading 1 item\\(s\\)$", first), first);
        assertTrue(matches(LOG_LINE + "\\[NOTICE\\] \\[DownloadRun\\] Download complete: .*small\\.txt$", first), first);
        assertFalse(first.contains("[INFO]") || first.contains("[DEBUG]"), "below notice: " + first);

        assertEquals(3, run(false, "-d", directory.toString(), "-l", log.toString(), "--log-level=debug",
                "--max-tries=1", server.uri("/missing.txt").toString()));
        String both = Files.readString(log);
        assertTrue(both.startsWith(first), "appended, as aria2 does");
        String second = both.substring(first.length());
        assertTrue(matches(LOG_LINE + "\\[INFO\\] \\[DownloadRun\\] GID#[0-9a-f]{16} started: ", second), second);
        assertTrue(matches(LOG_LINE + "\\[DEBUG\\] \\[RequestChain\\] ", second), "Arietta's own debug log: " + second);
        assertTrue(matches(LOG_LINE + "\\[ERROR\\] \\[DownloadRun\\] Download aborted: .*missing\\.txt", second),
                second);
    }

    @Test
    void noLogOptionWritesNoLogAndDashLogsToStandardOutput() throws Exception {
        assertEquals(0, run(false, "-d", directory.toString(), "--log-level=notice", server.uri("/small.txt").toString()));
        assertFalse(matches(LOG_LINE, out()), out());
        try (var files = Files.list(directory)) {
            assertEquals(List.of(directory.resolve("small.txt")), files.toList());
        }
        assertEquals(0, run(false, "-d", directory.resolve("again").toString(), "-l", "-", "--log-level=notice",
                server.uri("/small.txt").toString()));
        assertTrue(matches(LOG_LINE + "\\[NOTICE\\] \\[DownloadRun\\] Download complete: ", out()), out());
    }

    @Test
    void summaryIsPrintedEverySummaryIntervalWhileDownloading() {
        assertEquals(0, run(false, "-d", directory.toString(), "--summary-interval=1", "--human-readable=false",
                paced.uri("/paced.bin").toString()));
        String out = out();
        assertTrue(matches("(?m)^ \\*\\*\\* Download Progress Summary as of \\w{3} \\w{3} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} "
                + "\\d{4} \\*\\*\\* \\n={79}\\n\\[#[0-9a-f]{6} \\d+B/163840B\\(\\d+%\\) CN:\\d+.*]\\nFILE: .*paced\\.bin\\n-{79}\\n",
                out), out);
        assertTrue(matches("(?m)^\\[#[0-9a-f]{6} \\d+B/163840B", out), "plain byte counts in the readout: " + out);
    }

    @Test
    void summaryIntervalZeroPrintsNone() {
        assertEquals(0, run(false, "-d", directory.toString(), "--summary-interval=0", paced.uri("/paced.bin").toString()));
        assertFalse(out().contains("Download Progress Summary"), out());
    }

    @Test
    void colorsOnlyOnATerminalAndOnlyWithEnableColor() throws Exception {
        assertEquals(3, run(true, "-d", directory.toString(), "--max-tries=1", server.uri("/missing.txt").toString()));
        assertTrue(out().contains("[" + ESCAPE + "1;31mERROR" + ESCAPE + "0m] Download aborted: "), out());
        assertTrue(out().contains("|" + ESCAPE + "1;31mERR" + ESCAPE + "0m |"), out());
        command.reset();

        assertEquals(3, run(true, "--enable-color=false", "-d", directory.toString(), "--max-tries=1",
                server.uri("/missing.txt").toString()));
        assertFalse(out().contains(ESCAPE), out());
        assertTrue(out().contains("[ERROR] Download aborted: "), out());
        command.reset();

        assertEquals(0, run(false, "--enable-color=true", "-d", directory.toString(),
                server.uri("/small.txt").toString()));
        assertFalse(out().contains(ESCAPE), "no colors into a pipe: " + out());
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
