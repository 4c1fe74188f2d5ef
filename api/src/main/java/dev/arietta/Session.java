package dev.arietta;

import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import dev.arietta.core.internal.hash.HashExecutors;
import dev.arietta.core.internal.loop.DaemonThreads;
import dev.arietta.internal.engine.Engine;
import dev.arietta.internal.engine.EngineConfig;
import dev.arietta.internal.engine.Gids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * A download session: the libaria2 of the JVM. Add downloads with {@link #addUri} (HTTP(S) and
 * FTP mirrors), {@link #addTorrent(Path)} (BitTorrent, with web seeds) and
 * {@link #addMetalink(Path, Options)}, control them by gid (or through their
 * {@link DownloadHandle}), listen to their events, and close the session when done. A
 * downloaded .torrent or Metalink is followed into the downloads it describes
 * ({@link Option#FOLLOW_TORRENT}, {@link Option#FOLLOW_METALINK}).
 *
 * <pre>{@code
 * try (Session session = Session.builder()
 *         .directory(Path.of("downloads"))
 *         .option("max-concurrent-downloads", "3")
 *         .listener((event, download) -> System.out.println(event + " " + download.gid()))
 *         .build()) {
 *     DownloadHandle iso = session.addUri(List.of("https://a.example/x.iso", "https://b.example/x.iso"),
 *             Options.of("split", "8", "max-connection-per-server", "4"));
 *     DownloadResult result = iso.completion().join();
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> Every method may be called from any thread. Each session has one I/O
 * thread that owns all download state; calls are queued to it and return when it has
 * answered (quickly: it never waits for disk or network), giving immutable snapshots. File
 * work runs on the disk executor, hashing (whole-file checksums, Metalink and BitTorrent piece
 * checks) on the hash executor, and events on the callback executor, never on the I/O thread,
 * so a slow listener cannot stall transfers.
 * Several sessions may run in one JVM; nothing is shared between them.
 *
 * <p><b>Errors.</b> An unknown gid is an {@link IllegalArgumentException}; an operation that
 * does not fit the download's state (pausing a finished download) an
 * {@link IllegalStateException}; a bad option an {@link OptionException}; any call after
 * shutdown an {@link IllegalStateException}. A download that fails reports its
 * {@link dev.arietta.core.ErrorCode} (numbered like aria2's exit codes) in its status and result.
 *
 * <p><b>Lifecycle.</b> {@link #close()} (or {@link #shutdown(boolean)}) stops every download,
 * saving its resume state so that a later session continues it (BitTorrent downloads say
 * goodbye to their trackers; the session waits up to 10 s for them all), writes
 * {@link Option#SAVE_SESSION} if set, and ends the session's threads. On build, the downloads of
 * {@link Option#INPUT_FILE} (for example a file written by save-session) are added.
 */
public final class Session implements AutoCloseable {

    /** How long a graceful shutdown waits for pending listener calls: 5 s. */
    public static final Duration CALLBACK_DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final Engine engine;
    private final ExecutorService ownedCallbackExecutor;
    private final ExecutorService ownedDiskExecutor;
    private final ExecutorService ownedHashExecutor;
    private final Thread[] callbackThread = new Thread[1];
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final Object shutdownLock = new Object();
    private boolean shutdownStarted;

    private Session(Builder builder) throws IOException {
        this.ownedCallbackExecutor = builder.callbackExecutor == null
                ? Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, "arietta-callback");
                    thread.setDaemon(true);
                    callbackThread[0] = thread;
                    return thread;
                }) : null;
        this.ownedDiskExecutor = builder.diskExecutor == null ? DaemonThreads.singleThread("arietta-disk") : null;
        this.ownedHashExecutor = builder.hashExecutor == null ? HashExecutors.newHashExecutor("arietta-hash") : null;
        Options global = builder.options.build();
        EngineConfig config = new EngineConfig(global, builder.listeners,
                orElse(builder.callbackExecutor, ownedCallbackExecutor), orElse(builder.diskExecutor, ownedDiskExecutor),
                orElse(builder.hashExecutor, ownedHashExecutor), builder.nanoClock, builder.random,
                builder.progressInterval.toNanos(), builder.lowestSpeedLimitGrace.toNanos());
        Engine created;
        try {
            created = new Engine(config);
        } catch (IOException | RuntimeException e) {
            shutDownExecutors(true);
            throw e;
        }
        this.engine = created;
        engine.handles(gid -> new DownloadHandle(this, gid));
        Path input = global.get(Option.INPUT_FILE);
        if (input != null) {
            try {
                engine.sessionFiles().restore(input);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }
        engine.sessionFiles().startSaving();
    }

    private static Executor orElse(Executor given, Executor owned) {
        return given != null ? given : owned;
    }

    /** A builder with aria2's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- adding --------------------------------------------------------------------------------

    /** {@link #addUri(List, Options, int)} with no options, at the end of the queue. */
    public DownloadHandle addUri(List<String> uris) {
        return addUri(uris, Options.empty(), -1);
    }

    /** {@link #addUri(List, Options, int)} at the end of the queue. */
    public DownloadHandle addUri(List<String> uris, Options options) {
        return addUri(uris, options, -1);
    }

    /**
     * Adds a download of one file; all {@code uris} are mirrors of it (HTTP, HTTPS and FTP).
     * It starts when a slot is free ({@link Option#MAX_CONCURRENT_DOWNLOADS}), or stays paused
     * with {@link Option#PAUSE}.
     *
     * @param options  the download's own options over the session's; session-wide ones are refused
     * @param position where in the waiting queue, 0 first; negative or past the end: last
     * @throws IllegalArgumentException if there is no URI, one is malformed, or the
     *                                  {@link Option#GID} option names a gid in use
     * @throws OptionException          if an option is session-wide only
     * @throws IllegalStateException    once the session is shut down
     */
    public DownloadHandle addUri(List<String> uris, Options options, int position) {
        return engine.add(uris, Objects.requireNonNull(options, "options"), position);
    }

    /** {@link #addTorrent(Path, List, Options, int)} with no web seeds and no options, at the end of the queue. */
    public DownloadHandle addTorrent(Path torrentFile) throws IOException {
        return addTorrent(torrentFile, List.of(), Options.empty(), -1);
    }

    /**
     * Adds a BitTorrent download of a .torrent file, as aria2's {@code addTorrent}: its files go
     * under {@link Option#DIR} (a multi-file torrent in a directory of its name), peers come
     * from its trackers (and {@link Option#BT_TRACKER}), and once every selected piece is verified
     * it raises {@link DownloadEvent#BT_COMPLETE} and seeds until {@link Option#SEED_RATIO} or
     * {@link Option#SEED_TIME}, then raises {@link DownloadEvent#COMPLETE}. The file is read
     * now; save-session refers to it by its path.
     *
     * @param webSeedUris BEP 19 web seeds (HTTP or FTP URIs of the payload) besides the torrent's own
     * @param options     the download's own options over the session's ({@link Option#SELECT_FILE},
     *                    {@link Option#SEED_RATIO}, ...); session-wide ones are refused
     * @param position    where in the waiting queue, 0 first; negative or past the end: last
     * @throws IOException              if the file cannot be read, or
     *                                  {@link dev.arietta.bittorrent.metainfo.TorrentException} (with its
     *                                  {@link dev.arietta.core.ErrorCode}) if it is not a valid torrent
     * @throws IllegalArgumentException if a web seed URI is malformed or the {@link Option#GID} is in use
     * @throws OptionException          if an option is session-wide only
     * @throws IllegalStateException    once the session is shut down
     */
    public DownloadHandle addTorrent(Path torrentFile, List<String> webSeedUris, Options options, int position)
            throws IOException {
        Objects.requireNonNull(options, "options");
        TorrentMetainfo metainfo = new TorrentParser().parse(torrentFile);
        return engine.addTorrent(metainfo, torrentFile.toAbsolutePath(), List.copyOf(webSeedUris), options, position);
    }

    /**
     * As {@link #addTorrent(Path, List, Options, int)}, from the bytes of a .torrent file. With
     * {@link Option#RPC_SAVE_UPLOAD_METADATA} (the default) the bytes are saved as
     * {@code <info-hash>.torrent} in {@link Option#DIR} so that save-session can refer to them.
     *
     * @throws dev.arietta.bittorrent.metainfo.TorrentException if the bytes are not a valid torrent
     * @throws IOException if the torrent cannot be saved
     */
    public DownloadHandle addTorrent(byte[] torrent, List<String> webSeedUris, Options options, int position)
            throws IOException {
        Objects.requireNonNull(options, "options");
        TorrentMetainfo metainfo = new TorrentParser().parse(torrent.clone());
        Options effective = options.merge(engine.currentGlobalOptions());
        Path saved = null;
        if (effective.get(Option.RPC_SAVE_UPLOAD_METADATA)) {
            saved = effective.get(Option.DIR).resolve(metainfo.infoHash().hex() + ".torrent").toAbsolutePath();
            Files.createDirectories(saved.getParent());
            Files.write(saved, torrent);
        }
        return engine.addTorrent(metainfo, saved, List.copyOf(webSeedUris), options, position);
    }

    /** {@link #addMetalink(Path, Options, int)} with no options, at the end of the queue. */
    public List<DownloadHandle> addMetalink(Path file) throws IOException {
        return addMetalink(file, Options.empty(), -1);
    }

    /** {@link #addMetalink(Path, Options, int)} at the end of the queue. */
    public List<DownloadHandle> addMetalink(Path file, Options options) throws IOException {
        return addMetalink(file, options, -1);
    }

    /**
     * Adds the downloads of a local Metalink 4 ({@code .meta4}) or Metalink 3 ({@code .metalink})
     * file, as {@link #addMetalink(byte[], Options, int)}; relative URLs in it resolve against
     * {@link Option#METALINK_BASE_URI}, or are ignored without it. The file is read on the
     * calling thread, at most {@link dev.arietta.metalink.MetalinkLimits#DEFAULT_MAX_DOCUMENT_BYTES} bytes.
     *
     * @throws IOException if the file cannot be read, or a {@link dev.arietta.metalink.MetalinkException}
     *                     saying why the document is refused
     */
    public List<DownloadHandle> addMetalink(Path file, Options options, int position) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] document;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            document = in.readNBytes(dev.arietta.metalink.MetalinkLimits.DEFAULT_MAX_DOCUMENT_BYTES + 1);
        }
        return engine.addMetalink(document, Objects.requireNonNull(options, "options"), position, file);
    }

    /** {@link #addMetalink(byte[], Options, int)} at the end of the queue. */
    public List<DownloadHandle> addMetalink(byte[] document, Options options) throws IOException {
        return addMetalink(document, options, -1);
    }

    /**
     * Adds one download per file of a Metalink document (aria2's {@code addMetalink}): the files
     * left after {@link Option#METALINK_LANGUAGE}, {@link Option#METALINK_OS} and
     * {@link Option#METALINK_VERSION}, of those the ones {@link Option#SELECT_FILE} names (by
     * 1-based index among them). Each download takes the file's mirrors ordered by priority,
     * {@link Option#METALINK_LOCATION} and {@link Option#METALINK_PREFERRED_PROTOCOL} (equal
     * ranks shuffled), saves it under its Metalink name in {@link Option#DIR}
     * ({@link Option#OUT} does not apply), verifies its piece hashes while downloading (a bad
     * piece is fetched again from another mirror and the mirror that sent it is dropped) and
     * its strongest whole-file hash at the end ({@link dev.arietta.core.ErrorCode#CHECKSUM_ERROR}
     * on mismatch), and writes its signature to {@code <file>.sig}.
     *
     * <p>Files with a BitTorrent metaurl go through BitTorrent, as aria2 does: one download
     * fetches the .torrent (kept in memory), then one swarm downloads the files it names, their
     * HTTP and FTP mirrors joining as web seeds where their URLs fit the torrent's layout; those
     * downloads are in the fetch's {@link DownloadStatus#followedBy()}. A file the torrent does
     * not name, or every file when the .torrent cannot be had, downloads from its mirrors
     * instead (and fails if it has none).
     *
     * <p>With {@link Option#SAVE_SESSION} set, the document is saved as
     * {@code <dir>/<sha-1 of the document>.meta4} (as aria2 saves uploaded Metalinks), and the
     * session file names it with {@link Option#SELECT_FILE} listing the unfinished files.
     *
     * @param document the document bytes; not kept
     * @param options  options of every download added; session-wide ones and {@link Option#GID}
     *                 are refused
     * @param position queue position of the first download, 0 first; negative: at the end
     * @return the downloads: one per BitTorrent metaurl (fetching its .torrent), then one per
     *         other file, in document order
     * @throws IOException              a {@link dev.arietta.metalink.MetalinkException} if the
     *                                  document is refused (DOCTYPE, limits, unsafe names, …)
     * @throws IllegalArgumentException if no file is left to download, or a gid is given
     * @throws OptionException          if an option is session-wide only
     * @throws IllegalStateException    once the session is shut down
     */
    public List<DownloadHandle> addMetalink(byte[] document, Options options, int position) throws IOException {
        return engine.addMetalink(Objects.requireNonNull(document, "document"),
                Objects.requireNonNull(options, "options"), position, null);
    }

    /** The handle of {@code gid}, if the session knows it (results not yet purged included). */
    public Optional<DownloadHandle> handle(String gid) {
        long value = Gids.parse(gid);
        return engine.contains(value) ? Optional.of(new DownloadHandle(this, value)) : Optional.empty();
    }

    // ---- control -------------------------------------------------------------------------------

    /**
     * Pauses a download: an active one stops and goes to the front of the waiting queue; a
     * waiting one stays in place. Raises {@link DownloadEvent#PAUSE}. Returns once the
     * download's resume state is saved.
     *
     * @throws IllegalStateException if it is already paused or has stopped
     */
    public void pause(String gid) {
        await(engine.control().pause(Gids.parse(gid), false));
    }

    /**
     * aria2's {@code forcePause}: as {@link #pause}, without the graceful steps a protocol
     * may have (BitTorrent's tracker {@code stopped} announce); for HTTP and FTP the two are the same.
     */
    public void forcePause(String gid) {
        await(engine.control().pause(Gids.parse(gid), true));
    }

    /** Pauses every active and waiting download. */
    public void pauseAll() {
        await(engine.control().pauseAll(false));
    }

    /** {@link #pauseAll()}, forced (see {@link #forcePause}). */
    public void forcePauseAll() {
        await(engine.control().pauseAll(true));
    }

    /**
     * Lets a paused download wait for a slot again.
     *
     * @throws IllegalStateException if it is not paused
     */
    public void unpause(String gid) {
        await(engine.control().unpause(Gids.parse(gid)));
    }

    /** Unpauses every paused download. */
    public void unpauseAll() {
        await(engine.control().unpauseAll());
    }

    /**
     * Removes a download: it stops (the partial file and its resume state stay on disk, as
     * aria2 leaves them) with state {@link DownloadState#REMOVED} and raises
     * {@link DownloadEvent#STOP}. Returns once the resume state is saved.
     *
     * @throws IllegalStateException if it has already stopped
     */
    public void remove(String gid) {
        await(engine.control().remove(Gids.parse(gid), false));
    }

    /**
     * aria2's {@code forceRemove}: as {@link #remove}, without the graceful steps a protocol may
     * have (BitTorrent's tracker {@code stopped} announce); for HTTP and FTP the two are the same.
     */
    public void forceRemove(String gid) {
        await(engine.control().remove(Gids.parse(gid), true));
    }

    /** Removes every active, waiting and paused download. */
    public void removeAll() {
        await(engine.control().removeAll(false));
    }

    /** {@link #removeAll()}, forced (see {@link #forceRemove}). */
    public void forceRemoveAll() {
        await(engine.control().removeAll(true));
    }

    /**
     * Moves a waiting or paused download in the queue, as aria2's {@code changePosition}.
     *
     * @return its new position, 0 first (the destination is clamped to the queue)
     * @throws IllegalStateException if the download is not in the waiting queue
     */
    public int changePosition(String gid, int position, PositionOrigin origin) {
        return await(engine.control().changePosition(Gids.parse(gid), position, origin));
    }

    /**
     * Removes and adds URIs of file {@code fileIndex} (1-based), as aria2's {@code changeUri}:
     * each URI in {@code deleted} removes one occurrence; {@code added} go in at
     * {@code position} (negative: at the end). An active HTTP/FTP download uses new mirrors at
     * once. A torrent's URIs are its web seeds, shared by all its files; an active torrent
     * restarts to use changed ones.
     *
     * @throws IllegalArgumentException if {@code fileIndex} names no file of the download, or an
     *                                  added URI is not absolute
     */
    public UriChange changeUri(String gid, int fileIndex, List<String> deleted, List<String> added, int position) {
        return await(engine.control().changeUri(Gids.parse(gid), fileIndex, deleted, added, position));
    }

    /**
     * Changes options of a download. {@link Option.Change#LIVE} ones apply at once
     * ({@code max-download-limit}); {@link Option.Change#RESTART} ones restart an active
     * download, which continues from its resume state.
     *
     * @throws OptionException       if an option is session-wide or fixed once added
     * @throws IllegalStateException if the download has stopped
     */
    public void changeOption(String gid, Options changes) {
        await(engine.control().changeOption(Gids.parse(gid), changes));
    }

    /**
     * Changes session options ({@code max-concurrent-downloads}, {@code max-overall-download-limit},
     * and defaults of downloads added later).
     *
     * @throws OptionException if an option cannot change while the session runs
     */
    public void changeGlobalOption(Options changes) {
        await(engine.changeGlobalOption(changes));
    }

    /** A download's effective options (its own over the session's at the time it was added). */
    public Options getOptions(String gid) {
        return await(engine.queries().options(Gids.parse(gid)));
    }

    /** The session's options. */
    public Options getGlobalOptions() {
        return engine.currentGlobalOptions();
    }

    // ---- queries -------------------------------------------------------------------------------

    /** Speeds and counts over the session. */
    public GlobalStat globalStat() {
        return await(engine.queries().globalStat());
    }

    /** Snapshots of the active downloads. */
    public List<DownloadStatus> active() {
        return await(engine.queries().active());
    }

    /**
     * Snapshots of waiting and paused downloads, aria2 paging: {@code offset >= 0} gives
     * {@code [offset, offset + count)} in queue order; a negative offset counts from the end
     * ({@code -1} is the last) and lists backwards.
     */
    public List<DownloadStatus> waiting(int offset, int count) {
        return await(engine.queries().waiting(offset, count));
    }

    /** Snapshots of stopped downloads, oldest first, paged as {@link #waiting}. */
    public List<DownloadStatus> stopped(int offset, int count) {
        return await(engine.queries().stopped(offset, count));
    }

    /** Forgets the results of stopped downloads. */
    public void purgeResults() {
        await(engine.control().purgeResults());
    }

    /**
     * Writes the unfinished downloads to {@code file} in aria2's input-file format (see
     * {@link Option#SAVE_SESSION}); read back with {@link Option#INPUT_FILE}.
     *
     * @throws IOException if the file cannot be written
     */
    public void saveSession(Path file) throws IOException {
        try {
            engine.sessionFiles().save(Objects.requireNonNull(file, "file")).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while saving the session", e);
        }
    }

    DownloadStatus status(long gid) {
        return await(engine.queries().status(gid));
    }

    List<ServerStatus> servers(long gid) {
        return await(engine.queries().servers(gid));
    }

    List<PeerInfo> peers(long gid) {
        return await(engine.queries().peers(gid));
    }

    CompletableFuture<DownloadResult> completion(long gid) {
        return engine.queries().completion(gid);
    }

    // ---- shutdown ------------------------------------------------------------------------------

    /**
     * Starts shutting down and returns at once; the future completes when the session's
     * threads have ended. Every download stops and saves its resume state; unfinished
     * downloads' {@link DownloadHandle#completion()} complete with {@link dev.arietta.core.ErrorCode#IN_PROGRESS}.
     * Graceful ({@code force} false) also waits up to {@link #CALLBACK_DRAIN_TIMEOUT} for
     * pending listener calls; forced drops them (events not yet delivered never are, though
     * completion futures still complete) and interrupts a listener of the session's own
     * callback thread. Safe to call from a listener. Idempotent.
     */
    public CompletableFuture<Void> shutdown(boolean force) {
        synchronized (shutdownLock) {
            if (shutdownStarted) {
                return termination;
            }
            shutdownStarted = true;
        }
        if (force) {
            engine.dropPendingEvents();
        }
        Thread thread = new Thread(() -> {
            try {
                engine.shutDown();
                shutDownExecutors(force);
                termination.complete(null);
            } catch (Throwable failure) {
                termination.completeExceptionally(failure);
            }
        }, "arietta-shutdown");
        thread.setDaemon(true);
        thread.start();
        return termination;
    }

    /**
     * {@link #shutdown(boolean) shutdown(false)} and waits for it, unless called on the
     * session's own callback thread (then it returns at once to avoid waiting for itself).
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = shutdown(false);
        if (Thread.currentThread() != callbackThread[0]) {
            done.join();
        }
    }

    private void shutDownExecutors(boolean force) {
        if (ownedDiskExecutor != null) {
            ownedDiskExecutor.shutdown();
            awaitQuietly(ownedDiskExecutor, Long.MAX_VALUE);
        }
        if (ownedHashExecutor != null) {
            ownedHashExecutor.shutdownNow();
        }
        if (ownedCallbackExecutor != null) {
            if (force) {
                ownedCallbackExecutor.shutdownNow();
            } else {
                ownedCallbackExecutor.shutdown();
                if (Thread.currentThread() != callbackThread[0]) {
                    awaitQuietly(ownedCallbackExecutor, CALLBACK_DRAIN_TIMEOUT.toMillis());
                }
            }
        }
    }

    private static void awaitQuietly(ExecutorService executor, long millis) {
        try {
            executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(cause);
    }

    /**
     * Configures a {@link Session}. Not thread-safe. Every setting has aria2's default unless
     * stated.
     */
    public static final class Builder {
        private final Options.Builder options = Options.builder();
        private final List<DownloadListener> listeners = new ArrayList<>();
        private Executor callbackExecutor;
        private Executor diskExecutor;
        private Executor hashExecutor;
        private LongSupplier nanoClock = System::nanoTime;
        private RandomGenerator random = new SplittableRandom(new SecureRandom().nextLong());
        private Duration progressInterval = Duration.ZERO;
        private Duration lowestSpeedLimitGrace = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The download directory ({@code dir}); default the current directory. */
        public Builder directory(Path directory) {
            options.set(Option.DIR, directory);
            return this;
        }

        /**
         * A session option by aria2 name and text ({@code "max-concurrent-downloads", "5"}); per-download
         * options set here are the defaults of every download.
         *
         * @throws OptionException if the name is unknown or the value is not accepted
         */
        public Builder option(String name, String value) {
            options.set(name, value);
            return this;
        }

        /** Every option set in {@code values}, as {@link #option}. */
        public Builder options(Options values) {
            options.setAll(values);
            return this;
        }

        /** Adds a listener; listeners are called in the order added. Default none. */
        public Builder listener(DownloadListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Where listeners run and completion futures complete; default one dedicated daemon
         * thread owned by the session. Events of one download are delivered in order on any
         * executor; a given executor is not shut down by the session.
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Where file work runs; default one daemon thread owned by the session. Each download's
         * work is kept in order on any executor; a given executor is not shut down by the session.
         */
        public Builder diskExecutor(Executor executor) {
            this.diskExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Where hashing runs (whole-file checksums, Metalink and BitTorrent piece checks); default
         * one daemon thread per processor, owned by the session.
         */
        public Builder hashExecutor(Executor executor) {
            this.hashExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The monotonic clock in nanoseconds for timers and speeds; default {@link System#nanoTime()}. */
        public Builder nanoClock(LongSupplier clock) {
            this.nanoClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Source of gids and of the downloads' random choices (segments, the order of equally
         * ranked Metalink mirrors, the BitTorrent engine's); default a {@link SplittableRandom}
         * seeded securely. A seeded generator makes them repeatable in tests.
         */
        public Builder random(RandomGenerator generator) {
            this.random = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /** Raise {@link DownloadEvent#PROGRESS} for each active download at this interval; default zero: never. */
        public Builder progressInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("negative progress interval " + interval);
            }
            this.progressInterval = interval;
            return this;
        }

        /**
         * How long after it starts a download is exempt from {@link Option#LOWEST_SPEED_LIMIT}
         * (time to connect and ramp up); default 10 s.
         */
        public Builder lowestSpeedLimitGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("negative grace " + grace);
            }
            this.lowestSpeedLimitGrace = grace;
            return this;
        }

        /**
         * Starts the session (and adds the downloads of {@link Option#INPUT_FILE}, if set).
         *
         * @throws IOException if the I/O selector cannot be opened or the input file cannot be read
         */
        public Session build() throws IOException {
            return new Session(this);
        }
    }
}
