package dev.arietta;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One connected BitTorrent peer of a download, as aria2's {@code getPeers} reports it.
 * Immutable. Speeds are payload bytes per second over the last few seconds.
 *
 * @param address        the peer's address (for a peer that connected to us, its source port)
 * @param peerId         its peer id, printable characters kept and the others percent-encoded
 * @param client         its client name (from its BEP 10 handshake, else guessed from the peer id)
 * @param incoming       whether it connected to us
 * @param amChoking      we choke it
 * @param amInterested   we are interested in its pieces
 * @param peerChoking    it chokes us
 * @param peerInterested it is interested in our pieces
 * @param seeder         it has every piece
 * @param snubbed        it sent nothing for 60 s while we waited for blocks
 * @param downloadSpeed  bytes per second we receive from it
 * @param uploadSpeed    bytes per second we send to it
 * @param bitfield       its pieces in aria2's hex form (high bit of the first byte is piece 0)
 */
public record PeerInfo(InetSocketAddress address, String peerId, String client, boolean incoming, boolean amChoking,
                       boolean amInterested, boolean peerChoking, boolean peerInterested, boolean seeder,
                       boolean snubbed, long downloadSpeed, long uploadSpeed, String bitfield) {

    public PeerInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(bitfield, "bitfield");
    }
}
