/**
 * The peer wire protocol (BEP 3, 6, 10, 20): handshake, message framing and codec with
 * limits, and the per-connection state behind {@link
 * dev.arietta.bittorrent.internal.wire.PeerConnection}. Loop thread only.
 */
package dev.arietta.bittorrent.internal.wire;
