package dev.arietta.benchmarks.bittorrent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An external program for the harness whose standard output is read line by line (standard
 * error goes to a log file): wait for a line, read its CPU time and peak memory from
 * {@code /proc}, stop it.
 */
final class LineProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>();

    private LineProcess(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::readLines, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static LineProcess start(String name, List<String> command, Path directory) throws IOException {
        Path stderr = directory.resolve(name.replace(' ', '-') + ".stderr.log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectError(stderr.toFile())
                .start();
        return new LineProcess(name, process, stderr);
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException ended) {
            // The process went away.
        }
    }

    /** Waits for a line matching {@code match} and returns it. */
    String awaitLine(Predicate<String> match, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (match.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && seen == lines.size()) {
                    throw new IOException(name + ": expected line not seen; output " + lines + "; standard error: "
                            + (Files.exists(stderr) ? Files.readString(stderr) : ""));
                }
                // Short waits: the process may die without another line to wake us.
                lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    /** Waits for the process to exit and returns its exit code. */
    int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException(name + " did not exit within " + timeout.toSeconds() + " s");
        }
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    /** User plus system CPU of the process so far, from {@code /proc/<pid>/stat} (threads included). */
    long cpuNanos() throws IOException {
        return ProcStats.cpuNanos(process.pid());
    }

    /** Peak resident memory of the process so far, in bytes ({@code VmHWM}). */
    long peakRssBytes() throws IOException {
        return ProcStats.peakRssBytes(process.pid());
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
