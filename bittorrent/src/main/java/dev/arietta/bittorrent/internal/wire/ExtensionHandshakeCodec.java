package dev.arietta.bittorrent.internal.wire;

import dev.arietta.bencode.BDocument;
import dev.arietta.bencode.BNode;
import dev.arietta.bencode.Bencode;
import dev.arietta.bencode.BencodeDecoder;
import dev.arietta.bencode.BencodeException;
import dev.arietta.bencode.BencodeLimits;
import dev.arietta.bencode.BencodeWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Encodes and decodes BEP 10 extension handshakes (the bencoded dictionary after extended
 * message id 0). Decoding is lenient about what it does not understand, as libtorrent:
 * unknown keys are skipped, and a known key of the wrong type or out of range is treated as
 * absent. Only a payload that is not a bencoded dictionary, or that exceeds
 * {@link PeerWireLimits#MAX_EXTENSION_HANDSHAKE_LENGTH}, is an error. Stateless and thread-safe.
 */
public final class ExtensionHandshakeCodec {

    /** Deepest nesting accepted in a handshake: 16 (a real one nests 2 levels). */
    public static final int MAX_DEPTH = 16;

    /** Most bencode tokens accepted in a handshake: 8192. */
    public static final int MAX_TOKENS = 8192;

    /** Longest {@code v} kept, in bytes: 256. */
    public static final int MAX_CLIENT_NAME_LENGTH = 256;

    private static final BencodeDecoder DECODER = Bencode.decoder()
            .limits(BencodeLimits.DEFAULT.withMaxDepth(MAX_DEPTH).withMaxTokens(MAX_TOKENS))
            .build();

    private ExtensionHandshakeCodec() {
    }

    /**
     * @param payload the bytes after the extended message id
     * @throws PeerProtocolException if the payload is too long, not bencode, or not a dictionary
     */
    public static ExtensionHandshake decode(byte[] payload, int offset, int length) throws PeerProtocolException {
        if (length > PeerWireLimits.MAX_EXTENSION_HANDSHAKE_LENGTH) {
            throw new PeerProtocolException("extension handshake of " + length + " bytes exceeds the limit of "
                    + PeerWireLimits.MAX_EXTENSION_HANDSHAKE_LENGTH);
        }
        BNode root;
        try {
            BDocument document = DECODER.decode(payload, offset, length);
            root = document.root();
        } catch (BencodeException e) {
            throw new PeerProtocolException("extension handshake is not valid bencode: " + e.getMessage());
        }
        if (!root.isDictionary()) {
            throw new PeerProtocolException("extension handshake is a bencoded " + root.type().description()
                    + ", not a dictionary");
        }
        try {
            return fromDictionary(root);
        } catch (BencodeException e) {
            // Only type mismatches can get here, and every access below checks types first.
            throw new PeerProtocolException("extension handshake: " + e.getMessage());
        }
    }

    private static ExtensionHandshake fromDictionary(BNode root) throws BencodeException {
        Map<String, Integer> messageIds = new HashMap<>();
        BNode m = root.get("m");
        if (m != null && m.isDictionary()) {
            m.forEachEntry((key, value) -> {
                if (value.isInteger()) {
                    try {
                        long id = value.asLong();
                        if (id >= 0 && id <= 255) {
                            messageIds.put(key.asString(), (int) id);
                        }
                    } catch (BencodeException impossible) {
                        // Types were checked above.
                    }
                }
            });
        }
        Optional<String> client = Optional.empty();
        BNode v = root.get("v");
        if (v != null && v.isString() && v.stringLength() <= MAX_CLIENT_NAME_LENGTH) {
            client = Optional.of(v.asString());
        }
        OptionalInt requestQueue = intIn(root.get("reqq"), 1, Integer.MAX_VALUE);
        OptionalInt listenPort = intIn(root.get("p"), 1, 65535);
        OptionalLong metadataSize = OptionalLong.empty();
        BNode size = root.get("metadata_size");
        if (size != null && size.isInteger() && size.asLong() >= 0) {
            metadataSize = OptionalLong.of(size.asLong());
        }
        Optional<InetAddress> yourIp = Optional.empty();
        BNode ip = root.get("yourip");
        if (ip != null && ip.isString() && (ip.stringLength() == 4 || ip.stringLength() == 16)) {
            try {
                yourIp = Optional.of(InetAddress.getByAddress(ip.asBytes()));
            } catch (UnknownHostException impossible) {
                // getByAddress only fails on lengths other than 4 and 16.
            }
        }
        return new ExtensionHandshake(messageIds, client, requestQueue, yourIp, listenPort, metadataSize);
    }

    private static OptionalInt intIn(BNode node, int min, int max) throws BencodeException {
        if (node == null || !node.isInteger()) {
            return OptionalInt.empty();
        }
        long value = node.asLong();
        return value >= min && value <= max ? OptionalInt.of((int) value) : OptionalInt.empty();
    }

    /** The bencoded dictionary for {@code handshake}, keys in canonical order. */
    public static byte[] encode(ExtensionHandshake handshake) {
        BencodeWriter writer = new BencodeWriter().beginDictionary();
        writer.key("m").beginDictionary();
        byte[][] names = handshake.messageIds().keySet().stream()
                .map(name -> name.getBytes(StandardCharsets.UTF_8))
                .sorted(Arrays::compareUnsigned)
                .toArray(byte[][]::new);
        for (byte[] name : names) {
            writer.key(name).value(handshake.messageIds().get(new String(name, StandardCharsets.UTF_8)));
        }
        writer.end();
        handshake.metadataSize().ifPresent(size -> writer.key("metadata_size").value(size));
        handshake.listenPort().ifPresent(port -> writer.key("p").value(port));
        handshake.requestQueue().ifPresent(depth -> writer.key("reqq").value(depth));
        handshake.client().ifPresent(name -> writer.key("v").value(name));
        handshake.yourIp().ifPresent(address -> writer.key("yourip").value(address.getAddress()));
        return writer.end().toByteArray();
    }
}
