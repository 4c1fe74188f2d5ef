package dev.arietta.http.internal.transfer;

import java.util.function.LongSupplier;

/**
 * Bytes per second over a sliding window of {@value #SLOTS} one-second slots (the window
 * aria2 averages over), on an injected nanosecond clock. Allocation-free; not thread-safe
 * (loop thread).
 *
 * <p>{@link #add} only counts: it runs for every buffer received, and a clock read with a
 * branch that flips once a second there made the JIT compile the receive path again after
 * each first flip (loopback harness). Counted bytes join the window at {@link #settle()},
 * which the owner calls about every second, or at a read.
 */
public final class SpeedMeter {

    /** Number of one-second slots in the window: 10. */
    public static final int SLOTS = 10;
    private static final long SLOT_NANOS = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final long[] bytes = new long[SLOTS];
    private final long startNanos;
    private long currentSlot;
    private long total;
    /** Bytes added since the last {@link #settle()}. */
    private long pending;

    public SpeedMeter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.currentSlot = 0;
    }

    /** Records {@code count} bytes moved now. */
    public void add(long count) {
        pending += count;
        total += count;
    }

    /** Puts the bytes added since the last call into the current one-second slot. */
    public void settle() {
        roll();
        bytes[(int) (currentSlot % SLOTS)] += pending;
        pending = 0;
    }

    /** Bytes recorded since creation. */
    public long total() {
        return total;
    }

    /** Average bytes per second over the window (or since creation when younger than the window). */
    public long bytesPerSecond() {
        settle();
        long sum = 0;
        for (long slot : bytes) {
            sum += slot;
        }
        long elapsed = nanoClock.getAsLong() - startNanos;
        long windowNanos = Math.min(Math.max(elapsed, SLOT_NANOS), SLOTS * SLOT_NANOS);
        return (long) (sum * 1e9 / windowNanos);
    }

    private void roll() {
        long slot = (nanoClock.getAsLong() - startNanos) / SLOT_NANOS;
        if (slot <= currentSlot) {
            return;
        }
        long steps = Math.min(slot - currentSlot, SLOTS);
        for (long i = 1; i <= steps; i++) {
            bytes[(int) ((currentSlot + i) % SLOTS)] = 0;
        }
        currentSlot = slot;
    }
}
