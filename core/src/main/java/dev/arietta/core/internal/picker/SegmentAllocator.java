package dev.arietta.core.internal.picker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Splits one file between HTTP/FTP connections as contiguous byte ranges ({@link Segment}s),
 * the way aria2 does: {@code split} connections at most, no range split below
 * {@code 2 * minSplitSize}, split points aligned to {@code alignment}, and a
 * {@link SegmentSelector} choosing where each new connection starts. No piece hashes are
 * needed: progress is tracked in bytes.
 *
 * <p>Every byte is <em>done</em>, <em>owned</em> (in {@code [position, end)} of an active
 * segment) or <em>free</em> (left over when a connection gave up). A new connection takes a
 * free region, or cuts an owned one: the owner's end moves back to the cut and the new segment
 * gets the rest ({@link Segment#splitFrom()}). A connection that finishes early simply asks
 * again and so steals half of the largest remaining range.
 *
 * <p>Lifecycle of a connection: {@link #allocate()} (or {@link #allocateNext} to continue
 * right after a finished segment on the same stream), then {@link #advance} for each chunk of
 * bytes received, then {@link #complete} at the segment's end, or {@link #release} if the
 * connection fails (what it downloaded is kept; the rest becomes free).
 *
 * <p>Unknown length ({@link #UNKNOWN_LENGTH}, no Content-Length): one stream from the first
 * byte not yet done, no split, until {@link #setTotalLength} or {@link #complete} at EOF.
 *
 * <p>{@link #advance} is O(1) and allocation-free; allocation decisions are
 * O(segments + done regions) and allocate a little, once per segment. Not thread-safe;
 * owned by the I/O loop.
 */
public final class SegmentAllocator {

    /** The total length of a file whose size is not known yet. */
    public static final long UNKNOWN_LENGTH = -1;

    private final SegmentOptions options;
    private final RandomGenerator random;
    private final TreeMap<Long, Long> done = new TreeMap<>();
    private final List<Segment> active = new ArrayList<>();
    private long totalLength;

    /**
     * @param totalLength bytes in the file, or {@link #UNKNOWN_LENGTH}
     * @param random      used by {@link SegmentSelector#RANDOM}; seed it in tests
     */
    public SegmentAllocator(long totalLength, SegmentOptions options, RandomGenerator random) {
        if (totalLength < 0 && totalLength != UNKNOWN_LENGTH) {
            throw new IllegalArgumentException("negative total length " + totalLength);
        }
        this.totalLength = totalLength;
        this.options = options;
        this.random = random;
    }

    /** Bytes in the file, or {@link #UNKNOWN_LENGTH}. */
    public long totalLength() {
        return totalLength;
    }

    /** Segments handed out and neither completed nor released. */
    public int activeCount() {
        return active.size();
    }

    /** Bytes downloaded, by every connection, finished or not. */
    public long completedLength() {
        long sum = 0;
        for (Map.Entry<Long, Long> entry : done.entrySet()) {
            sum += entry.getValue() - entry.getKey();
        }
        for (Segment segment : active) {
            sum += segment.position() - segment.start();
        }
        return sum;
    }

    /** True when every byte of a file of known length is done. */
    public boolean isComplete() {
        if (totalLength == UNKNOWN_LENGTH) {
            return false;
        }
        if (totalLength == 0) {
            return true;
        }
        Map.Entry<Long, Long> first = done.firstEntry();
        return first != null && first.getKey() == 0 && first.getValue() == totalLength;
    }

    /**
     * Work for a new connection.
     *
     * @return the new segment, or null if {@code split} connections are already working, the
     *         file is done, or what is left cannot be split further
     */
    public Segment allocate() {
        if (totalLength == UNKNOWN_LENGTH) {
            return allocateStream();
        }
        if (active.size() >= options.split()) {
            return null;
        }
        List<Region> regions = regions();
        Placement placement = switch (options.selector()) {
            case DEFAULT -> largest(regions);
            case INORDER -> firstFrom(regions, 0);
            case RANDOM -> random(regions);
            case GEOM -> geometric(regions);
        };
        return placement == null ? null : place(placement);
    }

    /**
     * Work for a connection that just completed {@code finished}: the free region starting at
     * its end if there is one (the connection can keep streaming), else {@link #allocate()}.
     */
    public Segment allocateNext(Segment finished) {
        if (finished.isActive()) {
            throw new IllegalStateException(finished + " is still active: complete or release it first");
        }
        if (totalLength != UNKNOWN_LENGTH && active.size() < options.split()) {
            for (Region region : regions()) {
                if (region.owner == null && region.start == finished.end()) {
                    return place(new Placement(region, region.start));
                }
            }
        }
        return allocate();
    }

    /**
     * Records {@code bytes} received at {@code segment}'s position.
     *
     * @return how many of them belong to the segment; fewer than {@code bytes} when the end
     *         moved back (another connection took the rest): the caller keeps only those and
     *         stops
     */
    public long advance(Segment segment, long bytes) {
        checkActive(segment);
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte count " + bytes + " for " + segment);
        }
        long accepted = Math.min(bytes, segment.end() - segment.position());
        segment.advanceTo(segment.position() + accepted);
        return accepted;
    }

    /**
     * The segment is done: its position reached its end, or, while the length is unknown, the
     * stream reached EOF (which fixes the total length).
     *
     * @throws IllegalStateException if a segment of known end stopped short of it
     */
    public void complete(Segment segment) {
        checkActive(segment);
        if (totalLength == UNKNOWN_LENGTH) {
            totalLength = segment.position();
            segment.setEnd(segment.position());
        } else if (segment.position() != segment.end()) {
            throw new IllegalStateException(segment + " completed " + segment.remaining() + " bytes short of its end");
        }
        retire(segment);
    }

    /** The connection stopped (error, or its end moved back past its position): keep what it got, free the rest. */
    public void release(Segment segment) {
        checkActive(segment);
        retire(segment);
    }

    /**
     * The length became known (the first response carried it). A running stream's end becomes
     * the length; from now on the file can be split.
     *
     * @throws IllegalStateException    if the length was already known
     * @throws IllegalArgumentException if bytes beyond {@code length} were already downloaded
     */
    public void setTotalLength(long length) {
        if (totalLength != UNKNOWN_LENGTH) {
            throw new IllegalStateException("total length already known: " + totalLength);
        }
        long reached = done.isEmpty() ? 0 : done.lastEntry().getValue();
        for (Segment segment : active) {
            reached = Math.max(reached, segment.position());
        }
        if (length < reached) {
            throw new IllegalArgumentException("length " + length + " but " + reached + " bytes already downloaded");
        }
        totalLength = length;
        for (Segment segment : active) {
            segment.setEnd(length);
        }
    }

    /**
     * Records bytes {@code [start, end)} as already done without a connection: data a previous
     * run left on disk (resume state, or a partial file continued with aria2's
     * {@code continue}). Call before handing out segments that could overlap them.
     *
     * @throws IllegalArgumentException if the range is empty, negative or beyond a known length
     * @throws IllegalStateException    if an active segment still has to download part of it
     */
    public void markDone(long start, long end) {
        if (start < 0 || end <= start || (totalLength != UNKNOWN_LENGTH && end > totalLength)) {
            throw new IllegalArgumentException("bad done range [" + start + ", " + end + ") for length " + totalLength);
        }
        for (Segment segment : active) {
            if (segment.position() < end && start < segment.end()) {
                throw new IllegalStateException("done range [" + start + ", " + end + ") overlaps " + segment);
            }
        }
        addDone(start, end);
    }

    /**
     * Takes bytes {@code [start, end)} back from done: they turned out bad (a piece failed its
     * hash) and must be downloaded again; they become free for the next connection. The range
     * may lie in what an active segment already downloaded: that segment then keeps streaming,
     * and its bytes before its position are recorded as done at once, so the hole stays free.
     *
     * @throws IllegalArgumentException if the range is empty, negative or beyond a known length
     * @throws IllegalStateException    if an active segment has yet to download part of it
     */
    public void markMissing(long start, long end) {
        if (start < 0 || end <= start || (totalLength != UNKNOWN_LENGTH && end > totalLength)) {
            throw new IllegalArgumentException("bad missing range [" + start + ", " + end + ") for length "
                    + totalLength);
        }
        for (Segment segment : active) {
            if (segment.position() < end && start < segment.end()) {
                throw new IllegalStateException("missing range [" + start + ", " + end + ") overlaps what " + segment
                        + " has yet to download");
            }
        }
        for (Segment segment : active) {
            if (segment.start() < end && start < segment.position()) {
                addDone(segment.start(), segment.position());
                segment.setStart(segment.position());
            }
        }
        removeDone(start, end);
    }

    // ---- selectors ---------------------------------------------------------------------------

    // DEFAULT: the placement giving the new connection the most bytes; a free region wins a tie.
    private Placement largest(List<Region> regions) {
        Placement best = null;
        long bestGain = -1;
        for (Region region : regions) {
            long start;
            if (region.owner == null) {
                start = region.start;
            } else {
                long middle = region.start + (region.end - region.start) / 2;
                start = alignDown(middle);
                if (!canCut(region, start)) {
                    start = alignUp(middle);
                    if (!canCut(region, start)) {
                        continue;
                    }
                }
            }
            long gain = region.end - start;
            if (gain > bestGain || (gain == bestGain && region.owner == null && best.region.owner != null)) {
                best = new Placement(region, start);
                bestGain = gain;
            }
        }
        return best;
    }

    // INORDER: the lowest start at or after `from`; an owner keeps at least minSplitSize.
    private Placement firstFrom(List<Region> regions, long from) {
        for (Region region : regions) {
            if (region.end <= from) {
                continue;
            }
            if (region.owner == null) {
                return new Placement(region, Math.max(region.start, from));
            }
            long start = Math.max(alignUp(region.start + options.minSplitSize()), alignUp(from));
            if (canCut(region, start)) {
                return new Placement(region, start);
            }
        }
        return null;
    }

    private Placement random(List<Region> regions) {
        long units = (totalLength + options.alignment() - 1) / options.alignment();
        long from = options.alignment() * random.nextLong(units);
        Placement placement = firstFrom(regions, from);
        return placement != null ? placement : firstFrom(regions, 0);
    }

    private Placement geometric(List<Region> regions) {
        long unit = options.alignment();
        double windowStart = 0;
        double windowEnd = 1;
        while ((long) windowStart * unit < totalLength) {
            long from = (long) windowStart * unit;
            long to = Math.min(totalLength, (long) windowEnd * unit);
            if (to > from) {
                Placement placement = firstInWindow(regions, from, to);
                if (placement != null) {
                    return placement;
                }
            }
            windowStart = windowEnd;
            windowEnd *= options.geomBase();
        }
        return largest(regions);
    }

    // The first byte in [from, to) not done decides: free, or owned but past the owner's
    // protected minSplitSize, starts here; owned within it makes the window unusable.
    private Placement firstInWindow(List<Region> regions, long from, long to) {
        for (Region region : regions) {
            if (region.end <= from) {
                continue;
            }
            long first = Math.max(region.start, from);
            if (first >= to) {
                return null;
            }
            if (region.owner == null) {
                return new Placement(region, first);
            }
            long start = alignUp(first);
            return first - region.start >= options.minSplitSize() && canCut(region, start)
                    ? new Placement(region, start) : null;
        }
        return null;
    }

    // ---- bookkeeping -------------------------------------------------------------------------

    private Segment allocateStream() {
        if (!active.isEmpty()) {
            return null;
        }
        Map.Entry<Long, Long> first = done.firstEntry();
        long start = first != null && first.getKey() == 0 ? first.getValue() : 0;
        Segment segment = new Segment(this, start, Segment.UNKNOWN_END, null);
        active.add(segment);
        return segment;
    }

    private Segment place(Placement placement) {
        Region region = placement.region;
        Segment segment;
        if (region.owner == null) {
            segment = new Segment(this, placement.start, region.end, null);
        } else {
            Segment owner = region.owner;
            segment = new Segment(this, placement.start, owner.end(), owner);
            owner.setEnd(placement.start);
        }
        active.add(segment);
        return segment;
    }

    // Can `region` (owned) be cut at `at`, leaving both parts at least minSplitSize?
    private boolean canCut(Region region, long at) {
        long minimum = options.minSplitSize();
        return at - region.start >= minimum && region.end - at >= minimum;
    }

    private long alignUp(long offset) {
        long unit = options.alignment();
        return (offset + unit - 1) / unit * unit;
    }

    private long alignDown(long offset) {
        return offset / options.alignment() * options.alignment();
    }

    private void retire(Segment segment) {
        active.remove(segment);
        segment.deactivate();
        addDone(segment.start(), segment.position());
    }

    private void addDone(long start, long end) {
        if (end <= start) {
            return;
        }
        Map.Entry<Long, Long> before = done.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            done.remove(before.getKey());
        }
        for (Map.Entry<Long, Long> after = done.ceilingEntry(start);
                after != null && after.getKey() <= end; after = done.ceilingEntry(start)) {
            end = Math.max(end, after.getValue());
            done.remove(after.getKey());
        }
        done.put(start, end);
    }

    private void removeDone(long start, long end) {
        Map.Entry<Long, Long> before = done.lowerEntry(start);
        if (before != null && before.getValue() > start) {
            done.put(before.getKey(), start);
            if (before.getValue() > end) {
                done.put(end, before.getValue());
            }
        }
        for (Map.Entry<Long, Long> inside = done.ceilingEntry(start);
                inside != null && inside.getKey() < end; inside = done.ceilingEntry(start)) {
            done.remove(inside.getKey());
            if (inside.getValue() > end) {
                done.put(end, inside.getValue());
            }
        }
    }

    // Free and owned regions of a file of known length, in offset order.
    private List<Region> regions() {
        List<long[]> covered = new ArrayList<>();
        for (Map.Entry<Long, Long> entry : done.entrySet()) {
            covered.add(new long[] {entry.getKey(), entry.getValue()});
        }
        List<Region> regions = new ArrayList<>();
        for (Segment segment : active) {
            covered.add(new long[] {segment.start(), segment.end()});
            if (segment.position() < segment.end()) {
                regions.add(new Region(segment.position(), segment.end(), segment));
            }
        }
        covered.sort(Comparator.comparingLong((long[] interval) -> interval[0]));
        long cursor = 0;
        for (long[] interval : covered) {
            if (interval[0] > cursor) {
                regions.add(new Region(cursor, interval[0], null));
            }
            cursor = Math.max(cursor, interval[1]);
        }
        if (cursor < totalLength) {
            regions.add(new Region(cursor, totalLength, null));
        }
        regions.sort(Comparator.comparingLong(Region::start));
        return regions;
    }

    private void checkActive(Segment segment) {
        if (!segment.isActiveIn(this)) {
            throw new IllegalStateException(segment + " is not active in this allocator");
        }
    }

    /** Bytes {@code [start, end)} not done: free if {@code owner} is null, else owned by it. */
    private record Region(long start, long end, Segment owner) {
    }

    private record Placement(Region region, long start) {
    }
}
