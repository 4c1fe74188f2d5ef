package dev.arietta.bittorrent.internal.swarm.peer;

import dev.arietta.bittorrent.internal.wire.PeerCloseReason;
import dev.arietta.bittorrent.internal.wire.PeerId;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The addresses one swarm may connect to, and what it learned about each: whether a connection
 * is open or being made, when a failed address may be tried again, and which peers are banned.
 *
 * <p>Back-off: a failed connect is retried after {@link #RETRY_DELAY_NANOS} doubled per
 * consecutive failure, and the address is forgotten after {@link #MAX_CONNECT_FAILURES}
 * failures in a row. A connection the peer ended, or that timed out, may be made again after
 * {@link #RECONNECT_DELAY_NANOS}; one closed because neither side needed the other (both seeds),
 * or because the peer is already connected another way, after {@link #NOT_USEFUL_DELAY_NANOS}. Our own address (a self-connection) and banned
 * addresses are never tried again; banned peer ids are refused whatever their address.
 *
 * <p>Bans are per address (IP and port) and peer id, not per IP: peers sharing an IP (behind
 * one NAT, or every peer on a loopback test) are not punished for one of them.
 *
 * <p>At most {@link #MAX_KNOWN_PEERS} addresses are kept; further ones are ignored until some
 * are forgotten. Not thread-safe; loop thread only.
 */
public final class PeerDirectory {

    /** Most addresses kept: 2000. */
    public static final int MAX_KNOWN_PEERS = 2000;

    /** First wait after a failed connect: 15 s, doubled per further failure. */
    public static final long RETRY_DELAY_NANOS = 15_000_000_000L;

    /** Consecutive failed connects after which an address is forgotten: 5. */
    public static final int MAX_CONNECT_FAILURES = 5;

    /** Wait before reconnecting to a peer whose connection ended: 60 s. */
    public static final long RECONNECT_DELAY_NANOS = 60_000_000_000L;

    /** Wait before reconnecting to a peer we had nothing to exchange with: 30 min. */
    public static final long NOT_USEFUL_DELAY_NANOS = 1_800_000_000_000L;

    /** Most banned peer ids remembered: 1000. */
    public static final int MAX_BANNED_IDS = 1000;

    private enum State { IDLE, CONNECTING, CONNECTED, EXCLUDED }

    private static final class Entry {
        State state = State.IDLE;
        int failures;
        long retryAtNanos;
    }

    private final Map<InetSocketAddress, Entry> entries = new LinkedHashMap<>();
    private final Set<PeerId> bannedIds = new HashSet<>();

    /**
     * Learns an address.
     *
     * @return whether it is new (not known, not banned, room left)
     */
    public boolean add(InetSocketAddress address, long nowNanos) {
        if (entries.containsKey(address) || entries.size() >= MAX_KNOWN_PEERS || address.getPort() == 0) {
            return false;
        }
        Entry entry = new Entry();
        entry.retryAtNanos = nowNanos;
        entries.put(address, entry);
        return true;
    }

    /** Addresses known (banned and excluded ones included). */
    public int size() {
        return entries.size();
    }

    /**
     * Takes the first address that may be tried now and marks it connecting.
     *
     * @return the address, or null if none may be tried now
     */
    public InetSocketAddress nextCandidate(long nowNanos) {
        for (Map.Entry<InetSocketAddress, Entry> known : entries.entrySet()) {
            Entry entry = known.getValue();
            if (entry.state == State.IDLE && nowNanos - entry.retryAtNanos >= 0) {
                entry.state = State.CONNECTING;
                return known.getKey();
            }
        }
        return null;
    }

    /** Addresses that may be tried now. */
    public int candidates(long nowNanos) {
        int count = 0;
        for (Entry entry : entries.values()) {
            if (entry.state == State.IDLE && nowNanos - entry.retryAtNanos >= 0) {
                count++;
            }
        }
        return count;
    }

    /** Whether a connection to {@code address} is open or being made. */
    public boolean isBusy(InetSocketAddress address) {
        Entry entry = entries.get(address);
        return entry != null && (entry.state == State.CONNECTING || entry.state == State.CONNECTED);
    }

    /** The handshake with {@code address} succeeded. */
    public void connected(InetSocketAddress address) {
        Entry entry = entries.get(address);
        if (entry != null && entry.state != State.EXCLUDED) {
            entry.state = State.CONNECTED;
            entry.failures = 0;
        }
    }

    /**
     * A connection to {@code address} (made by us) ended.
     *
     * @param established whether its handshake had completed
     */
    public void closed(InetSocketAddress address, boolean established, PeerCloseReason reason, long nowNanos) {
        Entry entry = entries.get(address);
        if (entry == null || entry.state == State.EXCLUDED) {
            return;
        }
        switch (reason) {
            case SELF_CONNECTION, BANNED -> {
                entry.state = State.EXCLUDED;
                return;
            }
            default -> {
            }
        }
        entry.state = State.IDLE;
        if (reason == PeerCloseReason.DUPLICATE) {
            // Reached another way already (it connected to us too): nothing to retry soon.
            entry.retryAtNanos = nowNanos + NOT_USEFUL_DELAY_NANOS;
        } else if (!established) {
            entry.failures++;
            if (entry.failures >= MAX_CONNECT_FAILURES) {
                entries.remove(address);
                return;
            }
            entry.retryAtNanos = nowNanos + (RETRY_DELAY_NANOS << (entry.failures - 1));
        } else if (reason == PeerCloseReason.NOT_USEFUL) {
            entry.retryAtNanos = nowNanos + NOT_USEFUL_DELAY_NANOS;
        } else {
            entry.retryAtNanos = nowNanos + RECONNECT_DELAY_NANOS;
        }
    }

    /** Every address known and not excluded becomes a candidate at once (the torrent restarted). */
    public void resetBackoff(long nowNanos) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.state != State.EXCLUDED) {
                entry.state = State.IDLE;
                entry.failures = 0;
                entry.retryAtNanos = nowNanos;
            }
        }
    }

    /** Never connects to {@code address} again (it is us, or it is banned). */
    public void exclude(InetSocketAddress address) {
        Entry entry = entries.get(address);
        if (entry == null) {
            if (entries.size() >= MAX_KNOWN_PEERS) {
                return;
            }
            entry = new Entry();
            entries.put(address, entry);
        }
        entry.state = State.EXCLUDED;
    }

    /** Whether {@code address} is excluded (us, or banned). */
    public boolean isExcluded(InetSocketAddress address) {
        Entry entry = entries.get(address);
        return entry != null && entry.state == State.EXCLUDED;
    }

    /** Bans a peer: its address if we know how to reach it, and its id. */
    public void ban(InetSocketAddress listenAddress, PeerId peerId) {
        if (listenAddress != null) {
            exclude(listenAddress);
        }
        if (bannedIds.size() < MAX_BANNED_IDS) {
            bannedIds.add(peerId);
        }
    }

    public boolean isBanned(PeerId peerId) {
        return bannedIds.contains(peerId);
    }
}
