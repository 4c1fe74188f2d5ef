package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.wire.AllowedFastSet;
import dev.arietta.bittorrent.internal.wire.PeerCloseReason;
import dev.arietta.bittorrent.internal.wire.PeerConnection;
import dev.arietta.bittorrent.internal.wire.PeerId;
import dev.arietta.bittorrent.internal.wire.PeerWireLimits;
import dev.arietta.core.internal.piece.Bitfield;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of a running torrent: outgoing connects up to {@code bt-max-peers}, the
 * admission of every handshake (one connection per peer id, banned peers refused), the peers'
 * pieces as the picker counts them, our interest in each peer, choking rounds and allowed-fast
 * sets, HAVEs, blame and bans, and the bookkeeping when a connection closes. Loop thread only.
 */
final class PeerManager {

    private static final Logger LOG = LoggerFactory.getLogger(PeerManager.class);

    /** Outgoing connections in progress (connect or handshake) at once per torrent: 8. */
    static final int MAX_CONNECTING = 8;

    /** Blame records kept for peers, connected or recently gone: 512. */
    static final int MAX_BLAME_RECORDS = 512;

    private record Blame(InetSocketAddress address, PeerId peerId, int[] strikes) {
    }

    private final Torrent torrent;
    private final List<PeerSession> established = new ArrayList<>();
    private final Set<PeerSession> connecting = new LinkedHashSet<>();
    private final Map<Integer, PeerSession> bySource = new HashMap<>();
    private final Map<PeerId, PeerSession> byId = new HashMap<>();
    private final Map<Integer, Blame> blames = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Blame> eldest) {
            return size() > MAX_BLAME_RECORDS;
        }
    };
    private int nextSource;
    private int seeds;
    private long retiredDownloaded;
    private long retiredUploaded;

    PeerManager(Torrent torrent) {
        this.torrent = torrent;
    }

    /** Peers whose handshake is done, in connection order. Do not modify. */
    List<PeerSession> established() {
        return established;
    }

    PeerSession bySource(int source) {
        return bySource.get(source);
    }

    int seeds() {
        return seeds;
    }

    /** A fresh source id for the picker (peers and web seeds draw from the same numbers). */
    int newSource() {
        return nextSource++;
    }

    /** Payload bytes received from every peer of this run. */
    long downloadedBytes() {
        long total = retiredDownloaded;
        for (PeerSession peer : established) {
            total += peer.connection.downloadedBytes();
        }
        return total;
    }

    /** Payload bytes sent to every peer of this run. */
    long uploadedBytes() {
        long total = retiredUploaded;
        for (PeerSession peer : established) {
            total += peer.connection.uploadedBytes();
        }
        return total;
    }

    long downloadRate() {
        long rate = 0;
        for (PeerSession peer : established) {
            rate += peer.connection.downloadRate();
        }
        return rate;
    }

    long uploadRate() {
        long rate = 0;
        for (PeerSession peer : established) {
            rate += peer.connection.uploadRate();
        }
        return rate;
    }

    // ---- connecting

    /** A session for an incoming connection whose handshake names this torrent. */
    PeerSession incoming() {
        PeerSession session = new PeerSession(torrent, newSource(), null, true);
        connecting.add(session);
        return session;
    }

    /** Opens outgoing connections while below {@code bt-max-peers}; asks the trackers for more when out of addresses. */
    void connectMore() {
        if (!torrent.isRunning()) {
            return;
        }
        long now = torrent.loop.nanoTime();
        while (hasRoom() && outgoingInProgress() < MAX_CONNECTING) {
            InetSocketAddress address = torrent.directory.nextCandidate(now);
            if (address == null) {
                break;
            }
            if (torrent.context.isOwnAddress(address)) {
                torrent.directory.exclude(address);
                continue;
            }
            PeerSession session = new PeerSession(torrent, newSource(), address, false);
            connecting.add(session);
            session.connection = torrent.context.peerConnector().connect(address, torrent.params, session);
        }
        if (hasRoom() && torrent.directory.candidates(now) == 0 && torrent.announcer != null) {
            torrent.announcer.needMorePeers();
        }
    }

    private boolean hasRoom() {
        int max = torrent.settings().maxPeers();
        return max == 0 || established.size() + connecting.size() < max;
    }

    private int outgoingInProgress() {
        int count = 0;
        for (PeerSession session : connecting) {
            if (!session.incoming) {
                count++;
            }
        }
        return count;
    }

    /** Both handshakes are done: accept the peer or refuse it. */
    boolean admit(PeerSession session) {
        connecting.remove(session);
        PeerConnection connection = session.connection;
        if (!torrent.isRunning()) {
            return false;
        }
        PeerId id = connection.peerId();
        if (torrent.directory.isBanned(id)) {
            connection.close(PeerCloseReason.BANNED);
            return false;
        }
        if (byId.containsKey(id)) {
            connection.close(PeerCloseReason.DUPLICATE);
            return false;
        }
        int max = torrent.settings().maxPeers();
        if (max > 0 && established.size() >= max) {
            return false;
        }
        session.established = true;
        session.connectedSinceNanos = torrent.loop.nanoTime();
        session.pieces = new Bitfield(torrent.geometry.pieceCount());
        established.add(session);
        bySource.put(session.source, session);
        byId.put(id, session);
        blames.put(session.source, new Blame(session.listenAddress, id, new int[1]));
        if (session.listenAddress != null) {
            torrent.directory.connected(session.listenAddress);
        }
        torrent.picker.peerJoined(session.pieces);
        connection.sendBitfield(torrent.picker.verifiedPieces());
        LOG.debug("{}: {} connected", torrent, session);
        return true;
    }

    /** An incoming peer told its listen port (BEP 10 {@code p}): remember how to reach it. */
    void learnedListenPort(PeerSession session, int port) {
        InetSocketAddress address = new InetSocketAddress(session.connection.remoteAddress().getAddress(), port);
        if (torrent.directory.isBusy(address) || torrent.directory.isExcluded(address)) {
            return;
        }
        torrent.directory.add(address, torrent.loop.nanoTime());
        if (session.established) {
            torrent.directory.connected(address);
            session.listenAddress = address;
            Blame blame = blames.get(session.source);
            if (blame != null) {
                blames.put(session.source, new Blame(address, blame.peerId, blame.strikes));
            }
        }
    }

    // ---- the peers' pieces and our interest

    void bitfield(PeerSession session, Bitfield announced) {
        torrent.picker.peerLeft(session.pieces);
        session.pieces = announced;
        if (announced.isFull()) {
            session.seed = true;
            seeds++;
            torrent.picker.seedJoined();
        } else {
            torrent.picker.peerJoined(announced);
        }
        if (session.allowedFast != null) {
            session.allowedFastHave = session.allowedFast.copy();
            session.allowedFastHave.and(announced);
        }
        if (session.seed && torrent.isSeeding()) {
            session.connection.close(PeerCloseReason.NOT_USEFUL);
            return;
        }
        updateInterest(session);
    }

    void have(PeerSession session, int piece) {
        if (session.seed || !torrent.picker.peerHave(session.pieces, piece)) {
            return;
        }
        if (session.allowedFast != null && session.allowedFast.get(piece)) {
            session.allowedFastHave.set(piece);
        }
        if (session.pieces.isFull()) {
            torrent.picker.peerBecameSeed(session.pieces);
            session.seed = true;
            seeds++;
            if (torrent.isSeeding()) {
                session.connection.close(PeerCloseReason.NOT_USEFUL);
                return;
            }
        }
        if (!session.connection.amInterested() && torrent.isDownloading() && isWanted(piece)) {
            session.connection.setInterested(true);
            torrent.downloader.fill(session);
        }
    }

    private boolean isWanted(int piece) {
        return !torrent.picker.isVerified(piece) && torrent.picker.priority(piece) != 0;
    }

    /** Re-decides whether we want something {@code session} has, and sends interested or not-interested. */
    void updateInterest(PeerSession session) {
        session.interestStale = false;
        boolean want = torrent.isDownloading() && torrent.picker.isInteresting(session.pieces);
        if (want != session.connection.amInterested()) {
            session.connection.setInterested(want);
            if (want) {
                torrent.downloader.fill(session);
            }
        }
    }

    /** A piece was verified: HAVE to every peer; interest in peers that have it gets a fresh look on the next tick. */
    void pieceVerified(int piece) {
        for (PeerSession peer : established) {
            peer.suggested.remove(piece);
            peer.connection.sendHave(piece);
            if (peer.connection.amInterested() && peer.pieces.get(piece)) {
                peer.interestStale = true;
            }
        }
    }

    /** Every selected piece is verified: no more interest; seeds have nothing for us and we nothing for them. */
    void downloadComplete() {
        for (PeerSession peer : new ArrayList<>(established)) {
            peer.connection.setInterested(false);
            if (peer.seed) {
                peer.connection.close(PeerCloseReason.NOT_USEFUL);
            }
        }
    }

    // ---- choking

    void interestChanged(PeerSession session, boolean interested) {
        if (interested) {
            offerAllowedFast(session);
            if (session.connection.amChoking() && torrent.choker.hasFreeSlot(unchokedInterested())) {
                session.connection.unchoke();
            }
        } else if (!session.connection.amChoking()) {
            choke(session);
        }
    }

    /**
     * BEP 6, as libtorrent does it: the first time a fast-extension peer that is not a seed is
     * interested while we choke it and have verified pieces, it is sent its canonical
     * allowed-fast set ({@link AllowedFastSet}, {@link PeerWireLimits#ALLOWED_FAST_SET_SIZE}
     * pieces from its address and the info-hash), less the pieces it has. It may request those
     * pieces while choked ({@link Uploader}); an IPv6 peer gets none (BEP 6 defines no set).
     */
    private void offerAllowedFast(PeerSession session) {
        PeerConnection connection = session.connection;
        if (session.allowedFastGranted != null || !connection.fastExtension() || !connection.amChoking()
                || session.seed || torrent.picker.verifiedCount() == 0) {
            return;
        }
        int pieceCount = torrent.geometry.pieceCount();
        session.allowedFastGranted = new Bitfield(pieceCount);
        for (int piece : AllowedFastSet.generate(PeerWireLimits.ALLOWED_FAST_SET_SIZE, pieceCount,
                torrent.metainfo.infoHash(), connection.remoteAddress().getAddress())) {
            if (!session.pieces.get(piece)) {
                session.allowedFastGranted.set(piece);
                connection.sendAllowedFast(piece);
            }
        }
    }

    private int unchokedInterested() {
        int count = 0;
        for (PeerSession peer : established) {
            if (!peer.connection.amChoking() && peer.connection.peerInterested()) {
                count++;
            }
        }
        return count;
    }

    void chokeRound() {
        Set<PeerSession> unchoke = torrent.choker.round(established, torrent.isSeeding(), torrent.loop.nanoTime(),
                torrent.random);
        for (PeerSession peer : established) {
            if (unchoke.contains(peer)) {
                peer.connection.unchoke();
            } else if (!peer.connection.amChoking()) {
                choke(peer);
            }
        }
    }

    private void choke(PeerSession peer) {
        peer.connection.choke();
        torrent.uploader.choked(peer);
    }

    // ---- upkeep

    /** Once a second: stale interest, more connections. */
    void tick() {
        for (PeerSession peer : established) {
            if (peer.interestStale) {
                updateInterest(peer);
            }
        }
        connectMore();
    }

    /**
     * A piece that {@code source} helped build failed its hash check. A sole supplier is banned
     * at once; a contributor is put on parole (whole pieces of its own, see {@link Downloader}),
     * and banned after {@link Downloader#MAX_SHARED_FAILURES} failed pieces.
     */
    void blame(int source, boolean sole, int piece) {
        Blame blame = blames.get(source);
        if (blame == null) {
            return;
        }
        blame.strikes[0]++;
        if (!sole && blame.strikes[0] < Downloader.MAX_SHARED_FAILURES) {
            LOG.info("{}: peer {} contributed to piece {}, which failed its hash check ({} of {}): on parole",
                    torrent, blame.peerId, piece, blame.strikes[0], Downloader.MAX_SHARED_FAILURES);
            PeerSession session = bySource.get(source);
            if (session != null) {
                session.onParole = true;
            }
            return;
        }
        LOG.warn("{}: banning peer {} at {}: piece {} failed its hash check", torrent, blame.peerId, blame.address,
                piece);
        torrent.directory.ban(blame.address, blame.peerId);
        PeerSession session = bySource.get(source);
        if (session != null) {
            session.connection.close(PeerCloseReason.BANNED);
        }
        torrent.downloader.dropSuppliedBy(source);
    }

    /** A piece passed: if one peer on parole supplied all of it, its parole ends. */
    void piecePassed(int soleSupplier) {
        PeerSession session = bySource.get(soleSupplier);
        if (session != null && session.onParole) {
            session.onParole = false;
        }
    }

    void closed(PeerSession session, PeerCloseReason reason, String detail) {
        connecting.remove(session);
        boolean wasEstablished = session.established;
        if (wasEstablished) {
            session.established = false;
            established.remove(session);
            bySource.remove(session.source);
            byId.remove(session.connection.peerId(), session);
            if (session.seed) {
                seeds--;
                torrent.picker.seedLeft();
            } else {
                torrent.picker.peerLeft(session.pieces);
            }
            torrent.picker.abortAllRequests(session.source);
            retiredDownloaded += session.connection.downloadedBytes();
            retiredUploaded += session.connection.uploadedBytes();
            torrent.choker.removed(session);
            session.uploads.clear();
            torrent.downloader.fillSoon();
            LOG.debug("{}: {} closed, {}: {}", torrent, session, reason, detail);
        }
        if (session.listenAddress != null) {
            torrent.directory.closed(session.listenAddress, wasEstablished, reason, torrent.loop.nanoTime());
        }
    }

    /** Closes every connection (the torrent stops). */
    void closeAll() {
        for (PeerSession session : new ArrayList<>(connecting)) {
            if (session.connection != null) {
                session.connection.close(PeerCloseReason.LOCAL);
            }
        }
        connecting.clear();
        for (PeerSession session : new ArrayList<>(established)) {
            session.connection.close(PeerCloseReason.LOCAL);
        }
    }
}
