package dev.arietta.http.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WrittenRangesTest {

    private static long[][] ranges(WrittenRanges written) {
        List<long[]> list = written.toList();
        return list.toArray(new long[0][]);
    }

    @Test
    void mergesTouchingAndOverlappingRangesAndCountsBytesOnce() {
        WrittenRanges written = new WrittenRanges();
        written.add(10, 20);
        written.add(30, 40);
        written.add(20, 25);
        assertArrayEquals(new long[][] {{10, 25}, {30, 40}}, ranges(written));
        written.add(5, 35);
        assertArrayEquals(new long[][] {{5, 40}}, ranges(written));
        assertEquals(35, written.total());
        written.add(0, 100);
        written.add(50, 60);
        written.add(7, 7);
        assertArrayEquals(new long[][] {{0, 100}}, ranges(written));
        assertEquals(100, written.total());
    }

    @Test
    void removedBytesLeaveHolesAndAreNotCounted() {
        WrittenRanges written = new WrittenRanges();
        written.add(0, 100);
        written.remove(20, 30);
        assertArrayEquals(new long[][] {{0, 20}, {30, 100}}, ranges(written));
        assertEquals(90, written.total());
        written.remove(10, 40);
        written.remove(90, 200);
        assertArrayEquals(new long[][] {{0, 10}, {40, 90}}, ranges(written));
        assertEquals(60, written.total());
        written.remove(0, 10);
        assertArrayEquals(new long[][] {{40, 90}}, ranges(written));
        assertTrue(written.covers(50, 90));
        assertFalse(written.covers(30, 50));
        assertFalse(written.covers(80, 91));
    }

    @Test
    void matchesAPlainBitSetUnderRandomAddsRemovesAndClears() {
        java.util.Random random = new java.util.Random(5);
        for (int trial = 0; trial < 200; trial++) {
            WrittenRanges written = new WrittenRanges();
            java.util.BitSet expected = new java.util.BitSet();
            for (int step = 0; step < 60; step++) {
                int start = random.nextInt(500);
                int end = random.nextBoolean() ? start + random.nextInt(40) : start + random.nextInt(3);
                if (random.nextInt(4) == 0) {
                    written.remove(start, end);
                    if (end > start) {
                        expected.clear(start, end);
                    }
                } else {
                    written.add(start, end);
                    if (end > start) {
                        expected.set(start, end);
                    }
                }
                int probe = random.nextInt(500);
                int probeEnd = probe + 1 + random.nextInt(30);
                assertEquals(expected.nextClearBit(probe) >= probeEnd, written.covers(probe, probeEnd),
                        "covers [" + probe + ", " + probeEnd + ")");
                if (random.nextInt(50) == 0) {
                    written.clear();
                    expected.clear();
                }
            }
            java.util.BitSet actual = new java.util.BitSet();
            long previousEnd = -1;
            for (long[] range : written.toList()) {
                assertTrue(range[0] > previousEnd, "disjoint, not touching, in order: " + range[0]);
                actual.set((int) range[0], (int) range[1]);
                previousEnd = range[1];
            }
            assertEquals(expected, actual);
            assertEquals(expected.cardinality(), written.total());
        }
    }

    @Test
    void consecutiveWritesOfSeveralConnectionsStayMerged() {
        WrittenRanges written = new WrittenRanges();
        for (long chunk = 0; chunk < 1000; chunk++) {
            written.add(chunk * 10, chunk * 10 + 10);
            written.add(50_000 + chunk * 10, 50_000 + chunk * 10 + 10);
        }
        assertArrayEquals(new long[][] {{0, 10_000}, {50_000, 60_000}}, ranges(written));
        written.add(10_000, 50_000);
        assertArrayEquals(new long[][] {{0, 60_000}}, ranges(written));
        assertEquals(60_000, written.total());
    }
}
