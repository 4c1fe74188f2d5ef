package dev.arietta.http.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
