package dev.arietta.bittorrent.internal.tracker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Compact peer lists: 6 bytes per IPv4 peer (BEP 23, BEP 15) and 18 bytes per IPv6 peer
 * (BEP 7, BEP 15), address then port in network order. Entries with port 0 are dropped.
 */
final class CompactPeers {

    static final int IPV4_ENTRY = 6;
    static final int IPV6_ENTRY = 18;

    private CompactPeers() {
    }

    /**
     * Appends the peers in {@code data} to {@code peers}.
     *
     * @param entryLength {@link #IPV4_ENTRY} or {@link #IPV6_ENTRY}
     * @param field       what the bytes are, for messages ({@code peers}, {@code peers6})
     * @throws TrackerException if the length is not a multiple of the entry length, or the
     *                          peers would exceed {@link TrackerLimits#maxPeers()}
     */
    static void decode(ByteBuffer data, int entryLength, List<InetSocketAddress> peers, String field,
            String trackerUrl, TrackerLimits limits) throws TrackerException {
        int length = data.remaining();
        if (length % entryLength != 0) {
            throw new TrackerException(trackerUrl, TrackerException.Kind.MALFORMED_RESPONSE,
                    field + " is " + length + " bytes, not a multiple of " + entryLength);
        }
        if (peers.size() + length / entryLength > limits.maxPeers()) {
            throw tooManyPeers(trackerUrl, peers.size() + length / entryLength, limits);
        }
        byte[] address = new byte[entryLength - 2];
        while (data.hasRemaining()) {
            data.get(address);
            int port = data.getShort() & 0xffff;
            if (port == 0) {
                continue;
            }
            try {
                peers.add(new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOf(address, address.length)), port));
            } catch (UnknownHostException impossible) {
                throw new AssertionError("4 or 16 address bytes are always accepted", impossible);
            }
        }
    }

    static TrackerException tooManyPeers(String trackerUrl, int count, TrackerLimits limits) {
        return new TrackerException(trackerUrl, TrackerException.Kind.LIMIT_EXCEEDED,
                count + " peers exceed the limit of " + limits.maxPeers());
    }
}
