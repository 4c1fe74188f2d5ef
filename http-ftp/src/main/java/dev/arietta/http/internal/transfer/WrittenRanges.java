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
            removeIndexes(first + 1, last);
        }
        recent = first;
    }

    /** Forgets every range (the download starts over). */
    public void clear() {
        count = 0;
        recent = 0;
        total = 0;
    }

    /** Removes {@code [start, end)}: the bytes there were thrown away. */
    public void remove(long start, long end) {
        if (end <= start) {
            return;
        }
        int index = firstEndingAtOrAfter(start);
        if (index < count && starts[index] < start && ends[index] > end) {
            // A hole in the middle of one range splits it.
            long oldEnd = ends[index];
            ends[index] = start;
            total -= oldEnd - start;
            insert(index + 1, end, oldEnd);
            return;
        }
        if (index < count && starts[index] < start) {
            total -= ends[index] - start;
            ends[index] = start;
            index++;
        }
        int first = index;
        while (index < count && ends[index] <= end) {
            total -= ends[index] - starts[index];
            index++;
        }
        removeIndexes(first, index);
        if (first < count && starts[first] < end) {
            total -= end - starts[first];
            starts[first] = end;
        }
        recent = 0;
    }

    /** Whether every byte of {@code [start, end)} is covered. */
    public boolean covers(long start, long end) {
        if (end <= start) {
            return true;
        }
        int index = firstEndingAtOrAfter(start + 1);
        return index < count && starts[index] <= start && ends[index] >= end;
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

    /** Removes the ranges at indexes {@code [from, to)}. */
    private void removeIndexes(int from, int to) {
        if (to > from) {
            System.arraycopy(starts, to, starts, from, count - to);
            System.arraycopy(ends, to, ends, from, count - to);
            count -= to - from;
        }
    }
}
