package dev.arietta.internal.engine;

import dev.arietta.DownloadEvent;
import dev.arietta.DownloadHandle;
import dev.arietta.DownloadListener;
import dev.arietta.DownloadResult;
import dev.arietta.DownloadState;
import dev.arietta.DownloadStatus;
import dev.arietta.GlobalStat;
import dev.arietta.Option;
import dev.arietta.OptionException;
import dev.arietta.PeerInfo;
import dev.arietta.Options;
import dev.arietta.PositionOrigin;
import dev.arietta.ProxyMethod;
import dev.arietta.ServerStatus;
import dev.arietta.UriChange;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.ratelimit.RateLimiter;
import dev.arietta.http.internal.Http1Client;
import dev.arietta.http.internal.netrc.Netrc;
import dev.arietta.http.internal.proxy.ProxySettings;
import dev.arietta.http.internal.transfer.HttpSourceFetcher;
import dev.arietta.http.internal.transfer.SourceFetcher;
import dev.arietta.internal.options.InputFileEntry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of one {@link dev.arietta.Session}: owns the I/O loop, the queue and every
 * download. Public methods may be called from any thread: they validate their arguments at
 * once and run the rest on the loop, answering with a {@link CompletableFuture} completed on
 * the loop thread (callers must not block in dependent stages; {@code Session} hands results
 * over as plain values).
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
    private final HttpClients clients;
    private final FtpClients ftpClients;
    /** The {@code netrc-path} entries, loaded when the session starts. */
    private final Netrc netrc;
    /** The session's cookies ({@code load-cookies}, saved to {@code save-cookies} at shutdown). */
    private final SessionCookies cookies;
    private final BufferPool buffers = new BufferPool(EngineSettings.TRANSFER_BUFFER_BYTES,
            EngineSettings.TRANSFER_BUFFERS_IN_FLIGHT);
    private final RateLimiter downloadLimiter;
    private final RateLimiter uploadLimiter;
    private final TorrentDownloads torrents;
    private final DownloadQueue queue = new DownloadQueue();
    private final Map<Long, DownloadJob> jobs = new ConcurrentHashMap<>();
    private final List<DownloadListener> listeners;
    private final MetalinkDownloads metalinks = new MetalinkDownloads(this);
    /** The loop's own generator (random segment selection), split off the session's so no lock is needed. */
    private final RandomGenerator loopRandom;
    private volatile Options globalOptions;
    private volatile LongFunction<DownloadHandle> handles;
    private Cancellable sessionSaveTimer;
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
        this.netrc = SessionNetrc.load(globalOptions.get(Option.NETRC_PATH), LOG);
        this.cookies = SessionCookies.load(globalOptions.get(Option.LOAD_COOKIES), Clock.systemUTC(), LOG);
        this.clients = new HttpClients(loop, cookies, netrc);
        this.ftpClients = new FtpClients(loop);
        this.downloadLimiter = new RateLimiter(config.nanoClock(), globalOptions.get(Option.MAX_OVERALL_DOWNLOAD_LIMIT));
        this.uploadLimiter = new RateLimiter(config.nanoClock(), globalOptions.get(Option.MAX_OVERALL_UPLOAD_LIMIT));
        this.torrents = new TorrentDownloads(this, uploadLimiter);
    }

    /** Sets how handles are made (by the session, which owns the public type). Call once, before adding. */
    public void handles(LongFunction<DownloadHandle> factory) {
        this.handles = Objects.requireNonNull(factory, "factory");
    }

    // ---- for UriJob ---------------------------------------------------------------------------------

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
        return clients.clientFor(globalOptions);
    }

    /** The BitTorrent hook of Metalink downloads, for the loop's callbacks once a metaurl's .torrent is in (or not). */
    TorrentMetaurls torrentMetaurls() {
        return metalinks.torrentMetaurls();
    }

    /**
     * The fetchers of a download with {@code options}: HTTP(S), and FTP either directly, through
     * a CONNECT tunnel ({@code proxy-method=tunnel}) or as a GET to the HTTP proxy
     * ({@code proxy-method=get}, aria2's default) when {@code ftp-proxy} or {@code all-proxy}
     * applies. {@code dry-run} makes them ask only HEAD (FTP: SIZE and MDTM); {@code remote-time}
     * makes FTP ask MDTM; {@code http-accept-gzip} lets whole-file HTTP requests come compressed. {@code ifModifiedSince} is read for every HTTP request: a non-null date
     * makes it conditional.
     *
     * @throws IllegalArgumentException if a proxy option cannot be used
     */
    List<SourceFetcher> fetchersFor(Options options, Supplier<java.time.Instant> ifModifiedSince) {
        ProxySettings proxies = HttpClients.proxySettings(options);
        boolean ftpByGet = options.get(Option.PROXY_METHOD) == ProxyMethod.GET;
        boolean dryRun = options.get(Option.DRY_RUN);
        HttpSourceFetcher http = new HttpSourceFetcher(clients.clientFor(options), (uri, request) -> {
            HttpClients.customize(options, uri, request);
            java.time.Instant since = ifModifiedSince.get();
            if (since != null && !"ftp".equalsIgnoreCase(uri.getScheme())) {
                request.ifModifiedSince(since);
            }
        }, dryRun, uri -> ftpByGet && proxies.select(uri).isPresent(), options.get(Option.HTTP_ACCEPT_GZIP));
        return List.of(http, ftpClients.fetcherFor(options, netrc, ftpByGet ? null : proxies));
    }

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
                globalOptions.get(Option.KEEP_UNFINISHED_DOWNLOAD_RESULT), dropped -> jobs.remove(dropped.gid));
        promote();
    }

    private void promote() {
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
        DownloadHandle handle = handles.apply(gid);
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
    List<DownloadHandle> follow(UriJob parent, dev.arietta.metalink.MetalinkDocument document, URI documentUri) {
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
            jobs.remove(job.gid);
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

    // ---- queries ---------------------------------------------------------------------------------

    /** The status of {@code gid}; after shutdown, its last status. */
    public CompletableFuture<DownloadStatus> status(long gid) {
        DownloadJob job = job(gid);
        if (closed) {
            DownloadStatus last = job.lastStatus;
            if (last != null) {
                return CompletableFuture.completedFuture(last);
            }
        }
        return onLoop(job::snapshot);
    }

    public CompletableFuture<List<ServerStatus>> servers(long gid) {
        DownloadJob job = job(gid);
        return onLoop(job::servers);
    }

    /** aria2's getPeers: the connected peers of a BitTorrent download; empty for others or unless active. */
    public CompletableFuture<List<PeerInfo>> peers(long gid) {
        DownloadJob job = job(gid);
        return onLoop(() -> job instanceof TorrentJob torrent ? torrent.peers() : List.of());
    }


    public CompletableFuture<GlobalStat> globalStat() {
        return onLoop(() -> {
            long download = 0;
            long upload = 0;
            for (DownloadJob job : queue.active()) {
                download += job.downloadSpeed();
                upload += job.uploadSpeed();
            }
            return new GlobalStat(download, upload, queue.active().size(), queue.waiting().size(), queue.stopped().size(),
                    queue.stoppedTotal());
        });
    }

    public CompletableFuture<List<DownloadStatus>> active() {
        return onLoop(() -> snapshots(queue.active()));
    }

    public CompletableFuture<List<DownloadStatus>> waiting(int offset, int count) {
        return onLoop(() -> snapshots(DownloadQueue.page(queue.waiting(), offset, count)));
    }

    public CompletableFuture<List<DownloadStatus>> stopped(int offset, int count) {
        return onLoop(() -> snapshots(DownloadQueue.page(queue.stopped(), offset, count)));
    }

    private static List<DownloadStatus> snapshots(List<DownloadJob> jobs) {
        List<DownloadStatus> result = new ArrayList<>(jobs.size());
        for (DownloadJob job : jobs) {
            result.add(job.snapshot());
        }
        return result;
    }

    public CompletableFuture<Options> options(long gid) {
        DownloadJob job = job(gid);
        return onLoop(job::effective);
    }

    /** The session's options now. */
    public Options currentGlobalOptions() {
        return globalOptions;
    }

    /** The download's completion future. */
    public CompletableFuture<DownloadResult> completion(long gid) {
        return job(gid).completion;
    }

    /** Whether {@code gid} names a download the session still knows. */
    public boolean contains(long gid) {
        return jobs.containsKey(gid);
    }

    private DownloadJob job(long gid) {
        DownloadJob job = jobs.get(gid);
        if (job == null) {
            throw new IllegalArgumentException("no download with gid " + Gids.format(gid));
        }
        return job;
    }

    // ---- control ---------------------------------------------------------------------------------

    /**
     * Pauses {@code gid}; completes once its resume state is saved.
     *
     * @param force aria2's {@code forcePause}: no graceful protocol steps (tracker goodbye)
     */
    public CompletableFuture<Void> pause(long gid, boolean force) {
        DownloadJob job = job(gid);
        return onLoop(() -> {
            pauseJob(job, true, force);
            return job.diskIdle();
        }).thenCompose(idle -> idle);
    }

    /** Pauses every active and waiting download; completes once their resume states are saved. */
    public CompletableFuture<Void> pauseAll(boolean force) {
        return onLoop(() -> {
            List<DownloadJob> all = new ArrayList<>(queue.active());
            all.addAll(queue.waiting());
            for (DownloadJob job : all) {
                pauseJob(job, false, force);
            }
            return allIdle(all);
        }).thenCompose(idle -> idle);
    }

    private static CompletableFuture<Void> allIdle(List<DownloadJob> jobs) {
        return CompletableFuture.allOf(jobs.stream().map(DownloadJob::diskIdle).toArray(CompletableFuture[]::new));
    }

    private void pauseJob(DownloadJob job, boolean strict, boolean force) {
        switch (job.state) {
            case ACTIVE -> {
                job.pause(force);
                queue.requeueFront(job);
                promote();
            }
            case WAITING -> job.pause(force);
            default -> {
                if (strict) {
                    throw new IllegalStateException("download " + job.gidText + " is " + name(job.state)
                            + " and cannot be paused");
                }
            }
        }
    }

    public CompletableFuture<Void> unpause(long gid) {
        DownloadJob job = job(gid);
        return onLoop(() -> {
            if (job.state != DownloadState.PAUSED) {
                throw new IllegalStateException("download " + job.gidText + " is " + name(job.state) + ", not paused");
            }
            job.state = DownloadState.WAITING;
            promote();
            return null;
        });
    }

    public CompletableFuture<Void> unpauseAll() {
        return onLoop(() -> {
            for (DownloadJob job : queue.waiting()) {
                if (job.state == DownloadState.PAUSED) {
                    job.state = DownloadState.WAITING;
                }
            }
            promote();
            return null;
        });
    }

    public CompletableFuture<Void> remove(long gid, boolean force) {
        DownloadJob job = job(gid);
        return onLoop(() -> {
            if (job.state.isStopped()) {
                throw new IllegalStateException("download " + job.gidText + " has already stopped (" + name(job.state)
                        + ")");
            }
            job.remove(force);
            return job.diskIdle();
        }).thenCompose(idle -> idle);
    }

    /** Removes every active, waiting and paused download; completes once their states are saved. */
    public CompletableFuture<Void> removeAll(boolean force) {
        return onLoop(() -> {
            List<DownloadJob> all = new ArrayList<>(queue.active());
            all.addAll(queue.waiting());
            for (DownloadJob job : all) {
                job.remove(force);
            }
            return allIdle(all);
        }).thenCompose(idle -> idle);
    }

    public CompletableFuture<Integer> changePosition(long gid, int offset, PositionOrigin origin) {
        DownloadJob job = job(gid);
        Objects.requireNonNull(origin, "origin");
        return onLoop(() -> queue.move(job, offset, origin));
    }

    public CompletableFuture<UriChange> changeUri(long gid, int fileIndex, List<String> deleted, List<String> added,
                                                  int position) {
        DownloadJob job = job(gid);
        for (String uri : added) {
            Arguments.checkUri(uri);
        }
        List<String> toDelete = List.copyOf(deleted);
        List<String> toAdd = List.copyOf(added);
        return onLoop(() -> job.changeUris(fileIndex, toDelete, toAdd, position));
    }

    public CompletableFuture<Void> changeOption(long gid, Options changes) {
        DownloadJob job = job(gid);
        Arguments.checkChangeableForDownload(changes);
        return onLoop(() -> {
            if (job.state.isStopped()) {
                throw new IllegalStateException("download " + job.gidText + " has stopped");
            }
            job.options = job.options.toBuilder().setAll(changes).build();
            boolean restart = changes.options().stream().anyMatch(option -> option.change() == Option.Change.RESTART);
            if (restart) {
                job.restart();
            } else {
                job.applyLiveOptions();
            }
            return null;
        });
    }

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

    public CompletableFuture<Void> purgeResults() {
        return onLoop(() -> {
            queue.purge(dropped -> jobs.remove(dropped.gid));
            return null;
        });
    }

    // ---- session file and shutdown ---------------------------------------------------------------

    /** The entries save-session writes now (loop thread). */
    CompletableFuture<List<InputFileEntry>> sessionEntries() {
        return onLoop(() -> SessionFiles.entries(queue, globalOptions));
    }

    /** A forced shutdown began: listener calls still queued are not made (completions still are). */
    public void dropPendingEvents() {
        eventsDropped = true;
    }

    /** Writes the unfinished downloads to {@code file} in aria2's input-file format. */
    public CompletableFuture<Void> saveSession(Path file) {
        return sessionEntries().thenAcceptAsync(entries -> SessionFiles.write(entries, file), config.diskExecutor());
    }

    /** Adds the downloads of an input file (restore). */
    public void restore(Path file) throws IOException {
        for (var entry : SessionFiles.read(file)) {
            if (entry.isMetalinkFile()) {
                Path document = Path.of(entry.uris().get(0));
                addMetalink(SessionFiles.readMetalink(document), entry.options(), -1, document);
            } else if (entry.torrentFile().isPresent()) {
                Path torrent = entry.torrentFile().get();
                addTorrent(new TorrentParser().parse(torrent), torrent.toAbsolutePath(), entry.otherUris(),
                        entry.options(), -1);
            } else {
                add(entry.uris(), entry.options(), -1);
            }
        }
    }

    /** Saves the session every {@code save-session-interval} seconds, when both are set. */
    public void startSessionSaving() {
        long interval = globalOptions.get(Option.SAVE_SESSION_INTERVAL).toNanos();
        if (interval > 0 && globalOptions.get(Option.SAVE_SESSION) != null) {
            loop.execute(() -> sessionSaveTimer = loop.schedule(interval, () -> periodicSessionSave(interval)));
        }
    }

    private void periodicSessionSave(long interval) {
        Path file = globalOptions.get(Option.SAVE_SESSION);
        if (closed || file == null) {
            return;
        }
        List<InputFileEntry> entries = SessionFiles.entries(queue, globalOptions);
        config.diskExecutor().execute(() -> SessionFiles.write(entries, file));
        sessionSaveTimer = loop.schedule(interval, () -> periodicSessionSave(interval));
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
                if (sessionSaveTimer != null) {
                    sessionSaveTimer.cancel();
                }
                List<DownloadJob> running = new ArrayList<>(queue.active());
                running.addAll(queue.waiting());
                for (DownloadJob job : running) {
                    stops.add(job.shutDown());
                    job.lastStatus = job.snapshot();
                }
                for (DownloadJob job : queue.stopped()) {
                    job.lastStatus = job.snapshot();
                }
                saved.complete(SessionFiles.entries(queue, globalOptions));
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
            ftpClients.close();
            return null;
        });
        closedClients.join();
        Path cookieFile = globalOptions.get(Option.SAVE_COOKIES);
        if (cookieFile != null) {
            CompletableFuture.runAsync(() -> cookies.save(cookieFile), config.diskExecutor()).join();
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
            all.get(SHUTDOWN_STOP_TIMEOUT_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("downloads still stopping after {} s; closing anyway", SHUTDOWN_STOP_TIMEOUT_NANOS / 1_000_000_000L);
        } catch (java.util.concurrent.ExecutionException e) {
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

    private <T> CompletableFuture<T> onLoop(Supplier<T> action) {
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

    private static String name(DownloadState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
