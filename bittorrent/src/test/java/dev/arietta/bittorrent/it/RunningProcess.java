package dev.arietta.bittorrent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A started external program: its standard output kept as lines (waited on with
 * {@link #awaitLine}), its standard error kept as text (the last {@value #STDERR_LIMIT} chars)
 * for failure messages. {@link #close()} closes its standard input, then terminates it and its
 * descendants, forcibly after {@value #GRACE_SECONDS} s.
 *
 * <p>Thread-safe: two daemon threads read the streams; waiting methods may be called from
 * any thread.
 */
public final class RunningProcess implements AutoCloseable {

    /** Characters of standard error kept for failure messages. */
    public static final int STDERR_LIMIT = 16 * 1024;
    /** Seconds a program gets to end after a polite termination request. */
    public static final int GRACE_SECONDS = 5;

    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private boolean stdoutEnded;

    private RunningProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread out = new Thread(() -> pumpLines(process.getInputStream()), name + "-stdout");
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(() -> pumpErrors(process.getErrorStream()), name + "-stderr");
        err.setDaemon(true);
        err.start();
    }

    /** Starts {@code command} in {@code directory}; {@code name} labels messages and threads. */
    public static RunningProcess start(String name, List<String> command, java.nio.file.Path directory)
            throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).start();
        return new RunningProcess(name, process);
    }

    /**
     * Waits until the program accepts TCP connections on 127.0.0.1:{@code port} (for programs
     * that print nothing when ready).
     *
     * @throws AssertionError naming the program when it exits first or the time runs out
     */
    public void awaitListening(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw failure("exited before listening on " + port);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure("interrupted while starting");
                }
            }
        }
        throw failure("did not listen on " + port + " within " + timeout.toSeconds() + " s");
    }

    /** The program's label. */
    public String name() {
        return name;
    }

    /** Whether the program is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until a line of standard output matches.
     *
     * @return the first matching line (earlier lines included)
     * @throws AssertionError naming the program, what was awaited, its output and standard
     *                        error, when the time runs out or the program ends first
     */
    public String awaitLine(Predicate<String> match, String description, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            int checked = 0;
            while (true) {
                for (; checked < lines.size(); checked++) {
                    if (match.test(lines.get(checked))) {
                        return lines.get(checked);
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (stdoutEnded) {
                    throw failure("ended (" + exitDescription() + ") before " + description);
                }
                if (remaining <= 0) {
                    throw failure("did not report " + description + " within " + timeout.toSeconds() + " s");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure("interrupted while waiting for " + description);
                }
            }
        }
    }

    /** The first line of standard output that matches, if one arrived already. */
    public synchronized Optional<String> findLine(Predicate<String> match) {
        return lines.stream().filter(match).findFirst();
    }

    /**
     * Waits for the program to end.
     *
     * @return its exit code
     * @throws AssertionError with its standard error when it is still running after {@code timeout}
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw failure("still running after " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the exit");
        }
        return process.exitValue();
    }

    /** An assertion failure naming the program, with its output lines and standard error. */
    public synchronized AssertionError failure(String what) {
        return new AssertionError(name + " " + what + "\n--- stdout ---\n" + String.join("\n", lines)
                + "\n--- stderr ---\n" + stderr);
    }

    /** Standard error so far (its last {@value #STDERR_LIMIT} characters). */
    public synchronized String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The program may be gone already.
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private String exitDescription() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "output closed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void pumpLines(InputStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException closed) {
            // The stream ends with the program.
        } finally {
            synchronized (this) {
                stdoutEnded = true;
                notifyAll();
            }
        }
    }

    private void pumpErrors(InputStream stream) {
        try (InputStreamReader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            char[] buffer = new char[4096];
            int count;
            while ((count = reader.read(buffer)) >= 0) {
                synchronized (this) {
                    stderr.append(buffer, 0, count);
                    if (stderr.length() > STDERR_LIMIT) {
                        stderr.delete(0, stderr.length() - STDERR_LIMIT);
                    }
                }
            }
        } catch (IOException closed) {
            // The stream ends with the program.
        }
    }
}
