package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.swarm.storage.BlockWriter;
import dev.arietta.bittorrent.internal.wire.PeerWireLimits;
import dev.arietta.bittorrent.internal.wire.RequestFailure;
import dev.arietta.core.internal.hash.PieceHashResult;
import dev.arietta.core.internal.picker.BlockAddress;
import dev.arietta.core.internal.picker.PickerOptions;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.PieceGeometry;
import dev.arietta.core.internal.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The download side of a running torrent, from request to verified piece:
 * <ol>
 *   <li>{@link #fill}: a peer that we are interested in and that unchokes us (or allows some
 *       pieces fast) gets as many requests as its pipeline's {@code requestCapacity()} and the
 *       download rate limit allow, chosen by the piece picker (rarest first, pieces in
 *       progress first, end-game duplicates at the end). No requests while the write queue
 *       is full.</li>
 *   <li>{@link #blockArrived}: the picker records the supplier and names the other peers asked
 *       for the same block (end-game), which are sent a cancel; the block is copied to the
 *       {@link BlockWriter}.</li>
 *   <li>{@link #blockWritten}: once every block of a piece is on disk, the piece is hashed on
 *       the hash executor, reading it back through the storage.</li>
 *   <li>{@link #pieceHashed}: a passing piece is verified (HAVE to every peer, interest, file
 *       progress, resume state); a failing one is forgotten and downloaded again, and the
 *       peers that supplied it are blamed: a sole supplier is banned at once, a contributor
 *       after {@link #MAX_SHARED_FAILURES} failed pieces.</li>
 * </ol>
 * Loop thread only.
 */
final class Downloader implements BlockWriter.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);

    /** Failed pieces a peer may have contributed to, with others, before it is banned: 3. */
    static final int MAX_SHARED_FAILURES = 3;

    private final Torrent torrent;
    private final long[] picked = new long[PeerWireLimits.MAX_REQUEST_QUEUE_DEPTH];
    private final int[] cancels = new int[PickerOptions.defaults().maxRequestsPerBlock()];
    private final int[] suppliers;
    private boolean fillScheduled;
    private boolean rateRetryScheduled;
    private int hashing;
    private long wastedBytes;

    Downloader(Torrent torrent) {
        this.torrent = torrent;
        this.suppliers = new int[Math.max(1, torrent.geometry.maxBlocksPerPiece())];
    }

    /** Pieces being hashed. */
    int hashing() {
        return hashing;
    }

    /** Bytes received that were not needed (duplicates, pieces already verified). */
    long wastedBytes() {
        return wastedBytes;
    }

    /** Sends {@code peer} as many requests as it takes now. */
    void fill(PeerSession peer) {
        if (!torrent.isDownloading() || !peer.established || peer.connection.isClosed()
                || !peer.connection.amInterested() || torrent.writer.isFull()) {
            return;
        }
        int capacity = Math.min(peer.connection.requestCapacity(), picked.length);
        Bitfield pickable = peer.pickablePieces();
        if (capacity <= 0 || pickable == null) {
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
        int count = torrent.picker.pickBlocks(pickable, peer.source, capacity, picked);
        long requested = 0;
        for (int i = 0; i < count; i++) {
            int piece = BlockAddress.piece(picked[i]);
            int block = BlockAddress.block(picked[i]);
            int length = torrent.geometry.blockLength(piece, block);
            peer.connection.request(piece, block * PieceGeometry.BLOCK_LENGTH, length);
            requested += length;
        }
        if (granted > requested) {
            torrent.downloadLimit.refund(granted - requested);
        }
        if (count == 0 && peer.connection.outstandingRequests() == 0) {
            torrent.peers.updateInterest(peer);
        }
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

    void fillAll() {
        for (PeerSession peer : torrent.peers.established()) {
            fill(peer);
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
        int length = data.remaining();
        if (!torrent.isDownloading()) {
            return;
        }
        if (!accept(peer.source, piece, offset, data)) {
            wastedBytes += length;
        }
        fill(peer);
    }

    /**
     * A block from any source (peer or web seed): cancels the other requesters and queues it
     * for writing.
     *
     * @return false if the block was not needed
     */
    boolean accept(int source, int piece, int offset, ByteBuffer data) {
        int block = offset / PieceGeometry.BLOCK_LENGTH;
        int others = torrent.picker.blockReceived(piece, block, source, cancels);
        if (others == dev.arietta.core.internal.picker.PiecePicker.BLOCK_NOT_NEEDED) {
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
        torrent.writer.write(piece, offset, data);
        return true;
    }

    void requestFailed(PeerSession peer, int piece, int offset, int length, RequestFailure reason) {
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

    // ---- BlockWriter.Listener

    @Override
    public void blockWritten(int piece, int offset, int length) {
        if (torrent.picker.isVerified(piece)) {
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
            hash(piece);
        }
    }

    @Override
    public void writeFailed(StorageException failure) {
        torrent.fail(failure.errorCode(), failure.getMessage());
    }

    @Override
    public void writerDrained() {
        fillSoon();
        torrent.webSeeds.resume();
    }

    private void hash(int piece) {
        hashing++;
        torrent.verifier.verify(torrent.hashes, piece, torrent.geometry.pieceLength(piece), torrent.storage)
                .whenComplete((result, failure) -> {
                    hashing--;
                    pieceHashed(piece, result, failure);
                });
    }

    private void pieceHashed(int piece, PieceHashResult result, Throwable failure) {
        if (!torrent.isActive()) {
            torrent.hashSettled();
            return;
        }
        if (failure != null) {
            torrent.fail(dev.arietta.core.ErrorCode.FILE_IO_ERROR, "reading piece " + piece + " to check it failed: "
                    + failure.getMessage());
            return;
        }
        if (result.passed()) {
            torrent.pieceVerified(piece);
        } else {
            int count = torrent.picker.pieceFailed(piece, suppliers);
            LOG.info("{}: piece {} failed its hash check ({}), {} supplier(s)", torrent, piece, result.status(), count);
            for (int i = 0; i < count; i++) {
                blame(suppliers[i], count == 1, piece);
            }
            fillSoon();
        }
        torrent.hashSettled();
    }

    private void blame(int source, boolean sole, int piece) {
        if (!torrent.webSeeds.blame(source, piece)) {
            torrent.peers.blame(source, sole, piece);
        }
    }
}
