package dev.arietta.bittorrent.internal.swarm.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.wire.PeerCloseReason;
import dev.arietta.bittorrent.internal.wire.PeerId;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PeerDirectoryTest {

    private static final long START = 5_000_000_000_000L;
    private static final InetSocketAddress A = new InetSocketAddress("10.0.0.1", 6881);
    private static final InetSocketAddress B = new InetSocketAddress("10.0.0.2", 6881);

    private final PeerDirectory directory = new PeerDirectory();

    @Test
    void eachAddressIsTriedOnceAtATime() {
        assertTrue(directory.add(A, START));
        assertFalse(directory.add(A, START));
        assertEquals(A, directory.nextCandidate(START));
        assertTrue(directory.isBusy(A));
        assertNull(directory.nextCandidate(START));
    }

    @Test
    void failedConnectsBackOffDoublingAndAreForgottenAfterTheLimit() {
        directory.add(A, START);
        long now = START;
        for (int failure = 1; failure < PeerDirectory.MAX_CONNECT_FAILURES; failure++) {
            assertEquals(A, directory.nextCandidate(now));
            directory.closed(A, false, PeerCloseReason.NETWORK_ERROR, now);
            long wait = PeerDirectory.RETRY_DELAY_NANOS << (failure - 1);
            assertNull(directory.nextCandidate(now + wait - 1));
            now += wait;
        }
        assertEquals(A, directory.nextCandidate(now));
        directory.closed(A, false, PeerCloseReason.NETWORK_ERROR, now);
        assertEquals(0, directory.size());
    }

    @Test
    void aClosedConnectionIsRetriedLaterAndAUselessOneMuchLater() {
        directory.add(A, START);
        directory.add(B, START);
        directory.nextCandidate(START);
        directory.nextCandidate(START);
        directory.connected(A);
        directory.connected(B);
        directory.closed(A, true, PeerCloseReason.REMOTE, START);
        directory.closed(B, true, PeerCloseReason.NOT_USEFUL, START);
        assertEquals(A, directory.nextCandidate(START + PeerDirectory.RECONNECT_DELAY_NANOS));
        assertNull(directory.nextCandidate(START + PeerDirectory.RECONNECT_DELAY_NANOS));
        assertEquals(B, directory.nextCandidate(START + PeerDirectory.NOT_USEFUL_DELAY_NANOS));
    }

    @Test
    void aDuplicateIsNotACountedFailure() {
        directory.add(A, START);
        for (int attempt = 0; attempt < PeerDirectory.MAX_CONNECT_FAILURES + 1; attempt++) {
            long now = START + attempt * PeerDirectory.NOT_USEFUL_DELAY_NANOS;
            assertEquals(A, directory.nextCandidate(now));
            directory.closed(A, false, PeerCloseReason.DUPLICATE, now);
            assertNull(directory.nextCandidate(now + PeerDirectory.NOT_USEFUL_DELAY_NANOS - 1));
        }
        assertEquals(1, directory.size());
    }

    @Test
    void ourselvesAndBannedPeersAreNeverTriedAgain() {
        PeerId id = PeerId.of("-XX0001-badbadbad012".getBytes(StandardCharsets.US_ASCII));
        directory.add(A, START);
        directory.add(B, START);
        directory.nextCandidate(START);
        directory.closed(A, false, PeerCloseReason.SELF_CONNECTION, START);
        directory.ban(B, id);
        directory.resetBackoff(START);
        assertNull(directory.nextCandidate(START + PeerDirectory.NOT_USEFUL_DELAY_NANOS));
        assertTrue(directory.isExcluded(A));
        assertTrue(directory.isBanned(id));
        assertFalse(directory.add(B, START));
    }

    @Test
    void theNumberOfAddressesIsBounded() {
        for (int i = 0; i < PeerDirectory.MAX_KNOWN_PEERS + 10; i++) {
            directory.add(new InetSocketAddress("10.1." + (i >> 8) + "." + (i & 255), 6881), START);
        }
        assertEquals(PeerDirectory.MAX_KNOWN_PEERS, directory.size());
    }
}
