package dev.arietta.bittorrent.internal.tracker;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** BEP 15 packet layouts, and BEP 41's URL data option. Stateless. */
final class UdpTrackerPackets {

    /** The connect request's magic protocol id. */
    static final long PROTOCOL_ID = 0x41727101980L;

    static final int ACTION_CONNECT = 0;
    static final int ACTION_ANNOUNCE = 1;
    static final int ACTION_SCRAPE = 2;
    static final int ACTION_ERROR = 3;

    /** connect request: protocol id, action, transaction id. */
    static final int CONNECT_REQUEST_LENGTH = 16;
    /** connect response: action, transaction id, connection id. */
    static final int CONNECT_RESPONSE_LENGTH = 16;
    /** announce request without options. */
    static final int ANNOUNCE_REQUEST_LENGTH = 98;
    /** announce response without peers: action, transaction id, interval, leechers, seeders. */
    static final int ANNOUNCE_RESPONSE_HEADER = 20;
    /** scrape response for one torrent: header plus seeders, completed, leechers. */
    static final int SCRAPE_RESPONSE_LENGTH = 20;
    /** BEP 41 option type carrying URL data. */
    static final int OPTION_URL_DATA = 2;
    /** Most URL data bytes in one option. */
    static final int OPTION_MAX_LENGTH = 255;
    /**
     * Most URL data bytes sent in all (eight full options): longer paths are refused, so an
     * announce stays one unfragmented datagram.
     */
    static final int MAX_URL_DATA = 8 * OPTION_MAX_LENGTH;

    private UdpTrackerPackets() {
    }

    static void writeConnect(ByteBuffer out, int transactionId) {
        out.putLong(PROTOCOL_ID).putInt(ACTION_CONNECT).putInt(transactionId);
    }

    static void writeAnnounce(ByteBuffer out, long connectionId, int transactionId, AnnounceRequest request,
            byte[] urlData) {
        out.putLong(connectionId).putInt(ACTION_ANNOUNCE).putInt(transactionId);
        request.infoHash().copyTo(out.array(), out.arrayOffset() + out.position());
        out.position(out.position() + 20);
        request.peerId().copyTo(out.array(), out.arrayOffset() + out.position());
        out.position(out.position() + 20);
        TransferTotals totals = request.totals();
        out.putLong(totals.downloaded()).putLong(totals.left()).putLong(totals.uploaded());
        out.putInt(request.event().ordinal());
        out.putInt(0); // IP address: 0 lets the tracker use the packet's source address.
        out.putInt(request.key());
        out.putInt(request.numwant());
        out.putShort((short) request.port());
        writeUrlData(out, urlData);
    }

    static void writeScrape(ByteBuffer out, long connectionId, int transactionId, byte[] infoHash) {
        out.putLong(connectionId).putInt(ACTION_SCRAPE).putInt(transactionId).put(infoHash);
    }

    /** BEP 41: the URL's path and query, in chunks of at most 255 bytes. */
    static void writeUrlData(ByteBuffer out, byte[] urlData) {
        for (int offset = 0; offset < urlData.length; offset += OPTION_MAX_LENGTH) {
            int length = Math.min(OPTION_MAX_LENGTH, urlData.length - offset);
            out.put((byte) OPTION_URL_DATA).put((byte) length).put(urlData, offset, length);
        }
    }

    /** The BEP 41 URL data of a tracker URL: raw path and query, empty when both are. */
    static byte[] urlData(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return (path + query).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Size of the announce request with {@code urlDataLength} bytes of URL data. */
    static int announceLength(int urlDataLength) {
        int chunks = (urlDataLength + OPTION_MAX_LENGTH - 1) / OPTION_MAX_LENGTH;
        return ANNOUNCE_REQUEST_LENGTH + urlDataLength + 2 * chunks;
    }
}
