package dev.arietta.core.internal.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * At most {@code maxOpenFiles} open channels, indexed by file index; opening one more closes
 * the least recently used (aria2's {@code --bt-max-open-files}). Lookups and reordering are
 * O(1) and allocate nothing: the recency list is threaded through two int arrays.
 *
 * <p>Not thread-safe: owned and guarded by {@link Storage}.
 */
final class OpenFilePool {

    private static final int NONE = -1;

    private final Path[] paths;
    private final FileChannel[] channels;
    // An int-linked list rather than LinkedHashMap<Integer, ...>: no boxing per lookup on the write path
    // (StorageWriteBenchmark with cacheBytes=0 calls it once per block).
    /** Recency list: {@code newer[i]} / {@code older[i]} are neighbours of open file {@code i}. */
    private final int[] newer;
    private final int[] older;
    private final int maxOpenFiles;
    private int newest = NONE;
    private int oldest = NONE;
    private int openCount;

    /** @param paths file paths, used in error messages only */
    OpenFilePool(Path[] paths, int maxOpenFiles) {
        if (maxOpenFiles <= 0) {
            throw new IllegalArgumentException("maxOpenFiles must be positive, got " + maxOpenFiles);
        }
        this.paths = paths;
        this.channels = new FileChannel[paths.length];
        this.newer = new int[paths.length];
        this.older = new int[paths.length];
        this.maxOpenFiles = maxOpenFiles;
    }

    /** The open channel of file {@code index}, now the most recently used; null if not open. */
    FileChannel get(int index) {
        FileChannel channel = channels[index];
        if (channel != null && index != newest) {
            unlink(index);
            linkNewest(index);
        }
        return channel;
    }

    /**
     * Adds a freshly opened channel, first closing the least recently used one if the pool is
     * full.
     *
     * @throws StorageException if closing the evicted channel fails; {@code channel} is added anyway
     */
    void add(int index, FileChannel channel) throws StorageException {
        if (channels[index] != null) {
            throw new IllegalStateException("file " + index + " is already open");
        }
        StorageException failure = null;
        if (openCount == maxOpenFiles) {
            try {
                close(oldest);
            } catch (StorageException closeFailure) {
                failure = closeFailure;
            }
        }
        channels[index] = channel;
        linkNewest(index);
        openCount++;
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes file {@code index} if open. The slot is freed even when closing fails. */
    void close(int index) throws StorageException {
        FileChannel channel = channels[index];
        if (channel == null) {
            return;
        }
        channels[index] = null;
        unlink(index);
        openCount--;
        try {
            channel.close();
        } catch (IOException e) {
            throw StorageException.ioFailure("close file " + index, paths[index], e);
        }
    }

    /** Closes every open file; throws the first failure after trying all. */
    void closeAll() throws StorageException {
        StorageException first = null;
        while (oldest != NONE) {
            try {
                close(oldest);
            } catch (StorageException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Whether file {@code index} is open. */
    boolean isOpen(int index) {
        return channels[index] != null;
    }

    /** Number of open files. */
    int openCount() {
        return openCount;
    }

    private void linkNewest(int index) {
        older[index] = newest;
        newer[index] = NONE;
        if (newest != NONE) {
            newer[newest] = index;
        }
        newest = index;
        if (oldest == NONE) {
            oldest = index;
        }
    }

    private void unlink(int index) {
        int before = older[index];
        int after = newer[index];
        if (before != NONE) {
            newer[before] = after;
        } else {
            oldest = after;
        }
        if (after != NONE) {
            older[after] = before;
        } else {
            newest = before;
        }
    }
}
