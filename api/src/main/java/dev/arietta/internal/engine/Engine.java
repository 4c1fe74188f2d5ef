package dev.arietta.internal.engine;

import dev.arietta.DownloadEvent;
import dev.arietta.DownloadHandle;
import dev.arietta.DownloadListener;
import dev.arietta.DownloadState;
import dev.arietta.Option;
import dev.arietta.OptionException;
import dev.arietta.Options;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.ratelimit.RateLimiter;
import dev.arietta.http.internal.Http1Client;
import dev.arietta.http.internal.transfer.SourceFetcher;
import dev.arietta.internal.options.InputFileEntry;
import dev.arietta.metalink.MetalinkDocument;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of one {@link dev.arietta.Session}: owns the I/O loop, the session's clients and
 * rate limits, the queue and every download. Here downloads are added and the session shuts
 * down; the calls on added downloads are {@link #control()}'s and {@link #queries()}'s, the
 * session file's {@link #sessionFiles()}'s.
 *
 * <p>Public methods may be called from any thread: they validate their arguments at once and
 * run the rest on the loop, answering with a {@link CompletableFuture} completed on the loop
 * thread (callers must not block in dependent stages; {@code Session} hands results over as
 * plain values).
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /**
     * Longest a shutdown waits for downloads to stop: 10 s, enough for BitTorrent's tracker
     * {@code stopped} announces (5 s each tier at most) and the last resume saves.
     */
    static final long SHUTDOWN_STOP_TIMEOUT_NANOS = 10_000_000_000L;

    private final EngineConfig config;
    private final EventLoop loop;
    private final SessionClients clients;
    private final BufferPool buffers = new BufferPool(EngineSettings.TRANSFER_BUFFER_BYTES,
            EngineSettings.TRANSFER_BUFFERS_IN_FLIGHT);
    private final RateLimiter downloadLimiter;
    private final RateLimiter uploadLimiter;
    private final TorrentDownloads torrents;
    private final DownloadQueue queue = new DownloadQueue();
    /** Every download the session knows, results not yet dropped included; written on any thread by adds. */
    private final Map<Long, DownloadJob> jobs = new ConcurrentHashMap<>();
    private final List<DownloadListener> listeners;
    private final MetalinkDownloads metalinks = new MetalinkDownloads(this);
    private final DownloadControl control = new DownloadControl(this, queue);
    private final DownloadQueries queries = new DownloadQueries(this, queue);
    private final SessionFiles sessionFiles = new SessionFiles(this, queue);
    /** The loop's own generator (random segment selection), split off the session's so no lock is needed. */
    private final RandomGenerator loopRandom;
    private volatile Options globalOptions;
    private volatile LongFunction<DownloadHandle> handles;
    private volatile boolean closed;
    /** Set by a forced shutdown: listener calls not yet made are skipped. */
    private volatile boolean eventsDropped;

    /**
     * Starts the loop thread.
     *
     * @throws IOException if the selector cannot be opened
     */
    public Engine(EngineConfig config) throws IOException {
        this.config = Objects.requireNonNull(config, "config");
        this.globalOptions = config.globalOptions();
        this.listeners = List.copyOf(config.listeners());
        synchronized (config.random()) {
            this.loopRandom = new SplittableRandom(config.random().nextLong());
        }
        this.loop = EventLoop.start(0, config.nanoClock());
        this.clients = new SessionClients(loop, globalOptions, LOG);
        this.downloadLimiter = new RateLimiter(config.nanoClock(), globalOptions.get(Option.MAX_OVERALL_DOWNLOAD_LIMIT));
        this.uploadLimiter = new RateLimiter(config.nanoClock(), globalOptions.get(Option.MAX_OVERALL_UPLOAD_LIMIT));
        this.torrents = new TorrentDownloads(this, uploadLimiter);
    }

    /** Sets how handles are made (by the session, which owns the public type). Call once, before adding. */
    public void handles(LongFunction<DownloadHandle> factory) {
        this.handles = Objects.requireNonNull(factory, "factory");
    }

    /** Pause, unpause, remove, changePosition, changeUri, changeOption, purge. */
    public DownloadControl control() {
        return control;
    }

    /** Status, servers, peers, options, completion, global stat, listings. */
    public DownloadQueries queries() {
        return queries;
    }

    /** save-session and input-file. */
    public SessionFiles sessionFiles() {
        return sessionFiles;
    }

    // ---- what downloads use ----------------------------------------------------------------------

    EventLoop loop() {
        return loop;
    }

    Executor diskExecutor() {
        return config.diskExecutor();
    }

    Executor hashExecutor() {
        return config.hashExecutor();
    }

    Executor callbackExecutor() {
        return config.callbackExecutor();
    }

    BufferPool buffers() {
        return buffers;
    }

    RateLimiter downloadLimiter() {
        return downloadLimiter;
    }

    /** Loop thread only. */
    RandomGenerator random() {
        return loopRandom;
    }

    Options globalOptions() {
        return globalOptions;
    }

    long progressIntervalNanos() {
        return config.progressIntervalNanos();
    }

    long speedCheckGraceNanos() {
        return config.speedCheckGraceNanos();
    }

    /**
     * One active download's share of {@code disk-cache}: aria2's cache is one budget for the
     * session, so each of the {@code max-concurrent-downloads} gets an equal part.
     */
    long diskCacheBytes() {
        return globalOptions.get(Option.DISK_CACHE) / Math.max(1, globalOptions.get(Option.MAX_CONCURRENT_DOWNLOADS));
    }

    Logger log() {
        return LOG;
    }

    /** The session's BitTorrent downloads. */
    TorrentDownloads torrents() {
        return torrents;
    }

    /** The HTTP client of the session's own options: trackers and web seeds use it. */
    Http1Client sessionHttpClient() {
        return clients.httpClient(globalOptions);
    }

    /** The BitTorrent hook of Metalink downloads, for the loop's callbacks once a metaurl's .torrent is in (or not). */
    TorrentMetaurls torrentMetaurls() {
        return metalinks.torrentMetaurls();
    }

    /** The fetchers of an HTTP/FTP download (see {@link SessionClients#fetchersFor}). */
    List<SourceFetcher> fetchersFor(Options options, Supplier<Instant> ifModifiedSince) {
        return clients.fetchersFor(options, ifModifiedSince);
    }

    /** Callback executor: hands {@code event} to every listener, in order, unless a forced shutdown dropped it. */
    void deliver(DownloadEvent event, DownloadHandle handle) {
        if (eventsDropped) {
            return;
        }
        for (DownloadListener listener : listeners) {
            try {
                listener.onEvent(event, handle);
            } catch (Throwable failure) {
                if (failure instanceof VirtualMachineError error) {
                    throw error;
                }
                LOG.warn("listener {} threw on {} of {}", listener, event, handle.gid(), failure);
            }
        }
    }

    /** A job stopped for good (complete, error, removed): keep its result, start the next. */
    void stopped(DownloadJob job) {
        job.lastStatus = job.snapshot();
        queue.stop(job, globalOptions.get(Option.MAX_DOWNLOAD_RESULT),
                globalOptions.get(Option.KEEP_UNFINISHED_DOWNLOAD_RESULT), this::forget);
        promote();
    }

    /** Loop thread: starts waiting downloads while slots are free ({@code max-concurrent-downloads}). */
    void promote() {
        if (!closed) {
            queue.promote(globalOptions.get(Option.MAX_CONCURRENT_DOWNLOADS), DownloadJob::start);
        }
    }

    // ---- adding ----------------------------------------------------------------------------------

    /**
     * Adds a download of one file from {@code uris} (mirrors).
     *
     * @throws IllegalArgumentException if there is no URI, one is malformed or not absolute,
     *                                  or the {@code gid} option names a gid in use
     * @throws OptionException          if an option is session-wide only
     * @throws IllegalStateException    once the session is shut down
     */
    public DownloadHandle add(List<String> uris, Options options, int position) {
        checkOpen();
        List<String> checked = Arguments.checkUris(uris);
        Arguments.checkDownloadScope(options);
        long gid = newGid(options.get(Option.GID));
        Options explicit = options.toBuilder().unset(Option.GID).build();
        DownloadHandle handle = handleOf(gid);
        UriJob job = new UriJob(this, gid, handle, checked, explicit, globalOptions);
        register(job, options.get(Option.PAUSE), position);
        return handle;
    }

    /**
     * Adds a BitTorrent download of {@code metainfo}.
     *
     * @param torrentFile the .torrent file it came from (save-session refers to it), or null
     * @param webSeeds    BEP 19 web seeds besides the torrent's {@code url-list}
     * @throws IllegalArgumentException if a web seed is malformed or the {@code gid} option names a gid in use
     * @throws OptionException          if an option is session-wide only
     * @throws IllegalStateException    once the session is shut down
     */
    public DownloadHandle addTorrent(TorrentMetainfo metainfo, Path torrentFile, List<String> webSeeds,
                                     Options options, int position) {
        checkOpen();
        for (String uri : webSeeds) {
            Arguments.checkUri(uri);
        }
        Arguments.checkDownloadScope(options);
        return torrents.add(metainfo, torrentFile, webSeeds, options, position);
    }

    /**
     * Adds one download per file of a Metalink document ({@code select-file} picks some),
     * mirrors ordered by the {@code metalink-*} options.
     *
     * @param document    a Metalink 3 or 4 document
     * @param source      the local file it was read from, or null: then, with {@code save-session}
     *                    set, a copy is saved as {@code <dir>/<sha-1>.meta4} for the session file
     *                    to name, as aria2 saves uploaded Metalinks
     * @throws IOException a {@link dev.arietta.metalink.MetalinkException} if the document is
     *                     refused, or the failure to save its copy
     * @throws IllegalArgumentException if no file is left to download, or a {@code gid} is given
     * @throws OptionException          if an option is session-wide only
     * @throws IllegalStateException    once the session is shut down
     */
    public List<DownloadHandle> addMetalink(byte[] document, Options options, int position, Path source)
            throws IOException {
        checkOpen();
        Arguments.checkDownloadScope(options);
        if (options.get(Option.GID) != null) {
            throw new IllegalArgumentException("gid cannot be set for a Metalink: it adds a download per file");
        }
        return metalinks.add(document, options, position, source);
    }

    /** Replaces how BitTorrent metaurls of Metalinks are taken (the BitTorrent integration's hook). */
    void torrentMetaurlHandoff(TorrentMetaurlHandoff handoff) {
        metalinks.torrentHandoff(handoff);
    }

    /** Loop thread: the downloads of a Metalink that {@code parent} downloaded (follow-metalink). */
    List<DownloadHandle> follow(UriJob parent, MetalinkDocument document, URI documentUri) {
        MetalinkOrigin origin = parent.filePath == null ? null
                : new MetalinkOrigin(parent.filePath, documentUri, parent.options);
        return metalinks.add(document, documentUri, parent.options, 0, parent, origin);
    }

    /** Queues {@code job} (paused if asked) at {@code position}; any thread. */
    void register(DownloadJob job, boolean paused, int position) {
        if (jobs.putIfAbsent(job.gid, job) != null) {
            throw new IllegalArgumentException("gid " + job.gidText + " is already in use");
        }
        try {
            loop.execute(() -> {
                if (paused) {
                    job.state = DownloadState.PAUSED;
                }
                queue.enqueue(job, position);
                promote();
            });
        } catch (RejectedExecutionException e) {
            forget(job);
            throw new IllegalStateException("session is shut down", e);
        }
    }

    /** The public handle of {@code gid}. */
    DownloadHandle handleOf(long gid) {
        return handles.apply(gid);
    }

    /** A random number from the session's generator (shuffling equally ranked mirrors). */
    long randomLong() {
        RandomGenerator random = config.random();
        synchronized (random) {
            return random.nextLong();
        }
    }

    /**
     * The gid of a new download: {@code requested} (the {@code gid} option), else a random one
     * not in use; never 0.
     *
     * @throws IllegalArgumentException if {@code requested} is not a gid
     */
    long newGid(String requested) {
        if (requested != null) {
            return Gids.parse(requested);
        }
        while (true) {
            long gid = randomLong();
            if (gid != 0 && !jobs.containsKey(gid)) {
                return gid;
            }
        }
    }

    // ---- the downloads by gid --------------------------------------------------------------------

    /** Whether {@code gid} names a download the session still knows. */
    public boolean contains(long gid) {
        return jobs.containsKey(gid);
    }

    /**
     * The download of {@code gid}.
     *
     * @throws IllegalArgumentException if the session does not know it (never added, or its result dropped)
     */
    DownloadJob job(long gid) {
        DownloadJob job = jobs.get(gid);
        if (job == null) {
            throw new IllegalArgumentException("no download with gid " + Gids.format(gid));
        }
        return job;
    }

    /** Its result is dropped: the gid is no longer known. */
    void forget(DownloadJob job) {
        jobs.remove(job.gid);
    }

    // ---- session options -------------------------------------------------------------------------

    /** The session's options now. */
    public Options currentGlobalOptions() {
        return globalOptions;
    }

    /**
     * Changes session options: the overall rate limits and {@code max-concurrent-downloads} at
     * once, the defaults of downloads added later.
     *
     * @throws OptionException if an option cannot change while the session runs
     */
    public CompletableFuture<Void> changeGlobalOption(Options changes) {
        Arguments.checkChangeableGlobally(changes);
        return onLoop(() -> {
            globalOptions = changes.merge(globalOptions);
            downloadLimiter.setGlobalRate(globalOptions.get(Option.MAX_OVERALL_DOWNLOAD_LIMIT));
            uploadLimiter.setGlobalRate(globalOptions.get(Option.MAX_OVERALL_UPLOAD_LIMIT));
            promote();
            return null;
        });
    }

    // ---- shutdown --------------------------------------------------------------------------------

    /** Whether the session has begun shutting down. */
    boolean isClosed() {
        return closed;
    }

    /** A forced shutdown began: listener calls still queued are not made (completions still are). */
    public void dropPendingEvents() {
        eventsDropped = true;
    }

    /**
     * Stops every download (saving resume state), writes save-session if set, closes the
     * loop. Blocks until the loop has ended; disk and callback executors are the session's to
     * drain. Idempotent.
     */
    public void shutDown() {
        if (closed) {
            return;
        }
        CompletableFuture<List<InputFileEntry>> saved = new CompletableFuture<>();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        try {
            loop.execute(() -> {
                closed = true;
                sessionFiles.stopSaving();
                List<DownloadJob> running = new ArrayList<>(queue.active());
                running.addAll(queue.waiting());
                for (DownloadJob job : running) {
                    stops.add(job.shutDown());
                    job.lastStatus = job.snapshot();
                }
                for (DownloadJob job : queue.stopped()) {
                    job.lastStatus = job.snapshot();
                }
                saved.complete(sessionFiles.entries());
            });
        } catch (RejectedExecutionException alreadyClosed) {
            closed = true;
            return;
        }
        List<InputFileEntry> entries = saved.join();
        awaitStops(stops);
        CompletableFuture<Void> closedClients = onLoop(() -> {
            torrents.close();
            clients.close();
            return null;
        });
        closedClients.join();
        Path cookieFile = globalOptions.get(Option.SAVE_COOKIES);
        if (cookieFile != null) {
            CompletableFuture.runAsync(() -> clients.saveCookies(cookieFile), config.diskExecutor()).join();
        }
        Path file = globalOptions.get(Option.SAVE_SESSION);
        if (file != null) {
            CompletableFuture.runAsync(() -> SessionFiles.write(entries, file), config.diskExecutor()).join();
        }
        loop.close();
    }

    /**
     * Waits for stopping downloads (BitTorrent's tracker goodbyes and resume saves) up to
     * {@link #SHUTDOWN_STOP_TIMEOUT_NANOS}; what is still running then is stopped by closing.
     */
    private void awaitStops(List<CompletableFuture<Void>> stops) {
        CompletableFuture<Void> all = CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
        try {
            all.get(SHUTDOWN_STOP_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("downloads still stopping after {} s; closing anyway", SHUTDOWN_STOP_TIMEOUT_NANOS / 1_000_000_000L);
        } catch (ExecutionException e) {
            LOG.warn("a download failed to stop cleanly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("session is shut down");
        }
    }

    /**
     * Runs {@code action} on the loop (at once when called there); the future completes with
     * its value or what it threw, or fails with {@link IllegalStateException} once the loop is closed.
     */
    <T> CompletableFuture<T> onLoop(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(action.get());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        };
        if (loop.inEventLoop()) {
            task.run();
            return result;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("session is shut down", e));
        }
        return result;
    }
}
