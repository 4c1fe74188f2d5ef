package dev.arietta.core.internal.picker;

/**
 * One connection's share of a file: bytes {@code [start, end)}, downloaded up to
 * {@code position}. Handed out by {@link SegmentAllocator}, which owns its state.
 *
 * <p>The end can move down while the connection works: when another connection takes over
 * the second half ({@link #splitFrom()} on the new segment names this one). The connection
 * learns it from {@link SegmentAllocator#advance}, which accepts only bytes below the current
 * end, or by reading {@link #end()}; it then stops at the new end.
 *
 * <p>Not thread-safe; owned by the I/O loop.
 */
public final class Segment {

    /** The end of a segment of a file whose length is not known: the stream runs to EOF. */
    public static final long UNKNOWN_END = Long.MAX_VALUE;

    private final SegmentAllocator allocator;
    private long start;
    private final Segment splitFrom;
    private long end;
    private long position;
    private boolean active = true;

    Segment(SegmentAllocator allocator, long start, long end, Segment splitFrom) {
        this.allocator = allocator;
        this.start = start;
        this.end = end;
        this.position = start;
        this.splitFrom = splitFrom;
    }

    /**
     * Offset of the first byte this segment still accounts for: where it started, or later
     * once the allocator took over what it had already downloaded
     * ({@link SegmentAllocator#markMissing}).
     */
    public long start() {
        return start;
    }

    /** Offset after the last byte to download; {@link #UNKNOWN_END} while the length is unknown. */
    public long end() {
        return end;
    }

    /** Offset of the next byte to download: bytes {@code [start, position)} are in. */
    public long position() {
        return position;
    }

    /** Bytes still to download. */
    public long remaining() {
        return end - position;
    }

    /** The segment whose end was cut back to make room for this one, or null. */
    public Segment splitFrom() {
        return splitFrom;
    }

    /** False once completed or released. */
    public boolean isActive() {
        return active;
    }

    boolean isActiveIn(SegmentAllocator allocator) {
        return active && this.allocator == allocator;
    }

    void setStart(long start) {
        this.start = start;
    }

    void setEnd(long end) {
        this.end = end;
    }

    void advanceTo(long position) {
        this.position = position;
    }

    void deactivate() {
        active = false;
    }

    @Override
    public String toString() {
        return "Segment[" + start + ", " + (end == UNKNOWN_END ? "?" : String.valueOf(end)) + ") at " + position;
    }
}
