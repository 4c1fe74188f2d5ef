package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.swarm.choke.ChokeCandidate;
import dev.arietta.bittorrent.internal.wire.ExtensionHandshake;
import dev.arietta.bittorrent.internal.wire.PeerCloseReason;
import dev.arietta.bittorrent.internal.wire.PeerConnection;
import dev.arietta.bittorrent.internal.wire.PeerListener;
import dev.arietta.bittorrent.internal.wire.RequestFailure;
import dev.arietta.core.internal.piece.Bitfield;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;

/**
 * One peer connection of a running torrent: the swarm's state about the peer (its pieces, the
 * pieces it lets us fetch while choked and suggests, the pieces we let it fetch while we choke
 * it, its queued requests to us, its source id for the picker) and the {@link PeerListener} that hands the connection's events to the torrent's
 * parts. Loop thread only.
 */
final class PeerSession implements PeerListener, ChokeCandidate {

    /** A request the peer made that is waiting for its turn to be read from disk. */
    record UploadRequest(int piece, int offset, int length) {
    }

    final Torrent torrent;
    /** The picker's id for this peer: never reused within a torrent's run. */
    final int source;
    /** Where we reach the peer: the address we dialled, or its address with the BEP 10 listen port; may be null. */
    InetSocketAddress listenAddress;
    final boolean incoming;
    PeerConnection connection;
    boolean established;
    long connectedSinceNanos;

    /** Its pieces; every bit set once it is a seed. */
    Bitfield pieces;
    boolean seed;
    /** Pieces it allows us while choked (BEP 6), or null. */
    Bitfield allowedFast;
    /** {@link #allowedFast} pieces it also has: what we may request while choked. */
    Bitfield allowedFastHave;
    Optional<String> client = Optional.empty();
    /** Its interest needs a fresh look (we verified a piece it has). */
    boolean interestStale;
    /** It helped build a piece that failed: it gets whole pieces of its own until one passes. */
    boolean onParole;

    /** Pieces it suggested (BEP 6), requested before the rest. */
    final SuggestedPieces suggested = new SuggestedPieces();

    final ArrayDeque<UploadRequest> uploads = new ArrayDeque<>();
    /** Bytes being read from disk for it. */
    int readingBytes;
    /** Pieces we allowed it to fetch while we choke it (BEP 6), or null before we offered any. */
    Bitfield allowedFastGranted;
    /** Blocks it requested of each allowed-fast piece while we choked it. */
    Map<Integer, Integer> chokedRequests;
    /** Requests for pieces we do not have (never answered with data). */
    int invalidRequests;

    PeerSession(Torrent torrent, int source, InetSocketAddress listenAddress, boolean incoming) {
        this.torrent = torrent;
        this.source = source;
        this.listenAddress = listenAddress;
        this.incoming = incoming;
    }

    /** The bitfield to pick from: its pieces, or only the allowed-fast ones while it chokes us. */
    Bitfield pickablePieces() {
        if (!connection.peerChoking()) {
            return pieces;
        }
        return allowedFastHave;
    }

    // ---- PeerListener: every event goes to the part of the torrent that owns it

    @Override
    public boolean onHandshake(PeerConnection peer) {
        this.connection = peer;
        return torrent.peers.admit(this);
    }

    @Override
    public void onExtensionHandshake(PeerConnection peer, ExtensionHandshake handshake) {
        client = handshake.client();
        if (incoming && listenAddress == null && handshake.listenPort().isPresent()) {
            torrent.peers.learnedListenPort(this, handshake.listenPort().getAsInt());
        }
    }

    @Override
    public void onBitfield(PeerConnection peer, Bitfield announced) {
        torrent.peers.bitfield(this, announced);
    }

    @Override
    public void onHave(PeerConnection peer, int piece) {
        torrent.peers.have(this, piece);
    }

    @Override
    public void onChokeChanged(PeerConnection peer, boolean choked) {
        if (!choked || allowedFastHave != null) {
            torrent.downloader.fill(this);
        }
    }

    @Override
    public void onInterestChanged(PeerConnection peer, boolean interested) {
        torrent.peers.interestChanged(this, interested);
    }

    @Override
    public void onBlock(PeerConnection peer, int piece, int offset, ByteBuffer data) {
        torrent.downloader.blockArrived(this, piece, offset, data);
    }

    @Override
    public void onRequestFailed(PeerConnection peer, int piece, int offset, int length, RequestFailure reason) {
        if (reason == RequestFailure.REJECTED && !peer.peerChoking()) {
            // It will not give us that piece after all: no use preferring it (libtorrent drops it too).
            suggested.remove(piece);
        }
        torrent.downloader.requestFailed(this, piece, offset, length, reason);
    }

    @Override
    public void onRequest(PeerConnection peer, int piece, int offset, int length) {
        torrent.uploader.requested(this, piece, offset, length);
    }

    @Override
    public void onCancel(PeerConnection peer, int piece, int offset, int length) {
        uploads.remove(new UploadRequest(piece, offset, length));
    }

    /** Kept unless the piece is verified already; it is requested before the others once the peer lets us. */
    @Override
    public void onSuggest(PeerConnection peer, int piece) {
        if (!torrent.picker.isVerified(piece)) {
            suggested.add(piece);
        }
    }

    @Override
    public void onAllowedFast(PeerConnection peer, int piece) {
        if (allowedFast == null) {
            allowedFast = new Bitfield(torrent.geometry.pieceCount());
            allowedFastHave = new Bitfield(torrent.geometry.pieceCount());
        }
        allowedFast.set(piece);
        if (pieces.get(piece)) {
            allowedFastHave.set(piece);
            if (peer.peerChoking()) {
                torrent.downloader.fill(this);
            }
        }
    }

    @Override
    public void onExtended(PeerConnection peer, int extensionId, ByteBuffer payload) {
        // No BEP 10 extension is advertised yet (ut_metadata and ut_pex come with magnet links and PEX).
    }

    @Override
    public void onDhtPort(PeerConnection peer, int port) {
        // No DHT yet.
    }

    @Override
    public void onWritable(PeerConnection peer) {
        torrent.uploader.serve(this);
    }

    @Override
    public void onClosed(PeerConnection peer, PeerCloseReason reason, String detail) {
        if (connection == null) {
            connection = peer;
        }
        torrent.peers.closed(this, reason, detail);
    }

    // ---- ChokeCandidate

    @Override
    public boolean peerInterested() {
        return connection.peerInterested();
    }

    @Override
    public boolean isSnubbed() {
        return connection.isSnubbed();
    }

    @Override
    public long downloadRate() {
        return connection.downloadRate();
    }

    @Override
    public long uploadRate() {
        return connection.uploadRate();
    }

    @Override
    public long connectedSinceNanos() {
        return connectedSinceNanos;
    }

    @Override
    public String toString() {
        return connection != null ? connection.toString() : "peer " + listenAddress;
    }
}
