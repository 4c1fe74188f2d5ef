package dev.arietta.bittorrent.internal.swarm.choke;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Tit-for-tat choking with an optimistic unchoke, as BEP 3 and mainline describe it.
 *
 * <p>Every {@link #ROUND_INTERVAL_NANOS} the swarm runs a {@link #round}: of the interested
 * peers, the {@code slots - 1} best are unchoked — while downloading the ones sending us the
 * most (snubbed peers last: anti-snubbing), while seeding the ones we upload to fastest — plus
 * one optimistic unchoke. The optimistic peer changes every {@value #OPTIMISTIC_ROUNDS} rounds
 * (30 s): a random choked interested peer, a peer connected less than
 * {@link #NEW_PEER_NANOS} ago drawing {@value #NEW_PEER_WEIGHT} times the chances, so
 * newcomers get a first piece to trade. Every other peer is choked.
 *
 * <p>Between rounds, {@link #hasFreeSlot} lets a peer that just became interested be unchoked
 * at once while fewer than {@code slots} interested peers are unchoked, so a new leecher does
 * not wait up to ten seconds for its first block.
 *
 * <p>Not thread-safe; loop thread only.
 *
 * @param <P> the swarm's peer type
 */
public final class Choker<P extends ChokeCandidate> {

    /** Time between two rounds: 10 s. */
    public static final long ROUND_INTERVAL_NANOS = 10_000_000_000L;

    /** The optimistic unchoke moves every this many rounds: 3 (30 s). */
    public static final int OPTIMISTIC_ROUNDS = 3;

    /** Peers connected for less than this (60 s) count as new for the optimistic unchoke. */
    public static final long NEW_PEER_NANOS = 60_000_000_000L;

    /** A new peer's weight in the optimistic draw: 3, as mainline. */
    public static final int NEW_PEER_WEIGHT = 3;

    private int slots;
    private int round;
    private P optimistic;

    /**
     * @param slots peers unchoked at once, the optimistic one included; at least 1
     */
    public Choker(int slots) {
        setSlots(slots);
    }

    /** @throws IllegalArgumentException if below 1 */
    public void setSlots(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("upload slots must be at least 1, not " + value);
        }
        this.slots = value;
    }

    public int slots() {
        return slots;
    }

    /** The current optimistic unchoke, or null. */
    public P optimistic() {
        return optimistic;
    }

    /** Forgets a peer that left. */
    public void removed(P peer) {
        if (optimistic == peer) {
            optimistic = null;
        }
    }

    /**
     * Whether one more interested peer may be unchoked now without waiting for a round.
     *
     * @param unchokedInterested interested peers we do not choke at the moment
     */
    public boolean hasFreeSlot(int unchokedInterested) {
        return unchokedInterested < slots;
    }

    /**
     * Runs one round.
     *
     * @param peers   every connected peer
     * @param seeding rank by our upload rate to them instead of their download rate to us
     * @return the peers to unchoke, best first; every other peer is to be choked
     */
    public Set<P> round(List<P> peers, boolean seeding, long nowNanos, RandomGenerator random) {
        boolean rotate = round % OPTIMISTIC_ROUNDS == 0;
        round++;
        List<P> interested = new ArrayList<>();
        for (P peer : peers) {
            if (peer.peerInterested()) {
                interested.add(peer);
            }
        }
        Comparator<ChokeCandidate> byUpload = Comparator.comparingLong(ChokeCandidate::uploadRate).reversed();
        Comparator<ChokeCandidate> byRate = seeding ? byUpload
                : Comparator.comparing(ChokeCandidate::isSnubbed)
                        .thenComparing(Comparator.comparingLong(ChokeCandidate::downloadRate).reversed())
                        .thenComparing(byUpload);
        interested.sort(byRate);
        Set<P> unchoke = new LinkedHashSet<>();
        for (int i = 0; i < interested.size() && unchoke.size() < slots - 1; i++) {
            unchoke.add(interested.get(i));
        }
        if (optimistic != null && (!interested.contains(optimistic) || unchoke.contains(optimistic))) {
            optimistic = null;
        }
        if (optimistic == null || rotate) {
            optimistic = draw(interested, unchoke, nowNanos, random);
        }
        if (optimistic != null) {
            unchoke.add(optimistic);
        }
        return unchoke;
    }

    private P draw(List<P> interested, Set<P> regular, long nowNanos, RandomGenerator random) {
        List<P> choices = new ArrayList<>();
        int total = 0;
        for (P peer : interested) {
            if (!regular.contains(peer)) {
                choices.add(peer);
                total += weight(peer, nowNanos);
            }
        }
        if (choices.isEmpty()) {
            return null;
        }
        int ticket = random.nextInt(total);
        for (P peer : choices) {
            ticket -= weight(peer, nowNanos);
            if (ticket < 0) {
                return peer;
            }
        }
        throw new AssertionError("optimistic draw ran past its total");
    }

    private static int weight(ChokeCandidate peer, long nowNanos) {
        return nowNanos - peer.connectedSinceNanos() < NEW_PEER_NANOS ? NEW_PEER_WEIGHT : 1;
    }
}
