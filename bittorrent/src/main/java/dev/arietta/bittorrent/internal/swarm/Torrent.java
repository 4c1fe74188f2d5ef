package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.swarm.choke.Choker;
import dev.arietta.bittorrent.internal.swarm.peer.PeerDirectory;
import dev.arietta.bittorrent.internal.swarm.storage.BlockReader;
import dev.arietta.bittorrent.internal.swarm.storage.BlockWriter;
import dev.arietta.bittorrent.internal.swarm.storage.PieceAssembly;
import dev.arietta.bittorrent.internal.swarm.storage.TorrentStorage;
import dev.arietta.bittorrent.internal.tracker.AnnounceTarget;
import dev.arietta.bittorrent.internal.tracker.Announcer;
import dev.arietta.bittorrent.internal.tracker.TrackerManager;
import dev.arietta.bittorrent.internal.tracker.TrackerOptions;
import dev.arietta.bittorrent.internal.tracker.TransferTotals;
import dev.arietta.bittorrent.internal.wire.HandshakeParams;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.hash.HashAlgorithm;
import dev.arietta.core.internal.hash.PieceHashes;
import dev.arietta.core.internal.hash.PieceVerifier;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.picker.PickerOptions;
import dev.arietta.core.internal.picker.PiecePicker;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.PieceGeometry;
import dev.arietta.core.internal.ratelimit.RateLimiter;
import dev.arietta.core.internal.resume.ResumeIdentity;
import dev.arietta.core.internal.resume.ResumeState;
import dev.arietta.core.internal.storage.FileLayout;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a torrent, from {@link Swarm#start()} to its stop: the parts that work together
 * ({@link PeerManager}, {@link Downloader}, {@link Uploader}, the picker, the storage and its
 * queues, the tracker manager) and its life.
 *
 * <p>Life of a run:
 * <ol>
 *   <li>{@link SwarmState#CHECKING}: on the disk executor, the files are prepared and the
 *       resume state loaded ({@link Preparation}); then pieces are hashed where needed
 *       ({@code check-integrity}: all of them).</li>
 *   <li>{@link SwarmState#DOWNLOADING}: trackers announce, peers connect (out and in), the
 *       choker runs every 10 s, the resume state is saved while pieces are verified.</li>
 *   <li>{@link SwarmState#SEEDING} once every selected piece is verified: the trackers hear
 *       {@code completed}, BT_COMPLETE is reported; seeding ends at {@code seed-ratio} or
 *       {@code seed-time}.</li>
 *   <li>Stop: connections closed, writes and hashes in flight finished, the resume state saved
 *       after a sync (deleted instead when finished), files closed, trackers told
 *       {@code stopped} unless forced.</li>
 * </ol>
 * Loop thread only, except the tasks it posts to the disk and hash executors.
 */
final class Torrent {

    private static final Logger LOG = LoggerFactory.getLogger(Torrent.class);

    /** Period of upkeep (connections, interest, seeding limits): 1 s. */
    static final long TICK_NANOS = 1_000_000_000L;

    final Swarm swarm;
    final BitTorrentContext context;
    final EventLoop loop;
    final TorrentMetainfo metainfo;
    final PieceGeometry geometry;
    final FileLayout layout;
    final PieceHashes hashes;
    final HandshakeParams params;
    final Bitfield selectedFiles;
    final RandomGenerator random;
    final PieceVerifier verifier;
    final RateLimiter.Child downloadLimit;
    final RateLimiter.Child uploadLimit;
    final PeerDirectory directory;
    final Choker<PeerSession> choker;
    final PeerManager peers;
    final Downloader downloader;
    final Uploader uploader;
    final AnnounceLog trackerLog;
    final List<List<String>> tiers;
    TrackerManager announcer;

    TorrentStorage storage;
    PiecePicker picker;
    BlockWriter writer;
    PieceAssembly assembly;
    BlockReader reader;
    FileProgress progress;
    ResumeKeeper resume;
    WebSeeds webSeeds;

    private SwarmState state = SwarmState.CHECKING;
    private SwarmState finalState = SwarmState.STOPPED;
    private String errorMessage = "";
    private long uploadedBefore;
    private long savedUploadedBytes;
    private long seedingSinceNanos;
    private final Set<Cancellable> timers = new LinkedHashSet<>();
    private final StartUp startUp = new StartUp(this);
    private boolean stopping;
    private boolean closingData;
    private CompletableFuture<Void> stopped;
    private CompletableFuture<Void> dataClosed;

    Torrent(Swarm swarm, BitTorrentContext context, PeerDirectory directory) {
        this.swarm = swarm;
        this.context = context;
        this.loop = context.loop();
        this.metainfo = swarm.metainfo();
        this.layout = TorrentStorage.layoutOf(metainfo);
        this.geometry = layout.geometry();
        byte[] concatenated = new byte[metainfo.pieceCount() * TorrentMetainfo.PIECE_HASH_LENGTH];
        for (int piece = 0; piece < metainfo.pieceCount(); piece++) {
            metainfo.copyPieceHash(piece, concatenated, piece * TorrentMetainfo.PIECE_HASH_LENGTH);
        }
        this.hashes = new PieceHashes(HashAlgorithm.SHA_1, concatenated);
        this.params = context.handshakeParams(metainfo);
        this.selectedFiles = selection(metainfo, swarm.settings());
        this.random = context.newRandom();
        this.verifier = context.verifier();
        this.downloadLimit = context.downloadLimiter().newChild(swarm.settings().maxDownloadLimit());
        this.uploadLimit = context.uploadLimiter().newChild(swarm.settings().maxUploadLimit());
        this.directory = directory;
        this.choker = new Choker<>(swarm.settings().uploadSlots());
        this.peers = new PeerManager(this);
        this.downloader = new Downloader(this);
        this.uploader = new Uploader(this);
        this.tiers = TrackerOptions.apply(metainfo.announceTiers(), swarm.settings().extraTrackers(),
                swarm.settings().excludedTrackers());
        this.trackerLog = new AnnounceLog(context.trackerClient(), loop::nanoTime, tiers);
    }

    /** The selected files as a bitfield over the layout's files. */
    static Bitfield selection(TorrentMetainfo metainfo, SwarmSettings settings) {
        int files = metainfo.files().size();
        Bitfield selected = new Bitfield(files);
        for (int index = 0; index < files; index++) {
            if (settings.isSelected(index)) {
                selected.set(index);
            }
        }
        return selected;
    }

    SwarmSettings settings() {
        return swarm.settings();
    }

    SwarmState state() {
        return state;
    }

    /** Checking, downloading or seeding, and not stopping. */
    boolean isActive() {
        return state.isActive() && !stopping;
    }

    /** Downloading or seeding (past the checks), and not stopping: peers may connect. */
    boolean isRunning() {
        return (state == SwarmState.DOWNLOADING || state == SwarmState.SEEDING) && !stopping;
    }

    boolean isDownloading() {
        return state == SwarmState.DOWNLOADING && !stopping;
    }

    boolean isSeeding() {
        return state == SwarmState.SEEDING && !stopping;
    }

    /** Bytes sent to peers, earlier runs included. */
    long uploadedBytes() {
        return uploadedBefore + peers.uploadedBytes();
    }

    /** Bytes received during this run, from peers and web seeds. */
    long downloadedBytes() {
        return peers.downloadedBytes() + (webSeeds == null ? 0 : webSeeds.downloadedBytes());
    }

    long downloadRate() {
        return peers.downloadRate() + (webSeeds == null ? 0 : webSeeds.downloadRate());
    }

    long uploadRate() {
        return peers.uploadRate();
    }

    /** Runs {@code task} after {@code delayNanos} unless the run stops first. */
    void schedule(long delayNanos, Runnable task) {
        if (!isActive()) {
            return;
        }
        Cancellable[] handle = new Cancellable[1];
        handle[0] = loop.schedule(delayNanos, () -> {
            timers.remove(handle[0]);
            if (isActive()) {
                task.run();
            }
        });
        timers.add(handle[0]);
    }

    private void every(long periodNanos, Runnable task) {
        schedule(periodNanos, () -> {
            task.run();
            every(periodNanos, task);
        });
    }

    // ---- start

    void start() {
        state = SwarmState.CHECKING;
        directory.resetBackoff(loop.nanoTime());
        startUp.run();
    }

    /** The files are ready and the resume state loaded: the start-up goes on with its checks. */
    void prepared(TorrentStorage prepared, ResumeKeeper keeper, long uploadedEarlier) {
        storage = prepared;
        resume = keeper;
        uploadedBefore = uploadedEarlier;
        savedUploadedBytes = uploadedEarlier;
    }

    /** The start-up checks are done: {@code verified} pieces are trusted; peers, trackers and timers start. */
    void begin(Bitfield verified, boolean checked) {
        picker = new PiecePicker(geometry, verified, PickerOptions.defaults(), random);
        if (!selectedFiles.isFull()) {
            picker.setPiecePriorities(priorities());
        }
        progress = new FileProgress(layout, selectedFiles, verified);
        assembly = new PieceAssembly(context.heapBlockPool());
        writer = new BlockWriter(storage, context.diskExecutor(), loop, context.heapBlockPool(), downloader);
        reader = new BlockReader(storage, context.diskExecutor(), loop, context.blockPool());
        webSeeds = new WebSeeds(this);
        boolean complete = picker.isFinished();
        state = complete ? SwarmState.SEEDING : SwarmState.DOWNLOADING;
        announcer = new TrackerManager(trackerLog, loop, new AnnounceTarget(metainfo.infoHash(), context.peerId(),
                context.listenPort(), metainfo.isPrivate()), tiers, this::totals, new Announcer.Listener() {
                    @Override
                    public void onPeers(List<InetSocketAddress> found, String trackerUrl) {
                        addPeers(found, PeerSource.TRACKER);
                    }

                    @Override
                    public void onTrackerError(String trackerUrl, String message) {
                        LOG.debug("{}: tracker {}: {}", Torrent.this, trackerUrl, message);
                    }
                }, context.trackerSettings(), random);
        context.accept(this);
        every(TICK_NANOS, this::tick);
        every(Choker.ROUND_INTERVAL_NANOS, peers::chokeRound);
        if (!settings().resumeSaveInterval().isZero()) {
            every(settings().resumeSaveInterval().toNanos(), this::saveResumeIfDirty);
        }
        announcer.start();
        if (complete) {
            enterSeeding(false, checked);
        } else {
            peers.connectMore();
            webSeeds.fill();
        }
    }

    /** Priority per piece: skipped unless it holds bytes of a selected payload file. */
    private byte[] priorities() {
        byte[] priorities = new byte[geometry.pieceCount()];
        for (int file = 0; file < layout.fileCount(); file++) {
            if (selectedFiles.get(file) && !layout.file(file).padding()) {
                var range = layout.piecesOf(file);
                for (int piece = range.first(); piece < range.end(); piece++) {
                    priorities[piece] = (byte) PiecePicker.DEFAULT_PRIORITY;
                }
            }
        }
        return priorities;
    }

    TransferTotals totals() {
        long left = progress == null ? 0 : progress.totalLength() - progress.completedLength();
        return new TransferTotals(uploadedBytes(), downloadedBytes(), left);
    }

    void addPeers(List<InetSocketAddress> addresses, PeerSource source) {
        if (metainfo.isPrivate() && source != PeerSource.TRACKER) {
            return;
        }
        long now = loop.nanoTime();
        for (InetSocketAddress address : addresses) {
            directory.add(address, now);
        }
        peers.connectMore();
    }

    // ---- running

    void pieceVerified(int piece) {
        peers.piecePassed(picker.soleSupplier(piece));
        picker.pieceVerified(piece);
        progress.pieceVerified(piece, swarm.listener()::onFileComplete);
        peers.pieceVerified(piece);
        resume.dirty();
        if (picker.isFinished() && state == SwarmState.DOWNLOADING) {
            enterSeeding(true, false);
        }
    }

    private void enterSeeding(boolean justCompleted, boolean checked) {
        state = SwarmState.SEEDING;
        seedingSinceNanos = loop.nanoTime();
        if (justCompleted) {
            announcer.completed();
        }
        peers.downloadComplete();
        resume.dirty();
        saveResumeIfDirty();
        swarm.listener().onDownloadComplete();
        if (checked && !settings().hashCheckSeed()) {
            finish();
            return;
        }
        checkSeeding();
    }

    private void tick() {
        peers.tick();
        checkSeeding();
    }

    /** Ends seeding when {@code seed-ratio} or {@code seed-time} is reached. */
    void checkSeeding() {
        if (!isSeeding()) {
            return;
        }
        SwarmSettings settings = settings();
        boolean ratioReached = settings.seedRatio() > 0
                && uploadedBytes() >= settings.seedRatio() * progress.totalLength();
        boolean timeReached = settings.seedTime().isPresent()
                && loop.nanoTime() - seedingSinceNanos >= settings.seedTime().get().toNanos();
        if (ratioReached || timeReached) {
            finish();
        }
    }

    private void finish() {
        LOG.info("{}: seeding finished, {} bytes uploaded", this, uploadedBytes());
        stop(StopMode.GRACEFUL, SwarmState.FINISHED).whenComplete((ignored, failure) ->
                swarm.listener().onSeedingFinished());
    }

    private void saveResumeIfDirty() {
        if (picker != null && !closingData) {
            long uploaded = uploadedBytes();
            if (uploaded != savedUploadedBytes) {
                // The share ratio survives a restart too.
                savedUploadedBytes = uploaded;
                resume.dirty();
            }
            resume.saveIfDirty(this::snapshot, storage::syncWhileWriting);
        }
    }

    private ResumeState snapshot() {
        return new ResumeState(new ResumeIdentity.InfoHash(metainfo.infoHash().bytes()), geometry.pieceLength(),
                geometry.totalLength(), picker.verifiedPieces(), uploadedBytes());
    }

    /** The torrent cannot go on: stops it (forced) and reports the error once. */
    void fail(ErrorCode code, String message) {
        if (state == SwarmState.FAILED || stopping) {
            LOG.debug("{}: further failure while stopping: {}", this, message);
            return;
        }
        LOG.warn("{}: failed: {}", this, message);
        errorMessage = message;
        stop(StopMode.FORCED, SwarmState.FAILED);
        state = SwarmState.FAILED;
        swarm.listener().onError(code, message);
    }

    // ---- stop

    /**
     * Stops the run; idempotent (a second call returns the first call's future).
     *
     * @param endState the state once stopped: {@link SwarmState#STOPPED}, {@link SwarmState#FINISHED}
     *                 or {@link SwarmState#FAILED}
     */
    CompletableFuture<Void> stop(StopMode mode, SwarmState endState) {
        if (stopped != null) {
            return stopped;
        }
        stopping = true;
        finalState = endState;
        stopped = new CompletableFuture<>();
        dataClosed = new CompletableFuture<>();
        new ArrayList<>(timers).forEach(Cancellable::cancel);
        timers.clear();
        context.stopAccepting(this);
        peers.closeAll();
        if (reader != null) {
            reader.close();
        }
        if (webSeeds != null) {
            webSeeds.stop();
        }
        CompletableFuture<Void> trackersDone;
        if (announcer == null) {
            trackersDone = CompletableFuture.completedFuture(null);
        } else if (mode == StopMode.GRACEFUL) {
            trackersDone = announcer.stop();
        } else {
            announcer.abandon();
            trackersDone = CompletableFuture.completedFuture(null);
        }
        startUp.cancel();
        continueStop();
        trackersDone.thenCombine(dataClosed, (a, b) -> b).whenComplete((ignored, failure) -> {
            state = finalState;
            downloadLimit.close();
            uploadLimit.close();
            stopped.complete(null);
        });
        return stopped;
    }

    /** Called whenever something the stop waits for settles: closes the data once nothing is in flight. */
    void hashSettled() {
        if (stopping) {
            continueStop();
        }
    }

    private void continueStop() {
        if (!stopping || closingData || startUp.isBusy()) {
            return;
        }
        if (storage == null) {
            closingData = true;
            dataClosed.complete(null);
            return;
        }
        if (writer != null && !writer.isIdle()) {
            writer.whenIdle(this::continueStop);
            return;
        }
        if (downloader.hashing() > 0) {
            return;
        }
        closingData = true;
        if (assembly != null) {
            assembly.clear();
        }
        CompletableFuture<Void> saved;
        if (finalState == SwarmState.FINISHED) {
            saved = resume.delete();
        } else if (picker != null) {
            saved = resume.save(snapshot(), storage::syncWhileWriting);
        } else {
            saved = CompletableFuture.completedFuture(null);
        }
        saved.whenComplete((ignored, failure) -> {
            try {
                context.diskExecutor().execute(() -> {
                    closeQuietly(storage);
                    try {
                        loop.execute(() -> dataClosed.complete(null));
                    } catch (RejectedExecutionException closed) {
                        dataClosed.complete(null);
                    }
                });
            } catch (RejectedExecutionException e) {
                dataClosed.complete(null);
            }
        });
    }

    void closeQuietly(TorrentStorage toClose) {
        try {
            toClose.close();
        } catch (IOException e) {
            LOG.warn("{}: closing the files failed", this, e);
        }
    }

    // ---- status

    SwarmStatus status() {
        List<PeerStatus> peerStatuses = new ArrayList<>();
        for (PeerSession peer : peers.established()) {
            peerStatuses.add(Snapshots.peer(peer));
        }
        Bitfield verified = picker != null ? picker.verifiedPieces() : new Bitfield(geometry.pieceCount());
        long total = progress != null ? progress.totalLength() : Snapshots.selectedLength(layout, selectedFiles);
        long completed = progress != null ? progress.completedLength() : 0;
        return new SwarmStatus(metainfo.infoHash(), state, total, completed, uploadedBytes(), downloadedBytes(),
                downloadRate(), uploadRate(), peerStatuses.size(), peers.seeds(), peerStatuses, verified,
                Snapshots.files(this), trackerLog.statuses(), webSeeds == null ? 0 : webSeeds.active(), state == SwarmState.FAILED ? errorMessage : "");
    }

    @Override
    public String toString() {
        return "torrent " + metainfo.name() + " (" + metainfo.infoHash().hex() + ")";
    }
}
