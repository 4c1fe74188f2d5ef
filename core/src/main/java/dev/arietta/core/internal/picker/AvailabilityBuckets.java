package dev.arietta.core.internal.picker;

import dev.arietta.core.internal.piece.Bitfield;
import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * The pieces a picker may start, kept in one array ordered by bucket, where a bucket is a
 * (priority, availability) pair: libtorrent's piece_picker layout.
 *
 * <p>Buckets are numbered so that a higher number is better: higher priority first, then
 * lower availability (rarer). {@code bucketStart[b]} is the first position of bucket
 * {@code b}; a bucket's pieces are in no particular order, and pickers start at a random
 * offset inside a bucket to break ties. A HAVE moves a piece to the neighbouring bucket by
 * swapping it with the element at the bucket's edge and moving that edge by one: O(1). Adding
 * or removing a member moves one element per non-empty better bucket and shifts the edges
 * above it, O(buckets above); both happen once per piece started or finished.
 *
 * <p>Availability counts peers that are not seeds (seeds raise every piece alike, so the
 * picker counts them once, elsewhere). Up to {@value #MAX_DISTINGUISHED_AVAILABILITY} peers
 * are told apart; pieces held by more peers share the commonest bucket. The distinguished
 * range starts at {@value #INITIAL_STRIDE} levels and doubles on demand (re-sorting every
 * member, O(pieces + buckets), a handful of times per download).
 *
 * <p>Each piece's availability, priority and position share one {@code long} so that a HAVE
 * touches one cache line for the piece instead of three (PiecePickerBenchmark.have at 1M pieces).
 *
 * <p>Not thread-safe; owned by the picker.
 */
final class AvailabilityBuckets {

    /** Highest availability kept apart from its neighbours; more common pieces tie. */
    static final int MAX_DISTINGUISHED_AVAILABILITY = 1023;
    static final int PRIORITY_LEVELS = 7;
    /** Most peers counted on one piece: the availability field has 24 bits. */
    static final int MAX_AVAILABILITY = (1 << 24) - 1;
    private static final int INITIAL_STRIDE = 16;

    // Per piece: availability in bits 40-63, priority in bits 32-39, position in bits 0-31 (-1: not a member).
    private static final int AVAILABILITY_SHIFT = 40;
    private static final int PRIORITY_SHIFT = 32;
    private static final long ONE_PEER = 1L << AVAILABILITY_SHIFT;
    private static final long POSITION_MASK = 0xFFFF_FFFFL;
    private static final long PRIORITY_MASK = 0xFFL << PRIORITY_SHIFT;

    private final long[] state;
    private final int[] order;
    private final Bitfield members;
    private int size;
    private int stride = INITIAL_STRIDE;
    private int[] bucketStart;

    /** Every piece at {@code initialPriority}, availability 0, no member. */
    AvailabilityBuckets(int pieceCount, int initialPriority) {
        this.state = new long[pieceCount];
        this.order = new int[pieceCount];
        this.members = new Bitfield(pieceCount);
        Arrays.fill(state, ((long) initialPriority << PRIORITY_SHIFT) | POSITION_MASK);
        this.bucketStart = new int[PRIORITY_LEVELS * stride + 1];
    }

    int availability(int piece) {
        return (int) (state[piece] >>> AVAILABILITY_SHIFT);
    }

    int priority(int piece) {
        return (int) (state[piece] >>> PRIORITY_SHIFT) & 0xFF;
    }

    boolean contains(int piece) {
        return (int) state[piece] >= 0;
    }

    private int position(int piece) {
        return (int) state[piece];
    }

    private void setPosition(int piece, int position) {
        state[piece] = (state[piece] & ~POSITION_MASK) | (position & POSITION_MASK);
    }

    /** Number of members. */
    int size() {
        return size;
    }

    /** The members as a bitfield, for word-wise scans. Callers must not modify it. */
    Bitfield members() {
        return members;
    }

    private int bucket(int piece) {
        return bucket(state[piece]);
    }

    private int bucket(long pieceState) {
        int level = Math.min((int) (pieceState >>> AVAILABILITY_SHIFT), stride - 1);
        int priority = (int) (pieceState >>> PRIORITY_SHIFT) & 0xFF;
        return (priority - 1) * stride + (stride - 1 - level);
    }

    /** One more peer has {@code piece}. */
    void increment(int piece) {
        long pieceState = state[piece];
        int before = (int) (pieceState >>> AVAILABILITY_SHIFT);
        if (before == MAX_AVAILABILITY) {
            throw new IllegalStateException("piece " + piece + " counted on " + MAX_AVAILABILITY + " peers already");
        }
        pieceState += ONE_PEER;
        state[piece] = pieceState;
        int p = (int) pieceState;
        if (p < 0) {
            return;
        }
        if (before >= stride - 1) {
            if (stride <= MAX_DISTINGUISHED_AVAILABILITY) {
                widen(before + 1);
            }
            return;
        }
        // One step commoner: the piece becomes the best element of the next-worse bucket.
        int b = bucket(pieceState) + 1;
        int first = bucketStart[b];
        swap(p, first);
        bucketStart[b] = first + 1;
    }

    /** One peer fewer has {@code piece}. */
    void decrement(int piece) {
        long pieceState = state[piece];
        int before = (int) (pieceState >>> AVAILABILITY_SHIFT);
        if (before == 0) {
            throw new IllegalStateException("availability of piece " + piece + " would go negative");
        }
        pieceState -= ONE_PEER;
        state[piece] = pieceState;
        int p = (int) pieceState;
        if (p < 0 || before > stride - 1) {
            return;
        }
        int next = bucket(pieceState);
        int last = bucketStart[next] - 1;
        swap(p, last);
        bucketStart[next] = last;
    }

    /** Makes {@code piece} a member; its priority must be at least 1. */
    void insert(int piece) {
        if (contains(piece)) {
            throw new IllegalStateException("piece " + piece + " is already pickable");
        }
        if (priority(piece) < 1) {
            throw new IllegalStateException("piece " + piece + " has priority 0 and cannot be picked");
        }
        int target = bucket(piece);
        int hole = size++;
        while (hole > 0) {
            int bucket = bucket(order[hole - 1]);
            if (bucket <= target) {
                break;
            }
            int first = bucketStart[bucket];
            move(first, hole);
            hole = first;
        }
        order[hole] = piece;
        setPosition(piece, hole);
        members.set(piece);
        for (int b = target + 1; b < bucketStart.length; b++) {
            bucketStart[b]++;
        }
    }

    /** Removes {@code piece} from the members. */
    void remove(int piece) {
        int p = position(piece);
        if (p < 0) {
            throw new IllegalStateException("piece " + piece + " is not pickable");
        }
        int target = bucket(piece);
        int hole = bucketStart[target + 1] - 1;
        move(hole, p);
        while (hole + 1 < size) {
            int last = bucketStart[bucket(order[hole + 1]) + 1] - 1;
            move(last, hole);
            hole = last;
        }
        size--;
        setPosition(piece, -1);
        members.clear(piece);
        for (int b = target + 1; b < bucketStart.length; b++) {
            bucketStart[b]--;
        }
    }

    /** Sets the priority of a piece, moving it if it is a member; priority 0 removes it. */
    void changePriority(int piece, int newPriority) {
        boolean member = contains(piece);
        if (member) {
            remove(piece);
        }
        assignPriority(piece, newPriority);
        if (member && newPriority > 0) {
            insert(piece);
        }
    }

    /** Sets a priority without keeping the order: only valid before {@link #rebuild}. */
    void assignPriority(int piece, int newPriority) {
        state[piece] = (state[piece] & ~PRIORITY_MASK) | ((long) newPriority << PRIORITY_SHIFT);
    }

    /**
     * Re-sorts from scratch: members become the pieces with priority at least 1 that
     * {@code member} accepts. O(pieces + buckets).
     */
    void rebuild(IntPredicate member) {
        members.clearAll();
        for (int piece = 0; piece < state.length; piece++) {
            if (priority(piece) > 0 && member.test(piece)) {
                members.set(piece);
            } else {
                setPosition(piece, -1);
            }
        }
        sortMembers();
    }

    /**
     * A piece {@code peer} has from the best bucket holding one, starting at a random offset
     * inside each bucket; only buckets of at least {@code minimumPriority} are searched.
     *
     * @return the piece, or -1 if the peer has no member of that priority
     */
    int pickBest(Bitfield peer, RandomGenerator random, int minimumPriority) {
        int end = size;
        while (end > 0) {
            int top = order[end - 1];
            if (priority(top) < minimumPriority) {
                return -1;
            }
            int start = bucketStart[bucket(top)];
            int length = end - start;
            int offset = length == 1 ? 0 : random.nextInt(length);
            for (int k = 0; k < length; k++) {
                int index = start + offset + k;
                if (index >= end) {
                    index -= length;
                }
                int piece = order[index];
                if (peer.get(piece)) {
                    return piece;
                }
            }
            end = start;
        }
        return -1;
    }

    private void widen(int needed) {
        int newStride = stride;
        while (newStride - 1 < needed && newStride <= MAX_DISTINGUISHED_AVAILABILITY) {
            newStride *= 2;
        }
        stride = newStride;
        bucketStart = new int[PRIORITY_LEVELS * stride + 1];
        sortMembers();
    }

    // Counting sort of the members by bucket; ties stay in index order.
    private void sortMembers() {
        int buckets = PRIORITY_LEVELS * stride;
        Arrays.fill(bucketStart, 0);
        for (int piece = members.nextSetBit(0); piece >= 0; piece = members.nextSetBit(piece + 1)) {
            bucketStart[bucket(piece) + 1]++;
        }
        for (int b = 1; b <= buckets; b++) {
            bucketStart[b] += bucketStart[b - 1];
        }
        // bucketStart[b] serves as bucket b's fill cursor, ending at the start of bucket b + 1 ...
        for (int piece = members.nextSetBit(0); piece >= 0; piece = members.nextSetBit(piece + 1)) {
            int slot = bucketStart[bucket(piece)]++;
            order[slot] = piece;
            setPosition(piece, slot);
        }
        // ... so shifting by one restores the starts.
        for (int b = buckets; b > 0; b--) {
            bucketStart[b] = bucketStart[b - 1];
        }
        bucketStart[0] = 0;
        size = members.cardinality();
    }

    private void swap(int a, int b) {
        int pieceA = order[a];
        int pieceB = order[b];
        order[a] = pieceB;
        setPosition(pieceB, a);
        order[b] = pieceA;
        setPosition(pieceA, b);
    }

    private void move(int from, int to) {
        int piece = order[from];
        order[to] = piece;
        setPosition(piece, to);
    }

    /** Checks every invariant; for tests. */
    void checkInvariants() {
        if (size != members.cardinality()) {
            throw new AssertionError("size " + size + " but " + members.cardinality() + " members");
        }
        if (bucketStart[0] != 0 || bucketStart[bucketStart.length - 1] != size) {
            throw new AssertionError("bucket edges " + bucketStart[0] + ".." + bucketStart[bucketStart.length - 1]);
        }
        for (int b = 0; b + 1 < bucketStart.length; b++) {
            if (bucketStart[b] > bucketStart[b + 1]) {
                throw new AssertionError("bucket " + b + " starts after the next one");
            }
            for (int i = bucketStart[b]; i < bucketStart[b + 1]; i++) {
                int piece = order[i];
                if (position(piece) != i || bucket(piece) != b || !members.get(piece)) {
                    throw new AssertionError("piece " + piece + " misplaced at " + i + " in bucket " + b);
                }
            }
        }
    }
}
