package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.core.internal.piece.Bitfield;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One connected peer in a {@link SwarmStatus}, as aria2's {@code getPeers} reports it.
 *
 * @param address        the remote address (for an incoming connection, its source port)
 * @param peerId         the peer id, printable (see {@code PeerId.toString})
 * @param client         the client name from its BEP 10 {@code v}, else from its peer id
 * @param incoming       whether it connected to us
 * @param amChoking      we choke it
 * @param amInterested   we want its pieces
 * @param peerChoking    it chokes us
 * @param peerInterested it wants our pieces
 * @param seed           it has every piece
 * @param snubbed        it sent nothing for 60 s while we waited
 * @param downloadSpeed  payload bytes per second from it
 * @param uploadSpeed    payload bytes per second to it
 * @param downloaded     payload bytes from it in total
 * @param uploaded       payload bytes to it in total
 * @param pieces         its pieces (a copy)
 */
public record PeerStatus(InetSocketAddress address, String peerId, String client, boolean incoming,
        boolean amChoking, boolean amInterested, boolean peerChoking, boolean peerInterested, boolean seed,
        boolean snubbed, long downloadSpeed, long uploadSpeed, long downloaded, long uploaded, Bitfield pieces) {

    public PeerStatus {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(client, "client");
        pieces = pieces.copy();
    }

    /** A copy of the peer's pieces. */
    @Override
    public Bitfield pieces() {
        return pieces.copy();
    }
}
