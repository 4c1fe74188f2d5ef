package dev.arietta.http.internal.transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The byte ranges of a file that are on disk (written, not necessarily forced), merged:
 * what resume state may claim after a flush. Not thread-safe (loop thread).
 *
 * <p>Sorted parallel arrays of disjoint, non-touching ranges. Nearly every write continues the
 * range the previous one of its connection extended, so the range touched last is tried first:
 * one comparison and no allocation for each buffer written (this runs for every 64 KiB of a
 * download; a {@code TreeMap} of boxed offsets cost several lookups, nodes and a large JIT
 * compilation per download in the loopback harness).
 */
public final class WrittenRanges {

    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int count;
    /** Index of the range the last {@link #add} extended or created. */
    private int recent;
    private long total;

    /** Adds {@code [start, end)}; overlapping and touching ranges merge. */
    public void add(long start, long end) {
        if (end <= start) {
            return;
        }
        if (recent < count && ends[recent] == start && (recent + 1 == count || starts[recent + 1] > end)) {
            ends[recent] = end;
            total += end - start;
            return;
        }
        int first = firstEndingAtOrAfter(start);
        int last = first;
        while (last < count && starts[last] <= end) {
            last++;
        }
        if (first == last) {
            insert(first, start, end);
        } else {
            long mergedStart = Math.min(start, starts[first]);
            long mergedEnd = Math.max(end, ends[last - 1]);
            for (int i = first; i < last; i++) {
                total -= ends[i] - starts[i];
            }
            starts[first] = mergedStart;
            ends[first] = mergedEnd;
            total += mergedEnd - mergedStart;
            remove(first + 1, last);
        }
        recent = first;
    }

    /** Forgets every range (the download starts over). */
    public void clear() {
        count = 0;
        recent = 0;
        total = 0;
    }

    /** Bytes covered. */
    public long total() {
        return total;
    }

    /** The ranges as {@code [start, end)} pairs, in order. */
    public List<long[]> toList() {
        List<long[]> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(new long[] {starts[i], ends[i]});
        }
        return list;
    }

    /** Index of the first range whose end is at or after {@code offset} (so it touches or follows it). */
    private int firstEndingAtOrAfter(long offset) {
        int low = 0;
        int high = count;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ends[middle] < offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private void insert(int index, long start, long end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        System.arraycopy(starts, index, starts, index + 1, count - index);
        System.arraycopy(ends, index, ends, index + 1, count - index);
        starts[index] = start;
        ends[index] = end;
        count++;
        total += end - start;
    }

    /** Removes ranges {@code [from, to)}. */
    private void remove(int from, int to) {
        if (to > from) {
            System.arraycopy(starts, to, starts, from, count - to);
            System.arraycopy(ends, to, ends, from, count - to);
            count -= to - from;
        }
    }
}
