package dev.arietta.bittorrent.internal.swarm.choke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChokerTest {

    private static final long NOW = 1_000_000_000_000L;
    private static final long OLD = NOW - 2 * Choker.NEW_PEER_NANOS;

    /** A peer with fixed rates. */
    private static final class FakeCandidate implements ChokeCandidate {
        final String name;
        boolean interested = true;
        boolean snubbed;
        long download;
        long upload;
        long since = OLD;

        FakeCandidate(String name, long download, long upload) {
            this.name = name;
            this.download = download;
            this.upload = upload;
        }

        @Override
        public boolean peerInterested() {
            return interested;
        }

        @Override
        public boolean isSnubbed() {
            return snubbed;
        }

        @Override
        public long downloadRate() {
            return download;
        }

        @Override
        public long uploadRate() {
            return upload;
        }

        @Override
        public long connectedSinceNanos() {
            return since;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final SplittableRandom random = new SplittableRandom(3);

    private static List<FakeCandidate> peers(int count) {
        List<FakeCandidate> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            peers.add(new FakeCandidate("p" + i, 1000L * (i + 1), 10_000L - 1000L * i));
        }
        return peers;
    }

    @Test
    void whileDownloadingTheFastestUploadersToUsAndOneOptimisticAreUnchoked() {
        List<FakeCandidate> peers = peers(8);
        Choker<FakeCandidate> choker = new Choker<>(4);
        Set<FakeCandidate> unchoked = choker.round(peers, false, NOW, random);
        assertEquals(4, unchoked.size());
        List<FakeCandidate> regular = new ArrayList<>(unchoked).subList(0, 3);
        assertEquals(List.of(peers.get(7), peers.get(6), peers.get(5)), regular);
        FakeCandidate optimistic = choker.optimistic();
        assertTrue(unchoked.contains(optimistic));
        assertFalse(regular.contains(optimistic));
    }

    @Test
    void whileSeedingThePeersWeUploadToFastestAreUnchoked() {
        List<FakeCandidate> peers = peers(8);
        Set<FakeCandidate> unchoked = new Choker<FakeCandidate>(4).round(peers, true, NOW, random);
        assertEquals(List.of(peers.get(0), peers.get(1), peers.get(2)), new ArrayList<>(unchoked).subList(0, 3));
    }

    @Test
    void snubbedPeersRankLastAndUninterestedPeersGetNoSlot() {
        List<FakeCandidate> peers = peers(5);
        peers.get(4).snubbed = true;
        peers.get(3).interested = false;
        Choker<FakeCandidate> choker = new Choker<>(3);
        Set<FakeCandidate> unchoked = choker.round(peers, false, NOW, random);
        assertEquals(List.of(peers.get(2), peers.get(1)), new ArrayList<>(unchoked).subList(0, 2));
        assertFalse(unchoked.contains(peers.get(3)));
        for (int round = 0; round < 30; round++) {
            assertFalse(choker.round(peers, false, NOW, random).contains(peers.get(3)));
        }
    }

    @Test
    void theOptimisticUnchokeMovesEveryThirdRoundAndFavoursNewPeers() {
        List<FakeCandidate> peers = peers(6);
        for (int i = 0; i < 3; i++) {
            peers.get(i).since = NOW - 1;
        }
        Choker<FakeCandidate> choker = new Choker<>(2);
        Map<String, Integer> picks = new HashMap<>();
        FakeCandidate previous = null;
        int changesOffTurn = 0;
        for (int round = 0; round < 3000; round++) {
            choker.round(peers, false, NOW, random);
            FakeCandidate optimistic = choker.optimistic();
            if (round % Choker.OPTIMISTIC_ROUNDS != 0 && optimistic != previous) {
                changesOffTurn++;
            }
            if (round % Choker.OPTIMISTIC_ROUNDS == 0) {
                picks.merge(optimistic.name, 1, Integer::sum);
            }
            previous = optimistic;
        }
        assertEquals(0, changesOffTurn);
        // p5 is always the regular slot; p0-p2 are new (weight 3), p3-p4 old (weight 1): expect 3:1.
        assertNull(picks.get("p5"));
        int newPicks = picks.getOrDefault("p0", 0) + picks.getOrDefault("p1", 0) + picks.getOrDefault("p2", 0);
        int oldPicks = picks.getOrDefault("p3", 0) + picks.getOrDefault("p4", 0);
        double ratio = (double) newPicks / 3 / ((double) oldPicks / 2);
        assertTrue(ratio > 2.2 && ratio < 4, "new peers drawn " + ratio + " times as often");
    }

    @Test
    void aFreeSlotLetsANewlyInterestedPeerInAtOnce() {
        Choker<FakeCandidate> choker = new Choker<>(4);
        assertTrue(choker.hasFreeSlot(3));
        assertFalse(choker.hasFreeSlot(4));
    }

    @Test
    void aPeerThatLeftStopsBeingTheOptimisticOne() {
        List<FakeCandidate> peers = peers(3);
        Choker<FakeCandidate> choker = new Choker<>(1);
        choker.round(peers, false, NOW, random);
        FakeCandidate optimistic = choker.optimistic();
        choker.removed(optimistic);
        assertNull(choker.optimistic());
    }
}
