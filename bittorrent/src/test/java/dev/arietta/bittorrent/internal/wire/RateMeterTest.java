package dev.arietta.bittorrent.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateMeterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void averagesOverTheWindowAndForgetsOlderBytes() {
        long start = 7 * SECOND;
        RateMeter meter = new RateMeter(start);
        assertEquals(0, meter.rate(start));
        meter.add(1000, start);
        assertEquals(1000, meter.rate(start), "less than a second counts as one second");
        for (int second = 1; second < 10; second++) {
            meter.add(1000, start + second * SECOND);
        }
        assertEquals(1000, meter.rate(start + 10 * SECOND - 1), "steady 1000 B/s");
        assertEquals(10_000, meter.total());
        assertEquals(0, meter.rate(start + 20 * SECOND), "idle for longer than the window");
        meter.add(5000, start + 20 * SECOND);
        assertEquals(5000 * SECOND / (4 * SECOND + SECOND / 2), meter.rate(start + 20 * SECOND + SECOND / 2));
    }
}
