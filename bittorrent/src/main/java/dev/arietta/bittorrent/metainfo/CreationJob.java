package dev.arietta.bittorrent.metainfo;

import dev.arietta.bittorrent.metainfo.SourceScanner.Listing;
import dev.arietta.bittorrent.metainfo.SourceScanner.SourceFile;
import dev.arietta.bittorrent.metainfo.TorrentCreationException.Reason;
import dev.arietta.core.internal.hash.HashAlgorithm;
import dev.arietta.core.internal.hash.HashExecutors;
import dev.arietta.core.internal.hash.IntegrityCheck;
import dev.arietta.core.internal.hash.IntegrityCheckLimits;
import dev.arietta.core.internal.hash.IntegrityChecker;
import dev.arietta.core.internal.hash.PieceHashResult;
import dev.arietta.core.internal.hash.PieceHashes;
import dev.arietta.core.internal.hash.PieceReadException;
import dev.arietta.core.internal.loop.DaemonThreads;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.storage.FileLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * One run of {@link TorrentCreator#createAsync()}.
 *
 * <ol>
 *   <li>On the job's own coordinating thread: list the source ({@link SourceScanner}), choose the
 *       piece length, lay out padding ({@link TorrentLayout}), and check the result against the
 *       limits before reading a byte: a draft with zero piece hashes, which has the final
 *       size, must be accepted by {@link TorrentParser} with the same file paths.</li>
 *   <li>Hash: core's {@link IntegrityChecker} reads ({@link SourceReader}) and hashes pieces in
 *       parallel on the hash executor with bounded buffers, posting each result back to the
 *       coordinating thread, which stores the digest and reports progress. It is given all-zero
 *       expected digests; only the digest it computed is used, never its pass/fail verdict.</li>
 *   <li>Check that no file changed size or modification time since it was listed, write the
 *       torrent ({@link MetainfoWriter}), read it back with {@link TorrentParser} and complete.</li>
 * </ol>
 * Cancelling the future stops whichever step runs; every exit path shuts down the threads the
 * job made and closes its files.
 */
final class CreationJob {

    private final TorrentCreator settings;
    private final CompletableFuture<CreatedTorrent> result = new CompletableFuture<>();
    private final ExecutorService coordinator;
    private final ExecutorService ownHashPool;
    private final Executor hashExecutor;
    private final TorrentParser parser;
    private volatile IntegrityCheck check;

    // Confined to the coordinating thread.
    private Listing listing;
    private TorrentLayout layout;
    private FileLayout fileLayout;
    private SourceReader reader;
    private Instant creationDate;
    private byte[] pieces;
    private long hashedBytes;
    private int missingPiece = -1;

    CreationJob(TorrentCreator settings) {
        this.settings = settings;
        this.parser = new TorrentParser(settings.limits());
        this.coordinator = DaemonThreads.singleThread("arietta-torrent-create");
        if (settings.hashExecutor() == null) {
            this.ownHashPool = HashExecutors.newHashExecutor("arietta-torrent-hash", settings.threads());
            this.hashExecutor = ownHashPool;
        } else {
            this.ownHashPool = null;
            this.hashExecutor = settings.hashExecutor();
        }
    }

    CompletableFuture<CreatedTorrent> start() {
        result.whenComplete((torrent, failure) -> {
            IntegrityCheck running = check;
            if (result.isCancelled() && running != null) {
                running.cancel();
            }
        });
        coordinator.execute(this::prepare);
        return result;
    }

    private void prepare() {
        try {
            Instant now = Instant.now();
            creationDate = settings.creationDate(now);
            listing = new SourceScanner(settings.limits(), settings.skipHidden(), settings.fileAttributes(),
                    result::isDone).scan(settings.source());
            if (result.isDone()) {
                shutDown();
                return;
            }
            long dataLength = 0;
            for (SourceFile file : listing.files()) {
                dataLength = Math.addExact(dataLength, file.length());
            }
            int pieceLength = settings.pieceLength() != 0 ? settings.pieceLength() : autoPieceLength(dataLength);
            layout = TorrentLayout.of(listing, pieceLength, settings.padding());
            checkDraft();
            fileLayout = layout.fileLayout();
            int inFlight = 2 * settings.threads();
            reader = new SourceReader(layout, inFlight + 2);
            pieces = new byte[Math.toIntExact(layout.pieceCount() * TorrentMetainfo.PIECE_HASH_LENGTH)];
            IntegrityChecker checker = new IntegrityChecker(hashExecutor, coordinator,
                    new IntegrityCheckLimits(inFlight, Math.min(settings.readBufferBytes(), pieceLength)));
            IntegrityCheck started = checker.start(fileLayout.geometry(), new PieceHashes(HashAlgorithm.SHA_1,
                    new byte[pieces.length]), reader, this::pieceHashed);
            check = started;
            if (result.isDone()) {
                started.cancel();
            }
            started.result().whenComplete(this::hashingDone);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    /** {@link TorrentCreator#autoPieceLength(long)}, at most the largest power of two the limits allow. */
    private int autoPieceLength(long dataLength) throws TorrentCreationException {
        int allowed = Integer.highestOneBit(settings.limits().maxPieceLength());
        if (allowed < TorrentCreator.MIN_PIECE_LENGTH) {
            throw new TorrentCreationException(Reason.LIMIT_EXCEEDED, null, "TorrentLimits.maxPieceLength "
                    + settings.limits().maxPieceLength() + " is below the smallest piece length, "
                    + TorrentCreator.MIN_PIECE_LENGTH, null);
        }
        return Math.min(TorrentCreator.autoPieceLength(dataLength), allowed);
    }

    /** Refuses, before hashing, a torrent this library would not read back as made. */
    private void checkDraft() throws IOException {
        TorrentLimits limits = settings.limits();
        if (layout.entries().size() > limits.maxFiles()) {
            throw new TorrentCreationException(Reason.LIMIT_EXCEEDED, settings.source(), layout.entries().size()
                    + " files with padding exceed the limit of " + limits.maxFiles() + " (TorrentLimits.maxFiles)",
                    null);
        }
        if (layout.pieceCount() > limits.maxPieces()) {
            throw new TorrentCreationException(Reason.LIMIT_EXCEEDED, settings.source(), layout.pieceCount()
                    + " pieces of " + layout.pieceLength() + " bytes exceed the limit of " + limits.maxPieces()
                    + " (TorrentLimits.maxPieces); choose a longer piece length", null);
        }
        long hashBytes = layout.pieceCount() * TorrentMetainfo.PIECE_HASH_LENGTH;
        if (hashBytes > limits.maxTorrentBytes()) {
            throw tooLarge(hashBytes);
        }
        byte[] draft = MetainfoWriter.write(settings, listing.name(), listing.multiFile(), layout,
                new byte[(int) hashBytes], creationDate);
        if (draft.length > limits.maxTorrentBytes()) {
            throw tooLarge(draft.length);
        }
        TorrentMetainfo parsed;
        try {
            parsed = parser.parse(draft);
        } catch (TorrentException e) {
            throw new TorrentCreationException(Reason.LIMIT_EXCEEDED, settings.source(),
                    "the torrent would be refused by TorrentParser: " + e.getMessage(), e);
        }
        List<TorrentFile> files = parsed.files();
        for (int i = 0; i < files.size(); i++) {
            TorrentLayout.Entry entry = layout.entries().get(i);
            if (!files.get(i).path().equals(entry.path()) || !parsed.name().equals(listing.name())) {
                throw new TorrentCreationException(Reason.BAD_NAME, entry.readPath(), "would be read back as "
                        + SourceScanner.quote(parsed.name() + "/" + files.get(i).joinedPath()), null);
            }
        }
    }

    private TorrentCreationException tooLarge(long bytes) {
        return new TorrentCreationException(Reason.LIMIT_EXCEEDED, settings.source(), "the .torrent would take "
                + bytes + " bytes, over the limit of " + settings.limits().maxTorrentBytes()
                + " (TorrentLimits.maxTorrentBytes); choose a longer piece length", null);
    }

    private void pieceHashed(PieceHashResult hashed, int hashedPieces, int pieceCount) {
        if (hashed.status() == PieceHashResult.Status.MISSING_DATA) {
            // SourceReader reports a short file as CHANGED, so this is a safety net only.
            missingPiece = hashed.piece();
            return;
        }
        System.arraycopy(hashed.digest(), 0, pieces, hashed.piece() * TorrentMetainfo.PIECE_HASH_LENGTH,
                TorrentMetainfo.PIECE_HASH_LENGTH);
        hashedBytes += fileLayout.pieceSize(hashed.piece());
        settings.progress().piecesHashed(hashedPieces, pieceCount, hashedBytes, layout.totalLength());
    }

    private void hashingDone(Bitfield ignoredVerdicts, Throwable failure) {
        try {
            reader.close();
            if (result.isDone()) {
                return;
            }
            if (failure != null) {
                fail(unwrap(failure));
                return;
            }
            if (missingPiece >= 0) {
                throw new TorrentCreationException(Reason.CHANGED, settings.source(), "data of piece " + missingPiece
                        + " went missing while being hashed", null);
            }
            checkUnchanged();
            byte[] bytes = MetainfoWriter.write(settings, listing.name(), listing.multiFile(), layout, pieces,
                    creationDate);
            result.complete(new CreatedTorrent(bytes, parser.parse(bytes), listing.skipped()));
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            shutDown();
        }
    }

    /** Each file must still have the size and modification time it was listed with. */
    private void checkUnchanged() throws IOException {
        for (SourceFile file : listing.files()) {
            BasicFileAttributes now;
            try {
                now = Files.readAttributes(file.readPath(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                throw new TorrentCreationException(Reason.CHANGED, file.readPath(), "disappeared while being hashed",
                        e);
            }
            if (now.size() != file.length()) {
                throw new TorrentCreationException(Reason.CHANGED, file.readPath(), "is " + now.size() + " bytes but"
                        + " was " + file.length() + " bytes when listed: it changed while being hashed", null);
            }
            if (!now.lastModifiedTime().equals(file.modified())) {
                throw new TorrentCreationException(Reason.CHANGED, file.readPath(), "was modified while being hashed"
                        + " (modification time " + file.modified() + ", now " + now.lastModifiedTime() + ")", null);
            }
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof PieceReadException read && read.getCause() instanceof IOException io) {
            return io instanceof TorrentCreationException ? io : new TorrentCreationException(Reason.UNREADABLE,
                    null, read.getMessage(), read);
        }
        return cause;
    }

    private void fail(Throwable failure) {
        if (!(failure instanceof CancellationException)) {
            result.completeExceptionally(failure);
        }
        if (check == null) {
            shutDown();
        }
    }

    private void shutDown() {
        if (reader != null) {
            reader.close();
        }
        coordinator.shutdown();
        if (ownHashPool != null) {
            ownHashPool.shutdown();
        }
    }
}
