package dev.arietta.core.internal.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Positional I/O at global offsets over the files of a layout, with no cache: splits each
 * range into file spans, opens files through an {@link OpenFilePool}, creates files and their
 * directories on first write, keeps padding files off the disk (reads give zeros, writes are
 * dropped) and reads missing files and bytes past a file's end as zeros.
 *
 * <p>Not thread-safe: owned and guarded by {@link Storage}.
 */
final class DiskFiles implements RangeWriter {

    private static final Set<OpenOption> OPEN = Set.of(
            StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
    private static final Set<OpenOption> OPEN_TRUNCATING = Set.of(
            StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING);

    private final FileLayout layout;
    private final Path[] paths;
    private final boolean[] padding;
    /** Whether we opened the file once, so it exists and its directories too. */
    private final boolean[] known;
    /** Whether the existing content is to be discarded on first open (overwrite). */
    private final boolean[] truncatePending;
    /** Whether the file was written since the last {@link #sync()}. */
    private final boolean[] dirty;
    private final OpenFilePool pool;
    private final ByteBuffer oneZero = ByteBuffer.allocateDirect(1);
    private final FileSpans.SpanAction writer = this::writeSpanUnlessPadding;
    private final FileSpans.SpanAction reader = this::readSpan;

    DiskFiles(FileLayout layout, List<TargetFile> targets, int maxOpenFiles) {
        int count = layout.fileCount();
        this.layout = layout;
        this.paths = new Path[count];
        this.padding = new boolean[count];
        this.known = new boolean[count];
        this.truncatePending = new boolean[count];
        this.dirty = new boolean[count];
        for (int i = 0; i < count; i++) {
            TargetFile target = targets.get(i);
            paths[i] = target.path();
            padding[i] = layout.file(i).padding() || target.disposition() == TargetFile.Disposition.PADDING;
            truncatePending[i] = target.disposition() == TargetFile.Disposition.OVERWRITE;
        }
        this.pool = new OpenFilePool(paths, maxOpenFiles);
    }

    /** Whether file {@code index} is kept off the disk. */
    boolean isPadding(int index) {
        return padding[index];
    }

    Path path(int index) {
        return paths[index];
    }

    boolean isOpen(int index) {
        return pool.isOpen(index);
    }

    int openCount() {
        return pool.openCount();
    }

    @Override
    public void write(long offset, ByteBuffer src) throws StorageException {
        FileSpans.forEach(layout, offset, src, writer);
    }

    /**
     * Fills {@code dst} (position to limit) with the bytes at global offset {@code offset} and
     * advances its position to its limit.
     */
    void read(long offset, ByteBuffer dst) throws StorageException {
        FileSpans.forEach(layout, offset, dst, reader);
    }

    /**
     * Creates file {@code index} if needed and extends it to its layout length as {@code mode}
     * says. Never shrinks and never overwrites existing bytes. Padding files are skipped.
     *
     * @param zeros a direct buffer of zeros for {@link AllocationMode#PREALLOC} and
     *              {@link AllocationMode#FALLOC}; its content must stay zero
     */
    void allocate(int index, AllocationMode mode, ByteBuffer zeros) throws StorageException {
        if (padding[index]) {
            return;
        }
        FileChannel channel = writable(index);
        long length = layout.file(index).length();
        long size;
        try {
            size = channel.size();
        } catch (IOException e) {
            throw fail("query size", index, e);
        }
        if (size >= length || mode == AllocationMode.NONE) {
            return;
        }
        if (mode == AllocationMode.TRUNC) {
            oneZero.clear();
            writeSpan(index, oneZero, length - 1);
            return;
        }
        for (long position = size; position < length; ) {
            int chunk = (int) Math.min(zeros.capacity(), length - position);
            zeros.clear().limit(chunk);
            writeSpan(index, zeros, position);
            position += chunk;
        }
    }

    /** Forces every file written since the last sync to the device (data, not metadata). */
    void sync() throws StorageException {
        for (int index = 0; index < dirty.length; index++) {
            if (dirty[index]) {
                // fsync works on the file, not the descriptor, so reopening an evicted file is enough.
                FileChannel channel = writable(index);
                try {
                    channel.force(false);
                } catch (IOException e) {
                    throw fail("sync", index, e);
                }
                dirty[index] = false;
            }
        }
    }

    void close() throws StorageException {
        pool.closeAll();
    }

    /** A {@link FileSpans.SpanAction}: padding files are never written. */
    private void writeSpanUnlessPadding(int index, long offsetInFile, long globalOffset, ByteBuffer src)
            throws StorageException {
        if (!padding[index]) {
            writeSpan(index, src, offsetInFile);
        }
    }

    private void writeSpan(int index, ByteBuffer src, long offsetInFile) throws StorageException {
        FileChannel channel = writable(index);
        long position = offsetInFile;
        try {
            while (src.hasRemaining()) {
                position += channel.write(src, position);
            }
        } catch (IOException e) {
            throw fail("write at offset " + position, index, e);
        }
        dirty[index] = true;
    }

    /** A {@link FileSpans.SpanAction}: padding files, and bytes past a file's end on disk, read as zeros. */
    private void readSpan(int index, long offsetInFile, long globalOffset, ByteBuffer dst) throws StorageException {
        FileChannel channel = padding[index] ? null : readable(index);
        if (channel == null) {
            fillZeros(dst);
            return;
        }
        long position = offsetInFile;
        try {
            while (dst.hasRemaining()) {
                int read = channel.read(dst, position);
                if (read < 0) {
                    fillZeros(dst);
                    return;
                }
                position += read;
            }
        } catch (IOException e) {
            throw fail("read at offset " + position, index, e);
        }
    }

    /** Drops the channel (it may be closed by an interrupt) so the next access reopens it. */
    private StorageException fail(String operation, int index, IOException cause) {
        StorageException failure = StorageException.ioFailure(operation + " of file " + index, paths[index], cause);
        try {
            pool.close(index);
        } catch (StorageException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
        return failure;
    }

    private FileChannel writable(int index) throws StorageException {
        FileChannel channel = pool.get(index);
        return channel != null ? channel : open(index);
    }

    /** The channel to read file {@code index} from, or null when there is nothing to read. */
    private FileChannel readable(int index) throws StorageException {
        FileChannel channel = pool.get(index);
        if (channel != null) {
            return channel;
        }
        if (truncatePending[index] || (!known[index] && !Files.exists(paths[index]))) {
            return null;
        }
        return open(index);
    }

    private FileChannel open(int index) throws StorageException {
        Path path = paths[index];
        if (!known[index]) {
            Path parent = path.getParent();
            if (parent != null) {
                try {
                    Files.createDirectories(parent);
                } catch (IOException e) {
                    throw StorageException.directoryFailure(parent, e);
                }
            }
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, truncatePending[index] ? OPEN_TRUNCATING : OPEN);
        } catch (IOException e) {
            throw known[index] ? StorageException.openFailure(path, e) : StorageException.createFailure(path, e);
        }
        known[index] = true;
        truncatePending[index] = false;
        pool.add(index, channel);
        return channel;
    }

    /** Writes zeros from {@code dst}'s position to its limit. */
    private static void fillZeros(ByteBuffer dst) {
        if (dst.hasArray()) {
            int start = dst.arrayOffset() + dst.position();
            Arrays.fill(dst.array(), start, start + dst.remaining(), (byte) 0);
            dst.position(dst.limit());
            return;
        }
        while (dst.remaining() >= Long.BYTES) {
            dst.putLong(0L);
        }
        while (dst.hasRemaining()) {
            dst.put((byte) 0);
        }
    }
}
