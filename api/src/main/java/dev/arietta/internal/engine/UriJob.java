package dev.arietta.internal.engine;

import dev.arietta.DownloadEvent;
import dev.arietta.DownloadHandle;
import dev.arietta.DownloadResult;
import dev.arietta.DownloadState;
import dev.arietta.DownloadStatus;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.ServerStatus;
import dev.arietta.UriChange;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.ratelimit.RateLimiter;
import dev.arietta.core.internal.resume.ResumeIdentity;
import dev.arietta.core.internal.resume.ResumeState;
import dev.arietta.http.internal.transfer.FetchFailure;
import dev.arietta.http.internal.transfer.FetchResponse;
import dev.arietta.http.internal.transfer.SegmentedTransfer;
import dev.arietta.http.internal.transfer.SourceFetcher;
import dev.arietta.http.internal.transfer.TransferListener;
import dev.arietta.http.internal.transfer.TransferSink;
import dev.arietta.internal.options.InputFileEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One download of one file from URIs (HTTP, FTP mirrors): each run's {@link SegmentedTransfer}
 * while active, the file it writes on the disk queue ({@link DiskWrites}), resume state saves,
 * events and completion. How a run makes its file ready is {@link FilePreparation}'s; what
 * happens once its last byte is written, {@link PostDownload}'s. Loop thread only, except the
 * final fields.
 */
final class UriJob extends DownloadJob implements TransferListener, TransferSink {

    /**
     * Longest time between resume state saves while data flows: 2 s (aria2 waits
     * {@code auto-save-interval}, 60 s by default, and a crash loses all of it). A smaller
     * {@code auto-save-interval} is honoured; 0 saves only when the download stops.
     */
    static final long RESUME_SAVE_INTERVAL_NANOS = 2_000_000_000L;

    private final DiskWrites diskWrites;

    /** The mirrors, in order; changeUri and Metalink/HTTP {@code Link} headers change them. */
    List<String> uris;
    /** For the download of one file of a Metalink: set before it is queued, else null. */
    MetalinkTarget metalink;
    /** Where save-session finds that Metalink again, or null (not a Metalink's, or kept in memory only). */
    MetalinkOrigin origin;
    /** For the download of a Metalink's .torrent metaurl: the files it is for, else null. */
    TorrentMetaurls.Plan metaurlPlan;
    /** The run's transfer; kept once stopped (status reads it), null before the first start or after an early end. */
    SegmentedTransfer transfer;
    /** Where the file is, once open or found complete; null before, and while kept in memory. */
    Path filePath;
    /** The lengths the result reports, recorded from the transfer when it stops ({@link #recordProgress}). */
    long totalLength = -1;
    long completedLength;
    private DiskFile disk;
    private RateLimiter.Child rate;
    private Cancellable saveTimer;
    private long savedLength = -1;
    /** Whether the file is open; until then writes are held here (bounded by the transfer's backpressure). */
    private boolean filePrepared;
    private final List<HeldWrite> heldWrites = new ArrayList<>();
    /** dry-run: the path the file would have been saved to, listed in the result; else null. */
    Path plannedPath;
    /** What this run checks: answers, Metalink piece hashes, the whole-file digest; null until started. */
    private DownloadChecks checks;
    /** How this run makes its file ready; null until started. */
    private FilePreparation preparation;

    private record HeldWrite(long offset, ByteBuffer buffer) {
    }

    UriJob(Engine engine, long gid, DownloadHandle handle, List<String> uris, Options options, Options globalAtAdd) {
        super(engine, gid, handle, options, globalAtAdd);
        this.uris = List.copyOf(uris);
        this.diskWrites = new DiskWrites(engine.loop(), diskQueue, UriJob::codeOf);
    }

    /** Segment and resume-state unit: the Metalink's piece length when it has piece hashes. */
    int pieceLength() {
        if (metalink != null && metalink.pieceHashes() != null) {
            return metalink.pieceLength();
        }
        return (int) (long) effective().get(Option.PIECE_LENGTH);
    }

    // ---- life ------------------------------------------------------------------------------------

    @Override
    void start() {
        state = DownloadState.ACTIVE;
        errorCode = ErrorCode.FINISHED;
        errorMessage = "";
        filePrepared = false;
        heldWrites.clear();
        plannedPath = null;
        if (uris.isEmpty()) {
            fail(ErrorCode.UNKNOWN, metalink != null && !metalink.torrents().isEmpty()
                    ? metalink.name() + ": only a BitTorrent metaurl describes it, and its torrent could not be had"
                    : "no URI left to download from");
            return;
        }
        Options effective = effective();
        List<SourceFetcher> fetchers;
        try {
            fetchers = engine.fetchersFor(effective, () -> preparation.ifModifiedSince());
        } catch (IllegalArgumentException | UncheckedIOException unusable) {
            // Options that parse but cannot be used: certificate files, an unsupported proxy.
            fail(ErrorCode.BAD_OPTION, unusable.getMessage());
            return;
        }
        disk = new DiskFile();
        checks = new DownloadChecks(metalink, effective, engine.log(), gidText);
        transfer = new SegmentedTransfer(EngineSettings.transfer(effective, engine.speedCheckGraceNanos(),
                pieceLength()),
                uris.stream().map(URI::create).toList(), fetchers, engine.loop(),
                engine.buffers(), this, this, engine.random());
        rate = engine.downloadLimiter().newChild(effective.get(Option.MAX_DOWNLOAD_LIMIT));
        transfer.setRateLimit(rate);
        preparation = new FilePreparation(this, transfer, disk, checks);
        SegmentedTransfer started = transfer;
        diskWrites.begin(disk::write, (offset, length, buffer) -> {
            if (length > 0 && transfer == started) {
                checks.written(offset, length);
            }
            started.written(offset, length, buffer);
        }, started::writeFailed);
        emit(DownloadEvent.START);
        if (effective.get(Option.CONDITIONAL_GET) && uris.stream().anyMatch(UriJob::isHttp)) {
            preparation.lookUpExisting(effective, this::startTransfer);
        } else {
            startTransfer();
        }
    }

    private void startTransfer() {
        transfer.start();
        scheduleSave();
        startProgress();
    }

    /** Whether a {@link UriJob} can download {@code uri}: an http, https or ftp URI with a host. */
    static boolean fetchable(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return uri.getHost() != null && (scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp"));
    }

    private static boolean isHttp(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** A live option changed ({@code max-download-limit}). */
    @Override
    void applyLiveOptions() {
        if (rate != null && state == DownloadState.ACTIVE) {
            rate.setRate(effective().get(Option.MAX_DOWNLOAD_LIMIT));
        }
    }

    /** HTTP and FTP have no goodbye to skip: forced or not, the transfer stops and its state is saved. */
    @Override
    void stopRun(boolean force) {
        stopTransfer();
    }

    @Override
    CompletableFuture<Void> runStopped() {
        return CompletableFuture.completedFuture(null);
    }

    /** aria2's changeUri on this download's only file; an active transfer sees the change at once. */
    @Override
    UriChange changeUris(int fileIndex, List<String> deleted, List<String> added, int position) {
        if (fileIndex != 1) {
            throw new IllegalArgumentException("file index " + fileIndex + " out of range: the download has 1 file");
        }
        List<String> list = new ArrayList<>(uris);
        boolean live = state == DownloadState.ACTIVE && transfer != null;
        int removed = 0;
        for (String uri : deleted) {
            if (list.remove(uri)) {
                removed++;
                if (live) {
                    transfer.removeMirror(URI.create(uri));
                }
            }
        }
        int at = position < 0 || position > list.size() ? list.size() : position;
        for (String uri : added) {
            list.add(at, uri);
            if (live) {
                transfer.addMirror(at, URI.create(uri));
            }
            at++;
        }
        uris = List.copyOf(list);
        return new UriChange(removed, added.size());
    }

    private void stopTransfer() {
        cancelTimers();
        if (transfer == null) {
            return;
        }
        haltTransfer();
        diskWrites.flush();
        DiskFile file = disk;
        ResumeState resume = resumeState();
        diskQueue.execute(() -> {
            if (resume != null) {
                saveState(file, resume);
            }
            try {
                file.close();
            } catch (IOException e) {
                engine.log().warn("{}: closing {} failed: {}", gidText, file.path(), e.getMessage());
            }
        });
    }

    /**
     * Ends the transfer before anything was written (dry-run, not modified, hash-check-only):
     * no resume state is saved and the file, never opened, is left alone.
     */
    void endTransferEarly() {
        cancelTimers();
        haltTransfer();
        transfer = null;
    }

    /** Stops the transfer: its progress recorded, held buffers given back, its rate limit closed. */
    private void haltTransfer() {
        recordProgress();
        transfer.stop();
        giveBackHeldWrites();
        closeRateLimit();
    }

    private void giveBackHeldWrites() {
        for (HeldWrite held : heldWrites) {
            transfer.written(held.offset(), 0, held.buffer());
        }
        heldWrites.clear();
    }

    private void closeRateLimit() {
        if (rate != null) {
            rate.close();
            rate = null;
        }
    }

    private void cancelTimers() {
        if (saveTimer != null) {
            saveTimer.cancel();
            saveTimer = null;
        }
        stopProgress();
    }

    private void recordProgress() {
        if (transfer != null) {
            totalLength = transfer.totalLength();
            completedLength = transfer.completedLength();
        }
    }

    // ---- resume state ----------------------------------------------------------------------------

    private void periodicSave() {
        saveTimer = null;
        if (state != DownloadState.ACTIVE || transfer == null) {
            return;
        }
        long written = transfer.completedLength();
        if (written != savedLength && filePath != null) {
            ResumeState resume = resumeState();
            if (resume != null) {
                savedLength = written;
                DiskFile file = disk;
                diskQueue.execute(() -> saveState(file, resume));
            }
        }
        scheduleSave();
    }

    /** Disk queue: the data is forced, then {@code resume} written; a failure is logged and the download goes on. */
    private void saveState(DiskFile file, ResumeState resume) {
        try {
            file.saveState(resume);
        } catch (IOException e) {
            engine.log().warn("{}: saving resume state failed: {}", gidText, e.getMessage());
        }
    }

    private void scheduleSave() {
        long interval = EngineSettings.resumeSaveInterval(engine.globalOptions().get(Option.AUTO_SAVE_INTERVAL))
                .toNanos();
        if (interval > 0) {
            saveTimer = engine.loop().schedule(interval, this::periodicSave);
        }
    }

    /**
     * Resume state claiming the pieces entirely on disk, or null when the length is unknown.
     * Made even before the loop heard that the file is open: the disk queue saves it only if
     * the file was opened by then, and a state (even claiming nothing) marks the file as this
     * download's, so a restart continues it instead of renaming.
     */
    private ResumeState resumeState() {
        if (transfer == null || disk == null || disk.inMemory()) {
            return null;
        }
        long total = transfer.totalLength();
        if (total < 0) {
            return null;
        }
        return new ResumeState(new ResumeIdentity.Url(uris.get(0)), pieceLength(), total, piecesOnDisk(), 0);
    }

    /** Pieces entirely on disk; with Metalink piece hashes, the verified ones only. */
    Bitfield piecesOnDisk() {
        return DownloadChecks.piecesOnDisk(checks, transfer, pieceLength());
    }

    // ---- transfer callbacks ----------------------------------------------------------------------

    @Override
    public FetchFailure checkResponse(URI source, FetchResponse response) {
        return checks.checkResponse(source, response, mirror -> {
            if (!uris.contains(mirror.toString())) {
                changeUris(1, List.of(), List.of(mirror.toString()), -1);
            }
        });
    }

    @Override
    public boolean allWrittenVerified() {
        return checks.settled();
    }

    @Override
    public void onFirstResponse(FetchResponse response) {
        preparation.firstAnswer(response);
    }

    @Override
    public void onNotModified() {
        preparation.notModified();
    }

    @Override
    public void write(long offset, ByteBuffer buffer) {
        if (!filePrepared) {
            heldWrites.add(new HeldWrite(offset, buffer));
            return;
        }
        diskWrites.submit(offset, buffer);
    }

    @Override
    public void onComplete() {
        cancelTimers();
        recordProgress();
        closeRateLimit();
        // aria2's remote-time: the newest modification time any source gave.
        Instant modified = effective().get(Option.REMOTE_TIME) ? checks.newestModified() : null;
        PostDownload.start(this, disk, checks, modified);
    }

    @Override
    public void onFailure(ErrorCode code, String message) {
        stopTransfer();
        fail(code, message);
    }

    // ---- the file, as FilePreparation reports it -------------------------------------------------

    /** Whether {@code file} belongs to the run in progress (active, not restarted or stopped since). */
    boolean isRunOf(DiskFile file) {
        return state == DownloadState.ACTIVE && disk == file;
    }

    /**
     * The file of {@code current}'s run is open (or kept in memory): the writes held until now
     * go to it, except those that would overwrite a verified piece, then the transfer goes on.
     */
    void opened(SegmentedTransfer current, DiskFile.Prepared prepared) {
        if (transfer != current) {
            return;
        }
        filePath = prepared.path();
        filePrepared = true;
        List<long[]> done = checks.prepared(prepared);
        for (HeldWrite held : heldWrites) {
            if (checks.keepsOnDisk(done, held.offset(), held.buffer().remaining())) {
                current.written(held.offset(), 0, held.buffer());
            } else {
                diskWrites.submit(held.offset(), held.buffer());
            }
        }
        heldWrites.clear();
        current.proceed(done);
    }

    /** The file of {@code current}'s run could not be opened: the transfer fails, held buffers go back. */
    void notOpened(SegmentedTransfer current, Throwable failure) {
        current.abort(codeOf(failure), failure.getMessage());
        if (transfer == current) {
            giveBackHeldWrites();
        }
    }

    // ---- the end of a run ------------------------------------------------------------------------

    /** The run is over and its file complete: raises FILE_COMPLETE (when it has a file) and COMPLETE. */
    void succeed() {
        if (state != DownloadState.ACTIVE) {
            return;
        }
        state = DownloadState.COMPLETE;
        if (filePath != null) {
            emit(DownloadEvent.FILE_COMPLETE);
        }
        emit(DownloadEvent.COMPLETE);
        finish();
    }

    /** The run failed; for a Metalink's torrent metaurl, the files it was for go to their mirrors instead. */
    void fail(ErrorCode code, String message) {
        if (state != DownloadState.ACTIVE) {
            return;
        }
        if (metaurlPlan != null) {
            engine.torrentMetaurls().torrentFailed(this).forEach(child -> followedBy.add(child.gid()));
            message = (message == null ? code.description() : message) + "; the Metalink's files download from"
                    + " their mirrors instead";
        }
        state = DownloadState.ERROR;
        errorCode = code;
        errorMessage = message == null ? code.description() : message;
        emit(DownloadEvent.ERROR);
        finish();
    }

    @Override
    void finish() {
        recordProgress();
        super.finish();
    }

    /** With the lengths last recorded from the transfer ({@link #recordProgress}). */
    @Override
    DownloadResult result(ErrorCode code, String message) {
        return new DownloadResult(gidText, state, code, message, files(), totalLength, completedLength);
    }

    @Override
    List<Path> files() {
        if (filePath == null && plannedPath != null) {
            return List.of(plannedPath);
        }
        if (filePath == null && metalink != null) {
            return List.of(effective().get(Option.DIR).resolve(metalink.name()).toAbsolutePath());
        }
        return filePath == null ? List.of() : List.of(filePath);
    }

    // ---- what the engine reads -------------------------------------------------------------------

    @Override
    DownloadStatus snapshot() {
        return StatusSnapshots.of(this);
    }

    @Override
    List<ServerStatus> servers() {
        return StatusSnapshots.servers(this);
    }

    @Override
    long downloadSpeed() {
        return state == DownloadState.ACTIVE && transfer != null ? transfer.downloadSpeed() : 0;
    }

    @Override
    long uploadSpeed() {
        return 0;
    }

    @Override
    InputFileEntry sessionEntry() {
        // A Metalink's file is saved through its document (SessionFiles), or not at all when kept in memory.
        return uris.isEmpty() || metalink != null ? null : new InputFileEntry(uris, options);
    }
}
