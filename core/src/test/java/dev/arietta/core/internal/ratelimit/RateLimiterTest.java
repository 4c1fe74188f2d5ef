package dev.arietta.core.internal.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final int BLOCK = 16 * 1024;

    private final FakeClock clock = new FakeClock();

    @Test
    void grantIsTakenFromTheChildAndTheGlobalBucket() {
        RateLimiter limiter = new RateLimiter(clock, 100_000);
        RateLimiter.Child first = limiter.newChild(30_000);
        RateLimiter.Child second = limiter.newChild(0);

        assertEquals(30_000, first.request(50_000), "own limit binds");
        assertEquals(0, first.request(1));
        assertEquals(70_000, second.request(200_000), "global remainder");
        assertEquals(0, second.request(1));
    }

    @Test
    void unlimitedEverywhereGrantsEverything() {
        RateLimiter limiter = new RateLimiter(clock, 0);
        RateLimiter.Child child = limiter.newChild(0);
        assertEquals(Long.MAX_VALUE, child.request(Long.MAX_VALUE));
        assertEquals(0, child.nanosUntilAvailable());
    }

    @Test
    void zeroRequestIsGrantedNothing() {
        RateLimiter limiter = new RateLimiter(clock, 1000);
        assertEquals(0, limiter.newChild(0).request(0));
        assertEquals(0, limiter.waitingCount());
    }

    @Test
    void retryDelayIsWhenAUsefulAmountIsThere() {
        RateLimiter limiter = new RateLimiter(clock, 1 << 20);
        RateLimiter.Child child = limiter.newChild(0);
        assertEquals(1 << 20, child.request(1 << 21));
        assertEquals(0, child.request(BLOCK));
        long delay = child.nanosUntilAvailable();
        assertEquals(15_625_000, delay, "16 KiB at 1 MiB/s");
        clock.advanceNanos(delay - 1);
        assertTrue(child.request(BLOCK) < BLOCK);
        clock.advanceNanos(delay);
        assertTrue(child.request(BLOCK) > 0);
    }

    @Test
    void retryDelayCountsTheChildsOwnLimit() {
        RateLimiter limiter = new RateLimiter(clock, 0);
        RateLimiter.Child child = limiter.newChild(BLOCK);
        assertEquals(BLOCK, child.request(1 << 20));
        assertEquals(1_000_000_000L, child.nanosUntilAvailable());
    }

    @Test
    void refundGoesBackToBothBuckets() {
        RateLimiter limiter = new RateLimiter(clock, 100_000);
        RateLimiter.Child child = limiter.newChild(50_000);
        RateLimiter.Child other = limiter.newChild(0);
        assertEquals(50_000, child.request(50_000));
        child.refund(20_000);
        assertEquals(20_000, child.request(50_000));
        assertEquals(50_000, other.request(100_000));
    }

    @Test
    void twoDownloadsPolledInAFixedOrderBothProgressEqually() {
        RateLimiter limiter = new RateLimiter(clock, 1 << 20);
        RateLimiter.Child first = limiter.newChild(0);
        RateLimiter.Child second = limiter.newChild(0);
        long[] moved = new long[2];
        for (int tick = 0; tick < 10_000; tick++) {
            clock.advanceMillis(1);
            moved[0] += first.request(BLOCK);
            moved[1] += second.request(BLOCK);
        }
        long total = moved[0] + moved[1];
        assertTrue(total >= 10L * (1 << 20) && total <= 11L * (1 << 20) + 1, "global rate held: " + total);
        assertTrue(Math.abs(moved[0] - moved[1]) <= 2 * BLOCK + (1 << 20),
                "unfair split: " + moved[0] + " vs " + moved[1]);
        assertTrue(moved[1] > 4L * (1 << 20), "second starved: " + moved[1]);
    }

    @Test
    void firstComeFirstServedWouldStarveTheSecondButTurnsDoNot() {
        // Refill per tick (1000 bytes) is smaller than a request, the case where the first poller takes everything.
        RateLimiter limiter = new RateLimiter(clock, 1_000_000);
        List<RateLimiter.Child> children = List.of(limiter.newChild(0), limiter.newChild(0), limiter.newChild(0));
        long[] moved = new long[3];
        for (RateLimiter.Child child : children) {
            child.request(1_000_000);
        }
        for (int tick = 0; tick < 3000; tick++) {
            clock.advanceMillis(1);
            for (int i = 0; i < children.size(); i++) {
                moved[i] += children.get(i).request(BLOCK);
            }
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(moved[i] >= 900_000 && moved[i] <= 1_100_000, "child " + i + " moved " + moved[i]);
        }
    }

    @Test
    void downloadHeldBackByItsOwnLimitDoesNotWait() {
        RateLimiter limiter = new RateLimiter(clock, 1_000_000);
        RateLimiter.Child slow = limiter.newChild(1000);
        slow.request(BLOCK);
        assertEquals(0, slow.request(BLOCK));
        assertFalse(slow.isWaiting());
        assertEquals(0, limiter.waitingCount());
    }

    @Test
    void otherDownloadsMayUseWhatExceedsTheHeadsReservation() {
        RateLimiter limiter = new RateLimiter(clock, 100_000);
        RateLimiter.Child head = limiter.newChild(0);
        RateLimiter.Child other = limiter.newChild(0);
        assertEquals(100_000, head.request(100_000));
        assertEquals(0, head.request(10_000));
        assertTrue(head.isWaiting());
        clock.advanceMillis(300);
        assertEquals(20_000, other.request(50_000), "30000 refilled, 10000 reserved for the head");
        assertEquals(10_000, head.request(10_000));
        assertFalse(head.isWaiting());
    }

    @Test
    void headHeldBackByItsOwnLimitGivesUpItsTurn() {
        RateLimiter limiter = new RateLimiter(clock, 100_000);
        RateLimiter.Child head = limiter.newChild(BLOCK);
        RateLimiter.Child other = limiter.newChild(0);
        assertEquals(90_000, other.request(90_000));
        assertEquals(10_000, head.request(BLOCK));
        assertTrue(head.isWaiting());
        clock.advanceMillis(100);
        assertEquals(0, other.request(BLOCK), "10000 refilled, reserved for the head");
        assertEquals(6384 + 1638, head.request(BLOCK), "own bucket: 6384 left plus 100 ms at 16 KiB/s");
        assertFalse(head.isWaiting(), "own limit binds, not the global one");
        assertEquals(0, head.request(BLOCK));
        assertFalse(head.isWaiting());
        assertEquals(10_000 - 8022, other.request(BLOCK));
    }

    @Test
    void abandonedHeadLosesItsTurnAfterTheGrace() {
        RateLimiter limiter = new RateLimiter(clock, 100_000, 50_000_000L);
        RateLimiter.Child idle = limiter.newChild(0);
        RateLimiter.Child active = limiter.newChild(0);
        idle.request(200_000);
        assertEquals(0, idle.request(BLOCK));
        long advised = idle.nanosUntilAvailable();
        clock.advanceNanos(advised);
        assertEquals(0, active.request(BLOCK), "head still within its turn");
        clock.advanceNanos(50_000_001L);
        assertTrue(active.request(BLOCK) > 0, "idle head dropped");
        assertFalse(idle.isWaiting());
    }

    @Test
    void closedChildLeavesTheLineAndCannotRequest() {
        RateLimiter limiter = new RateLimiter(clock, 100_000);
        RateLimiter.Child leaving = limiter.newChild(0);
        RateLimiter.Child staying = limiter.newChild(0);
        leaving.request(200_000);
        leaving.request(BLOCK);
        assertEquals(1, limiter.waitingCount());
        leaving.close();
        assertEquals(0, limiter.waitingCount());
        clock.advanceMillis(100);
        assertEquals(10_000, staying.request(BLOCK));
        assertThrows(IllegalStateException.class, () -> leaving.request(1));
    }

    @Test
    void ratesChangeAtRunTime() {
        RateLimiter limiter = new RateLimiter(clock, 100_000);
        RateLimiter.Child child = limiter.newChild(0);
        child.request(100_000);
        child.request(BLOCK);
        assertTrue(child.isWaiting());

        limiter.setGlobalRate(0);
        assertEquals(0, limiter.globalRate());
        assertFalse(child.isWaiting(), "unlimited global clears the line");
        assertEquals(1 << 30, child.request(1 << 30));

        child.setRate(50_000);
        assertEquals(50_000, child.rate());
        assertEquals(50_000, child.request(1 << 30));
        clock.advanceMillis(100);
        assertEquals(5000, child.request(1 << 30));

        limiter.setGlobalRate(20_000);
        clock.advanceMillis(1000);
        assertEquals(20_000, child.request(1 << 30), "new global limit binds");
    }

    @Test
    void rejectsMisuse() {
        RateLimiter limiter = new RateLimiter(clock, 1000);
        assertThrows(IllegalArgumentException.class, () -> limiter.newChild(0).request(-1));
        assertThrows(IllegalArgumentException.class, () -> limiter.newChild(-1));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(clock, 1000, -1));
    }
}
