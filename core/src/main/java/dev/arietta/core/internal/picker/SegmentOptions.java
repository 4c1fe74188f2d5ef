package dev.arietta.core.internal.picker;

/**
 * How a {@link SegmentAllocator} splits a file between HTTP/FTP connections. Immutable.
 *
 * @param split        most connections working on the file at once (aria2 {@code --split});
 *                     default {@value #DEFAULT_SPLIT}, at most {@value #MAX_SPLIT}
 * @param minSplitSize bytes: a connection's remaining range is split only if both parts keep
 *                     at least this much, so no range below {@code 2 * minSplitSize} is ever
 *                     split (aria2 {@code --min-split-size}); default 20 MiB
 * @param alignment    bytes: split points are multiples of this (aria2's {@code --piece-length},
 *                     or a torrent's piece length for web seeds); default 1 MiB
 * @param selector     where new connections start; default {@link SegmentSelector#DEFAULT}
 * @param geomBase     growth factor of {@link SegmentSelector#GEOM}'s windows, above 1;
 *                     default {@value #DEFAULT_GEOM_BASE} (aria2's)
 */
public record SegmentOptions(int split, long minSplitSize, long alignment, SegmentSelector selector, double geomBase) {

    public static final int DEFAULT_SPLIT = 5;
    public static final int MAX_SPLIT = 1024;
    public static final long DEFAULT_MIN_SPLIT_SIZE = 20L * 1024 * 1024;
    public static final long DEFAULT_ALIGNMENT = 1024 * 1024;
    public static final double DEFAULT_GEOM_BASE = 1.5;

    public SegmentOptions {
        if (split < 1 || split > MAX_SPLIT) {
            throw new IllegalArgumentException("split " + split + " outside 1.." + MAX_SPLIT);
        }
        if (minSplitSize < 1) {
            throw new IllegalArgumentException("minSplitSize " + minSplitSize + " < 1");
        }
        if (alignment < 1) {
            throw new IllegalArgumentException("alignment " + alignment + " < 1");
        }
        if (selector == null) {
            throw new IllegalArgumentException("no selector");
        }
        if (!(geomBase > 1) || Double.isInfinite(geomBase)) {
            throw new IllegalArgumentException("geomBase " + geomBase + " must be above 1");
        }
    }

    public static SegmentOptions defaults() {
        return new SegmentOptions(DEFAULT_SPLIT, DEFAULT_MIN_SPLIT_SIZE, DEFAULT_ALIGNMENT,
                SegmentSelector.DEFAULT, DEFAULT_GEOM_BASE);
    }

    public SegmentOptions withSplit(int value) {
        return new SegmentOptions(value, minSplitSize, alignment, selector, geomBase);
    }

    public SegmentOptions withMinSplitSize(long value) {
        return new SegmentOptions(split, value, alignment, selector, geomBase);
    }

    public SegmentOptions withAlignment(long value) {
        return new SegmentOptions(split, minSplitSize, value, selector, geomBase);
    }

    public SegmentOptions withSelector(SegmentSelector value) {
        return new SegmentOptions(split, minSplitSize, alignment, value, geomBase);
    }
}
