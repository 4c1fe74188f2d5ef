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
}
