package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.swarm.PeerSession.UploadRequest;
import dev.arietta.bittorrent.internal.swarm.storage.BlockReader;
import dev.arietta.bittorrent.internal.wire.PeerCloseReason;
import dev.arietta.core.internal.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.HashMap;

/**
 * The upload side of a running torrent. A peer's request (already checked by the connection to
 * be within the torrent and allowed: unchoked or allowed-fast) is served only for a verified
 * piece; a request for any other piece is rejected (BEP 6) or, without the fast extension,
 * dropped, and a peer that keeps making them ({@link #MAX_INVALID_REQUESTS}) is disconnected.
 * While we choke a fast-extension peer it may fetch the pieces of its allowed-fast set
 * ({@link PeerManager} offers it), each at most {@link #MAX_CHOKED_PIECE_COPIES} times.
 * Accepted requests wait in the peer's queue and are read from disk on the disk executor, at most {@link #MAX_READ_AHEAD_BYTES} per peer counting blocks being read and
 * bytes queued on its socket, and only as fast as the torrent's and the session's upload
 * limits allow. Choking a peer empties its queue but for its allowed-fast pieces (the connection
 * rejects or drops the others).
 * Loop thread only.
 */
final class Uploader {

    /** Bytes per peer being read from disk or waiting in its send queue before more are read: 256 KiB. */
    static final int MAX_READ_AHEAD_BYTES = 256 * 1024;

    /**
     * Requests for pieces we do not have after which a peer is dropped: 300, libtorrent's bound
     * (such requests are never answered with data; we only announce verified pieces, so an
     * honest peer makes none).
     */
    static final int MAX_INVALID_REQUESTS = 300;

    /**
     * Copies of an allowed-fast piece a peer may request while we choke it before it is dropped:
     * 3, libtorrent's bound.
     */
    static final int MAX_CHOKED_PIECE_COPIES = 3;

    private final Torrent torrent;
    private boolean rateRetryScheduled;

    Uploader(Torrent torrent) {
        this.torrent = torrent;
    }

    void requested(PeerSession peer, int piece, int offset, int length) {
        if (!torrent.picker.isVerified(piece)) {
            // Rejected with the fast extension, forgotten without it (BEP 3 has no answer): libtorrent
            // and aria2 both keep such a peer, libtorrent until it has made 300 of these requests.
            peer.connection.reject(piece, offset, length);
            if (++peer.invalidRequests > MAX_INVALID_REQUESTS) {
                peer.connection.close(PeerCloseReason.PROTOCOL_VIOLATION);
            }
            return;
        }
        if (peer.connection.amChoking() && !allowedWhileChoked(peer, piece)) {
            return;
        }
        peer.uploads.add(new UploadRequest(piece, offset, length));
        serve(peer);
    }

    /**
     * A request while we choke the peer, which the connection let through as allowed-fast: at
     * most {@link #MAX_CHOKED_PIECE_COPIES} pieces' worth of blocks per allowed-fast piece, after
     * which the peer is dropped (libtorrent's {@code too_many_requests_when_choked}).
     */
    private boolean allowedWhileChoked(PeerSession peer, int piece) {
        if (peer.chokedRequests == null) {
            peer.chokedRequests = new HashMap<>();
        }
        int blocks = peer.chokedRequests.merge(piece, 1, Integer::sum);
        if (blocks > MAX_CHOKED_PIECE_COPIES * torrent.geometry.blockCount(piece)) {
            peer.connection.close(PeerCloseReason.PROTOCOL_VIOLATION);
            return false;
        }
        return true;
    }

    /** Reads the next queued blocks of {@code peer} while its read-ahead and the rate limits allow. */
    void serve(PeerSession peer) {
        while (!peer.uploads.isEmpty() && !peer.connection.isClosed()
                && peer.readingBytes + peer.connection.queuedSendBytes() < MAX_READ_AHEAD_BYTES) {
            UploadRequest request = peer.uploads.peek();
            long granted = torrent.uploadLimit.request(request.length());
            if (granted < request.length()) {
                torrent.uploadLimit.refund(granted);
                retryWhenRateAllows();
                return;
            }
            peer.uploads.poll();
            peer.readingBytes += request.length();
            torrent.reader.read(request.piece(), request.offset(), request.length(), new BlockReader.Callback() {
                @Override
                public void onRead(ByteBuffer data) {
                    peer.readingBytes -= request.length();
                    if (!peer.connection.isClosed()) {
                        peer.connection.sendBlock(request.piece(), request.offset(), data);
                        serve(peer);
                    }
                }

                @Override
                public void onFailure(StorageException failure) {
                    peer.readingBytes -= request.length();
                    torrent.fail(failure.errorCode(), failure.getMessage());
                }
            });
        }
    }

    /**
     * We choked {@code peer}: its queued requests are void, except (fast extension) those for
     * pieces we allowed it, which the connection keeps and which are still served.
     */
    void choked(PeerSession peer) {
        if (peer.allowedFastGranted == null || !peer.connection.fastExtension()) {
            peer.uploads.clear();
            return;
        }
        peer.uploads.removeIf(request -> !peer.allowedFastGranted.get(request.piece()));
    }

    private void retryWhenRateAllows() {
        if (rateRetryScheduled) {
            return;
        }
        rateRetryScheduled = true;
        long wait = Math.max(1_000_000L, torrent.uploadLimit.nanosUntilAvailable());
        torrent.schedule(wait, () -> {
            rateRetryScheduled = false;
            for (PeerSession peer : torrent.peers.established()) {
                serve(peer);
            }
        });
    }
}
