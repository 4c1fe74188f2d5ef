package dev.arietta.http.internal.transfer;

import dev.arietta.core.internal.picker.Segment;
import java.util.List;

/**
 * The end-game rule of a {@link SegmentedTransfer}: when nothing is left to hand out and a
 * connection slot is free, the remaining range that would take longest at its connection's
 * speed is raced from its current position on the fastest other usable mirror, if that mirror
 * is {@value #SPEED_RATIO} times faster. Whichever connection reaches the end first wins (see
 * {@link TransferConnection#raceWith}). Stateless.
 */
final class EndGame {

    /** A range is raced only on a mirror at least this many times faster than its connection. */
    static final int SPEED_RATIO = 2;
    /** A connection is judged only after it has run this long (its speed is measured): 2 s. */
    static final long MIN_AGE_NANOS = 2_000_000_000L;

    /** The connection whose range to race, and the mirror to race it on. */
    record Race(TransferConnection slowest, Mirror faster) {
    }

    private EndGame() {
    }

    /** The race to start now among {@code connections}, or null when none is worth it. */
    static Race pick(List<TransferConnection> connections, MirrorSet mirrors, long nowNanos) {
        TransferConnection slowest = null;
        double longest = 0;
        for (TransferConnection connection : connections) {
            Segment segment = connection.segment;
            if (connection.partner != null || !segment.isActive() || segment.end() == Segment.UNKNOWN_END
                    || nowNanos - connection.openedNanos < MIN_AGE_NANOS || segment.remaining() <= 0) {
                continue;
            }
            double seconds = segment.remaining() / (double) Math.max(1, connection.speed.bytesPerSecond());
            if (seconds > longest) {
                slowest = connection;
                longest = seconds;
            }
        }
        if (slowest == null) {
            return null;
        }
        Mirror faster = mirrors.fastestOtherThan(slowest.mirror);
        if (faster == null || faster.speed.bytesPerSecond()
                < SPEED_RATIO * Math.max(1, slowest.speed.bytesPerSecond())) {
            return null;
        }
        return new Race(slowest, faster);
    }
}
