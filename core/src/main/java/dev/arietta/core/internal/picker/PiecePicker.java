package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.PieceRange;
import dev.arietta.core.internal.piece.Bitfield;
import dev.arietta.core.internal.piece.BlockState;
import dev.arietta.core.internal.piece.PartialPiece;
import dev.arietta.core.internal.piece.PartialPieces;
import dev.arietta.core.internal.piece.PieceGeometry;
import java.util.random.RandomGenerator;

/**
 * Decides which 16 KiB blocks of a torrent to request from which source, and tracks them until
 * their piece is verified.
 *
 * <p>Life of a piece:
 * <ol>
 *   <li><em>Startable</em>: wanted (priority 1..7), not verified, not in progress; ordered by
 *       priority, then availability.</li>
 *   <li><em>In progress</em>: {@link #pickBlocks} started it; its blocks are tracked in a
 *       pooled {@link PartialPiece} through requested, received ({@link #blockReceived}) and
 *       written ({@link #blockWritten}).</li>
 *   <li>Hash checked by the engine: {@link #pieceVerified} (done) or {@link #pieceFailed}
 *       (blame the suppliers, back to startable).</li>
 * </ol>
 *
 * <p>{@link #pickBlocks} serves, in order: pieces with a streaming deadline (earliest first),
 * pieces in progress (finishing pieces before starting new ones, as libtorrent does), new
 * pieces in the current {@link PieceOrder}, and finally end-game duplicates.
 * Priority 0 pieces are never picked.
 *
 * <p>Availability: {@link #peerJoined}, {@link #peerHave}, {@link #peerLeft} keep per-piece
 * counts of non-seed peers; seeds (BEP 6 HAVE_ALL, or a peer that completes) are one counter,
 * so a seed joining or leaving is O(1) whatever the piece count.
 *
 * <p>Sources are the engine's non-negative {@code int} ids for peers and web seeds.
 *
 * <p>Costs: HAVE O(1); picking from pieces in progress is O(pieces in progress with free
 * blocks); starting a piece in rarest-first order visits the best buckets and skips pieces the
 * peer lacks (worst case O(startable pieces) for a peer that has almost nothing we want; the
 * engine only asks for interested peers). Nothing is allocated in steady state.
 *
 * <p>Not thread-safe: owned by the download's I/O loop. Bitfields passed in belong to the
 * caller; the picker reads them during the call (and sets the bit in {@link #peerHave}).
 * Output buffers ({@code long[]} blocks, {@code int[]} sources) belong to the caller too.
 *
 * <p>This class checks arguments and delegates: {@code AvailabilityBuckets} and
 * {@code SwarmAvailability} count availability, {@code PartialPieces} and
 * {@code PieceLifecycle} hold pieces in progress, {@code PieceSelection} and
 * {@code GapAwareSelection} are the ordering policy, {@code BlockRequests} fills buffers and
 * {@code EndGame} hands out duplicates.
 */
public final class PiecePicker {

    /** Priority of a piece that must not be downloaded. */
    public static final int SKIP = 0;
    /** Priority of every piece at first (libtorrent's default). */
    public static final int DEFAULT_PRIORITY = 4;
    /** Highest priority; such pieces come first even in {@link PieceOrder#SEQUENTIAL} order. */
    public static final int TOP_PRIORITY = 7;
    /** Returned by {@link #blockReceived} when the block's data is not needed (already in, or piece verified). */
    public static final int BLOCK_NOT_NEEDED = PartialPiece.BLOCK_NOT_NEEDED;

    // Past this many pieces, a range priority change re-sorts every piece instead of moving each.
    private static final int RANGE_REBUILD_THRESHOLD = 64;

    private final PieceGeometry geometry;
    private final Bitfield verified;
    private final AvailabilityBuckets buckets;
    private final SwarmAvailability swarm;
    private final PieceSelection selection;
    private final PartialPieces partials;
    private final PieceDeadlines deadlines = new PieceDeadlines();
    private final EndGame endGame;
    private final PieceLifecycle lifecycle;
    private final BlockRequests requests;

    /**
     * A picker for a download of {@code geometry}, with every piece at {@link #DEFAULT_PRIORITY}.
     *
     * @param verified pieces already verified (from resume data), or null for none; copied
     * @param random   breaks ties between equally rare pieces; seed it in tests
     */
    public PiecePicker(PieceGeometry geometry, Bitfield verified, PickerOptions options, RandomGenerator random) {
        this.geometry = geometry;
        int pieceCount = geometry.pieceCount();
        if (verified != null && verified.size() != pieceCount) {
            throw new IllegalArgumentException(
                    "verified bitfield has " + verified.size() + " pieces, torrent has " + pieceCount);
        }
        this.verified = verified == null ? new Bitfield(pieceCount) : verified.copy();
        this.buckets = new AvailabilityBuckets(pieceCount, DEFAULT_PRIORITY);
        this.swarm = new SwarmAvailability(buckets, pieceCount);
        this.selection = new PieceSelection(buckets, swarm, this.verified, options, random);
        this.partials = new PartialPieces(Math.max(1, geometry.maxBlocksPerPiece()), options.maxRequestsPerBlock());
        this.endGame = new EndGame(partials, buckets);
        this.lifecycle = new PieceLifecycle(geometry, this.verified, buckets, partials, deadlines, selection);
        this.requests = new BlockRequests(buckets, partials, deadlines, selection, lifecycle, endGame);
        lifecycle.resort();
    }

    public PieceGeometry geometry() {
        return geometry;
    }

    public int pieceCount() {
        return geometry.pieceCount();
    }

    // ---- availability ------------------------------------------------------------------------

    /** A peer connected and sent its bitfield (or HAVE_NONE: an empty bitfield). O(pieces it has). */
    public void peerJoined(Bitfield peerPieces) {
        swarm.peerJoined(peerPieces);
    }

    /** A peer that joined with {@link #peerJoined} left; {@code peerPieces} is its current bitfield. */
    public void peerLeft(Bitfield peerPieces) {
        swarm.peerLeft(peerPieces);
    }

    /**
     * A peer announced (HAVE) {@code piece}: sets it in {@code peerPieces} and counts it unless
     * the peer had announced it before. O(1).
     *
     * @return true if the piece was new for that peer
     * @throws IllegalArgumentException if the index is outside the torrent or the bitfield has
     *                                  the wrong size
     */
    public boolean peerHave(Bitfield peerPieces, int piece) {
        return swarm.peerHave(peerPieces, piece);
    }

    /**
     * A peer no longer has {@code piece} (BEP 54 lt_donthave): clears it in {@code peerPieces}. O(1).
     *
     * @return true if the peer had announced it
     */
    public boolean peerDontHave(Bitfield peerPieces, int piece) {
        return swarm.peerDontHave(peerPieces, piece);
    }

    /** A seed connected (BEP 6 HAVE_ALL, or a full bitfield the engine chose to count as a seed). O(1). */
    public void seedJoined() {
        swarm.seedJoined();
    }

    /** A seed counted by {@link #seedJoined} or {@link #peerBecameSeed} left. O(1). */
    public void seedLeft() {
        swarm.seedLeft();
    }

    /**
     * A peer counted piece by piece now has everything: its pieces move to the seed counter.
     * On disconnect, call {@link #seedLeft()} for it, not {@link #peerLeft}.
     */
    public void peerBecameSeed(Bitfield peerPieces) {
        swarm.peerBecameSeed(peerPieces);
    }

    /** Peers that have {@code piece}, seeds included. */
    public int availability(int piece) {
        checkPiece(piece);
        return swarm.availability(piece);
    }

    /** Connected peers counted by this picker, seeds included. */
    public int peerCount() {
        return swarm.peerCount();
    }

    public int seedCount() {
        return swarm.seedCount();
    }

    // ---- priorities, order, deadlines ------------------------------------------------------

    public int priority(int piece) {
        checkPiece(piece);
        return buckets.priority(piece);
    }

    /** Sets the priority of one piece: 0 (skip) to 7 (top); libtorrent's scale. */
    public void setPiecePriority(int piece, int priority) {
        checkPiece(piece);
        checkPriority(priority);
        lifecycle.setPriority(piece, priority);
    }

    /**
     * Sets every piece's priority at once (file priorities mapped to pieces by the caller).
     * O(pieces).
     *
     * @param priorities one value 0..7 per piece
     */
    public void setPiecePriorities(byte[] priorities) {
        if (priorities.length != geometry.pieceCount()) {
            throw new IllegalArgumentException(
                    priorities.length + " priorities for " + geometry.pieceCount() + " pieces");
        }
        for (int piece = 0; piece < priorities.length; piece++) {
            checkPriority(priorities[piece]);
        }
        for (int piece = 0; piece < priorities.length; piece++) {
            buckets.assignPriority(piece, priorities[piece]);
        }
        lifecycle.resort();
    }

    /** Sets the priority of pieces {@code [first, end)}, e.g. a file's pieces or its head and tail. */
    public void setPriorityRange(int first, int end, int priority) {
        if (first < 0 || end > geometry.pieceCount() || first > end) {
            throw new IllegalArgumentException(
                    "piece range [" + first + ", " + end + ") outside 0.." + geometry.pieceCount());
        }
        checkPriority(priority);
        if (end - first <= RANGE_REBUILD_THRESHOLD) {
            for (int piece = first; piece < end; piece++) {
                setPiecePriority(piece, priority);
            }
            return;
        }
        for (int piece = first; piece < end; piece++) {
            buckets.assignPriority(piece, priority);
        }
        lifecycle.resort();
    }

    /** Raises each range's pieces to {@link #TOP_PRIORITY} unless skipped (head/tail first, aria2's bt-prioritize-piece). */
    public void prioritize(Iterable<PieceRange> ranges) {
        for (PieceRange range : ranges) {
            if (range.end() > geometry.pieceCount()) {
                throw new IllegalArgumentException("piece range " + range + " outside 0.." + geometry.pieceCount());
            }
            for (int piece = range.first(); piece < range.end(); piece++) {
                if (buckets.priority(piece) != SKIP) {
                    setPiecePriority(piece, TOP_PRIORITY);
                }
            }
        }
    }

    public PieceOrder order() {
        return selection.order();
    }

    /** Switches the order in which new pieces start; takes effect at the next pick. */
    public void setOrder(PieceOrder order) {
        selection.setOrder(order);
    }

    /**
     * Asks for {@code piece} by {@code deadlineMillis} (absolute time on the engine's clock):
     * pieces with a deadline are picked before all others, earliest first. A verified piece is
     * ignored; a priority 0 piece keeps its deadline but is not picked until its priority is raised.
     *
     * @return false if the piece is already verified
     */
    public boolean setPieceDeadline(int piece, long deadlineMillis) {
        checkPiece(piece);
        if (verified.get(piece)) {
            return false;
        }
        deadlines.set(piece, deadlineMillis);
        return true;
    }

    /** Removes the deadline of {@code piece}; returns whether it had one. */
    public boolean clearPieceDeadline(int piece) {
        checkPiece(piece);
        return deadlines.remove(piece);
    }

    public void clearPieceDeadlines() {
        deadlines.clear();
    }

    // ---- picking -----------------------------------------------------------------------------

    /**
     * Chooses up to {@code maxBlocks} blocks to request from a source that has
     * {@code peerPieces}, marks them requested by {@code source}, and writes them to
     * {@code blocksOut} as {@link BlockAddress} values. Blocks of one piece come out together
     * and in order.
     *
     * @return how many blocks were written, from index 0
     */
    public int pickBlocks(Bitfield peerPieces, int source, int maxBlocks, long[] blocksOut) {
        checkPeerBitfield(peerPieces);
        checkSource(source);
        if (maxBlocks < 0 || maxBlocks > blocksOut.length) {
            throw new IllegalArgumentException(
                    "maxBlocks " + maxBlocks + " outside 0.." + blocksOut.length + " (buffer length)");
        }
        return requests.pick(peerPieces, source, maxBlocks, blocksOut);
    }

    /**
     * Records an outside request of one block (allowed-fast, or a caller's own schedule),
     * starting the piece if needed.
     *
     * @return false if the piece is verified or skipped, the block's data is in, or the
     *         block cannot take another requester
     */
    public boolean markRequested(int piece, int block, int source) {
        checkPiece(piece);
        checkSource(source);
        if (verified.get(piece) || buckets.priority(piece) == SKIP) {
            return false;
        }
        checkBlock(piece, block);
        return requests.markRequested(piece, block, source);
    }

    /**
     * Gives an HTTP/FTP seed (BEP 19) a run of up to {@code maxPieces} consecutive startable
     * pieces: while nothing is downloaded yet, starting at a random piece; afterwards, at the
     * start of the longest run of startable pieces. Every block of the run is marked requested
     * by {@code source}; deliver them with {@link #blockReceived}, give back what is not
     * delivered with {@link #abortAllRequests}.
     *
     * @return the run, or null if nothing is startable
     */
    public PieceRange claimWebSeedRun(int source, int maxPieces) {
        checkSource(source);
        if (maxPieces < 1) {
            throw new IllegalArgumentException("maxPieces " + maxPieces + " < 1");
        }
        long run = selection.webSeedRun(verified.isEmpty() && partials.size() == 0);
        if (run < 0) {
            return null;
        }
        int first = (int) (run >>> 32);
        int end = (int) Math.min((int) run, (long) first + maxPieces);
        return requests.claimRun(first, end, source);
    }

    // ---- progress ----------------------------------------------------------------------------

    /**
     * The data of a block arrived from {@code source}, which becomes its supplier.
     *
     * @param cancelOut receives the other sources still asked for this block, to be sent a
     *                  CANCEL; needs room for {@link PickerOptions#maxRequestsPerBlock()}
     * @return how many sources were written to {@code cancelOut}, or {@link #BLOCK_NOT_NEEDED}
     *         if the block's data is already in, its piece is verified, or its piece is not in
     *         progress (nobody asked for it)
     */
    public int blockReceived(int piece, int block, int source, int[] cancelOut) {
        checkPiece(piece);
        checkSource(source);
        PartialPiece partial = partials.find(piece);
        if (partial == null) {
            checkBlock(piece, block);
            return BLOCK_NOT_NEEDED;
        }
        return partial.receive(block, source, cancelOut);
    }

    /**
     * The data of a block is on disk.
     *
     * @return true if its piece is now complete on disk and ready for the hash check
     * @throws IllegalStateException if the block's data had not been received
     */
    public boolean blockWritten(int piece, int block) {
        checkPiece(piece);
        return lifecycle.inProgress(piece, "written").write(block);
    }

    /**
     * Withdraws the request of {@code source} for a block (REJECT, choke, timeout). A piece
     * left with nothing requested or received becomes startable again.
     *
     * @return true if {@code source} was asked for that block
     */
    public boolean abortRequest(int piece, int block, int source) {
        checkPiece(piece);
        return lifecycle.abort(piece, block, source);
    }

    /**
     * Withdraws every request of {@code source} (it disconnected or choked us).
     * O(pieces in progress × blocks per piece).
     *
     * @return how many requests were withdrawn
     */
    public int abortAllRequests(int source) {
        return lifecycle.abortAll(source);
    }

    /**
     * The piece passed its hash check (or was found intact on disk): it is done, and any
     * block state and deadline for it are dropped.
     *
     * @return false if it was already verified
     */
    public boolean pieceVerified(int piece) {
        checkPiece(piece);
        return lifecycle.verify(piece);
    }

    /**
     * The piece failed its hash check: writes the sources that supplied its blocks (each
     * once, ascending) so the engine can blame them, then forgets its blocks so it is
     * downloaded again.
     *
     * @param suppliersOut needs room for the piece's block count in the worst case
     * @return how many sources were written
     */
    public int pieceFailed(int piece, int[] suppliersOut) {
        checkPiece(piece);
        return lifecycle.fail(piece, suppliersOut);
    }

    /**
     * The one source that supplied every block of a piece in progress, or
     * {@link PartialPiece#NO_SOURCE} (several sources, blocks missing, or not in progress).
     * Ask before {@link #pieceFailed}: a bad piece from a single source convicts it
     * (libtorrent's parole).
     */
    public int soleSupplier(int piece) {
        checkPiece(piece);
        PartialPiece partial = partials.find(piece);
        return partial == null ? PartialPiece.NO_SOURCE : partial.soleSupplier();
    }

    /**
     * A verified piece turned out missing or damaged on disk (a re-check, a deleted file):
     * it becomes wanted again.
     *
     * @return false if it was not verified
     */
    public boolean pieceLost(int piece) {
        checkPiece(piece);
        return lifecycle.lose(piece);
    }

    // ---- state -------------------------------------------------------------------------------

    public boolean isVerified(int piece) {
        checkPiece(piece);
        return verified.get(piece);
    }

    public int verifiedCount() {
        return verified.cardinality();
    }

    /** A copy of the verified pieces (for the BITFIELD message and resume data). */
    public Bitfield verifiedPieces() {
        return verified.copy();
    }

    /** State of a block: {@link BlockState#WRITTEN} for a verified piece, NONE for one not in progress. */
    public BlockState blockState(int piece, int block) {
        checkBlock(piece, block);
        if (verified.get(piece)) {
            return BlockState.WRITTEN;
        }
        PartialPiece partial = partials.find(piece);
        return partial == null ? BlockState.NONE : partial.state(block);
    }

    /** Sources currently asked for a block. */
    public int requestCount(int piece, int block) {
        checkBlock(piece, block);
        PartialPiece partial = partials.find(piece);
        return partial == null ? 0 : partial.requestCount(block);
    }

    /** Whether {@code piece} is in progress: some of its blocks are requested or received. */
    public boolean isInProgress(int piece) {
        checkPiece(piece);
        return partials.find(piece) != null;
    }

    /**
     * Writes the pieces in progress holding at least one block that {@code source} supplied,
     * so that the engine can drop them when it bans that source (its blocks are not to be
     * trusted, nor blamed on the peers that completed the piece). O(pieces in progress ×
     * blocks per piece); meant for the rare ban, not a hot path.
     *
     * @param out receives the piece indexes
     * @return how many were written, at most {@code out.length}
     */
    public int piecesSuppliedBy(int source, int[] out) {
        checkSource(source);
        int count = 0;
        for (int i = 0, n = partials.size(); i < n && count < out.length; i++) {
            PartialPiece partial = partials.get(i);
            for (int block = 0, blocks = partial.blockCount(); block < blocks; block++) {
                if (partial.supplier(block) == source) {
                    out[count++] = partial.piece();
                    break;
                }
            }
        }
        return count;
    }

    /** Pieces in progress. */
    public int piecesInProgress() {
        return partials.size();
    }

    /** True when every wanted block has been requested and some are still out (duplicates allowed). */
    public boolean isEndGame() {
        return endGame.isActive();
    }

    /** True when every piece with a non-zero priority is verified. */
    public boolean isFinished() {
        if (buckets.size() > 0) {
            return false;
        }
        for (int i = 0, n = partials.size(); i < n; i++) {
            if (buckets.priority(partials.get(i).piece()) != SKIP) {
                return false;
            }
        }
        return true;
    }

    /** True if the peer has a wanted piece we lack (we should be interested in it). */
    public boolean isInteresting(Bitfield peerPieces) {
        checkPeerBitfield(peerPieces);
        if (buckets.members().intersects(peerPieces)) {
            return true;
        }
        for (int i = 0, n = partials.size(); i < n; i++) {
            int piece = partials.get(i).piece();
            if (buckets.priority(piece) != SKIP && peerPieces.get(piece)) {
                return true;
            }
        }
        return false;
    }

    // ---- argument checks -------------------------------------------------------------------

    private void checkPeerBitfield(Bitfield peerPieces) {
        swarm.checkPeerBitfield(peerPieces);
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= geometry.pieceCount()) {
            throw new IllegalArgumentException("piece " + piece + " outside 0.." + (geometry.pieceCount() - 1));
        }
    }

    private void checkBlock(int piece, int block) {
        checkPiece(piece);
        int blocks = geometry.blockCount(piece);
        if (block < 0 || block >= blocks) {
            throw new IllegalArgumentException("block " + block + " of piece " + piece + " (" + blocks + " blocks)");
        }
    }

    private static void checkSource(int source) {
        if (source < 0) {
            throw new IllegalArgumentException("negative source id " + source);
        }
    }

    private static void checkPriority(int priority) {
        if (priority < SKIP || priority > TOP_PRIORITY) {
            throw new IllegalArgumentException("priority " + priority + " outside 0..7");
        }
    }

    /** Checks the internal invariants; for tests. */
    void checkInvariants() {
        lifecycle.checkInvariants();
    }
}
