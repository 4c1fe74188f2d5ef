package dev.arietta.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AverageSpeedsTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final AverageSpeeds speeds = new AverageSpeeds(now::get);

    @Test
    void bytesSinceFirstStartOverActiveTime() {
        speeds.started("g", 1000);
        now.addAndGet(2 * SECOND);
        speeds.stopped("g");
        assertEquals(500, speeds.average("g", 2000));
    }

    @Test
    void pausedTimeDoesNotCount() {
        speeds.started("g", 0);
        now.addAndGet(SECOND);
        speeds.stopped("g");
        now.addAndGet(100 * SECOND);
        speeds.started("g", 400);
        now.addAndGet(SECOND);
        speeds.stopped("g");
        assertEquals(400, speeds.average("g", 800));
    }

    @Test
    void stillActiveCountsUpToNow() {
        speeds.started("g", 0);
        now.addAndGet(4 * SECOND);
        assertEquals(256, speeds.average("g", 1024));
    }

    @Test
    void neverStartedOrNoTimeIsNotAvailable() {
        assertEquals(-1, speeds.average("unknown", 100));
        speeds.started("g", 0);
        speeds.stopped("g");
        assertEquals(-1, speeds.average("g", 100));
        speeds.stopped("unknown");
        assertEquals(-1, speeds.average("unknown", 100));
    }
}
