package dev.arietta.bittorrent.internal.wire;

import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.EventLoop;

/**
 * The clock of a {@link DefaultPeerConnection} once the handshakes are done: a tick every
 * {@link PeerWireLimits#TICK_INTERVAL_NANOS} that closes the connection after
 * {@link PeerWireLimits#INACTIVITY_TIMEOUT_NANOS} of the peer's silence, marks the peer
 * snubbed, fails our requests that waited too long ({@link RequestFailure#TIMED_OUT}), and
 * sends a keep-alive after {@link PeerWireLimits#KEEP_ALIVE_INTERVAL_NANOS} of our silence.
 * Every timer runs on the loop's clock, so tests can drive them. Loop thread only.
 */
final class PeerTimers {

    private final DefaultPeerConnection connection;
    private final EventLoop loop;
    private final Runnable tickTask = this::tick;
    private long lastReceivedNanos;
    private Cancellable tickTimer;

    PeerTimers(DefaultPeerConnection connection, EventLoop loop) {
        this.connection = connection;
        this.loop = loop;
    }

    /** Something arrived from the peer at {@code now}. */
    void received(long now) {
        lastReceivedNanos = now;
    }

    /** Both handshakes are done: the ticks start. */
    void start() {
        tickTimer = loop.schedule(PeerWireLimits.TICK_INTERVAL_NANOS, tickTask);
    }

    /** The connection closes: no more ticks. */
    void stop() {
        if (tickTimer != null) {
            tickTimer.cancel();
        }
    }

    private void tick() {
        if (connection.isClosed()) {
            return;
        }
        try {
            long now = loop.nanoTime();
            if (now - lastReceivedNanos >= PeerWireLimits.INACTIVITY_TIMEOUT_NANOS) {
                connection.close(PeerCloseReason.TIMEOUT, "nothing received for "
                        + (now - lastReceivedNanos) / 1_000_000_000L + " s");
                return;
            }
            RequestPipeline pipeline = connection.pipeline();
            // Snubbing looks at the outstanding requests before the timeouts below move them away.
            pipeline.checkSnub(now);
            int index;
            while (!connection.isClosed() && (index = pipeline.timedOut(now)) >= 0) {
                BlockList outstanding = pipeline.outstanding();
                int piece = outstanding.piece(index);
                int offset = outstanding.offset(index);
                int length = outstanding.length(index);
                pipeline.moveToLate(index);
                connection.listener().onRequestFailed(connection, piece, offset, length, RequestFailure.TIMED_OUT);
            }
            if (!connection.isClosed() && now - connection.sender().lastSentNanos()
                    >= PeerWireLimits.KEEP_ALIVE_INTERVAL_NANOS) {
                connection.sender().keepAlive();
            }
        } catch (RuntimeException e) {
            connection.listenerFailed(e);
        }
        if (!connection.isClosed()) {
            tickTimer = loop.schedule(PeerWireLimits.TICK_INTERVAL_NANOS, tickTask);
        }
    }
}
