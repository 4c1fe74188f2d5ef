package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.loop.BufferPool;
import java.util.Objects;

/**
 * The buffer pools one session's peer connections share (loop thread and any thread: pools are
 * thread-safe).
 *
 * @param readPool lends socket read buffers, and buffers to assemble a message split across
 *                 reads; a connection holds one only during a read or while a message is
 *                 incomplete. Default: {@link BufferPool#large()}, 64 KiB buffers.
 * @param sendPool lends send queue buffers, one per queued block plus packed control messages;
 *                 buffers must hold a 16 KiB block and its 13-byte header. Default
 *                 {@link #SEND_BUFFER_SIZE}-byte buffers, {@link BufferPool#DEFAULT_MAX_RETAINED} kept.
 */
public record PeerWireBuffers(BufferPool readPool, BufferPool sendPool) {

    /** Size of a default send buffer: one {@link PeerWireLimits#BLOCK_LENGTH} block and its piece header. */
    public static final int SEND_BUFFER_SIZE = PeerWireLimits.BLOCK_LENGTH + MessageEncoder.PIECE_HEADER_LENGTH;

    public PeerWireBuffers {
        Objects.requireNonNull(readPool, "readPool");
        Objects.requireNonNull(sendPool, "sendPool");
        if (readPool.bufferSize() < Handshake.LENGTH) {
            throw new IllegalArgumentException("read buffers of " + readPool.bufferSize() + " bytes are too small");
        }
        if (sendPool.bufferSize() < SEND_BUFFER_SIZE) {
            throw new IllegalArgumentException("send buffers must hold " + SEND_BUFFER_SIZE + " bytes, not "
                    + sendPool.bufferSize());
        }
    }

    /** New pools with the default sizes. */
    public static PeerWireBuffers createDefault() {
        return new PeerWireBuffers(BufferPool.large(), new BufferPool(SEND_BUFFER_SIZE, BufferPool.DEFAULT_MAX_RETAINED));
    }
}
