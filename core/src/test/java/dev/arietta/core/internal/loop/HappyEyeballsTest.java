package dev.arietta.core.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HappyEyeballsTest {

    private static final long DELAY = HappyEyeballs.DEFAULT_ATTEMPT_DELAY_NANOS;

    private final FakeTimerScheduler scheduler = new FakeTimerScheduler();
    private final List<FakeAttempt> started = new ArrayList<>();
    private final List<InetSocketAddress> refusedAtOnce = new ArrayList<>();
    private FakeAttempt winner;
    private IOException failure;

    private final HappyEyeballs<FakeAttempt> race = new HappyEyeballs<>(scheduler, (address, owner) -> {
        if (refusedAtOnce.contains(address)) {
            throw new IOException("unreachable " + address);
        }
        FakeAttempt attempt = new FakeAttempt(address);
        started.add(attempt);
        return attempt;
    }, DELAY, new HappyEyeballs.Listener<>() {
        @Override
        public void connected(FakeAttempt attempt) {
            winner = attempt;
        }

        @Override
        public void failed(IOException cause) {
            failure = cause;
        }
    });

    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void interleavesFamiliesStartingWithIpv6() throws Exception {
        List<InetAddress> ordered = HappyEyeballs.interleave(List.of(
                address("10.0.0.1"), address("10.0.0.2"), address("10.0.0.3"),
                address("2001:db8::1"), address("2001:db8::2")));
        assertEquals(List.of(address("2001:db8::1"), address("10.0.0.1"), address("2001:db8::2"),
                address("10.0.0.2"), address("10.0.0.3")), ordered);
    }

    @Test
    void nextAttemptStartsAfterTheDelayWhenTheFirstHangs() throws Exception {
        race.start(List.of(address("2001:db8::1"), address("10.0.0.1")), 80);
        assertEquals(1, started.size());
        assertEquals(address("2001:db8::1"), started.get(0).address.getAddress());

        scheduler.advance(DELAY - 1);
        assertEquals(1, started.size());
        scheduler.advance(1);
        assertEquals(2, started.size());
        assertEquals(address("10.0.0.1"), started.get(1).address.getAddress());

        race.attemptSucceeded(started.get(1));
        assertSame(started.get(1), winner);
        assertTrue(started.get(0).abandoned, "the slower attempt is closed");
        assertTrue(!started.get(1).abandoned);
        assertNull(failure);
        assertEquals(0, scheduler.pendingTimers());
    }

    @Test
    void failureStartsTheNextAttemptWithoutWaiting() throws Exception {
        race.start(List.of(address("2001:db8::1"), address("10.0.0.1")), 80);
        race.attemptFailed(started.get(0), new ConnectException("refused"));
        assertEquals(2, started.size());
        assertEquals(0, scheduler.nanoTime());
        race.attemptSucceeded(started.get(1));
        assertSame(started.get(1), winner);
    }

    @Test
    void lateSuccessAfterAWinIsAbandoned() throws Exception {
        race.start(List.of(address("2001:db8::1"), address("10.0.0.1")), 80);
        scheduler.advance(DELAY);
        race.attemptSucceeded(started.get(0));
        race.attemptSucceeded(started.get(1));
        assertSame(started.get(0), winner);
        assertTrue(started.get(1).abandoned);
    }

    @Test
    void allFailuresAreReportedTogether() throws Exception {
        refusedAtOnce.add(new InetSocketAddress(address("10.0.0.2"), 80));
        race.start(List.of(address("10.0.0.1"), address("10.0.0.2"), address("10.0.0.3")), 80);
        race.attemptFailed(started.get(0), new ConnectException("refused one"));
        assertEquals(2, started.size(), "the immediately failing address is skipped");
        assertNull(failure);
        race.attemptFailed(started.get(1), new ConnectException("refused three"));

        assertInstanceOf(ConnectException.class, failure);
        assertTrue(failure.getMessage().contains("10.0.0.1"), failure.getMessage());
        assertTrue(failure.getMessage().contains("10.0.0.3"), failure.getMessage());
        assertEquals(3, failure.getSuppressed().length);
        assertNull(winner);
    }

    @Test
    void cancelAbandonsEverythingSilently() throws Exception {
        race.start(List.of(address("2001:db8::1"), address("10.0.0.1")), 80);
        scheduler.advance(DELAY);
        race.cancel();
        assertTrue(started.get(0).abandoned && started.get(1).abandoned);
        race.attemptFailed(started.get(0), new ConnectException("late"));
        assertNull(failure);
        assertNull(winner);
    }

    private static final class FakeAttempt implements HappyEyeballs.Attempt {
        final InetSocketAddress address;
        boolean abandoned;

        FakeAttempt(InetSocketAddress address) {
            this.address = address;
        }

        @Override
        public void abandon() {
            abandoned = true;
        }
    }
}
