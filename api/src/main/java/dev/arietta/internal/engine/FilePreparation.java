package dev.arietta.internal.engine;

import dev.arietta.DownloadState;
import dev.arietta.FollowMode;
import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.hash.ExpectedChecksum;
import dev.arietta.core.internal.storage.AllocationMode;
import dev.arietta.http.internal.transfer.FetchResponse;
import dev.arietta.http.internal.transfer.SegmentedTransfer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * How one run of a {@link UriJob} makes its file ready, as aria2 does. Before the first request,
 * {@code conditional-get} looks for the file the download would replace
 * ({@link #lookUpExisting}). Once the first answer names the file ({@link #firstAnswer}), the
 * first of these that applies decides:
 * <ol>
 *   <li>{@code dry-run}: nothing is opened; the download succeeds, its result naming the path
 *       the file would have had;</li>
 *   <li>a Metalink or .torrent followed with {@code mem}: the file is kept in memory;</li>
 *   <li>{@code hash-check-only} with {@code check-integrity}: the existing file is verified
 *       (piece by piece with Metalink piece hashes, else against the checksum) and the download
 *       ends without downloading anything;</li>
 *   <li>{@code check-integrity} with a checksum: an existing file of the download's length
 *       without resume state is hashed first; a match completes the download without fetching
 *       anything, a mismatch downloads it again in place;</li>
 *   <li>otherwise {@link DiskFile#prepare}: resume state, {@code continue}, the existing-file
 *       policy.</li>
 * </ol>
 * The blocking steps run on the download's disk queue and the hash executor. The job hears
 * the outcome on the loop: the file is open ({@link UriJob#opened}) or cannot be
 * ({@link UriJob#notOpened}), or the run ends early.
 *
 * <p>Made at each start. Loop thread only, apart from those steps.
 */
final class FilePreparation {

    private final UriJob job;
    private final SegmentedTransfer transfer;
    private final DiskFile file;
    private final DownloadChecks checks;
    /** conditional-get: the local file's time, sent as If-Modified-Since until the first answer; null for none. */
    private Instant ifModifiedSince;
    /** conditional-get: the local file that time belongs to, and its size. */
    private DiskFile.Existing existing;

    FilePreparation(UriJob job, SegmentedTransfer transfer, DiskFile file, DownloadChecks checks) {
        this.job = job;
        this.transfer = transfer;
        this.file = file;
        this.checks = checks;
    }

    /** The If-Modified-Since of the next HTTP request, or null. */
    Instant ifModifiedSince() {
        return ifModifiedSince;
    }

    /**
     * aria2's {@code conditional-get}: when the file named by {@code out} or the first URI
     * exists without resume state, the first request carries its modification time as
     * If-Modified-Since. The file is looked at on the disk queue; {@code startTransfer} runs
     * after, on the loop, unless the run is over by then.
     */
    void lookUpExisting(Options effective, Runnable startTransfer) {
        Path directory = effective.get(Option.DIR);
        String name = FileNames.choose(effective.get(Option.OUT), URI.create(job.uris.get(0)));
        job.diskQueue.execute(() -> {
            DiskFile.Existing found = DiskFile.unclaimed(directory, name);
            job.post(() -> {
                if (job.transfer == transfer && job.state == DownloadState.ACTIVE) {
                    existing = found;
                    ifModifiedSince = found == null ? null : found.modified();
                    startTransfer.run();
                }
            });
        });
    }

    /** The first source said the local file is current (conditional-get): done, nothing written. */
    void notModified() {
        DiskFile.Existing current = existing;
        job.endTransferEarly();
        if (current == null) {
            job.fail(ErrorCode.HTTP_PROTOCOL_ERROR, "\"not modified\" answer to a request that was not conditional");
            return;
        }
        job.filePath = current.path();
        job.totalLength = current.size();
        job.completedLength = current.size();
        job.succeed();
    }

    /** The first answer came: names the file and makes it ready, by the first rule that applies. */
    void firstAnswer(FetchResponse response) {
        Options effective = job.effective();
        boolean conditional = ifModifiedSince != null;
        ifModifiedSince = null;
        // aria2's conditional-get names the file after out or the URI, never Content-Disposition.
        FetchResponse naming = conditional ? new FetchResponse(response.finalUri(), response.totalLength(),
                response.rangeSupported(), Optional.empty()) : response;
        String name = job.metalink != null ? job.metalink.name()
                : FileNames.choose(effective.get(Option.OUT), naming);
        if (effective.get(Option.DRY_RUN)) {
            // The source answered, which is all there was to check; the result names the path.
            job.plannedPath = DiskFile.plannedPath(effective.get(Option.DIR), name);
            job.endTransferEarly();
            job.succeed();
            return;
        }
        try {
            checks.firstResponse(response, name, effective, job.engine.hashExecutor(), job.engine.loop(), file,
                    transfer, job.engine.log(), job.gidText);
        } catch (IllegalArgumentException mismatch) {
            job.post(() -> transfer.abort(ErrorCode.CHECKSUM_ERROR, mismatch.getMessage()));
            return;
        }
        if (checks.follow() == FollowMode.MEM) {
            job.diskQueue.execute(() -> open(() -> file.prepareInMemory(response.totalLength(),
                    checks.followLimitBytes())));
            return;
        }
        DiskFile.Request request = request(effective, name, response.totalLength());
        ExpectedChecksum checksum = DownloadChecks.knownChecksum(effective, job.metalink);
        if (effective.get(Option.CHECK_INTEGRITY) && effective.get(Option.HASH_CHECK_ONLY)) {
            hashCheckOnly(request, checksum);
        } else if (effective.get(Option.CHECK_INTEGRITY) && checksum != null) {
            checkIntegrity(request, checksum);
        } else {
            job.diskQueue.execute(() -> open(() -> file.prepare(request)));
        }
    }

    private DiskFile.Request request(Options effective, String name, long totalLength) {
        return new DiskFile.Request(effective.get(Option.DIR), name, totalLength, job.pieceLength(), job.uris.get(0),
                effective.get(Option.ALLOW_OVERWRITE), effective.get(Option.AUTO_FILE_RENAMING),
                effective.get(Option.CONTINUE), effective.get(Option.REMOVE_CONTROL_FILE),
                effective.get(Option.ALLOW_PIECE_LENGTH_CHANGE),
                AllocationMode.fromOptionValue(effective.get(Option.FILE_ALLOCATION).optionValue()),
                effective.get(Option.NO_FILE_ALLOCATION_LIMIT), job.engine.diskCacheBytes(),
                DiskFile.Integrity.UNCHECKED);
    }

    /**
     * aria2's {@code check-integrity} with a checksum: an existing file of the download's length
     * without resume state is hashed before it is opened; one that matches is complete, one
     * that does not (or cannot be read through) is downloaded again in place.
     */
    private void checkIntegrity(DiskFile.Request request, ExpectedChecksum checksum) {
        ExistingFileVerifier.verify(file, request, checksum, job.diskQueue, job.engine.hashExecutor(), result -> {
            switch (result.verdict()) {
                case LOOKUP_FAILED -> job.post(() -> transfer.abort(DownloadJob.codeOf(result.failure()),
                        result.failure().getMessage()));
                case NO_CANDIDATE -> open(() -> file.prepare(request));
                case MATCH -> open(() -> file.prepare(request.withIntegrity(DiskFile.Integrity.COMPLETE)));
                case MISMATCH, UNREADABLE -> open(() -> file.prepare(request.withIntegrity(DiskFile.Integrity.MISMATCH)));
            }
        });
    }

    /**
     * aria2's {@code hash-check-only} with {@code check-integrity}: verify the existing file
     * against {@code checksum} and stop, downloading nothing. A match completes the download;
     * a mismatch fails it with {@link ErrorCode#CHECKSUM_ERROR}; nothing to check (no checksum,
     * no file of the source's length, or resume state present) leaves it unfinished:
     * {@link ErrorCode#IN_PROGRESS}, as aria2 reports such a download.
     */
    private void hashCheckOnly(DiskFile.Request request, ExpectedChecksum checksum) {
        job.endTransferEarly();
        MetalinkTarget metalink = job.metalink;
        if (metalink != null && metalink.pieceHashes() != null) {
            // As aria2 checks with piece hashes when it has them: each piece, a short file too.
            ExistingFileVerifier.verifyPieces(file, request, metalink.pieceHashes(), metalink.pieceLength(),
                    job.diskQueue, job.engine.hashExecutor(), result -> job.post(() -> {
                        // Only for this run's file: a restart meanwhile makes the verdict moot.
                        if (job.isRunOf(file)) {
                            hashChecked(result, request);
                        }
                    }));
            return;
        }
        if (checksum == null) {
            job.fail(ErrorCode.IN_PROGRESS, "hash-check-only: no checksum to verify; nothing was downloaded");
            return;
        }
        ExistingFileVerifier.verify(file, request, checksum, job.diskQueue, job.engine.hashExecutor(),
                result -> job.post(() -> {
                        // Only for this run's file: a restart meanwhile makes the verdict moot.
                        if (job.isRunOf(file)) {
                            hashChecked(result, request);
                        }
                    }));
    }

    private void hashChecked(ExistingFileVerifier.Result result, DiskFile.Request request) {
        job.completedLength = result.verifiedBytes();
        switch (result.verdict()) {
            case LOOKUP_FAILED -> job.fail(DownloadJob.codeOf(result.failure()), result.message());
            case NO_CANDIDATE -> job.fail(ErrorCode.IN_PROGRESS, "hash-check-only: no file of "
                    + request.totalLength() + " bytes to verify; nothing was downloaded");
            case MATCH -> {
                job.filePath = result.path();
                job.succeed();
            }
            case MISMATCH -> job.fail(ErrorCode.CHECKSUM_ERROR, "hash-check-only: " + result.message());
            case INCOMPLETE -> job.fail(ErrorCode.IN_PROGRESS, "hash-check-only: " + result.message()
                    + "; nothing was downloaded");
            case UNREADABLE -> job.fail(ErrorCode.FILE_IO_ERROR, result.message());
        }
    }

    /** How the disk queue opens the file. */
    @FunctionalInterface
    private interface Opening {
        DiskFile.Prepared run() throws IOException;
    }

    /** Disk queue: opens the file, then lets the job go on (or fail) on the loop. */
    private void open(Opening opening) {
        try {
            DiskFile.Prepared prepared = opening.run();
            job.post(() -> job.opened(transfer, prepared));
        } catch (IOException | RuntimeException e) {
            job.post(() -> job.notOpened(transfer, e));
        }
    }
}
