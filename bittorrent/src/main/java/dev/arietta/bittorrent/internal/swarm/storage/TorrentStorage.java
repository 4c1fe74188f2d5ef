package dev.arietta.bittorrent.internal.swarm.storage;

import dev.arietta.bittorrent.metainfo.TorrentFile;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.hash.PieceReader;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.storage.AllocationMode;
import dev.arietta.core.internal.storage.ExistingFilePolicy;
import dev.arietta.core.internal.storage.FileEntry;
import dev.arietta.core.internal.storage.FileLayout;
import dev.arietta.core.internal.storage.PathSanitizer;
import dev.arietta.core.internal.storage.Storage;
import dev.arietta.core.internal.storage.StorageException;
import dev.arietta.core.internal.storage.TargetFile;
import dev.arietta.core.internal.storage.TargetFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One torrent's bytes on disk, addressed by piece and offset: core's {@link Storage} for the
 * selected files (and BEP 47 padding, which never reaches the disk), and a {@link PartFile}
 * for every piece that also holds bytes of an unselected file. Such a piece is written whole
 * to the part file (its selected spans to their files as well) and read back from there, so an
 * unselected file is never created while its neighbours' shared pieces still verify and upload.
 *
 * <p>Lifecycle: {@link #open} on the disk executor (targets prepared and contained, files
 * allocated), then {@link #write}, {@link #read} and {@link #sync}, and {@link #close()}.
 *
 * <p>Thread-safety: blocking and thread-safe; called from the disk executor (writes, upload
 * reads, syncs) and hash threads (reads through {@link PieceReader}), never from the loop.
 */
public final class TorrentStorage implements PieceReader, Closeable {

    /** Suffix of the part file, {@code .<info-hash>.parts} in the download directory. */
    public static final String PART_FILE_SUFFIX = ".parts";

    private final FileLayout layout;
    private final Storage storage;
    private final List<TargetFile> targets;
    private final Bitfield selectedFiles;
    private final boolean everyFileSelected;
    private final PartFile partFile;
    /** Files written since the last sync; guarded by itself. */
    private final Bitfield written;

    private TorrentStorage(FileLayout layout, Storage storage, List<TargetFile> targets, Bitfield selectedFiles,
            PartFile partFile) {
        this.layout = layout;
        this.storage = storage;
        this.targets = targets;
        this.selectedFiles = selectedFiles;
        this.everyFileSelected = selectedFiles.isFull();
        this.partFile = partFile;
        this.written = new Bitfield(layout.fileCount());
    }

    /** The layout of a torrent's files: a multi-file torrent's paths start with its name. */
    public static FileLayout layoutOf(TorrentMetainfo metainfo) {
        List<FileEntry> entries = new ArrayList<>(metainfo.files().size());
        for (TorrentFile file : metainfo.files()) {
            String path = metainfo.isMultiFile() ? metainfo.name() + "/" + file.joinedPath() : file.joinedPath();
            entries.add(new FileEntry(path, file.length(), file.padding()));
        }
        return new FileLayout(entries, metainfo.pieceLength());
    }

    /**
     * Prepares the files: sanitized, contained under {@code directory}, existing files handled
     * by {@code existingFiles}, selected ones allocated. Blocking: call on the disk executor.
     *
     * @param selectedFiles      which files to download (layout file indexes)
     * @param existingDataIsOurs whether existing files hold this torrent's data (resume state
     *                           present, or a check on start): they are kept
     * @throws dev.arietta.core.internal.storage.PathContainmentException if a path escapes or collides
     * @throws StorageException if a file exists and may not be replaced, or cannot be created
     * @throws IOException      if the file system cannot be queried
     */
    public static TorrentStorage open(TorrentMetainfo metainfo, Path directory, ExistingFilePolicy existingFiles,
            AllocationMode allocation, long cacheBytes, Bitfield selectedFiles, boolean existingDataIsOurs)
            throws IOException {
        FileLayout layout = layoutOf(metainfo);
        if (selectedFiles.size() != layout.fileCount()) {
            throw new IllegalArgumentException("selection of " + selectedFiles.size() + " files for "
                    + layout.fileCount());
        }
        List<TargetFile> targets = TargetFiles.prepare(directory, layout, new PathSanitizer(), existingFiles,
                existingDataIsOurs);
        Storage storage = Storage.builder(layout, targets).allocationMode(allocation).cacheBytes(cacheBytes)
                .selectedFiles(selectedFiles).build();
        PartFile partFile = new PartFile(directory.toAbsolutePath().normalize()
                .resolve("." + metainfo.infoHash().hex() + PART_FILE_SUFFIX), layout.pieceLength(),
                sharedPieces(layout, selectedFiles));
        try {
            storage.allocate();
        } catch (IOException | RuntimeException e) {
            closeQuietly(storage, e);
            throw e;
        }
        return new TorrentStorage(layout, storage, targets, selectedFiles.copy(), partFile);
    }

    /** Pieces holding bytes of both a selected and an unselected (non-padding, non-empty) file, ascending. */
    static int[] sharedPieces(FileLayout layout, Bitfield selectedFiles) {
        int pieceCount = layout.pieceCount();
        Bitfield selectedPieces = new Bitfield(pieceCount);
        Bitfield unselectedPieces = new Bitfield(pieceCount);
        for (int file = 0; file < layout.fileCount(); file++) {
            FileEntry entry = layout.file(file);
            if (entry.padding() || entry.length() == 0) {
                continue;
            }
            Bitfield target = selectedFiles.get(file) ? selectedPieces : unselectedPieces;
            var range = layout.piecesOf(file);
            for (int piece = range.first(); piece < range.end(); piece++) {
                target.set(piece);
            }
        }
        selectedPieces.and(unselectedPieces);
        int[] shared = new int[selectedPieces.cardinality()];
        int count = 0;
        for (int piece = selectedPieces.nextSetBit(0); piece >= 0; piece = selectedPieces.nextSetBit(piece + 1)) {
            shared[count++] = piece;
        }
        return shared;
    }

    public FileLayout layout() {
        return layout;
    }

    /** Notes the stored files {@code [global, global + length)} touches, for {@link #syncWhileWriting()}. */
    private void markWritten(long global, int length) {
        int first = layout.fileIndexAt(global);
        int last = layout.fileIndexAt(global + Math.max(0, length - 1));
        synchronized (written) {
            for (int file = first; file <= last; file++) {
                if (selectedFiles.get(file) && !layout.file(file).padding()) {
                    written.set(file);
                }
            }
        }
    }

    /** One target per layout file: where it is written (padding files get a placeholder). */
    public List<TargetFile> targets() {
        return targets;
    }

    /** The part file's path (it exists only once a shared piece was written). */
    public Path partFilePath() {
        return partFile.path();
    }

    /** Whether {@code piece} is kept whole in the part file. */
    public boolean isSharedPiece(int piece) {
        return partFile.contains(piece);
    }

    /**
     * Writes {@code data} (position to limit; the position ends at the limit) at {@code offset}
     * inside {@code piece}.
     */
    public void write(int piece, int offset, ByteBuffer data) throws StorageException {
        long global = layout.blockOffset(piece, offset, data.remaining());
        markWritten(global, data.remaining());
        if (everyFileSelected) {
            storage.write(global, data);
            return;
        }
        int start = data.position();
        int limit = data.limit();
        if (partFile.contains(piece)) {
            partFile.write(piece, offset, data.duplicate());
        }
        try {
            layout.forEachSpan(global, limit - start, (file, offsetInFile, offsetInRange, length) -> {
                if (selectedFiles.get(file) || layout.file(file).padding()) {
                    int spanStart = start + (int) offsetInRange;
                    data.limit(spanStart + (int) length).position(spanStart);
                    storage.write(global + offsetInRange, data);
                }
            });
        } finally {
            data.limit(limit).position(limit);
        }
    }

    /**
     * Fills {@code into} (position to limit) with the bytes at {@code offset} inside
     * {@code piece}. A shared piece not yet in the part file stops short.
     */
    public void read(int piece, int offset, ByteBuffer into) throws StorageException {
        long global = layout.blockOffset(piece, offset, into.remaining());
        if (partFile.contains(piece)) {
            partFile.read(piece, offset, into);
        } else {
            storage.read(global, into);
        }
    }

    @Override
    public void read(int piece, long offset, ByteBuffer into) throws IOException {
        read(piece, (int) offset, into);
    }

    /**
     * Clears from {@code claimed} every piece whose bytes are not all on disk: a selected file
     * it touches is missing or too short, or the part file lacks it. A resume state claiming
     * such a piece (a file deleted or truncated since) must not be trusted. Looks at each file's
     * size once.
     */
    public void keepPiecesOnDisk(Bitfield claimed) throws IOException {
        long[] sizes = new long[layout.fileCount()];
        for (int file = 0; file < sizes.length; file++) {
            Path path = targets.get(file).path();
            boolean stored = selectedFiles.get(file) && !layout.file(file).padding() && layout.file(file).length() > 0;
            sizes[file] = !stored ? Long.MAX_VALUE : Files.isRegularFile(path) ? Files.size(path) : -1;
        }
        for (int piece = claimed.nextSetBit(0); piece >= 0; piece = claimed.nextSetBit(piece + 1)) {
            int size = layout.pieceSize(piece);
            boolean present;
            if (partFile.contains(piece)) {
                present = partFile.holds(piece, size);
            } else {
                boolean[] all = {true};
                layout.forEachSpan(layout.pieceOffset(piece), size, (file, offsetInFile, offsetInRange, length) -> {
                    all[0] &= sizes[file] >= offsetInFile + length;
                });
                present = all[0];
            }
            if (!present) {
                claimed.clear(piece);
            }
        }
    }

    /** Writes cached blocks out and forces the files to the device. */
    public void sync() throws StorageException {
        storage.sync();
        partFile.force();
        synchronized (written) {
            written.clearAll();
        }
    }

    /**
     * Makes every byte written so far durable, for a resume state about to be saved, without
     * holding up writes for long: the storage's cache is flushed (briefly under its lock),
     * then each file written since the last call is forced to the device through a channel of
     * its own, while other threads keep writing. Call on a thread other than the disk
     * executor's, so the data path goes on during the force.
     */
    public void syncWhileWriting() throws IOException {
        storage.flush();
        Bitfield toForce;
        synchronized (written) {
            toForce = written.copy();
            written.clearAll();
        }
        try {
            for (int file = toForce.nextSetBit(0); file >= 0; file = toForce.nextSetBit(file + 1)) {
                Path path = targets.get(file).path();
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                    channel.force(false);
                } catch (IOException e) {
                    throw StorageException.ioFailure("sync of file " + file, path, e);
                }
                toForce.clear(file);
            }
            partFile.force();
        } catch (IOException | RuntimeException e) {
            synchronized (written) {
                written.or(toForce);
            }
            throw e;
        }
    }

    /** Flushes and closes every file; the storage cannot be used afterwards. */
    @Override
    public void close() throws IOException {
        try {
            storage.close();
        } finally {
            partFile.close();
        }
    }

    private static void closeQuietly(Storage storage, Exception failure) {
        try {
            storage.close();
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }
}
