package dev.arietta.core.internal.storage;

import dev.arietta.core.internal.piece.Bitfield;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The bytes of one download on disk: positional reads and writes at global offsets of a
 * {@link FileLayout}, spanning files, through a bounded pool of open {@code FileChannel}s and
 * an optional write-back cache.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>The engine prepares the targets with {@link TargetFiles#prepare} (sanitized, contained,
 *       existing files handled) and builds the storage; nothing is opened yet.</li>
 *   <li>{@link #allocate()} creates every selected file (zero-length ones included) and
 *       reserves space as the {@link AllocationMode} says.</li>
 *   <li>{@link #write} and {@link #read} as data arrives and pieces are hashed. A read sees
 *       every earlier write, cached or not, so a piece can be hashed straight after its last
 *       block was written.</li>
 *   <li>{@link #sync()} before saving resume state (data before state); {@link #close()} at the
 *       end.</li>
 * </ol>
 *
 * <p>Files: created (with their directories) on first write or by {@link #allocate()}, never
 * by a read. Unselected files are skipped by {@code allocate()} but a write that touches them
 * (a piece spanning a selected and an unselected file) creates them and writes the bytes, as
 * aria2 does. A file with disposition {@link TargetFile.Disposition#OVERWRITE} is truncated to
 * zero when first opened and reads as zeros until then. Missing files and bytes past the end
 * of a file read as zeros (as a sparse file would), so hashing such a piece simply fails.
 *
 * <p>Padding files (BEP 47) never reach the disk: reads give zeros and written bytes are
 * dropped without being checked, both before and after the cache. The piece hash, computed
 * over what {@code read} returns (zeros), is the check.
 *
 * <p>Paths are trusted here: containment is {@link TargetFiles}'s job.
 *
 * <p>Buffers: {@code write} and {@code read} only borrow the caller's buffer for the call
 * (copied into the cache or written out before returning); each advances the buffer's position
 * to its limit. Heap or direct buffers both work; direct ones avoid a JDK-internal copy when
 * the cache is off.
 *
 * <p>Thread-safety: thread-safe; every operation holds this object's lock, so operations are
 * serialized (one slow disk write delays a read). The intended caller is the session's disk
 * executor; the I/O loop must never call in, since operations block on the disk.
 *
 * <p>Errors: {@link StorageException} with the aria2 code and file (disk full, create, I/O);
 * {@link IllegalArgumentException} for ranges outside the layout; {@link IllegalStateException}
 * after {@link #close()}.
 */
public final class Storage implements Closeable {

    /** Default of {@link Builder#maxOpenFiles(int)}: 100, like aria2's {@code --bt-max-open-files}. */
    public static final int DEFAULT_MAX_OPEN_FILES = 100;

    /** Default of {@link Builder#cacheBytes(long)}: 16 MiB, like aria2's {@code --disk-cache}. */
    public static final long DEFAULT_CACHE_BYTES = 16L * 1024 * 1024;

    /** Size of one zero write during {@link AllocationMode#PREALLOC} allocation: 1 MiB. */
    public static final int ALLOCATION_CHUNK_BYTES = 1024 * 1024;

    /**
     * Writes of at least this many bytes bypass the cache: 64 KiB. They are already large, and
     * copying them into the cache and again into its staging buffer would cost two copies of
     * every byte for nothing (HTTP/FTP buffers are this size; see the loopback harness).
     */
    public static final int WRITE_THROUGH_BYTES = 64 * 1024;

    private final FileLayout layout;
    private final AllocationMode allocationMode;
    private final DiskFiles disk;
    private final WriteBackCache cache;
    private final FileSpans.SpanAction cacher = this::cacheSpan;
    private final Bitfield selected;
    private boolean closed;

    private Storage(Builder builder) {
        this.layout = builder.layout;
        this.allocationMode = builder.allocationMode;
        this.disk = new DiskFiles(builder.layout, builder.targets, builder.maxOpenFiles);
        this.cache = builder.cacheBytes == 0 ? null : new WriteBackCache(builder.cacheBytes, disk);
        if (builder.selected != null) {
            this.selected = builder.selected.copy();
        } else {
            this.selected = new Bitfield(builder.layout.fileCount());
            this.selected.setAll();
        }
    }

    /**
     * Starts a builder.
     *
     * @param layout  the download's layout
     * @param targets one target per layout file, index-aligned (from {@link TargetFiles#prepare})
     * @throws IllegalArgumentException if the target count differs from the file count
     */
    public static Builder builder(FileLayout layout, List<TargetFile> targets) {
        return new Builder(layout, targets);
    }

    /** The layout this storage maps. */
    public FileLayout layout() {
        return layout;
    }

    /** The allocation mode {@link #allocate()} applies. */
    public AllocationMode allocationMode() {
        return allocationMode;
    }

    /**
     * Creates every selected, non-padding file and allocates it per {@link #allocationMode()}.
     * Call before writing: allocation only adds space after a file's current end.
     *
     * @throws StorageException if a directory or file cannot be created or the disk is full
     */
    public synchronized void allocate() throws StorageException {
        checkOpen();
        ByteBuffer zeros = needsZeros() ? ByteBuffer.allocateDirect(ALLOCATION_CHUNK_BYTES) : null;
        for (int index = 0; index < layout.fileCount(); index++) {
            if (selected.get(index)) {
                disk.allocate(index, allocationMode, zeros);
            }
        }
    }

    /**
     * Creates and allocates one file regardless of its selection (padding files are skipped).
     *
     * @throws StorageException if it cannot be created or the disk is full
     */
    public synchronized void allocate(int fileIndex) throws StorageException {
        checkOpen();
        checkFileIndex(fileIndex);
        disk.allocate(fileIndex, allocationMode, needsZeros() ? ByteBuffer.allocateDirect(ALLOCATION_CHUNK_BYTES) : null);
    }

    /**
     * Writes {@code src} (position to limit) at global offset {@code offset} and advances its
     * position to its limit. With the cache on, a write smaller than {@link #WRITE_THROUGH_BYTES}
     * may stay in memory until the budget fills or {@link #flush()}; a larger one goes to the
     * file at once (after the cached bytes it overlaps, if any, are flushed).
     *
     * @throws IllegalArgumentException if the range is outside the layout
     * @throws StorageException         on a disk failure (possibly of an earlier cached write
     *                                  being flushed)
     */
    public synchronized void write(long offset, ByteBuffer src) throws StorageException {
        checkOpen();
        if (cache == null) {
            disk.write(offset, src);
            return;
        }
        if (src.remaining() >= WRITE_THROUGH_BYTES) {
            if (cache.overlaps(offset, src.remaining())) {
                cache.flush();
            }
            disk.write(offset, src);
            return;
        }
        FileSpans.forEach(layout, offset, src, cacher);
    }

    /** Padding bytes never enter the cache, so reads give zeros before and after a flush. */
    private void cacheSpan(int index, long offsetInFile, long globalOffset, ByteBuffer span) throws StorageException {
        if (!disk.isPadding(index)) {
            cache.put(globalOffset, span);
        }
    }

    /**
     * Fills {@code dst} (position to limit) with the bytes at global offset {@code offset},
     * cached ones included, and advances its position to its limit.
     *
     * @throws IllegalArgumentException if the range is outside the layout
     * @throws StorageException         on a disk failure
     */
    public synchronized void read(long offset, ByteBuffer dst) throws StorageException {
        checkOpen();
        int length = dst.remaining();
        layout.checkRange(offset, length);
        if (cache == null) {
            disk.read(offset, dst);
            return;
        }
        int base = dst.position();
        if (!cache.covers(offset, length)) {
            disk.read(offset, dst);
            dst.position(base);
        }
        cache.overlay(offset, dst);
        dst.position(base + length);
    }

    /** Writes all cached data to the files (to the operating system, not necessarily the device). */
    public synchronized void flush() throws StorageException {
        checkOpen();
        if (cache != null) {
            cache.flush();
        }
    }

    /**
     * Flushes the cache and forces every file written since the last sync to the storage
     * device. Call before saving resume state so the state never claims data the disk lacks.
     */
    public synchronized void sync() throws StorageException {
        flush();
        disk.sync();
    }

    /** Marks file {@code fileIndex} selected or not; affects later {@link #allocate()} calls only. */
    public synchronized void setSelected(int fileIndex, boolean isSelected) {
        checkFileIndex(fileIndex);
        if (isSelected) {
            selected.set(fileIndex);
        } else {
            selected.clear(fileIndex);
        }
    }

    /** Whether file {@code fileIndex} is selected. */
    public synchronized boolean isSelected(int fileIndex) {
        checkFileIndex(fileIndex);
        return selected.get(fileIndex);
    }

    /** Number of files currently open, at most the pool limit. */
    public synchronized int openFileCount() {
        return disk.openCount();
    }

    /** Whether file {@code fileIndex} currently has an open channel. */
    public synchronized boolean isOpen(int fileIndex) {
        checkFileIndex(fileIndex);
        return disk.isOpen(fileIndex);
    }

    /** Bytes written but still in the cache; 0 without a cache. */
    public synchronized long cachedBytes() {
        return cache == null ? 0 : cache.cachedBytes();
    }

    /**
     * Flushes the cache and closes every file. Does not force data to the device (call
     * {@link #sync()} for that). The storage is closed even if flushing fails; the unflushed
     * data is then lost and the failure thrown. Closing twice does nothing.
     */
    @Override
    public synchronized void close() throws StorageException {
        if (closed) {
            return;
        }
        closed = true;
        StorageException failure = null;
        if (cache != null) {
            try {
                cache.flush();
            } catch (StorageException e) {
                failure = e;
            }
            cache.discard();
        }
        try {
            disk.close();
        } catch (StorageException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private boolean needsZeros() {
        return allocationMode == AllocationMode.PREALLOC || allocationMode == AllocationMode.FALLOC;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("storage closed");
        }
    }

    private void checkFileIndex(int fileIndex) {
        if (fileIndex < 0 || fileIndex >= layout.fileCount()) {
            throw new IllegalArgumentException("file index " + fileIndex + " outside [0, "
                    + layout.fileCount() + ")");
        }
    }

    /** Configures a {@link Storage}. Not thread-safe. */
    public static final class Builder {
        private final FileLayout layout;
        private final List<TargetFile> targets;
        private AllocationMode allocationMode = AllocationMode.PREALLOC;
        private int maxOpenFiles = DEFAULT_MAX_OPEN_FILES;
        private long cacheBytes = DEFAULT_CACHE_BYTES;
        private Bitfield selected;

        private Builder(FileLayout layout, List<TargetFile> targets) {
            this.layout = Objects.requireNonNull(layout, "layout");
            this.targets = List.copyOf(targets);
            if (this.targets.size() != layout.fileCount()) {
                throw new IllegalArgumentException(targets.size() + " targets for a layout of "
                        + layout.fileCount() + " files");
            }
        }

        /** How {@link Storage#allocate()} reserves space; default {@link AllocationMode#PREALLOC}, like aria2. */
        public Builder allocationMode(AllocationMode mode) {
            this.allocationMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Most files open at once; default {@value #DEFAULT_MAX_OPEN_FILES}. Opening one more
         * closes the least recently used.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxOpenFiles(int count) {
            if (count <= 0) {
                throw new IllegalArgumentException("maxOpenFiles must be positive, got " + count);
            }
            this.maxOpenFiles = count;
            return this;
        }

        /**
         * Write-back cache budget in bytes of heap; default {@value #DEFAULT_CACHE_BYTES}
         * (16 MiB); 0 disables the cache (every write goes straight to the file).
         *
         * @throws IllegalArgumentException if negative or above {@link Integer#MAX_VALUE}
         */
        public Builder cacheBytes(long bytes) {
            if (bytes < 0 || bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("cacheBytes must be in [0, " + Integer.MAX_VALUE
                        + "], got " + bytes);
            }
            this.cacheBytes = bytes;
            return this;
        }

        /**
         * Which files {@link Storage#allocate()} creates; default all. The bitfield is copied.
         *
         * @throws IllegalArgumentException if its size is not the file count
         */
        public Builder selectedFiles(Bitfield files) {
            if (files.size() != layout.fileCount()) {
                throw new IllegalArgumentException("selection of " + files.size() + " files for a layout of "
                        + layout.fileCount() + " files");
            }
            this.selected = files.copy();
            return this;
        }

        /** The storage; opens nothing yet. */
        public Storage build() {
            return new Storage(this);
        }
    }
}
