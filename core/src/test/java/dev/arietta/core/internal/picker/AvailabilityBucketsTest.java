package dev.arietta.core.internal.picker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.piece.Bitfield;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AvailabilityBucketsTest {

    @Test
    void randomOperationsKeepEveryPieceInItsBucketAndPickTheBest() {
        int pieces = 300;
        AvailabilityBuckets buckets = new AvailabilityBuckets(pieces, 4);
        buckets.rebuild(piece -> piece % 3 != 0);
        buckets.checkInvariants();
        Random random = new Random(42);
        for (int step = 0; step < 30_000; step++) {
            int piece = random.nextInt(pieces);
            switch (random.nextInt(6)) {
                case 0, 1 -> buckets.increment(piece);
                case 2 -> {
                    if (buckets.availability(piece) > 0) {
                        buckets.decrement(piece);
                    }
                }
                case 3 -> {
                    if (buckets.contains(piece)) {
                        buckets.remove(piece);
                    } else if (buckets.priority(piece) > 0) {
                        buckets.insert(piece);
                    }
                }
                case 4 -> buckets.changePriority(piece, random.nextInt(8));
                default -> {
                    Bitfield peer = new Bitfield(pieces);
                    for (int i = 0; i < pieces; i++) {
                        if (random.nextInt(4) == 0) {
                            peer.set(i);
                        }
                    }
                    assertPicksTheBest(buckets, peer, random.nextLong());
                }
            }
            if (step % 1000 == 0) {
                buckets.checkInvariants();
            }
        }
        buckets.checkInvariants();
    }

    @Test
    void availabilityBeyondTheInitialRangeWidensTheBuckets() {
        AvailabilityBuckets buckets = new AvailabilityBuckets(3, 4);
        buckets.rebuild(piece -> true);
        for (int peer = 0; peer < 100; peer++) {
            buckets.increment(0);
            buckets.increment(1);
        }
        buckets.increment(1);
        buckets.checkInvariants();
        Bitfield all = new Bitfield(3);
        all.setAll();
        assertEquals(2, buckets.pickBest(all, new Random(1), 1));
        buckets.remove(2);
        assertEquals(0, buckets.pickBest(all, new Random(1), 1), "100 peers beat 101");
    }

    @Test
    void availabilityBeyondTheCeilingTies() {
        AvailabilityBuckets buckets = new AvailabilityBuckets(2, 4);
        buckets.rebuild(piece -> true);
        int ceiling = AvailabilityBuckets.MAX_DISTINGUISHED_AVAILABILITY;
        for (int peer = 0; peer < ceiling + 5; peer++) {
            buckets.increment(0);
        }
        for (int peer = 0; peer < ceiling + 50; peer++) {
            buckets.increment(1);
        }
        buckets.checkInvariants();
        Bitfield all = new Bitfield(2);
        all.setAll();
        boolean[] seen = new boolean[2];
        Random random = new Random(5);
        for (int pick = 0; pick < 40; pick++) {
            seen[buckets.pickBest(all, random, 1)] = true;
        }
        assertTrue(seen[0] && seen[1], "both pieces share the commonest bucket");
        for (int peer = 0; peer < ceiling + 5; peer++) {
            buckets.decrement(0);
        }
        buckets.checkInvariants();
        assertEquals(0, buckets.pickBest(all, new Random(3), 1));
    }

    @Test
    void misuseIsRejected() {
        AvailabilityBuckets buckets = new AvailabilityBuckets(2, 4);
        buckets.rebuild(piece -> piece == 0);
        assertEquals("availability of piece 1 would go negative",
                assertThrows(IllegalStateException.class, () -> buckets.decrement(1)).getMessage());
        assertThrows(IllegalStateException.class, () -> buckets.insert(0));
        assertThrows(IllegalStateException.class, () -> buckets.remove(1));
        buckets.changePriority(1, 0);
        assertEquals("piece 1 has priority 0 and cannot be picked",
                assertThrows(IllegalStateException.class, () -> buckets.insert(1)).getMessage());
        assertFalse(buckets.contains(1));
    }

    private static void assertPicksTheBest(AvailabilityBuckets buckets, Bitfield peer, long seed) {
        int bestPriority = 0;
        int bestAvailability = Integer.MAX_VALUE;
        for (int piece = 0; piece < peer.size(); piece++) {
            if (buckets.contains(piece) && peer.get(piece)) {
                int priority = buckets.priority(piece);
                int availability = Math.min(buckets.availability(piece), AvailabilityBuckets.MAX_DISTINGUISHED_AVAILABILITY);
                if (priority > bestPriority || (priority == bestPriority && availability < bestAvailability)) {
                    bestPriority = priority;
                    bestAvailability = availability;
                }
            }
        }
        int picked = buckets.pickBest(peer, new Random(seed), 1);
        if (bestPriority == 0) {
            assertEquals(-1, picked);
            return;
        }
        assertTrue(picked >= 0 && peer.get(picked) && buckets.contains(picked), "picked " + picked);
        assertEquals(bestPriority, buckets.priority(picked));
        assertEquals(bestAvailability, buckets.availability(picked));
    }
}
