package dev.arietta.examples.cli;

import dev.arietta.DownloadEvent;
import dev.arietta.DownloadHandle;
import dev.arietta.DownloadResult;
import dev.arietta.DownloadStatus;
import dev.arietta.FileStatus;
import dev.arietta.GlobalStat;
import dev.arietta.LogLevel;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.Session;
import dev.arietta.core.ErrorCode;
import dev.arietta.examples.cli.log.LogDestination;
import dev.arietta.internal.options.InputFileEntry;
import dev.arietta.bittorrent.metainfo.TorrentException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

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
 * {@code console-log-level} above {@code notice} drops the notices; {@code summary-interval}
 * seconds apart (0: never) a {@link ProgressSummary} is printed while downloads are active;
 * {@code human-readable} and {@code enable-color} choose the {@link ConsoleStyle}.
 *
 * <p>The log ({@code log}, {@code log-level}): for the run's length {@link LogDestination}
 * writes every slf4j message at or above the level to the file ({@code -}: standard output):
 * Arietta's own, and this command's notices (downloads started, completed, aborted), logged
 * through slf4j too. Single use; the calling thread drives it, {@link #interrupt()} may be
 * called from any thread (Ctrl-C) and ends the run with the unfinished downloads reported as
 * {@code INPR}.
 */
public final class DownloadRun {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadRun.class);
    /** aria2's {@code notice} level for the log: INFO with this marker. */
    private static final Marker NOTICE = MarkerFactory.getMarker("NOTICE");

    /** Bar width of the one-download readout on a terminal; pipes get no bar, as aria2's readout. */
    public static final int TERMINAL_BAR_WIDTH = 10;

    private final Invocation invocation;
    private final PrintStream out;
    private final ConsoleReadout readout;
    private final LongSupplier nanoClock;
    private final Clock wallClock;
    private final Duration readoutInterval;
    private final ConsoleStyle style;
    /** Nanoseconds between progress summaries, 0 for none. */
    private final long summaryIntervalNanos;
    private final AverageSpeeds speeds;
    private final Queue<Notice> notices = new ConcurrentLinkedQueue<>();
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
        this(invocation, out, terminal, nanoClock, Clock.systemDefaultZone(), readoutInterval);
    }

    /**
     * @param wallClock the date and time zone the progress summary shows
     */
    public DownloadRun(Invocation invocation, PrintStream out, boolean terminal, LongSupplier nanoClock,
                       Clock wallClock, Duration readoutInterval) {
        this.invocation = Objects.requireNonNull(invocation, "invocation");
        this.out = Objects.requireNonNull(out, "out");
        this.readout = new ConsoleReadout(out, terminal);
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.readoutInterval = Objects.requireNonNull(readoutInterval, "readoutInterval");
        this.speeds = new AverageSpeeds(nanoClock);
        Options options = invocation.sessionOptions();
        this.quiet = options.get(Option.QUIET);
        this.showReadout = !quiet && options.get(Option.SHOW_CONSOLE_READOUT);
        this.showNotices = !quiet && options.get(Option.CONSOLE_LOG_LEVEL).compareTo(LogLevel.NOTICE) <= 0;
        this.style = ConsoleStyle.of(options.get(Option.HUMAN_READABLE), options.get(Option.ENABLE_COLOR), terminal);
        this.summaryIntervalNanos = quiet ? 0 : options.get(Option.SUMMARY_INTERVAL).toNanos();
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
        Options options = invocation.sessionOptions();
        Path logFile = options.get(Option.LOG);
        boolean logging = logFile != null && !logFile.toString().isEmpty();
        if (logging) {
            LogDestination.INSTANCE.open(logFile, options.get(Option.LOG_LEVEL), out);
        }
        try {
            return runLogged();
        } finally {
            if (logging) {
                LogDestination.INSTANCE.close();
            }
        }
    }

    private int runLogged() throws IOException {
        int rejected = ErrorCode.FINISHED.code();
        LOG.info(NOTICE, "Downloading {} item(s)", invocation.downloads().size() + invocation.metalinks().size());
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
                    DownloadHandle handle = add(session, entry);
                    urisByGid.put(handle.gid(), entry.uris());
                    track(session, handle);
                } catch (TorrentException e) {
                    rejected = e.errorCode().code();
                    error(entry.uris().get(0) + ": not a usable torrent: " + e.getMessage());
                } catch (IOException | IllegalArgumentException e) {
                    rejected = ErrorCode.UNKNOWN.code();
                    error(String.join(" ", entry.uris()) + ": " + e.getMessage());
                }
            }
            for (Invocation.MetalinkInput metalink : invocation.metalinks()) {
                try {
                    for (DownloadHandle handle : session.addMetalink(metalink.document(), Options.empty())) {
                        track(session, handle);
                    }
                } catch (IOException | IllegalArgumentException e) {
                    rejected = ErrorCode.UNKNOWN.code();
                    error(metalink.source() + ": " + e.getMessage());
                }
            }
            release();
            CompletableFuture<Object> finished = CompletableFuture.anyOf(allStopped, interrupted);
            long lastSummary = nanoClock.getAsLong();
            while (!finished.isDone()) {
                try {
                    finished.get(readoutInterval.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    printNotices();
                    long now = nanoClock.getAsLong();
                    if (summaryIntervalNanos > 0 && now - lastSummary >= summaryIntervalNanos) {
                        lastSummary = now;
                        printSummary(session.active());
                    }
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
            out.print(ResultsTable.render(results, style));
            out.flush();
        }
        int status = ExitStatus.of(results);
        return status == 0 ? rejected : status;
    }

    /** A torrent when the entry names a local .torrent file (the other URIs its web seeds), else URIs. */
    private static DownloadHandle add(Session session, InputFileEntry entry) throws IOException {
        Optional<Path> torrent = entry.torrentFile();
        if (torrent.isPresent()) {
            return session.addTorrent(torrent.get(), entry.otherUris(), entry.options(), -1);
        }
        return session.addUri(entry.uris(), entry.options());
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
            entries.add(entry(status));
        }
        return ProgressLine.render(entries, stat.downloadSpeed(), stat.uploadSpeed(),
                readout.isTerminal() ? TERMINAL_BAR_WIDTH : 0, style);
    }

    private static ProgressEntry entry(DownloadStatus status) {
        return new ProgressEntry(status.gid(), status.totalLength(), status.completedLength(),
                status.downloadSpeed(), status.uploadLength(), status.uploadSpeed(), status.connections());
    }

    /** aria2's progress summary of the active downloads, between the notices and the readout. */
    private void printSummary(List<DownloadStatus> active) {
        List<ProgressSummary.Item> items = new ArrayList<>(active.size());
        for (DownloadStatus status : active) {
            items.add(new ProgressSummary.Item(entry(status), location(status.gid(),
                    status.files().stream().map(FileStatus::path).toList())));
        }
        String summary = ProgressSummary.render(items, ZonedDateTime.now(wallClock), style);
        if (!summary.isEmpty()) {
            readout.clear();
            out.print(summary);
            out.flush();
        }
    }

    /** On the session's callback thread. */
    private void onEvent(DownloadEvent event, DownloadHandle download) {
        switch (event) {
            case START -> {
                speeds.started(download.gid(), download.status().completedLength());
                LOG.info("GID#{} started: {}", download.gid(), urisByGid.getOrDefault(download.gid(), List.of()));
            }
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
            notice("Download complete: " + location);
        } else if (status == ResultStatus.ERR) {
            error("Download aborted: " + location + " (errorCode=" + result.errorCode().code() + " "
                    + (result.errorMessage().isEmpty() ? result.errorCode().description() : result.errorMessage()) + ")");
        } else {
            LOG.info(NOTICE, "Download GID#{} not complete: {}", result.gid(), location);
        }
    }

    private String location(DownloadResult result) {
        return location(result.gid(), result.files());
    }

    private String location(String gid, List<Path> files) {
        if (!files.isEmpty() && !files.get(0).toString().isEmpty()) {
            return files.get(0) + (files.size() > 1 ? " (" + (files.size() - 1) + " more)" : "");
        }
        List<String> uris = urisByGid.get(gid);
        return uris == null || uris.isEmpty() ? "n/a" : uris.get(0);
    }

    /** A notice for the console (unless quiet or console-log-level is above notice) and the log. */
    private void notice(String text) {
        LOG.info(NOTICE, text);
        if (showNotices) {
            notices.add(new Notice("NOTICE", text));
        }
    }

    /** An error for the console (unless quiet) and the log. */
    private void error(String text) {
        LOG.error(text);
        if (!quiet) {
            notices.add(new Notice("ERROR", text));
        }
    }

    private void printNotices() {
        if (notices.isEmpty()) {
            return;
        }
        readout.clear();
        for (Notice notice = notices.poll(); notice != null; notice = notices.poll()) {
            out.println("[" + style.level(notice.level()) + "] " + notice.text());
        }
        out.flush();
    }

    /** A console line: {@code [LEVEL] text}. */
    private record Notice(String level, String text) {
    }
}
