package dev.arietta.core.internal.loop;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One connection race over a host's addresses, as in Happy Eyeballs v2 (RFC 8305 §4–5).
 *
 * <ol>
 *   <li>The addresses are ordered by {@link #interleave(List)}: families alternate, IPv6
 *       first, resolver order kept within a family.</li>
 *   <li>The first attempt starts at once. The next starts when the previous one fails, or
 *       after the connection attempt delay ({@link #DEFAULT_ATTEMPT_DELAY_NANOS}) if it has
 *       neither succeeded nor failed by then; several attempts may be in flight.</li>
 *   <li>The first attempt to succeed wins; the others are abandoned (closed).</li>
 *   <li>When every address has failed, the listener gets a {@link ConnectException} naming
 *       the addresses, with each attempt's failure attached as suppressed.</li>
 * </ol>
 *
 * <p>The race knows nothing of sockets: an {@link AttemptFactory} starts attempts and reports
 * back through {@link #attemptSucceeded} and {@link #attemptFailed}, so the timing logic is
 * tested with fake attempts and a fake {@link TimerScheduler}. The overall connect timeout
 * belongs to the caller, which {@link #cancel()}s the race.
 *
 * <p>Not thread-safe: every call, and the scheduler's timers, run on one thread (the loop).
 *
 * @param <A> the attempt type
 */
public final class HappyEyeballs<A extends HappyEyeballs.Attempt> implements Cancellable {

    /** RFC 8305's recommended connection attempt delay: 250 ms. */
    public static final long DEFAULT_ATTEMPT_DELAY_NANOS = 250_000_000L;

    /** One connection attempt to one address. */
    public interface Attempt {
        /** Gives the attempt up and releases what it holds (closes its socket). */
        void abandon();
    }

    /** Starts attempts; reports their outcome later, never from inside {@code start}. */
    @FunctionalInterface
    public interface AttemptFactory<A extends Attempt> {
        /**
         * Starts connecting to {@code address}.
         *
         * @throws IOException if the attempt fails at once (e.g. network unreachable)
         */
        A start(InetSocketAddress address, HappyEyeballs<A> race) throws IOException;
    }

    /** Hears the race's single outcome. */
    public interface Listener<A> {
        /** {@code winner} connected; the race no longer owns it. */
        void connected(A winner);

        /** Every attempt failed. */
        void failed(IOException cause);
    }

    private final TimerScheduler scheduler;
    private final AttemptFactory<A> factory;
    private final long attemptDelayNanos;
    private final Listener<A> listener;
    private final Deque<InetSocketAddress> pending = new ArrayDeque<>();
    private final List<A> inFlight = new ArrayList<>();
    private final List<IOException> failures = new ArrayList<>();
    private final List<InetSocketAddress> tried = new ArrayList<>();
    private Cancellable delayTimer;
    private boolean finished;

    /**
     * @param attemptDelayNanos how long an attempt may run before the next one starts
     *                          alongside it (nanoseconds)
     */
    public HappyEyeballs(TimerScheduler scheduler, AttemptFactory<A> factory, long attemptDelayNanos,
                         Listener<A> listener) {
        if (attemptDelayNanos < 0) {
            throw new IllegalArgumentException("negative attempt delay " + attemptDelayNanos);
        }
        this.scheduler = scheduler;
        this.factory = factory;
        this.attemptDelayNanos = attemptDelayNanos;
        this.listener = listener;
    }

    /**
     * RFC 8305 §4 ordering: IPv6 and IPv4 addresses alternate starting with IPv6 (if any);
     * within a family the input order is kept.
     */
    public static List<InetAddress> interleave(List<InetAddress> addresses) {
        Deque<InetAddress> v6 = new ArrayDeque<>();
        Deque<InetAddress> v4 = new ArrayDeque<>();
        for (InetAddress address : addresses) {
            (address instanceof Inet6Address ? v6 : v4).add(address);
        }
        List<InetAddress> ordered = new ArrayList<>(addresses.size());
        while (!v6.isEmpty() || !v4.isEmpty()) {
            if (!v6.isEmpty()) {
                ordered.add(v6.poll());
            }
            if (!v4.isEmpty()) {
                ordered.add(v4.poll());
            }
        }
        return ordered;
    }

    /**
     * Starts the race.
     *
     * @param addresses resolved addresses (at least one), in resolver order
     * @param port      the port to connect to
     */
    public void start(List<InetAddress> addresses, int port) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no addresses to connect to");
        }
        for (InetAddress address : interleave(addresses)) {
            pending.add(new InetSocketAddress(address, port));
        }
        startNext();
    }

    /** Reports that {@code attempt} connected. Late reports after the race ended abandon it. */
    public void attemptSucceeded(A attempt) {
        if (finished || !inFlight.remove(attempt)) {
            attempt.abandon();
            return;
        }
        finish();
        listener.connected(attempt);
    }

    /** Reports that {@code attempt} failed with {@code cause}. */
    public void attemptFailed(A attempt, IOException cause) {
        if (finished || !inFlight.remove(attempt)) {
            return;
        }
        failures.add(cause);
        // RFC 8305 §5: a failure starts the next attempt at once instead of waiting the delay.
        startNext();
    }

    /** Abandons every attempt in flight; the listener is not called. Idempotent. */
    @Override
    public void cancel() {
        if (!finished) {
            finish();
        }
    }

    /** Whether the race has ended (won, lost or cancelled). */
    public boolean isFinished() {
        return finished;
    }

    private void startNext() {
        cancelDelayTimer();
        while (!pending.isEmpty()) {
            InetSocketAddress address = pending.poll();
            tried.add(address);
            try {
                A attempt = factory.start(address, this);
                inFlight.add(attempt);
                if (!pending.isEmpty()) {
                    delayTimer = scheduler.schedule(attemptDelayNanos, this::onDelayElapsed);
                }
                return;
            } catch (IOException immediateFailure) {
                failures.add(immediateFailure);
            }
        }
        if (inFlight.isEmpty()) {
            finished = true;
            ConnectException failure = new ConnectException("could not connect to any of " + tried
                    + (failures.isEmpty() ? "" : ": " + failures.get(failures.size() - 1).getMessage()));
            failures.forEach(failure::addSuppressed);
            listener.failed(failure);
        }
    }

    private void onDelayElapsed() {
        delayTimer = null;
        if (!finished) {
            startNext();
        }
    }

    private void finish() {
        finished = true;
        cancelDelayTimer();
        for (A attempt : inFlight) {
            attempt.abandon();
        }
        inFlight.clear();
        pending.clear();
    }

    private void cancelDelayTimer() {
        if (delayTimer != null) {
            delayTimer.cancel();
            delayTimer = null;
        }
    }
}
