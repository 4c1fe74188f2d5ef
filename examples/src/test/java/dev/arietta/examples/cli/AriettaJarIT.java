package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded {@code target/arietta.jar} (built by {@code package}) as a child process, as
 * the README tells users to: the demo must succeed with exit 0, print the results table, and
 * leave standard error empty (in particular no slf4j "no providers" warning).
 */
class AriettaJarIT {

    private static final Path JAR = Path.of("target", "arietta.jar");

    @TempDir
    Path directory;

    @Test
    void demoRunsFromTheShadedJar() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built by mvn package");
        Result result = run(List.of("--demo"));
        assertEquals(0, result.status(), result.toString());
        assertTrue(result.out().contains("Download Results:"), result.out());
        assertTrue(result.out().contains("(OK):download completed."), result.out());
        assertEquals("", result.err());
    }

    @Test
    void logFileIsWrittenByTheJarsOwnSlf4jProvider() throws Exception {
        Path log = directory.resolve("demo.log");
        Result result = run(List.of("--demo", "-q", "-l", log.toString(), "--log-level=info"));
        assertEquals(0, result.status(), result.toString());
        String text = Files.readString(log);
        assertTrue(text.contains(" [NOTICE] [DownloadRun] Download complete: "), text);
        assertTrue(text.contains(" [INFO] [DownloadRun] GID#"), text);
        assertEquals("", result.err(), "no slf4j warning about providers");
    }

    @Test
    void badOptionExits28FromTheShadedJar() throws Exception {
        Result result = run(List.of("--split=0", "http://127.0.0.1:9/x"));
        assertEquals(28, result.status(), result.toString());
        assertTrue(result.err().startsWith("arietta: split: "), result.err());
    }

    @Test
    void terminationSignalPrintsUnfinishedResultsAndExitsSeven() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "--demo",
                "--max-download-limit=256K").redirectError(directory.resolve("err.txt").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("Demo: "), first);
            process.toHandle().destroy(); // SIGTERM, keeping our end of the pipes open
            String rest = out.lines().reduce("", (text, line) -> text + line + "\n");
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exits after the signal");
            assertEquals(7, process.exitValue(), rest);
            assertTrue(rest.contains("(INPR):download in-progress."), rest);
        }
    }

    private Result run(List<String> arguments) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-jar", JAR.toString()));
        command.addAll(arguments);
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("arietta.jar did not finish within 120 s: " + Files.readString(out));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int status, String out, String err) {
    }
}
