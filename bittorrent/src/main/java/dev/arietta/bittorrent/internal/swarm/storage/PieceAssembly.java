package dev.arietta.bittorrent.internal.swarm.storage;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Received blocks held in memory until their piece is complete, so that the piece is hashed
 * straight from memory and written to disk only once verified, in one go. A piece whose
 * blocks must leave memory before it is complete (the memory bound is reached) is
 * <em>spilled</em>: its held blocks are handed back to be written one by one, and its later
 * blocks go straight to the disk; it is then hashed by reading it back.
 *
 * <p>Loop thread only. Buffers come from, and go back to, a {@link HeapBlockPool}.
 */
public final class PieceAssembly {

    private static final class Piece {
        final ByteBuffer[] blocks;
        int received;
        long heldBytes;

        Piece(int blockCount) {
            this.blocks = new ByteBuffer[blockCount];
        }
    }

    private final HeapBlockPool pool;
    private final Map<Integer, Piece> pieces = new HashMap<>();
    private final Map<Integer, Boolean> spilled = new HashMap<>();
    private long heldBytes;

    public PieceAssembly(HeapBlockPool pool) {
        this.pool = pool;
    }

    /** Bytes of blocks held. */
    public long heldBytes() {
        return heldBytes;
    }

    /** Whether {@code piece} was spilled: its blocks go to disk as they come. */
    public boolean isSpilled(int piece) {
        return spilled.containsKey(piece);
    }

    /**
     * Holds a copy of {@code data} (position to limit, not moved) as block {@code block} of
     * {@code piece}.
     *
     * @param blockCount blocks in the piece
     * @return true if every block of the piece is now held
     */
    public boolean add(int piece, int block, int blockCount, ByteBuffer data) {
        Piece held = pieces.computeIfAbsent(piece, index -> new Piece(blockCount));
        if (held.blocks[block] != null) {
            throw new IllegalStateException("piece " + piece + " block " + block + " received twice");
        }
        ByteBuffer copy = pool.acquire();
        int length = data.remaining();
        copy.put(0, data, data.position(), length).limit(length);
        held.blocks[block] = copy;
        held.received++;
        held.heldBytes += length;
        heldBytes += length;
        return held.received == blockCount;
    }

    /** A copy of {@code data} in a pooled buffer, for a spilled piece's block written directly. */
    public ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = pool.acquire();
        int length = data.remaining();
        copy.put(0, data, data.position(), length).limit(length);
        return copy;
    }

    /**
     * Takes the blocks of a complete piece, in order; they now belong to the caller (release
     * them to the pool when done).
     */
    public ByteBuffer[] take(int piece) {
        Piece held = pieces.remove(piece);
        if (held == null || held.received != held.blocks.length) {
            throw new IllegalStateException("piece " + piece + " is not complete in memory");
        }
        heldBytes -= held.heldBytes;
        return held.blocks;
    }

    /**
     * Spills the incomplete piece holding the most bytes, to make room.
     *
     * @param out receives the piece index at [0]
     * @return its held blocks (nulls where none was received), now the caller's; null if no
     *         incomplete piece is held
     */
    public ByteBuffer[] spillLargest(int[] out) {
        int victim = -1;
        long most = 0;
        for (Map.Entry<Integer, Piece> entry : pieces.entrySet()) {
            if (entry.getValue().heldBytes > most) {
                most = entry.getValue().heldBytes;
                victim = entry.getKey();
            }
        }
        if (victim < 0) {
            return null;
        }
        out[0] = victim;
        return spill(victim);
    }

    /** Marks {@code piece} spilled and hands back its held blocks (nulls where none), or an empty array. */
    public ByteBuffer[] spill(int piece) {
        spilled.put(piece, Boolean.TRUE);
        Piece held = pieces.remove(piece);
        if (held == null) {
            return new ByteBuffer[0];
        }
        heldBytes -= held.heldBytes;
        return held.blocks;
    }

    /** Drops what is held of {@code piece} and that it was spilled (its supplier was banned). */
    public void discard(int piece) {
        spilled.remove(piece);
        Piece held = pieces.remove(piece);
        if (held != null) {
            heldBytes -= held.heldBytes;
            release(held.blocks);
        }
    }

    /** The piece was verified or failed: forget that it was spilled. */
    public void settled(int piece) {
        spilled.remove(piece);
    }

    /** Drops every held block (the torrent stops; partial pieces are fetched again next time). */
    public void clear() {
        for (Piece held : pieces.values()) {
            for (ByteBuffer block : held.blocks) {
                if (block != null) {
                    pool.release(block);
                }
            }
        }
        pieces.clear();
        spilled.clear();
        heldBytes = 0;
    }

    public void release(ByteBuffer[] blocks) {
        for (ByteBuffer block : blocks) {
            if (block != null) {
                pool.release(block);
            }
        }
    }
}
