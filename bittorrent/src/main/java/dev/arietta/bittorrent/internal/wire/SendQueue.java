package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.loop.BufferPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;

/**
 * The bytes a connection has queued for sending, as a list of pooled buffers written with one
 * gathering write. Control messages are packed together; each block (piece message) gets a
 * buffer of its own holding its header and its data, copied once from the caller, so that a
 * queued block can still be taken back when the peer cancels it.
 *
 * <p>Each buffer's position is where writing to the socket resumes and its limit where queued
 * bytes end. Buffers up to the pool's size come from the pool and go back once written; larger
 * ones (a bitfield of a huge torrent, a 128 KiB block) are one-off heap buffers. Not
 * thread-safe; loop thread only.
 */
final class SendQueue {

    private static final int CONTROL = -1;

    private final BufferPool pool;
    private ByteBuffer[] buffers = new ByteBuffer[16];
    private boolean[] pooled = new boolean[16];
    private int[] blockPieces = new int[16];
    private int[] blockOffsets = new int[16];
    /** The block's data length, or {@link #CONTROL} for packed control messages. */
    private int[] blockLengths = new int[16];
    private int start;
    private int end;
    private int queuedBytes;
    private long writtenBlockBytes;

    SendQueue(BufferPool pool) {
        this.pool = pool;
    }

    /** Bytes queued and not yet written. */
    int queuedBytes() {
        return queuedBytes;
    }

    boolean isEmpty() {
        return queuedBytes == 0;
    }

    /** Appends the bytes of {@code message} (position to limit; the position is not moved). */
    void appendControl(ByteBuffer message) {
        int length = message.remaining();
        ByteBuffer tail = end > start && blockLengths[end - 1] == CONTROL ? buffers[end - 1] : null;
        if (tail == null || tail.capacity() - tail.limit() < length) {
            tail = newEntry(length, 0, 0, CONTROL);
        }
        int at = tail.limit();
        tail.limit(at + length);
        tail.put(at, message, message.position(), length);
        queuedBytes += length;
    }

    /** Appends a piece message: the header, then a copy of {@code data} (position to limit, not moved). */
    void appendBlock(int piece, int offset, ByteBuffer data) {
        int length = data.remaining();
        ByteBuffer buffer = newEntry(MessageEncoder.PIECE_HEADER_LENGTH + length, piece, offset, length);
        buffer.limit(MessageEncoder.PIECE_HEADER_LENGTH + length);
        MessageEncoder.pieceHeader(buffer, piece, offset, length);
        buffer.put(MessageEncoder.PIECE_HEADER_LENGTH, data, data.position(), length);
        buffer.position(0);
        queuedBytes += MessageEncoder.PIECE_HEADER_LENGTH + length;
    }

    /**
     * Takes back a queued block none of whose bytes are written yet.
     *
     * @return whether it was found and removed
     */
    boolean removeBlock(int piece, int offset, int length) {
        for (int i = start; i < end; i++) {
            if (blockLengths[i] == length && blockPieces[i] == piece && blockOffsets[i] == offset
                    && buffers[i].position() == 0) {
                queuedBytes -= buffers[i].remaining();
                release(i);
                int moved = end - i - 1;
                System.arraycopy(buffers, i + 1, buffers, i, moved);
                System.arraycopy(pooled, i + 1, pooled, i, moved);
                System.arraycopy(blockPieces, i + 1, blockPieces, i, moved);
                System.arraycopy(blockOffsets, i + 1, blockOffsets, i, moved);
                System.arraycopy(blockLengths, i + 1, blockLengths, i, moved);
                end--;
                buffers[end] = null;
                return true;
            }
        }
        return false;
    }

    /**
     * Writes as much as the channel takes in one gathering write and returns written buffers
     * to the pool.
     *
     * @return bytes written
     */
    long writeTo(GatheringByteChannel channel) throws IOException {
        if (start == end) {
            return 0;
        }
        long written = channel.write(buffers, start, end - start);
        queuedBytes -= (int) written;
        while (start < end && !buffers[start].hasRemaining()) {
            if (blockLengths[start] != CONTROL) {
                writtenBlockBytes += blockLengths[start];
            }
            release(start);
            buffers[start] = null;
            start++;
        }
        if (start == end) {
            start = 0;
            end = 0;
        }
        return written;
    }

    /** Block data bytes whose piece messages were written completely, since the last call. */
    long takeWrittenBlockBytes() {
        long bytes = writtenBlockBytes;
        writtenBlockBytes = 0;
        return bytes;
    }

    /** Returns every buffer to the pool; the queue is empty afterwards. */
    void clear() {
        for (int i = start; i < end; i++) {
            release(i);
            buffers[i] = null;
        }
        start = 0;
        end = 0;
        queuedBytes = 0;
    }

    /** Blocks still queued, for tests. */
    int queuedBlocks() {
        int count = 0;
        for (int i = start; i < end; i++) {
            if (blockLengths[i] != CONTROL) {
                count++;
            }
        }
        return count;
    }

    private ByteBuffer newEntry(int size, int piece, int offset, int blockLength) {
        if (end == buffers.length) {
            if (start > 0) {
                int count = end - start;
                System.arraycopy(buffers, start, buffers, 0, count);
                System.arraycopy(pooled, start, pooled, 0, count);
                System.arraycopy(blockPieces, start, blockPieces, 0, count);
                System.arraycopy(blockOffsets, start, blockOffsets, 0, count);
                System.arraycopy(blockLengths, start, blockLengths, 0, count);
                Arrays.fill(buffers, count, end, null);
                start = 0;
                end = count;
            } else {
                int capacity = buffers.length * 2;
                buffers = Arrays.copyOf(buffers, capacity);
                pooled = Arrays.copyOf(pooled, capacity);
                blockPieces = Arrays.copyOf(blockPieces, capacity);
                blockOffsets = Arrays.copyOf(blockOffsets, capacity);
                blockLengths = Arrays.copyOf(blockLengths, capacity);
            }
        }
        ByteBuffer buffer;
        boolean fromPool = size <= pool.bufferSize();
        buffer = fromPool ? pool.acquire() : ByteBuffer.allocate(size);
        buffer.position(0).limit(0);
        buffers[end] = buffer;
        pooled[end] = fromPool;
        blockPieces[end] = piece;
        blockOffsets[end] = offset;
        blockLengths[end] = blockLength;
        end++;
        return buffer;
    }

    private void release(int index) {
        if (pooled[index]) {
            pool.release(buffers[index]);
        }
    }
}
