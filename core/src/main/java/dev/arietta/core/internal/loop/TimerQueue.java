package dev.arietta.core.internal.loop;

import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by deadline, then by insertion order, with O(log n)
 * removal of a cancelled timer (each timer remembers its heap slot).
 *
 * <p>Deadlines are {@link System#nanoTime()}-style values compared by subtraction, so the
 * clock may wrap. Not thread-safe: the queue belongs to the loop thread.
 */
public final class TimerQueue {

    /** A scheduled task; its position in the heap is tracked for removal. */
    public static final class Entry {
        private final long deadline;
        private final long sequence;
        private final Runnable task;
        private int index = -1;

        private Entry(long deadline, long sequence, Runnable task) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
        }

        /** The deadline in clock nanoseconds. */
        public long deadline() {
            return deadline;
        }

        /** The task to run when the deadline passes. */
        public Runnable task() {
            return task;
        }

        /** Whether the entry is still waiting in its queue. */
        public boolean isQueued() {
            return index >= 0;
        }
    }

    private static final int INITIAL_CAPACITY = 16;

    private Entry[] heap = new Entry[INITIAL_CAPACITY];
    private int size;
    private long nextSequence;

    /** Adds a task due at {@code deadline} (clock nanoseconds). */
    public Entry add(long deadline, Runnable task) {
        Entry entry = new Entry(deadline, nextSequence++, task);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        entry.index = size;
        heap[size++] = entry;
        siftUp(entry.index);
        return entry;
    }

    /**
     * Removes {@code entry} if it is still queued here.
     *
     * @return whether it was removed
     */
    public boolean remove(Entry entry) {
        int index = entry.index;
        if (index < 0 || index >= size || heap[index] != entry) {
            return false;
        }
        removeAt(index);
        return true;
    }

    /** The earliest entry's deadline; only meaningful when {@link #isEmpty()} is false. */
    public long firstDeadline() {
        if (size == 0) {
            throw new IllegalStateException("no timers");
        }
        return heap[0].deadline;
    }

    /**
     * Removes and returns the earliest entry if its deadline is at or before {@code now},
     * else returns null.
     */
    public Entry pollDue(long now) {
        if (size == 0 || heap[0].deadline - now > 0) {
            return null;
        }
        Entry first = heap[0];
        removeAt(0);
        return first;
    }

    /** The number of queued entries. */
    public int size() {
        return size;
    }

    /** Whether no entry is queued. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Removes every entry. */
    public void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].index = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(int index) {
        Entry removed = heap[index];
        removed.index = -1;
        size--;
        if (index == size) {
            heap[size] = null;
            return;
        }
        Entry last = heap[size];
        heap[size] = null;
        heap[index] = last;
        last.index = index;
        siftDown(index);
        if (heap[index] == last) {
            siftUp(index);
        }
    }

    private static boolean before(Entry a, Entry b) {
        long difference = a.deadline - b.deadline;
        return difference < 0 || (difference == 0 && a.sequence < b.sequence);
    }

    private void siftUp(int index) {
        Entry entry = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            Entry parentEntry = heap[parent];
            if (!before(entry, parentEntry)) {
                break;
            }
            heap[index] = parentEntry;
            parentEntry.index = index;
            index = parent;
        }
        heap[index] = entry;
        entry.index = index;
    }

    private void siftDown(int index) {
        Entry entry = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], entry)) {
                break;
            }
            heap[index] = heap[child];
            heap[index].index = index;
            index = child;
        }
        heap[index] = entry;
        entry.index = index;
    }
}
