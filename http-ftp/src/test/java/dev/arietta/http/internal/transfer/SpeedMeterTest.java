package dev.arietta.http.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SpeedMeterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final SpeedMeter meter = new SpeedMeter(clock::get);

    @Test
    void averagesOverTheTimeSinceCreationUntilTheWindowIsFull() {
        meter.add(500);
        assertEquals(500, meter.bytesPerSecond(), "younger than a second counts as one second");
        clock.addAndGet(SECOND);
        meter.settle();
        meter.add(1500);
        clock.addAndGet(SECOND);
        assertEquals(1000, meter.bytesPerSecond());
        assertEquals(2000, meter.total());
    }

    @Test
    void bytesCountedBetweenSettlesLandInTheSlotOfTheSettle() {
        for (int second = 0; second < 12; second++) {
            meter.add(1000);
            meter.add(1000);
            clock.addAndGet(SECOND);
            meter.settle();
        }
        assertEquals(2000, meter.bytesPerSecond(), "a steady 2000 B/s over the 10 s window");
        clock.addAndGet(5 * SECOND);
        assertEquals(1000, meter.bytesPerSecond(), "half the window is silent");
        clock.addAndGet(10 * SECOND);
        assertEquals(0, meter.bytesPerSecond());
        assertEquals(24_000, meter.total());
    }
}
