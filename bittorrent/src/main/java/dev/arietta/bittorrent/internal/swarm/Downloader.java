package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.swarm.storage.BlockWriter;
import dev.arietta.bittorrent.internal.swarm.storage.PieceAssembly;
import dev.arietta.bittorrent.internal.wire.PeerWireLimits;
import dev.arietta.bittorrent.internal.wire.RequestFailure;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.hash.PieceHashResult;
import dev.arietta.core.internal.picker.BlockAddress;
import dev.arietta.core.internal.picker.PickerOptions;
import dev.arietta.core.internal.picker.PiecePicker;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.PieceGeometry;
import dev.arietta.core.internal.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The download side of a running torrent, from request to verified piece:
 * <ol>
 *   <li>{@link #fill}: a peer that we are interested in and that unchokes us (or allows some
 *       pieces fast) gets as many requests as its pipeline's {@code requestCapacity()} and the
 *       download rate limit allow, chosen by the piece picker (rarest first, pieces in
 *       progress first, end-game duplicates at the end), the pieces it suggested (BEP 6)
 *       before all others. The memory bound covers the blocks asked for as well as those
 *       held: a request goes out only while the data held for received blocks plus every
 *       block requested and not yet arrived stays under it, so however many peers answer at
 *       once, what they send fits (libtorrent instead stops reading its sockets).</li>
 *   <li>{@link #accept}: the picker records the supplier and names the other peers asked for
 *       the same block (end-game), which are sent a cancel; the block is held in memory
 *       ({@link PieceAssembly}).</li>
 *   <li>A complete piece is hashed from memory on the hash executor; a passing piece is
 *       written in one go on the disk executor and only then verified (HAVE to every peer,
 *       interest, file progress, resume state), so bad data never reaches the disk. A failing
 *       piece is dropped and downloaded again, and the peers that supplied it are blamed: a
 *       sole supplier is banned at once; a contributor goes on parole (whole pieces of its
 *       own, so its next bad piece convicts it alone) and is banned after
 *       {@link #MAX_SHARED_FAILURES} failed pieces.</li>
 *   <li>When memory runs short the incomplete piece holding the most is spilled: its blocks,
 *       and its later ones, are written as they come, and once all are on disk it is hashed
 *       by reading it back.</li>
 * </ol>
 * Loop thread only.
 */
final class Downloader implements BlockWriter.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);

    /** Failed pieces a peer may have contributed to, with others, before it is banned: 3. */
    static final int MAX_SHARED_FAILURES = 3;

    /**
     * Bytes written between two forces of the data to the device outside the resume saves:
     * 32 MiB. Each save forces the data before it writes the state; forcing in slices as the
     * data flows keeps that short and the device evenly busy.
     */
    static final long DATA_SYNC_SLICE_BYTES = 32L * 1024 * 1024;

    /** Longest time the count of requested bytes goes without a recount while it holds requests back: 1 s. */
    static final long RECOUNT_NANOS = 1_000_000_000L;

    private final Torrent torrent;
    private final long[] picked = new long[PeerWireLimits.MAX_REQUEST_QUEUE_DEPTH];
    private final int[] cancels = new int[PickerOptions.defaults().maxRequestsPerBlock()];
    private final int[] suppliers;
    private final int[] spilledPiece = new int[1];
    /** Scratch: the pieces a peer suggested that it lets us have. */
    private Bitfield suggestedPickable;
    private boolean fillScheduled;
    private boolean rateRetryScheduled;
    private boolean waitingForMemory;
    private int hashing;
    /** Bytes of pieces taken from the assembly for hashing and not yet released or queued for writing. */
    private long hashingBytes;
    /**
     * Bytes requested from peers that have neither arrived nor failed: kept as requests go out
     * and come back, and made exact (from the connections' pipelines) when it would hold a
     * request back, so that a miscount can only cost a recount, never a stall.
     */
    private long requestedBytes;
    /**
     * Whether requests went out since the last recount. Between such requests the count only
     * falls, exactly, so a recount is due only after some (or after {@link #RECOUNT_NANOS}, in
     * case a request ended unreported): at the bound, arrivals do not rescan every peer.
     */
    private boolean requestedSinceRecount;
    private long lastRecountNanos;
    private int fillRound;
    private long writtenSinceSync;
    /** Pieces whose whole data is being hashed or written: they are not dropped under a hash in flight. */
    private final Set<Integer> checking = new HashSet<>();

    Downloader(Torrent torrent) {
        this.torrent = torrent;
        this.suppliers = new int[Math.max(1, torrent.geometry.maxBlocksPerPiece())];
    }

    /** Pieces being hashed. */
    int hashing() {
        return hashing;
    }

    /** Bytes of received data in memory: pieces being assembled, pieces being hashed, and the write queue. */
    long heldBytes() {
        return torrent.assembly.heldBytes() + hashingBytes + torrent.writer.queuedBytes();
    }

    /**
     * Whether the memory for received data is at its bound. If it is, an incomplete piece is
     * spilled to disk so that the bound cannot be held by pieces that never complete.
     */
    boolean isMemoryFull() {
        if (heldBytes() < torrent.context.maxQueuedWriteBytes()) {
            return false;
        }
        waitingForMemory = true;
        if (torrent.writer.queuedBytes() < torrent.context.maxQueuedWriteBytes() / 2) {
            ByteBuffer[] blocks = torrent.assembly.spillLargest(spilledPiece);
            if (blocks != null) {
                writeSpilled(spilledPiece[0], blocks);
            }
        }
        return true;
    }

    /** Sends {@code peer} as many requests as it takes now. */
    void fill(PeerSession peer) {
        if (!torrent.isDownloading() || !peer.established || peer.connection.isClosed()
                || !peer.connection.amInterested() || isMemoryFull()) {
            return;
        }
        int capacity = Math.min(peer.connection.requestCapacity(), picked.length);
        Bitfield pickable = peer.pickablePieces();
        if (capacity <= 0 || pickable == null) {
            return;
        }
        capacity = Math.min(capacity, requestBudget());
        if (capacity == 0) {
            waitingForMemory = true;
            return;
        }
        if (peer.onParole) {
            fillOnParole(peer, pickable);
            return;
        }
        long wanted = (long) capacity * PieceGeometry.BLOCK_LENGTH;
        long granted = torrent.downloadLimit.request(wanted);
        if (granted < wanted) {
            // The limit holds some requests back: ask again once it allows more.
            retryWhenRateAllows();
        }
        capacity = (int) Math.min(capacity, granted / PieceGeometry.BLOCK_LENGTH);
        if (capacity == 0) {
            torrent.downloadLimit.refund(granted);
            return;
        }
        int count = 0;
        long requested = 0;
        if (!peer.suggested.isEmpty() && peer.suggested.pickable(pickable, suggestedPickable()) > 0) {
            // BEP 6 suggestions first, as libtorrent picks them before rarest-first.
            count = torrent.picker.pickBlocks(suggestedPickable, peer.source, capacity, picked);
            requested = sendRequests(peer, count);
        }
        int more = torrent.picker.pickBlocks(pickable, peer.source, capacity - count, picked);
        requested += sendRequests(peer, more);
        count += more;
        if (granted > requested) {
            torrent.downloadLimit.refund(granted - requested);
        }
        if (count == 0 && peer.connection.outstandingRequests() == 0) {
            torrent.peers.updateInterest(peer);
        }
    }

    /** Requests the first {@code count} blocks of {@link #picked} from {@code peer}; returns their bytes. */
    private long sendRequests(PeerSession peer, int count) {
        long requested = 0;
        for (int i = 0; i < count; i++) {
            int piece = BlockAddress.piece(picked[i]);
            int block = BlockAddress.block(picked[i]);
            int length = torrent.geometry.blockLength(piece, block);
            peer.connection.request(piece, block * PieceGeometry.BLOCK_LENGTH, length);
            requested += length;
        }
        requestedBytes += requested;
        requestedSinceRecount |= requested > 0;
        return requested;
    }

    private Bitfield suggestedPickable() {
        if (suggestedPickable == null) {
            suggestedPickable = new Bitfield(torrent.geometry.pieceCount());
        }
        return suggestedPickable;
    }

    /**
     * A peer on parole (it helped build a piece that failed) is given one whole piece at a
     * time that nobody else has started, so that if it fails again it is the piece's sole
     * supplier and is banned; one that passes lifts the parole (libtorrent's parole mode).
     * Other peers can still join such a piece in end-game only.
     */
    private void fillOnParole(PeerSession peer, Bitfield pickable) {
        if (peer.connection.outstandingRequests() > 0) {
            return;
        }
        int pieceCount = torrent.geometry.pieceCount();
        int start = torrent.random.nextInt(pieceCount);
        for (int i = 0; i < pieceCount; i++) {
            int piece = (start + i) % pieceCount;
            if (!pickable.get(piece) || torrent.picker.isVerified(piece) || torrent.picker.priority(piece) == 0
                    || torrent.picker.isInProgress(piece)) {
                continue;
            }
            int length = torrent.geometry.pieceLength(piece);
            long granted = torrent.downloadLimit.request(length);
            if (granted < length) {
                torrent.downloadLimit.refund(granted);
                retryWhenRateAllows();
                return;
            }
            for (int block = 0; block < torrent.geometry.blockCount(piece); block++) {
                if (torrent.picker.markRequested(piece, block, peer.source)) {
                    peer.connection.request(piece, block * PieceGeometry.BLOCK_LENGTH,
                            torrent.geometry.blockLength(piece, block));
                    requestedBytes += torrent.geometry.blockLength(piece, block);
                    requestedSinceRecount = true;
                }
            }
            return;
        }
        torrent.peers.updateInterest(peer);
    }

    /**
     * Blocks that may be requested now: what the memory bound leaves once the data held and
     * the blocks requested and not yet arrived are counted.
     */
    private int requestBudget() {
        long bound = torrent.context.maxQueuedWriteBytes();
        long free = bound - heldBytes() - requestedBytes;
        if (free < PieceGeometry.BLOCK_LENGTH && recountDue()) {
            long blocks = 0;
            for (PeerSession peer : torrent.peers.established()) {
                blocks += peer.connection.outstandingRequests();
            }
            requestedBytes = blocks * PieceGeometry.BLOCK_LENGTH;
            free = bound - heldBytes() - requestedBytes;
        }
        return (int) Math.max(0, free / PieceGeometry.BLOCK_LENGTH);
    }

    private boolean recountDue() {
        long now = torrent.loop.nanoTime();
        if (!requestedSinceRecount && now - lastRecountNanos < RECOUNT_NANOS) {
            return false;
        }
        requestedSinceRecount = false;
        lastRecountNanos = now;
        return true;
    }

    private void requestEnded(int length) {
        requestedBytes = Math.max(0, requestedBytes - length);
    }

    /** Fills every peer on a later loop turn (once, however often asked before it runs). */
    void fillSoon() {
        if (fillScheduled) {
            return;
        }
        fillScheduled = true;
        try {
            torrent.loop.execute(() -> {
                fillScheduled = false;
                fillAll();
            });
        } catch (RejectedExecutionException closed) {
            fillScheduled = false;
        }
    }

    /**
     * Fills every peer, starting one further along each time, so that when the memory bound
     * leaves room for only some, the same peers are not always first.
     */
    void fillAll() {
        List<PeerSession> peers = torrent.peers.established();
        int count = peers.size();
        if (count > 0) {
            int first = Math.floorMod(fillRound++, count);
            for (int i = 0; i < count && !peers.isEmpty(); i++) {
                fill(peers.get((first + i) % peers.size()));
            }
        }
        torrent.webSeeds.fill();
    }

    private void retryWhenRateAllows() {
        if (rateRetryScheduled) {
            return;
        }
        rateRetryScheduled = true;
        long wait = Math.max(1_000_000L, torrent.downloadLimit.nanosUntilAvailable());
        torrent.schedule(wait, () -> {
            rateRetryScheduled = false;
            fillAll();
        });
    }

    void blockArrived(PeerSession peer, int piece, int offset, ByteBuffer data) {
        requestEnded(data.remaining());
        if (torrent.isDownloading()) {
            // A block no longer needed (a duplicate, a piece verified meanwhile) is simply dropped.
            accept(peer.source, piece, offset, data);
            fill(peer);
        }
    }

    /**
     * A block from any source (peer or web seed): cancels the other requesters and keeps the
     * data (in memory, or on its way to disk for a spilled piece).
     *
     * @return false if the block was not needed
     */
    boolean accept(int source, int piece, int offset, ByteBuffer data) {
        int block = offset / PieceGeometry.BLOCK_LENGTH;
        int others = torrent.picker.blockReceived(piece, block, source, cancels);
        if (others == PiecePicker.BLOCK_NOT_NEEDED) {
            return false;
        }
        for (int i = 0; i < others; i++) {
            PeerSession other = torrent.peers.bySource(cancels[i]);
            if (other != null) {
                other.connection.cancel(piece, offset, data.remaining());
            } else {
                torrent.picker.abortRequest(piece, block, cancels[i]);
            }
        }
        if (torrent.assembly.isSpilled(piece)) {
            torrent.writer.writeBlock(piece, offset, torrent.assembly.copy(data));
        } else if (torrent.assembly.add(piece, block, torrent.geometry.blockCount(piece), data)) {
            hashHeld(piece);
        }
        return true;
    }

    void requestFailed(PeerSession peer, int piece, int offset, int length, RequestFailure reason) {
        requestEnded(length);
        if (torrent.picker == null) {
            return;
        }
        torrent.picker.abortRequest(piece, offset / PieceGeometry.BLOCK_LENGTH, peer.source);
        if (reason != RequestFailure.TIMED_OUT) {
            torrent.downloadLimit.refund(length);
        }
        if (reason != RequestFailure.CLOSED && reason != RequestFailure.CANCELLED) {
            fillSoon();
        }
    }

    // ---- pieces complete in memory

    private void hashHeld(int piece) {
        ByteBuffer[] blocks = torrent.assembly.take(piece);
        long bytes = torrent.geometry.pieceLength(piece);
        hashing++;
        hashingBytes += bytes;
        checking.add(piece);
        torrent.verifier.verify(torrent.hashes, piece, blocks).whenComplete((result, failure) -> {
            hashing--;
            hashingBytes -= bytes;
            if (!torrent.isActive()) {
                torrent.assembly.release(blocks);
                torrent.hashSettled();
            } else if (failure != null) {
                torrent.assembly.release(blocks);
                torrent.fail(ErrorCode.UNKNOWN, "hashing piece " + piece + " failed: " + failure);
            } else if (result.passed()) {
                // Verified data only reaches the disk; the piece counts once it is there.
                torrent.writer.writePiece(piece, blocks);
            } else {
                torrent.assembly.release(blocks);
                checking.remove(piece);
                hashFailed(piece, result);
            }
            memoryReleased();
        });
    }

    /**
     * {@code source} was banned or dropped: the pieces in progress holding its blocks are
     * dropped whole (without blaming anyone), so that its data cannot fail a piece that others
     * complete. Pieces already being hashed or written are left to their check.
     */
    void dropSuppliedBy(int source) {
        int[] pieces = new int[Math.max(1, torrent.picker.piecesInProgress())];
        int count = torrent.picker.piecesSuppliedBy(source, pieces);
        // Not the suppliers field: a ban happens while hashFailed walks it.
        int[] ignoredSuppliers = new int[suppliers.length];
        for (int i = 0; i < count; i++) {
            int piece = pieces[i];
            if (!checking.contains(piece)) {
                torrent.assembly.discard(piece);
                torrent.picker.pieceFailed(piece, ignoredSuppliers);
            }
        }
        if (count > 0) {
            fillSoon();
            memoryReleased();
        }
    }

    // ---- spilled pieces

    private void writeSpilled(int piece, ByteBuffer[] blocks) {
        LOG.debug("{}: spilling piece {} to disk before it is complete", torrent, piece);
        for (int block = 0; block < blocks.length; block++) {
            if (blocks[block] != null) {
                torrent.writer.writeBlock(piece, block * PieceGeometry.BLOCK_LENGTH, blocks[block]);
            }
        }
    }

    private void hashFromDisk(int piece) {
        hashing++;
        checking.add(piece);
        torrent.verifier.verify(torrent.hashes, piece, torrent.geometry.pieceLength(piece), torrent.storage)
                .whenComplete((result, failure) -> {
                    hashing--;
                    checking.remove(piece);
                    torrent.assembly.settled(piece);
                    if (!torrent.isActive()) {
                        torrent.hashSettled();
                    } else if (failure != null) {
                        torrent.fail(ErrorCode.FILE_IO_ERROR, "reading piece " + piece + " to check it failed: "
                                + failure.getMessage());
                    } else if (result.passed()) {
                        torrent.pieceVerified(piece);
                    } else {
                        hashFailed(piece, result);
                    }
                });
    }

    private void hashFailed(int piece, PieceHashResult result) {
        int count = torrent.picker.pieceFailed(piece, suppliers);
        LOG.info("{}: piece {} failed its hash check ({}), {} supplier(s)", torrent, piece, result.status(), count);
        for (int i = 0; i < count; i++) {
            if (!torrent.webSeeds.blame(suppliers[i], piece)) {
                torrent.peers.blame(suppliers[i], count == 1, piece);
            }
        }
        fillSoon();
    }

    // ---- BlockWriter.Listener

    @Override
    public void blockWritten(int piece, int offset, int length) {
        if (!torrent.isActive() || torrent.picker.isVerified(piece)) {
            return;
        }
        boolean complete;
        try {
            complete = torrent.picker.blockWritten(piece, offset / PieceGeometry.BLOCK_LENGTH);
        } catch (IllegalStateException stale) {
            LOG.debug("{}: written block of piece {} offset {} no longer expected", torrent, piece, offset, stale);
            return;
        }
        if (complete) {
            hashFromDisk(piece);
        }
    }

    @Override
    public void pieceWritten(int piece) {
        checking.remove(piece);
        if (!torrent.isActive()) {
            return;
        }
        writtenSinceSync += torrent.geometry.pieceLength(piece);
        if (writtenSinceSync >= DATA_SYNC_SLICE_BYTES) {
            writtenSinceSync = 0;
            torrent.resume.syncData(torrent.storage::syncWhileWriting);
        }
        torrent.pieceVerified(piece);
    }

    @Override
    public void batchWritten() {
        memoryReleased();
    }

    /**
     * Received data left memory (written, or dropped after a failed hash): requests go on once
     * under the bound; still over it, the next incomplete piece is spilled, so that pieces that
     * cannot complete never hold the bound for good.
     */
    private void memoryReleased() {
        if (!waitingForMemory) {
            return;
        }
        if (heldBytes() < torrent.context.maxQueuedWriteBytes()) {
            waitingForMemory = false;
            fillSoon();
            torrent.webSeeds.resume();
        } else {
            isMemoryFull();
        }
    }

    @Override
    public void writeFailed(StorageException failure) {
        torrent.fail(failure.errorCode(), failure.getMessage());
    }
}
