package dev.arietta.bittorrent.internal.wire;

import static dev.arietta.bittorrent.internal.wire.WireBytes.concat;
import static dev.arietta.bittorrent.internal.wire.WireBytes.encode;
import static dev.arietta.bittorrent.internal.wire.WireBytes.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.loop.BufferPool;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import org.junit.jupiter.api.Test;

class SendQueueTest {

    /** A channel taking at most {@code perWrite} bytes per write, as a full socket does. */
    static final class TricklingChannel implements GatheringByteChannel {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        int perWrite;
        int gatheringWrites;

        TricklingChannel(int perWrite) {
            this.perWrite = perWrite;
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) {
            gatheringWrites++;
            int budget = perWrite;
            long total = 0;
            for (int i = offset; i < offset + length && budget > 0; i++) {
                int count = Math.min(budget, sources[i].remaining());
                byte[] bytes = new byte[count];
                sources[i].get(bytes);
                written.writeBytes(bytes);
                budget -= count;
                total += count;
            }
            return total;
        }

        @Override
        public long write(ByteBuffer[] sources) {
            return write(sources, 0, sources.length);
        }

        @Override
        public int write(ByteBuffer source) {
            return (int) write(new ByteBuffer[] {source}, 0, 1);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private final BufferPool pool = new BufferPool(PeerWireBuffers.SEND_BUFFER_SIZE, 8);
    private final SendQueue queue = new SendQueue(pool);

    private static ByteBuffer bytes(java.util.function.Consumer<ByteBuffer> encoder) {
        return ByteBuffer.wrap(encode(encoder));
    }

    @Test
    void writesControlMessagesAndBlocksInOrderInOneGatheringWrite() throws Exception {
        byte[] block = pattern(16384, 9);
        queue.appendControl(bytes(MessageEncoder::unchoke));
        queue.appendBlock(2, 16384, ByteBuffer.wrap(block));
        queue.appendControl(bytes(out -> MessageEncoder.have(out, 3)));
        assertEquals(5 + 13 + 16384 + 9, queue.queuedBytes());
        TricklingChannel channel = new TricklingChannel(Integer.MAX_VALUE);
        assertEquals(5 + 13 + 16384 + 9, queue.writeTo(channel));
        assertEquals(1, channel.gatheringWrites);
        assertArrayEquals(concat(encode(MessageEncoder::unchoke),
                encode(out -> MessageEncoder.pieceHeader(out, 2, 16384, block.length)), block,
                encode(out -> MessageEncoder.have(out, 3))), channel.written.toByteArray());
        assertTrue(queue.isEmpty());
        assertEquals(16384, queue.takeWrittenBlockBytes());
        assertEquals(3, pool.retained(), "every buffer went back");
    }

    @Test
    void partialWritesResumeWhereTheyStopped() throws Exception {
        byte[] first = pattern(16384, 1);
        byte[] second = pattern(1000, 2);
        queue.appendBlock(0, 0, ByteBuffer.wrap(first));
        queue.appendBlock(0, 16384, ByteBuffer.wrap(second));
        TricklingChannel channel = new TricklingChannel(777);
        while (!queue.isEmpty()) {
            queue.writeTo(channel);
        }
        assertArrayEquals(concat(encode(out -> MessageEncoder.pieceHeader(out, 0, 0, first.length)), first,
                encode(out -> MessageEncoder.pieceHeader(out, 0, 16384, second.length)), second),
                channel.written.toByteArray());
    }

    @Test
    void removesAQueuedBlockButNotOneBeingWritten() throws Exception {
        queue.appendBlock(0, 0, ByteBuffer.wrap(pattern(16384, 1)));
        queue.appendBlock(0, 16384, ByteBuffer.wrap(pattern(16384, 2)));
        queue.appendBlock(1, 0, ByteBuffer.wrap(pattern(16384, 3)));
        queue.writeTo(new TricklingChannel(100));
        assertFalse(queue.removeBlock(0, 0, 16384), "already partly written");
        assertFalse(queue.removeBlock(0, 16384, 1000), "another length");
        assertTrue(queue.removeBlock(0, 16384, 16384));
        assertEquals(2, queue.queuedBlocks());
        assertEquals(2 * (13 + 16384) - 100, queue.queuedBytes());
        TricklingChannel channel = new TricklingChannel(Integer.MAX_VALUE);
        queue.writeTo(channel);
        assertEquals(2 * (13 + 16384) - 100, channel.written.size());
        queue.clear();
        assertEquals(3, pool.retained());
    }

    @Test
    void growsPastItsInitialSlotsAndTakesOversizedMessages() throws Exception {
        for (int i = 0; i < 40; i++) {
            queue.appendBlock(i, 0, ByteBuffer.wrap(new byte[100]));
        }
        queue.appendControl(ByteBuffer.wrap(new byte[PeerWireBuffers.SEND_BUFFER_SIZE + 1]));
        TricklingChannel channel = new TricklingChannel(Integer.MAX_VALUE);
        queue.writeTo(channel);
        assertEquals(40 * 113 + PeerWireBuffers.SEND_BUFFER_SIZE + 1, channel.written.size());
        assertTrue(queue.isEmpty());
    }
}
