package dev.arietta.bittorrent.internal.wire;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A BEP 10 extension handshake, ours or the peer's.
 *
 * @param messageIds   the {@code m} dictionary: extension name → message id (1–255) the
 *                     sender wants to receive that extension on; an id of 0 disables it
 * @param client       {@code v}, the client name and version
 * @param requestQueue {@code reqq}, how many outstanding requests the sender accepts
 * @param yourIp       {@code yourip}, the address the sender sees us at
 * @param listenPort   {@code p}, the sender's listen port
 * @param metadataSize BEP 9 {@code metadata_size} in bytes
 */
public record ExtensionHandshake(Map<String, Integer> messageIds, Optional<String> client,
        OptionalInt requestQueue, Optional<InetAddress> yourIp, OptionalInt listenPort, OptionalLong metadataSize) {

    public ExtensionHandshake {
        messageIds = Map.copyOf(messageIds);
    }

    /** The id the sender wants {@code extension} messages on, or empty when it lacks or disabled it. */
    public OptionalInt messageId(String extension) {
        Integer id = messageIds.get(extension);
        return id == null || id == 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }
}
