package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.swarm.PeerSession.UploadRequest;
import dev.arietta.bittorrent.internal.swarm.storage.BlockReader;
import dev.arietta.core.internal.storage.StorageException;
import java.nio.ByteBuffer;

/**
 * The upload side of a running torrent. A peer's request (already checked by the connection to
 * be within the torrent and allowed: unchoked or allowed-fast) is served only for a verified
 * piece; a request for any other piece is rejected (BEP 6) or, without the fast extension,
 * dropped. Accepted requests wait in the peer's queue and are read from disk on the disk
 * executor, at most {@link #MAX_READ_AHEAD_BYTES} per peer counting blocks being read and
 * bytes queued on its socket, and only as fast as the torrent's and the session's upload
 * limits allow. Choking a peer empties its queue (the connection rejects or drops its requests).
 * Loop thread only.
 */
final class Uploader {

    /** Bytes per peer being read from disk or waiting in its send queue before more are read: 256 KiB. */
    static final int MAX_READ_AHEAD_BYTES = 256 * 1024;

    private final Torrent torrent;
    private boolean rateRetryScheduled;

    Uploader(Torrent torrent) {
        this.torrent = torrent;
    }

    void requested(PeerSession peer, int piece, int offset, int length) {
        if (!torrent.picker.isVerified(piece)) {
            if (peer.connection.fastExtension()) {
                peer.connection.reject(piece, offset, length);
            }
            return;
        }
        peer.uploads.add(new UploadRequest(piece, offset, length));
        serve(peer);
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

    /** We choked {@code peer}: its queued requests are void. */
    void choked(PeerSession peer) {
        peer.uploads.clear();
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
