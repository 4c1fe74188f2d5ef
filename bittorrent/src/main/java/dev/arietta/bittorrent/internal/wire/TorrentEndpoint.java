package dev.arietta.bittorrent.internal.wire;

import java.util.Objects;

/**
 * Where an incoming connection for one torrent goes: what to answer its handshake with, and
 * who hears about the connection.
 */
public record TorrentEndpoint(HandshakeParams params, PeerListener listener) {

    public TorrentEndpoint {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(listener, "listener");
    }
}
