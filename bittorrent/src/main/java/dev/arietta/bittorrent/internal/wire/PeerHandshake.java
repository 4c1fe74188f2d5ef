package dev.arietta.bittorrent.internal.wire;

import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.EventLoop;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The handshake phase of a {@link DefaultPeerConnection}: our handshake (at once when
 * outgoing, after the peer's info-hash when incoming), the peer's handshake read across as many
 * reads as it takes, an incoming connection routed to its torrent by info-hash, the checks
 * (info-hash, self-connection), the reserved bits agreed on, our BEP 10 handshake, and the
 * {@link PeerWireLimits#HANDSHAKE_TIMEOUT_NANOS} timer. Loop thread only.
 */
final class PeerHandshake {

    private final DefaultPeerConnection connection;
    private final EventLoop loop;
    private final InetSocketAddress remote;
    private final boolean incoming;
    private final Function<InfoHash, Optional<TorrentEndpoint>> router;
    private final byte[] bytes = new byte[Handshake.LENGTH];
    private int filled;
    private boolean done;
    private Cancellable timer;
    private PeerId peerId;
    private boolean fast;
    private boolean extended;

    PeerHandshake(DefaultPeerConnection connection, EventLoop loop, InetSocketAddress remote, boolean incoming,
            Function<InfoHash, Optional<TorrentEndpoint>> router) {
        this.connection = connection;
        this.loop = loop;
        this.remote = remote;
        this.incoming = incoming;
        this.router = router;
    }

    /** The connection is up: the timer starts, and an outgoing connection sends our handshake. */
    void start() {
        timer = loop.schedule(PeerWireLimits.HANDSHAKE_TIMEOUT_NANOS, this::timedOut);
        if (!incoming) {
            send();
        }
    }

    boolean isDone() {
        return done;
    }

    /** The peer's id, or null before its handshake arrived. */
    PeerId peerId() {
        return peerId;
    }

    boolean fastExtension() {
        return fast;
    }

    boolean extensionProtocol() {
        return extended;
    }

    /** Reads handshake bytes from {@code buffer}; what follows the handshake is left in it. */
    void read(ByteBuffer buffer) throws PeerProtocolException {
        while (buffer.hasRemaining() && !done && !connection.isClosed()) {
            int target = incoming && connection.params() == null ? Handshake.INFO_HASH_END : Handshake.LENGTH;
            int count = Math.min(target - filled, buffer.remaining());
            buffer.get(bytes, filled, count);
            filled += count;
            if (filled < target) {
                return;
            }
            if (target == Handshake.INFO_HASH_END) {
                route();
            } else {
                received();
            }
        }
    }

    /** The connection closes: no more timeout. */
    void cancelTimer() {
        if (timer != null) {
            timer.cancel();
        }
    }

    private void route() throws PeerProtocolException {
        Handshake.checkProtocol(bytes);
        InfoHash infoHash = Handshake.infoHashOf(bytes);
        Optional<TorrentEndpoint> endpoint = router.apply(infoHash);
        if (endpoint.isEmpty()) {
            throw new PeerProtocolException(PeerCloseReason.HANDSHAKE_FAILED, "no torrent with info-hash " + infoHash);
        }
        connection.routed(endpoint.get());
        send();
    }

    private void received() throws PeerProtocolException {
        HandshakeParams params = connection.params();
        Handshake handshake = Handshake.decode(bytes);
        if (!handshake.infoHash().equals(params.infoHash())) {
            throw new PeerProtocolException(PeerCloseReason.HANDSHAKE_FAILED, "handshake for info-hash "
                    + handshake.infoHash() + ", expected " + params.infoHash());
        }
        peerId = handshake.peerId();
        if (peerId.equals(params.localPeerId())) {
            throw new PeerProtocolException(PeerCloseReason.SELF_CONNECTION, "connected to ourselves (peer id "
                    + peerId + ")");
        }
        fast = handshake.fastExtension();
        extended = handshake.extensionProtocol();
        done = true;
        timer.cancel();
        connection.handshakeCompleted();
    }

    private void send() {
        HandshakeParams params = connection.params();
        byte[] reserved = Handshake.reservedWith(true, true, false);
        connection.sender().handshake(new Handshake(reserved, params.infoHash(), params.localPeerId()));
    }

    /** Our BEP 10 handshake: the torrent's, with the defaults for what it leaves out. */
    void sendExtensionHandshake() {
        ExtensionHandshake local = connection.params().localExtensions();
        ExtensionHandshake ours = new ExtensionHandshake(local.messageIds(), local.client(),
                local.requestQueue().isPresent() ? local.requestQueue()
                        : OptionalInt.of(PeerWireLimits.MAX_INCOMING_REQUESTS),
                local.yourIp().isPresent() ? local.yourIp() : Optional.ofNullable(remote.getAddress()),
                local.listenPort(), local.metadataSize());
        connection.sender().extensionHandshake(ExtensionHandshakeCodec.encode(ours));
    }

    private void timedOut() {
        if (!done && !connection.isClosed()) {
            connection.close(PeerCloseReason.HANDSHAKE_FAILED, "handshake not completed within "
                    + PeerWireLimits.HANDSHAKE_TIMEOUT_NANOS / 1_000_000_000L + " s");
        }
    }
}
