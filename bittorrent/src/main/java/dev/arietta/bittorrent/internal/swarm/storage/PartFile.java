package dev.arietta.bittorrent.internal.swarm.storage;

import dev.arietta.core.internal.storage.StorageException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Whole copies of the pieces that hold bytes of both a selected and an unselected file, so
 * that the unselected file is never created (libtorrent's part file). Piece {@code pieces[i]}
 * lives at {@code i × pieceLength}; the slots follow from the selection alone, so the file
 * needs no index.
 *
 * <p>The file is created on the first write. Reads of a missing file, or past its end, stop
 * short (the caller sees missing data), never invent zeros.
 *
 * <p>Thread-safe: the disk executor writes, hash threads read.
 */
final class PartFile implements Closeable {

    private final Path path;
    private final int pieceLength;
    private final int[] pieces;
    private FileChannel channel;
    private boolean dirty;

    /**
     * @param pieces the pieces kept here, ascending
     */
    PartFile(Path path, int pieceLength, int[] pieces) {
        this.path = path;
        this.pieceLength = pieceLength;
        this.pieces = pieces.clone();
    }

    Path path() {
        return path;
    }

    boolean contains(int piece) {
        return Arrays.binarySearch(pieces, piece) >= 0;
    }

    boolean isEmpty() {
        return pieces.length == 0;
    }

    /** Writes {@code data} (position to limit, position advanced) at {@code offset} inside {@code piece}. */
    synchronized void write(int piece, int offset, ByteBuffer data) throws StorageException {
        long position = position(piece, offset);
        try {
            if (channel == null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            }
            while (data.hasRemaining()) {
                position += channel.write(data, position);
            }
            dirty = true;
        } catch (IOException e) {
            throw StorageException.ioFailure("write piece " + piece + " offset " + offset + " to the part file",
                    path, e);
        }
    }

    /** Reads into {@code into} (position to limit) from {@code offset} inside {@code piece}; stops short at missing bytes. */
    synchronized void read(int piece, int offset, ByteBuffer into) throws StorageException {
        long position = position(piece, offset);
        try {
            if (channel == null) {
                if (!Files.exists(path)) {
                    return;
                }
                channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            while (into.hasRemaining()) {
                int read = channel.read(into, position);
                if (read < 0) {
                    return;
                }
                position += read;
            }
        } catch (NoSuchFileException e) {
            // Missing data, not a failure: the piece is simply not there.
        } catch (IOException e) {
            throw StorageException.ioFailure("read piece " + piece + " offset " + offset + " from the part file",
                    path, e);
        }
    }

    /** Whether the file holds {@code length} bytes of {@code piece}. */
    synchronized boolean holds(int piece, int length) throws IOException {
        long end = position(piece, 0) + length;
        if (channel != null) {
            return channel.size() >= end;
        }
        return Files.exists(path) && Files.size(path) >= end;
    }

    synchronized void force() throws StorageException {
        if (channel != null && dirty) {
            try {
                channel.force(false);
                dirty = false;
            } catch (IOException e) {
                throw StorageException.ioFailure("sync the part file", path, e);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private long position(int piece, int offset) {
        int slot = Arrays.binarySearch(pieces, piece);
        if (slot < 0) {
            throw new IllegalArgumentException("piece " + piece + " is not kept in the part file");
        }
        return (long) slot * pieceLength + offset;
    }
}
