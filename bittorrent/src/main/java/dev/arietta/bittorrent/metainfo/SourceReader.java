package dev.arietta.bittorrent.metainfo;

import dev.arietta.bittorrent.metainfo.TorrentCreationException.Reason;
import dev.arietta.core.internal.hash.PieceReader;
import dev.arietta.core.internal.storage.FileLayout;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the pieces of a torrent being created from its source files, for the hash threads of
 * {@link dev.arietta.core.internal.hash.IntegrityChecker}: padding reads as zeros, everything
 * else through positional {@link FileChannel} reads, safe from several threads at once.
 *
 * <p>Channels stay open between reads (hash threads read a 1 MiB piece in several chunks, and
 * neighbouring pieces from the same file), at most {@link #maxOpenFiles} idle ones, least
 * recently used closed first; a channel in use is never closed under its reader. Files are
 * opened without following a link at their last element: what was listed as a regular file must
 * still be one.
 *
 * <p>A source that no longer matches its listing is a {@link TorrentCreationException} with
 * {@link Reason#CHANGED} (size differs when opened, file gone, data ends early); any other read
 * error one with {@link Reason#UNREADABLE}. The reader never reports data as merely missing.
 *
 * <p>Thread-safe. {@link #close()} once no read is running.
 */
final class SourceReader implements PieceReader, Closeable {

    /** One open file and how many reads use it right now; guarded by the reader's lock. */
    private static final class OpenFile {
        final FileChannel channel;
        int users;

        OpenFile(FileChannel channel) {
            this.channel = channel;
        }
    }

    private final FileLayout layout;
    private final List<TorrentLayout.Entry> entries;
    private final int maxOpenFiles;
    private final Object lock = new Object();
    /** Open files by file index, least recently used first. */
    private final LinkedHashMap<Integer, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param maxOpenFiles idle channels kept open at most; more may be open while in use
     */
    SourceReader(TorrentLayout layout, int maxOpenFiles) {
        this.layout = layout.fileLayout();
        this.entries = layout.entries();
        this.maxOpenFiles = maxOpenFiles;
    }

    @Override
    public void read(int piece, long offset, ByteBuffer into) throws IOException {
        long start = layout.pieceOffset(piece) + offset;
        layout.forEachSpan(start, into.remaining(), (fileIndex, offsetInFile, offsetInRange, length) -> {
            TorrentLayout.Entry entry = entries.get(fileIndex);
            int end = into.position() + (int) length;
            if (entry.padding()) {
                while (into.position() < end) {
                    into.put((byte) 0);
                }
            } else {
                readSpan(fileIndex, entry, offsetInFile, into, end);
            }
        });
    }

    private void readSpan(int fileIndex, TorrentLayout.Entry entry, long offsetInFile, ByteBuffer into, int end)
            throws IOException {
        OpenFile file = acquire(fileIndex, entry);
        int limit = into.limit();
        try {
            into.limit(end);
            long position = offsetInFile;
            while (into.hasRemaining()) {
                int read = file.channel.read(into, position);
                if (read < 0) {
                    throw new TorrentCreationException(Reason.CHANGED, entry.readPath(), "ends at byte " + position
                            + " but was " + entry.length() + " bytes when listed: it shrank while being hashed", null);
                }
                position += read;
            }
        } catch (TorrentCreationException e) {
            throw e;
        } catch (IOException e) {
            throw new TorrentCreationException(Reason.UNREADABLE, entry.readPath(), "cannot be read: " + e, e);
        } finally {
            into.limit(limit);
            release(file);
        }
    }

    private OpenFile acquire(int fileIndex, TorrentLayout.Entry entry) throws IOException {
        synchronized (lock) {
            OpenFile file = open.get(fileIndex);
            if (file == null) {
                file = new OpenFile(openChannel(entry));
                open.put(fileIndex, file);
                closeIdleBeyondLimit();
            }
            file.users++;
            return file;
        }
    }

    private void release(OpenFile file) {
        synchronized (lock) {
            file.users--;
        }
    }

    /** Closes least recently used idle channels until at most {@link #maxOpenFiles} remain. */
    private void closeIdleBeyondLimit() {
        Iterator<Map.Entry<Integer, OpenFile>> oldestFirst = open.entrySet().iterator();
        while (open.size() > maxOpenFiles && oldestFirst.hasNext()) {
            OpenFile candidate = oldestFirst.next().getValue();
            if (candidate.users == 0) {
                oldestFirst.remove();
                closeQuietly(candidate.channel);
            }
        }
    }

    private static FileChannel openChannel(TorrentLayout.Entry entry) throws IOException {
        Path path = Objects.requireNonNull(entry.readPath(), "padding has no file");
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new TorrentCreationException(Reason.CHANGED, path, "disappeared while being hashed", e);
        } catch (IOException e) {
            throw new TorrentCreationException(Reason.UNREADABLE, path, "cannot be opened: " + e, e);
        }
        try {
            long size = channel.size();
            if (size != entry.length()) {
                throw new TorrentCreationException(Reason.CHANGED, path, "is " + size + " bytes but was "
                        + entry.length() + " bytes when listed: it changed while being hashed", null);
            }
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            open.values().forEach(file -> closeQuietly(file.channel));
            open.clear();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Opened for reading only: nothing is lost if closing fails.
        }
    }
}
