package dev.arietta.core.internal.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final FakeClock clock = new FakeClock();

    @Test
    void startsFullWithOneSecondOfBurst() {
        TokenBucket bucket = new TokenBucket(clock, 100_000);
        assertEquals(100_000, bucket.burst());
        assertEquals(100_000, bucket.available());
        bucket.consume(100_000);
        assertEquals(0, bucket.available());
    }

    @Test
    void burstIsAtLeastOneBlock() {
        TokenBucket bucket = new TokenBucket(clock, 1000);
        assertEquals(16 * 1024, bucket.burst());
        assertEquals(16 * 1024, bucket.available());
    }

    @Test
    void refillsAtTheRateUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(clock, 100_000);
        bucket.consume(100_000);
        clock.advanceMillis(10);
        assertEquals(1000, bucket.available());
        clock.advanceMillis(250);
        assertEquals(26_000, bucket.available());
        clock.advanceMillis(5000);
        assertEquals(100_000, bucket.available());
    }

    @Test
    void carriesFractionsSoTheLongRunRateIsExact() {
        TokenBucket bucket = new TokenBucket(clock, 3);
        bucket.consume(bucket.available());
        long total = 0;
        for (int i = 0; i < 3000; i++) {
            clock.advanceMillis(1);
            long available = bucket.available();
            bucket.consume(available);
            total += available;
        }
        assertEquals(9, total, "3 bytes/s for 3 s in 1 ms steps");
    }

    @Test
    void nanosUntilCountsTheDeficitAndTheCarriedFraction() {
        TokenBucket bucket = new TokenBucket(clock, 1000);
        bucket.consume(bucket.available());
        assertEquals(500_000_000L, bucket.nanosUntil(500));
        clock.advanceNanos(1_500_000);
        assertEquals(1, bucket.available());
        assertEquals(500_000, bucket.nanosUntil(2));
        clock.advanceNanos(500_000);
        assertEquals(2, bucket.available());
        assertEquals(0, bucket.nanosUntil(2));
        assertEquals(0, bucket.nanosUntil(-5));
    }

    @Test
    void nanosUntilIsCappedAtTheBurst() {
        TokenBucket bucket = new TokenBucket(clock, 1 << 20);
        bucket.consume(bucket.available());
        assertEquals(1_000_000_000L, bucket.nanosUntil(Long.MAX_VALUE));
    }

    @Test
    void zeroRateIsUnlimited() {
        TokenBucket bucket = new TokenBucket(clock, 0);
        assertTrue(bucket.isUnlimited());
        assertEquals(Long.MAX_VALUE, bucket.available());
        bucket.consume(Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, bucket.available());
        assertEquals(0, bucket.nanosUntil(1 << 30));
        assertEquals(Long.MAX_VALUE, bucket.burst());
    }

    @Test
    void ratesFromTheMaximumUpAreUnlimited() {
        assertTrue(new TokenBucket(clock, TokenBucket.MAX_RATE).isUnlimited());
        assertTrue(new TokenBucket(clock, Long.MAX_VALUE).isUnlimited());
        TokenBucket fastest = new TokenBucket(clock, TokenBucket.MAX_RATE - 1);
        fastest.consume(fastest.available());
        clock.advanceNanos(Long.MAX_VALUE / 4);
        assertEquals(TokenBucket.MAX_RATE - 1, fastest.available());
    }

    @Test
    void slowestRateRefillsAfterALongIdleWithoutOverflow() {
        TokenBucket slowest = new TokenBucket(clock, 1);
        slowest.consume(slowest.available());
        clock.advanceNanos(Long.MAX_VALUE / 4);
        assertEquals(16 * 1024, slowest.available());
    }

    @Test
    void rateChangesAtRunTime() {
        TokenBucket bucket = new TokenBucket(clock, 100_000);
        bucket.consume(50_000);
        bucket.setRate(20_000);
        assertEquals(20_000, bucket.available(), "tokens capped at the new burst");
        bucket.consume(20_000);
        clock.advanceMillis(100);
        assertEquals(2000, bucket.available());
        bucket.setRate(0);
        assertEquals(Long.MAX_VALUE, bucket.available());
        bucket.setRate(40_000);
        assertEquals(40_000, bucket.available(), "unlimited to limited starts full");
    }

    @Test
    void tokensEarnedBeforeARateChangeAreKept() {
        TokenBucket bucket = new TokenBucket(clock, 10_000);
        bucket.consume(bucket.available());
        clock.advanceMillis(500);
        bucket.setRate(1_000_000);
        assertEquals(5000, bucket.available());
    }

    @Test
    void refundIsCappedAtTheBurst() {
        TokenBucket bucket = new TokenBucket(clock, 100_000);
        bucket.consume(30_000);
        bucket.refund(10_000);
        assertEquals(80_000, bucket.available());
        bucket.refund(Long.MAX_VALUE);
        assertEquals(100_000, bucket.available());
    }

    @Test
    void clockGoingBackwardsAddsNothing() {
        TokenBucket bucket = new TokenBucket(clock, 100_000);
        bucket.consume(100_000);
        clock.advanceMillis(-1000);
        assertEquals(0, bucket.available());
        clock.advanceMillis(10);
        assertEquals(1000, bucket.available());
    }

    @Test
    void rejectsMisuse() {
        TokenBucket bucket = new TokenBucket(clock, 100_000);
        assertThrows(IllegalArgumentException.class, () -> bucket.consume(100_001));
        assertThrows(IllegalArgumentException.class, () -> bucket.consume(-1));
        assertThrows(IllegalArgumentException.class, () -> bucket.refund(-1));
        assertThrows(IllegalArgumentException.class, () -> bucket.setRate(-1));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(clock, -5));
    }
}
