package dev.arietta.examples.cli;

import dev.arietta.DownloadEvent;
import dev.arietta.DownloadHandle;
import dev.arietta.DownloadResult;
import dev.arietta.DownloadStatus;
import dev.arietta.GlobalStat;
import dev.arietta.LogLevel;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.Session;
import dev.arietta.core.ErrorCode;
import dev.arietta.internal.options.InputFileEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Runs the downloads of one {@link Invocation} in a {@link Session} and talks to the console as
 * {@code aria2c} does: a progress readout every {@link #readoutInterval}, {@code [NOTICE]} and
 * {@code [ERROR]} lines as downloads finish, then the "Download Results:" table; returns the
 * exit status ({@link ExitStatus}).
 *
 * <p>Downloads a Metalink's files, and those a downloaded Metalink starts ({@code followedBy}),
 * are followed until they stop too, and appear in the results.
 *
 * <p>{@code quiet} prints nothing; {@code show-console-readout=false} drops the readout;
 * {@code console-log-level} above {@code notice} drops the notices. Single use; the calling
 * thread drives it, {@link #interrupt()} may be called from any thread (Ctrl-C) and ends the run
 * with the unfinished downloads reported as {@code INPR}.
 */
public final class DownloadRun {

    /** Bar width of the one-download readout on a terminal; pipes get no bar, as aria2's readout. */
    public static final int TERMINAL_BAR_WIDTH = 10;

    private final Invocation invocation;
    private final PrintStream out;
    private final ConsoleReadout readout;
    private final LongSupplier nanoClock;
    private final Duration readoutInterval;
    private final AverageSpeeds speeds;
    private final Queue<String> notices = new ConcurrentLinkedQueue<>();
    private final Map<String, List<String>> urisByGid = new ConcurrentHashMap<>();
    private final List<ResultRow> rows = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> interrupted = new CompletableFuture<>();
    /** Downloads not stopped yet, plus one while the run is still adding them. */
    private final AtomicInteger outstanding = new AtomicInteger(1);
    private final CompletableFuture<Void> allStopped = new CompletableFuture<>();
    private final boolean quiet;
    private final boolean showReadout;
    private final boolean showNotices;

    /**
     * @param out             console output; not closed
     * @param terminal        whether {@code out} is a terminal (readout redrawn in place)
     * @param nanoClock       monotonic nanoseconds for the session and the average speeds
     * @param readoutInterval time between readouts; aria2 uses 1 s
     */
    public DownloadRun(Invocation invocation, PrintStream out, boolean terminal, LongSupplier nanoClock,
                       Duration readoutInterval) {
        this.invocation = Objects.requireNonNull(invocation, "invocation");
        this.out = Objects.requireNonNull(out, "out");
        this.readout = new ConsoleReadout(out, terminal);
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.readoutInterval = Objects.requireNonNull(readoutInterval, "readoutInterval");
        this.speeds = new AverageSpeeds(nanoClock);
        Options options = invocation.sessionOptions();
        this.quiet = options.get(Option.QUIET);
        this.showReadout = !quiet && options.get(Option.SHOW_CONSOLE_READOUT);
        this.showNotices = !quiet && options.get(Option.CONSOLE_LOG_LEVEL).compareTo(LogLevel.NOTICE) <= 0;
    }

    /** Stops the run early: the session shuts down and unfinished downloads are reported as in progress. */
    public void interrupt() {
        interrupted.complete(null);
    }

    /**
     * Adds the downloads, shows progress until all have stopped (or {@link #interrupt()}), prints
     * the results and returns the exit status.
     *
     * @throws IOException if the session cannot start
     */
    public int run() throws IOException {
        int rejected = 0;
        try (Session session = Session.builder().options(invocation.sessionOptions()).nanoClock(nanoClock)
                .listener(this::onEvent).build()) {
            for (InputFileEntry entry : invocation.downloads()) {
                try {
                    if (entry.isMetalinkFile()) {
                        // An input-file line naming a Metalink, as save-session writes one.
                        for (DownloadHandle handle : session.addMetalink(Path.of(entry.uris().get(0)),
                                entry.options())) {
                            track(session, handle);
                        }
                        continue;
                    }
                    DownloadHandle handle = session.addUri(entry.uris(), entry.options());
                    urisByGid.put(handle.gid(), entry.uris());
                    track(session, handle);
                } catch (IOException | IllegalArgumentException e) {
                    rejected++;
                    notice("[ERROR] " + String.join(" ", entry.uris()) + ": " + e.getMessage());
                }
            }
            for (Invocation.MetalinkInput metalink : invocation.metalinks()) {
                try {
                    for (DownloadHandle handle : session.addMetalink(metalink.document(), Options.empty())) {
                        track(session, handle);
                    }
                } catch (IOException | IllegalArgumentException e) {
                    rejected++;
                    notice("[ERROR] " + metalink.source() + ": " + e.getMessage());
                }
            }
            release();
            CompletableFuture<Object> finished = CompletableFuture.anyOf(allStopped, interrupted);
            while (!finished.isDone()) {
                try {
                    finished.get(readoutInterval.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    printNotices();
                    if (showReadout) {
                        readout.show(readoutLine(session.active(), session.globalStat()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a completion future failed", e.getCause());
                }
            }
            // Closing completes every unfinished download's future with IN_PROGRESS.
        }
        allStopped.join();
        readout.clear();
        printNotices();
        List<ResultRow> results;
        synchronized (rows) {
            results = List.copyOf(rows);
        }
        if (!quiet) {
            out.print(ResultsTable.render(results));
            out.flush();
        }
        int status = ExitStatus.of(results);
        return status == 0 && rejected > 0 ? ErrorCode.UNKNOWN.code() : status;
    }

    /** Follows {@code handle} until it stops, then the downloads it started (a followed Metalink's). */
    private void track(Session session, DownloadHandle handle) {
        outstanding.incrementAndGet();
        handle.completion().whenComplete((result, failure) -> {
            if (result != null) {
                stopped(result);
                for (String gid : handle.status().followedBy()) {
                    session.handle(gid).ifPresent(child -> track(session, child));
                }
            }
            release();
        });
    }

    private void release() {
        if (outstanding.decrementAndGet() == 0) {
            allStopped.complete(null);
        }
    }

    private String readoutLine(List<DownloadStatus> active, GlobalStat stat) {
        List<ProgressEntry> entries = new ArrayList<>(active.size());
        for (DownloadStatus status : active) {
            entries.add(new ProgressEntry(status.gid(), status.totalLength(), status.completedLength(),
                    status.downloadSpeed(), status.uploadLength(), status.uploadSpeed(), status.connections()));
        }
        return ProgressLine.render(entries, stat.downloadSpeed(), stat.uploadSpeed(),
                readout.isTerminal() ? TERMINAL_BAR_WIDTH : 0);
    }

    /** On the session's callback thread. */
    private void onEvent(DownloadEvent event, DownloadHandle download) {
        switch (event) {
            case START -> speeds.started(download.gid(), download.status().completedLength());
            case PAUSE, STOP, COMPLETE, ERROR -> speeds.stopped(download.gid());
            default -> {
                // other events do not change the console
            }
        }
    }

    /** On the session's callback thread, after the download's last event. */
    private void stopped(DownloadResult result) {
        speeds.stopped(result.gid());
        String location = location(result);
        ResultStatus status = switch (result.state()) {
            case COMPLETE -> ResultStatus.OK;
            case ERROR -> ResultStatus.ERR;
            case REMOVED -> ResultStatus.RM;
            case ACTIVE, WAITING, PAUSED -> ResultStatus.INPR;
        };
        rows.add(new ResultRow(result.gid(), status, result.errorCode(),
                speeds.average(result.gid(), result.completedLength()), location));
        if (status == ResultStatus.OK) {
            notice("[NOTICE] Download complete: " + location);
        } else if (status == ResultStatus.ERR) {
            notice("[ERROR] Download aborted: " + location + " (errorCode=" + result.errorCode().code() + " "
                    + (result.errorMessage().isEmpty() ? result.errorCode().description() : result.errorMessage()) + ")");
        }
    }

    private String location(DownloadResult result) {
        List<Path> files = result.files();
        if (!files.isEmpty() && !files.get(0).toString().isEmpty()) {
            return files.get(0) + (files.size() > 1 ? " (" + (files.size() - 1) + " more)" : "");
        }
        List<String> uris = urisByGid.get(result.gid());
        return uris == null || uris.isEmpty() ? "n/a" : uris.get(0);
    }

    private void notice(String line) {
        if (showNotices || (!quiet && line.startsWith("[ERROR]"))) {
            notices.add(line);
        }
    }

    private void printNotices() {
        if (notices.isEmpty()) {
            return;
        }
        readout.clear();
        for (String line = notices.poll(); line != null; line = notices.poll()) {
            out.println(line);
        }
        out.flush();
    }
}
