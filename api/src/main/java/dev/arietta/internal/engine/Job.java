package dev.arietta.internal.engine;

import dev.arietta.DownloadEvent;
import dev.arietta.DownloadHandle;
import dev.arietta.DownloadResult;
import dev.arietta.DownloadState;
import dev.arietta.DownloadStatus;
import dev.arietta.ServerStatus;
import dev.arietta.FollowMode;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.UriChange;
import dev.arietta.bittorrent.metainfo.TorrentException;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.hash.ChecksumMismatchException;
import dev.arietta.core.internal.hash.ExpectedChecksum;
import dev.arietta.core.internal.hash.WholeFileChecksum;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.ratelimit.RateLimiter;
import dev.arietta.core.internal.resume.ResumeIdentity;
import dev.arietta.core.internal.resume.ResumeState;
import dev.arietta.core.internal.resume.ResumeStateException;
import dev.arietta.core.internal.storage.AllocationMode;
import dev.arietta.core.internal.storage.PathContainmentException;
import dev.arietta.core.internal.storage.StorageException;
import dev.arietta.http.internal.transfer.FetchFailure;
import dev.arietta.http.internal.transfer.FetchResponse;
import dev.arietta.http.internal.transfer.SegmentedTransfer;
import dev.arietta.http.internal.transfer.SourceFetcher;
import dev.arietta.http.internal.transfer.TransferListener;
import dev.arietta.http.internal.transfer.TransferSink;
import dev.arietta.internal.options.InputFileEntry;
import dev.arietta.metalink.MetalinkLimits;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One download of one file from URIs (HTTP, FTP mirrors) on the loop thread: its transfer
 * while active, its file on the disk queue, resume state saves, events and completion. Loop
 * thread only, except the final fields.
 */
final class Job extends DownloadJob implements TransferListener, TransferSink {

    /**
     * Longest time between resume state saves while data flows: 2 s (aria2 waits
     * {@code auto-save-interval}, 60 s by default, and a crash loses all of it). A smaller
     * {@code auto-save-interval} is honoured; 0 saves only when the download stops.
     */
    static final long RESUME_SAVE_INTERVAL_NANOS = 2_000_000_000L;

    private final DiskWrites diskWrites;

    List<String> uris;
    /** For the download of one file of a Metalink: set before it is queued, else null. */
    MetalinkTarget metalink;
    /** Where save-session finds that Metalink again, or null (not a Metalink's, or kept in memory only). */
    MetalinkOrigin origin;
    /** For the download of a Metalink's .torrent metaurl: the files it is for, else null. */
    TorrentMetaurls.Plan metaurlPlan;
    SegmentedTransfer transfer;
    Path filePath;
    long totalLength = -1;
    long completedLength;
    private DiskFile disk;
    private RateLimiter.Child rate;
    private Cancellable saveTimer;
    private long savedLength = -1;
    private boolean finishing;
    /** Whether the file is open; until then writes are held here (bounded by the transfer's backpressure). */
    private boolean filePrepared;
    private final List<HeldWrite> heldWrites = new ArrayList<>();
    /** conditional-get: the local file's time, sent as If-Modified-Since until the first answer; null for none. */
    private Instant conditionalSince;
    /** conditional-get: the local file that time belongs to, and its size. */
    private DiskFile.Existing conditionalFile;
    /** dry-run: the path the file would have been saved to, listed in the result; else null. */
    private Path plannedPath;
    /** What this run checks: answers, Metalink piece hashes, the whole-file digest; null until started. */
    private DownloadChecks checks;

    private record HeldWrite(long offset, ByteBuffer buffer) {
    }

    Job(Engine engine, long gid, DownloadHandle handle, List<String> uris, Options options, Options globalAtAdd) {
        super(engine, gid, handle, options, globalAtAdd);
        this.uris = List.copyOf(uris);
        this.diskWrites = new DiskWrites(engine.loop(), diskQueue, Job::codeOf);
    }

    /** Segment and resume-state unit: the Metalink's piece length when it has piece hashes. */
    int pieceLength() {
        if (metalink != null && metalink.pieceHashes() != null) {
            return metalink.pieceLength();
        }
        return (int) (long) effective().get(Option.PIECE_LENGTH);
    }

    // ---- life ----------------------------------------------------------------------------------

    @Override
    void start() {
        state = DownloadState.ACTIVE;
        errorCode = ErrorCode.FINISHED;
        errorMessage = "";
        finishing = false;
        filePrepared = false;
        heldWrites.clear();
        conditionalSince = null;
        conditionalFile = null;
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
            fetchers = engine.fetchersFor(effective, () -> conditionalSince);
        } catch (IllegalArgumentException | java.io.UncheckedIOException unusable) {
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
        SegmentedTransfer started = transfer;
        diskWrites.begin(disk::write, (offset, length, buffer) -> {
            if (length > 0 && transfer == started) {
                checks.written(offset, length);
            }
            started.written(offset, length, buffer);
        }, started::writeFailed);
        emit(DownloadEvent.START);
        if (effective.get(Option.CONDITIONAL_GET) && uris.stream().anyMatch(Job::isHttp)) {
            startConditionally(effective);
        } else {
            startTransfer();
        }
    }

    private void startTransfer() {
        transfer.start();
        scheduleSave();
        startProgress();
    }

    /**
     * aria2's {@code conditional-get}: when the file named by {@code out} or the first URI
     * exists without resume state, the first request carries its modification time as
     * If-Modified-Since. The file is looked at on the disk queue; the transfer starts after.
     */
    private void startConditionally(Options effective) {
        SegmentedTransfer current = transfer;
        Path directory = effective.get(Option.DIR);
        String name = FileNames.choose(effective.get(Option.OUT), URI.create(uris.get(0)));
        diskQueue.execute(() -> {
            DiskFile.Existing existing = DiskFile.unclaimed(directory, name);
            post(() -> {
                if (transfer == current && state == DownloadState.ACTIVE) {
                    conditionalFile = existing;
                    conditionalSince = existing == null ? null : existing.modified();
                    startTransfer();
                }
            });
        });
    }

    private static boolean isHttp(String uri) {
        String lower = uri.toLowerCase(java.util.Locale.ROOT);
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
            try {
                if (resume != null) {
                    file.saveState(resume);
                }
            } catch (IOException e) {
                engine.log().warn("{}: saving resume state failed: {}", gidText, e.getMessage());
            }
            try {
                file.close();
            } catch (IOException e) {
                engine.log().warn("{}: closing {} failed: {}", gidText, file.path(), e.getMessage());
            }
        });
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

    private void periodicSave() {
        saveTimer = null;
        if (state != DownloadState.ACTIVE || transfer == null || finishing) {
            return;
        }
        long written = transfer.completedLength();
        if (written != savedLength && filePath != null) {
            ResumeState resume = resumeState();
            if (resume != null) {
                savedLength = written;
                DiskFile file = disk;
                diskQueue.execute(() -> {
                    try {
                        file.saveState(resume);
                    } catch (IOException e) {
                        engine.log().warn("{}: saving resume state failed: {}", gidText, e.getMessage());
                    }
                });
            }
        }
        scheduleSave();
    }

    private void scheduleSave() {
        long configured = engine.globalOptions().get(Option.AUTO_SAVE_INTERVAL).toNanos();
        if (configured > 0) {
            saveTimer = engine.loop().schedule(Math.min(configured, RESUME_SAVE_INTERVAL_NANOS), this::periodicSave);
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

    // ---- transfer callbacks --------------------------------------------------------------------

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
        Options effective = effective();
        boolean conditional = conditionalSince != null;
        conditionalSince = null;
        // aria2's conditional-get names the file after out or the URI, never Content-Disposition.
        FetchResponse naming = conditional ? new FetchResponse(response.finalUri(), response.totalLength(),
                response.rangeSupported(), java.util.Optional.empty()) : response;
        String name = metalink != null ? metalink.name() : FileNames.choose(effective.get(Option.OUT), naming);
        if (effective.get(Option.DRY_RUN)) {
            // aria2's dry-run: the source answered, which is all there was to check; the result names the path.
            plannedPath = DiskFile.plannedPath(effective.get(Option.DIR), name);
            endTransferEarly();
            succeed();
            return;
        }
        SegmentedTransfer current = transfer;
        DiskFile file = disk;
        try {
            checks.firstResponse(response, name, effective, engine.hashExecutor(), engine.loop(), file, current,
                    engine.log(), gidText);
        } catch (IllegalArgumentException mismatch) {
            post(() -> current.abort(ErrorCode.CHECKSUM_ERROR, mismatch.getMessage()));
            return;
        }
        if (checks.follow() == FollowMode.MEM) {
            diskQueue.execute(() -> prepare(file, () -> file.prepareInMemory(response.totalLength(),
                    checks.followLimitBytes()), current));
            return;
        }
        DiskFile.Request request = new DiskFile.Request(effective.get(Option.DIR), name, response.totalLength(),
                pieceLength(), uris.get(0), effective.get(Option.ALLOW_OVERWRITE),
                effective.get(Option.AUTO_FILE_RENAMING), effective.get(Option.CONTINUE),
                effective.get(Option.REMOVE_CONTROL_FILE), effective.get(Option.ALLOW_PIECE_LENGTH_CHANGE),
                AllocationMode.fromOptionValue(effective.get(Option.FILE_ALLOCATION).optionValue()),
                effective.get(Option.NO_FILE_ALLOCATION_LIMIT), engine.diskCacheBytes(),
                DiskFile.Integrity.UNCHECKED);
        ExpectedChecksum checksum = DownloadChecks.knownChecksum(effective, metalink);
        if (effective.get(Option.CHECK_INTEGRITY) && effective.get(Option.HASH_CHECK_ONLY)) {
            hashCheckOnly(file, request, checksum);
            return;
        }
        if (!effective.get(Option.CHECK_INTEGRITY) || checksum == null) {
            diskQueue.execute(() -> prepare(file, () -> file.prepare(request), current));
            return;
        }
        diskQueue.execute(() -> {
            Path candidate;
            try {
                candidate = file.integrityCandidate(request);
            } catch (IOException | RuntimeException e) {
                post(() -> current.abort(codeOf(e), e.getMessage()));
                return;
            }
            if (candidate == null) {
                prepare(file, () -> file.prepare(request), current);
                return;
            }
            engine.hashExecutor().execute(() -> {
                boolean matches;
                try {
                    new WholeFileChecksum().verify(candidate, checksum);
                    matches = true;
                } catch (IOException mismatchOrUnreadable) {
                    matches = false;
                }
                DiskFile.Request checked = request.withIntegrity(matches
                        ? DiskFile.Integrity.COMPLETE : DiskFile.Integrity.MISMATCH);
                diskQueue.execute(() -> prepare(file, () -> file.prepare(checked), current));
            });
        });
    }

    /**
     * aria2's {@code hash-check-only} with {@code check-integrity}: verify the existing file
     * against {@code checksum} and stop, downloading nothing. A match completes the download;
     * a mismatch fails it with {@link ErrorCode#CHECKSUM_ERROR}; nothing to check (no checksum,
     * no file of the source's length, or resume state present) leaves it unfinished:
     * {@link ErrorCode#IN_PROGRESS}, as aria2 reports such a download.
     */
    private void hashCheckOnly(DiskFile file, DiskFile.Request request, ExpectedChecksum checksum) {
        endTransferEarly();
        if (metalink != null && metalink.pieceHashes() != null) {
            // As aria2 checks with piece hashes when it has them: each piece, a short file too.
            ExistingFileVerifier.verifyPieces(file, request, metalink.pieceHashes(), metalink.pieceLength(), diskQueue,
                    engine.hashExecutor(), result -> post(() -> hashChecked(result, request)));
            return;
        }
        if (checksum == null) {
            fail(ErrorCode.IN_PROGRESS, "hash-check-only: no checksum to verify; nothing was downloaded");
            return;
        }
        ExistingFileVerifier.verify(file, request, checksum, diskQueue, engine.hashExecutor(),
                result -> post(() -> hashChecked(result, request)));
    }

    private void hashChecked(ExistingFileVerifier.Result result, DiskFile.Request request) {
        completedLength = result.verifiedBytes();
        switch (result.verdict()) {
            case LOOKUP_FAILED -> fail(codeOf(result.failure()), result.message());
            case NO_CANDIDATE -> fail(ErrorCode.IN_PROGRESS, "hash-check-only: no file of " + request.totalLength()
                    + " bytes to verify; nothing was downloaded");
            case MATCH -> {
                filePath = result.path();
                succeed();
            }
            case MISMATCH -> fail(ErrorCode.CHECKSUM_ERROR, "hash-check-only: " + result.message());
            case INCOMPLETE -> fail(ErrorCode.IN_PROGRESS, "hash-check-only: " + result.message()
                    + "; nothing was downloaded");
            case UNREADABLE -> fail(ErrorCode.FILE_IO_ERROR, result.message());
        }
    }

    /** The first source said the local file is current (conditional-get): done, nothing written. */
    @Override
    public void onNotModified() {
        DiskFile.Existing existing = conditionalFile;
        endTransferEarly();
        if (existing == null) {
            fail(ErrorCode.HTTP_PROTOCOL_ERROR, "\"not modified\" answer to a request that was not conditional");
            return;
        }
        filePath = existing.path();
        totalLength = existing.size();
        completedLength = existing.size();
        succeed();
    }

    /**
     * Ends the transfer before anything was written (dry-run, not modified, hash-check-only):
     * no resume state is saved and the file, never opened, is left alone.
     */
    private void endTransferEarly() {
        cancelTimers();
        haltTransfer();
        transfer = null;
    }

    /** Stops the transfer: its progress recorded, held buffers given back, its rate limit closed. */
    private void haltTransfer() {
        recordProgress();
        transfer.stop();
        for (HeldWrite held : heldWrites) {
            transfer.written(held.offset(), 0, held.buffer());
        }
        heldWrites.clear();
        if (rate != null) {
            rate.close();
            rate = null;
        }
    }

    /** How the disk queue opens the file. */
    @FunctionalInterface
    private interface Preparation {
        DiskFile.Prepared run() throws IOException;
    }

    /** Disk queue: opens the file, then lets the transfer proceed (or fail) on the loop. */
    private void prepare(DiskFile file, Preparation preparation, SegmentedTransfer current) {
        try {
            DiskFile.Prepared prepared = preparation.run();
            post(() -> {
                if (transfer == current) {
                    filePath = prepared.path();
                    filePrepared = true;
                    List<long[]> done = checks.prepared(prepared);
                    for (HeldWrite held : heldWrites) {
                        if (checks.keepsOnDisk(done, held.offset(), held.buffer().remaining())) {
                            current.written(held.offset(), 0, held.buffer());
                        } else {
                            submitWrite(held.offset(), held.buffer());
                        }
                    }
                    heldWrites.clear();
                    current.proceed(done);
                }
            });
        } catch (IOException | RuntimeException e) {
            post(() -> {
                current.abort(codeOf(e), e.getMessage());
                if (transfer == current) {
                    for (HeldWrite held : heldWrites) {
                        current.written(held.offset(), 0, held.buffer());
                    }
                    heldWrites.clear();
                }
            });
        }
    }

    @Override
    public void write(long offset, ByteBuffer buffer) {
        if (!filePrepared) {
            heldWrites.add(new HeldWrite(offset, buffer));
            return;
        }
        submitWrite(offset, buffer);
    }

    private void submitWrite(long offset, ByteBuffer buffer) {
        diskWrites.submit(offset, buffer);
    }

    @Override
    public void onComplete() {
        finishing = true;
        cancelTimers();
        recordProgress();
        if (rate != null) {
            rate.close();
            rate = null;
        }
        DiskFile file = disk;
        ExpectedChecksum checksum = checks.expected();
        // aria2's remote-time: the newest modification time any source gave.
        Instant modified = effective().get(Option.REMOTE_TIME) ? checks.newestModified() : null;
        diskQueue.execute(() -> {
            try {
                file.finish();
            } catch (IOException e) {
                post(() -> fail(codeOf(e), e.getMessage()));
                return;
            }
            if (modified != null && file.path() != null) {
                applyRemoteTime(file.path(), modified);
            }
            if (checksum == null || file.path() == null && !file.inMemory()) {
                post(this::verified);
                return;
            }
            engine.hashExecutor().execute(() -> {
                try {
                    Completion.verify(file, checksum);
                    post(this::verified);
                } catch (ChecksumMismatchException mismatch) {
                    post(() -> fail(ErrorCode.CHECKSUM_ERROR, mismatch.getMessage()));
                } catch (IOException e) {
                    post(() -> fail(ErrorCode.FILE_IO_ERROR, e.getMessage()));
                }
            });
        });
    }

    /** remote-time: the file gets the source's modification time; a failure is only logged, as aria2 does. */
    private void applyRemoteTime(Path path, Instant modified) {
        try {
            Files.setLastModifiedTime(path, FileTime.from(modified));
        } catch (IOException e) {
            engine.log().warn("{}: cannot set the modification time of {}: {}", gidText, path, e.getMessage());
        }
    }

    @Override
    public void onFailure(ErrorCode code, String message) {
        stopTransfer();
        fail(code, message);
    }

    /** The whole file is verified: save its signature, follow it if it is a Metalink or a .torrent, then succeed. */
    private void verified() {
        if (state != DownloadState.ACTIVE) {
            return;
        }
        DiskFile file = disk;
        if (metalink != null && metalink.signature() != null && filePath != null) {
            Path path = filePath;
            diskQueue.execute(() -> {
                Completion.saveSignature(path, metalink.signature(), engine.log(), gidText);
                post(this::succeed);
            });
        } else if (checks.follow() != FollowMode.FALSE && checks.followsTorrent()) {
            Path saved = checks.follow() == FollowMode.MEM ? null : filePath;
            Completion.readTorrent(file, diskQueue, engine.hashExecutor(), torrent -> post(() -> {
                if (state == DownloadState.ACTIVE) {
                    if (metaurlPlan != null) {
                        engine.torrentMetaurls().torrentArrived(this, torrent).forEach(child -> followedBy.add(child.gid()));
                    } else {
                        followedBy.add(engine.torrents().follow(this, torrent, saved).gid());
                    }
                    succeed();
                }
            }), refused -> post(() -> fail(refused instanceof TorrentException bad ? bad.errorCode()
                    : ErrorCode.BITTORRENT_PARSE_ERROR, refused.getMessage())));
        } else if (checks.follow() != FollowMode.FALSE) {
            Completion.readMetalink(file, diskQueue, engine.hashExecutor(), document -> post(() -> {
                if (state == DownloadState.ACTIVE) {
                    try {
                        engine.follow(this, document, checks.answeredFrom())
                                .forEach(child -> followedBy.add(child.gid()));
                    } catch (IllegalArgumentException nothingSelected) {
                        engine.log().warn("{}: {}", gidText, nothingSelected.getMessage());
                    }
                    succeed();
                }
            }), refused -> post(() -> fail(ErrorCode.METALINK_PARSE_ERROR, refused.getMessage())));
        } else {
            succeed();
        }
    }

    private void succeed() {
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

    private void fail(ErrorCode code, String message) {
        if (state != DownloadState.ACTIVE) {
            return;
        }
        if (metaurlPlan != null) {
            // The .torrent of a Metalink's metaurl is not to be had: its files come from their mirrors.
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
