package dev.arietta.http.internal.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The byte ranges of a file that are on disk (written, not necessarily forced), merged:
 * what resume state may claim after a flush. Not thread-safe (loop thread).
 */
public final class WrittenRanges {

    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long total;

    /** Adds {@code [start, end)}; overlaps merge. */
    public void add(long start, long end) {
        if (end <= start) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            total -= before.getValue() - before.getKey();
            ranges.remove(before.getKey());
        }
        for (Map.Entry<Long, Long> after = ranges.ceilingEntry(start);
                after != null && after.getKey() <= end; after = ranges.ceilingEntry(start)) {
            end = Math.max(end, after.getValue());
            total -= after.getValue() - after.getKey();
            ranges.remove(after.getKey());
        }
        ranges.put(start, end);
        total += end - start;
    }

    /** Forgets every range (the download starts over). */
    public void clear() {
        ranges.clear();
        total = 0;
    }

    /** Bytes covered. */
    public long total() {
        return total;
    }

    /** The ranges as {@code [start, end)} pairs, in order. */
    public List<long[]> toList() {
        List<long[]> list = new ArrayList<>(ranges.size());
        ranges.forEach((start, end) -> list.add(new long[] {start, end}));
        return list;
    }
}
