package dev.arietta.core.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerQueueTest {

    private static final Runnable NOTHING = () -> { };

    @Test
    void pollsInDeadlineOrderAndOnlyWhenDue() {
        TimerQueue queue = new TimerQueue();
        TimerQueue.Entry late = queue.add(300, NOTHING);
        TimerQueue.Entry early = queue.add(100, NOTHING);
        TimerQueue.Entry middle = queue.add(200, NOTHING);

        assertEquals(100, queue.firstDeadline());
        assertNull(queue.pollDue(99));
        assertSame(early, queue.pollDue(100));
        assertSame(middle, queue.pollDue(1000));
        assertSame(late, queue.pollDue(1000));
        assertNull(queue.pollDue(1000));
        assertTrue(queue.isEmpty());
    }

    @Test
    void equalDeadlinesKeepInsertionOrder() {
        TimerQueue queue = new TimerQueue();
        List<TimerQueue.Entry> added = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            added.add(queue.add(7, NOTHING));
        }
        for (TimerQueue.Entry expected : added) {
            assertSame(expected, queue.pollDue(7));
        }
    }

    @Test
    void deadlinesCompareAcrossClockWrapAround() {
        TimerQueue queue = new TimerQueue();
        TimerQueue.Entry afterWrap = queue.add(Long.MIN_VALUE + 10, NOTHING);
        TimerQueue.Entry beforeWrap = queue.add(Long.MAX_VALUE - 10, NOTHING);

        assertNull(queue.pollDue(Long.MAX_VALUE - 11));
        assertSame(beforeWrap, queue.pollDue(Long.MAX_VALUE));
        assertNull(queue.pollDue(Long.MAX_VALUE));
        assertSame(afterWrap, queue.pollDue(Long.MIN_VALUE + 10));
    }

    @Test
    void removeTakesOutOnlyQueuedEntries() {
        TimerQueue queue = new TimerQueue();
        TimerQueue.Entry first = queue.add(1, NOTHING);
        TimerQueue.Entry second = queue.add(2, NOTHING);

        assertTrue(queue.remove(first));
        assertFalse(first.isQueued());
        assertFalse(queue.remove(first));
        assertEquals(1, queue.size());
        assertSame(second, queue.pollDue(5));
        assertFalse(queue.remove(second));
    }

    @Test
    void firstDeadlineOfEmptyQueueIsAnError() {
        assertThrows(IllegalStateException.class, () -> new TimerQueue().firstDeadline());
    }

    @Test
    void randomAddsAndRemovesMatchASortedReference() {
        Random random = new Random(42);
        TimerQueue queue = new TimerQueue();
        List<TimerQueue.Entry> reference = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            TimerQueue.Entry entry = queue.add(random.nextInt(1000), NOTHING);
            reference.add(entry);
            if (random.nextInt(3) == 0) {
                TimerQueue.Entry victim = reference.remove(random.nextInt(reference.size()));
                assertTrue(queue.remove(victim));
            }
        }
        // Stable sort by deadline keeps insertion order for ties, as the queue must.
        reference.sort(Comparator.comparingLong(TimerQueue.Entry::deadline));
        for (TimerQueue.Entry expected : reference) {
            assertSame(expected, queue.pollDue(Long.MAX_VALUE / 2));
        }
        assertTrue(queue.isEmpty());
    }
}
