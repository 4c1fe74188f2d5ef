package dev.arietta.examples.cli.log;

import dev.arietta.LogLevel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the {@code arietta} command's log goes (aria2's {@code log} and {@code log-level}): a
 * file, opened for appending as aria2 does, or standard output for {@code -}; nowhere until
 * {@link #open} and after {@link #close}. Each message is one line,
 * {@code 2024-05-01 12:00:00.123456 [NOTICE] [DownloadRun] Download complete: /tmp/f.iso}
 * (aria2's layout, with the logger's simple name where aria2 names its source file), followed
 * by the stack trace of an exception if there is one; lines are flushed as written.
 *
 * <p>slf4j binds one provider per process, so there is one destination per process,
 * {@link #INSTANCE}, which every {@link LogFileLogger} writes to. Thread-safe: Arietta logs
 * from its loop, disk, hash and callback threads.
 */
public final class LogDestination {

    /** The process's destination, configured by the command for the length of one run. */
    public static final LogDestination INSTANCE = new LogDestination(Clock.systemDefaultZone());

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS",
            Locale.ROOT);

    private final Clock clock;
    /** The threshold, or null while closed: read on every log call, so volatile. */
    private volatile LogLevel threshold;
    private PrintStream out;
    private boolean ownsOut;

    LogDestination(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts writing messages at {@code threshold} or above to {@code file}, appended, or to
     * {@code standardOutput} when {@code file} is {@code -}. A destination already open is
     * closed first.
     *
     * @throws IOException if the file cannot be opened for appending
     */
    public synchronized void open(Path file, LogLevel threshold, PrintStream standardOutput) throws IOException {
        close();
        if (file.toString().equals("-")) {
            out = Objects.requireNonNull(standardOutput, "standardOutput");
            ownsOut = false;
        } else {
            OutputStream stream = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            out = new PrintStream(stream, false, StandardCharsets.UTF_8);
            ownsOut = true;
        }
        this.threshold = Objects.requireNonNull(threshold, "threshold");
    }

    /** Stops writing; closes the file (standard output stays open). Idempotent. */
    public synchronized void close() {
        threshold = null;
        if (out != null) {
            out.flush();
            if (ownsOut) {
                out.close();
            }
            out = null;
        }
    }

    /** Whether a message at {@code level} would be written now. */
    public boolean accepts(LogLevel level) {
        LogLevel current = threshold;
        return current != null && level.compareTo(current) >= 0;
    }

    /** Writes one message if {@code level} passes the threshold; {@code failure} may be null. */
    public void write(LogLevel level, String loggerName, String message, Throwable failure) {
        if (!accepts(level)) {
            return;
        }
        StringBuilder line = new StringBuilder(128).append(TIMESTAMP.format(LocalDateTime.now(clock)))
                .append(" [").append(level.name()).append("] [").append(simpleName(loggerName)).append("] ")
                .append(message);
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        synchronized (this) {
            if (out != null) {
                out.println(line);
                out.flush();
            }
        }
    }

    private static String simpleName(String loggerName) {
        int dot = loggerName.lastIndexOf('.');
        return dot < 0 ? loggerName : loggerName.substring(dot + 1);
    }
}
