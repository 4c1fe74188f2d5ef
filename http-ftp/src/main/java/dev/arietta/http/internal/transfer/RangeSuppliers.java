package dev.arietta.http.internal.transfer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which source supplied which bytes of the file, so that a piece failing its hash can be
 * blamed on the mirrors that sent it. Adjacent ranges of one source merge, so the map holds
 * about one entry per segment fetched. Bytes fetched again replace the old record. Loop
 * thread only.
 *
 * @param <S> the source type
 */
final class RangeSuppliers<S> {

    private record Supplied<S>(long end, S source) {
    }

    private final TreeMap<Long, Supplied<S>> ranges = new TreeMap<>();

    /** Records that {@code source} supplied {@code [start, end)}. */
    void record(long start, long end, S source) {
        if (end <= start) {
            return;
        }
        cut(start, end);
        Map.Entry<Long, Supplied<S>> before = ranges.lowerEntry(start);
        if (before != null && before.getValue().end() == start && before.getValue().source() == source) {
            start = before.getKey();
            ranges.remove(start);
        }
        Supplied<S> after = ranges.get(end);
        if (after != null && after.source() == source) {
            ranges.remove(end);
            end = after.end();
        }
        ranges.put(start, new Supplied<>(end, source));
    }

    /** The sources of any byte in {@code [start, end)}, in offset order, without repeats. */
    Set<S> suppliersOf(long start, long end) {
        Set<S> sources = new LinkedHashSet<>();
        Map.Entry<Long, Supplied<S>> before = ranges.lowerEntry(start);
        if (before != null && before.getValue().end() > start) {
            sources.add(before.getValue().source());
        }
        for (Supplied<S> inside : ranges.subMap(start, true, end, false).values()) {
            sources.add(inside.source());
        }
        return sources;
    }

    /** Forgets {@code [start, end)} (the bytes were thrown away). */
    void forget(long start, long end) {
        if (end > start) {
            cut(start, end);
        }
    }

    /** Number of ranges held (for tests). */
    int size() {
        return ranges.size();
    }

    // Removes [start, end) from every range, keeping the parts outside it.
    private void cut(long start, long end) {
        Map.Entry<Long, Supplied<S>> before = ranges.lowerEntry(start);
        if (before != null && before.getValue().end() > start) {
            Supplied<S> old = before.getValue();
            ranges.put(before.getKey(), new Supplied<>(start, old.source()));
            if (old.end() > end) {
                ranges.put(end, new Supplied<>(old.end(), old.source()));
            }
        }
        List<Long> inside = new ArrayList<>(ranges.subMap(start, true, end, false).keySet());
        for (Long key : inside) {
            Supplied<S> old = ranges.remove(key);
            if (old.end() > end) {
                ranges.put(end, new Supplied<>(old.end(), old.source()));
            }
        }
    }
}
