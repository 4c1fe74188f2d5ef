package dev.arietta.bittorrent.internal.wire;

import dev.arietta.bittorrent.metainfo.InfoHash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The 68-byte BitTorrent handshake: {@code <19>"BitTorrent protocol"}, 8 reserved bytes, the
 * 20-byte info-hash, the 20-byte peer id. Immutable; {@link #reserved()} returns a copy.
 *
 * <p>Reserved bits we read and set: {@link #FAST_EXTENSION_BIT} (BEP 6, byte 7 mask 0x04),
 * {@link #EXTENSION_PROTOCOL_BIT} (BEP 10, byte 5 mask 0x10), {@link #DHT_BIT} (BEP 5,
 * byte 7 mask 0x01). Other bits are kept as received and ignored.
 */
public record Handshake(byte[] reserved, InfoHash infoHash, PeerId peerId) {

    /** Bytes in a handshake. */
    public static final int LENGTH = 68;

    /** Bytes up to and including the info-hash: enough to route an incoming connection. */
    public static final int INFO_HASH_END = 48;

    /** The protocol string, preceded on the wire by its length, 19. */
    public static final String PROTOCOL = "BitTorrent protocol";

    private static final byte[] PROTOCOL_BYTES = PROTOCOL.getBytes(StandardCharsets.US_ASCII);
    private static final int RESERVED_OFFSET = 20;
    private static final int INFO_HASH_OFFSET = 28;

    /** BEP 6 fast extension: reserved byte 7, mask 0x04. */
    public static final ReservedBit FAST_EXTENSION_BIT = new ReservedBit(7, 0x04);
    /** BEP 10 extension protocol: reserved byte 5, mask 0x10. */
    public static final ReservedBit EXTENSION_PROTOCOL_BIT = new ReservedBit(5, 0x10);
    /** BEP 5 DHT: reserved byte 7, mask 0x01. */
    public static final ReservedBit DHT_BIT = new ReservedBit(7, 0x01);

    /** One bit of the 8 reserved bytes. */
    public record ReservedBit(int byteIndex, int mask) {
        boolean isSet(byte[] reserved) {
            return (reserved[byteIndex] & mask) != 0;
        }
    }

    public Handshake {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        if (reserved.length != 8) {
            throw new IllegalArgumentException("reserved is 8 bytes, not " + reserved.length);
        }
        reserved = reserved.clone();
    }

    /** Reserved bytes with the given bits set. */
    public static byte[] reservedWith(boolean fastExtension, boolean extensionProtocol, boolean dht) {
        byte[] reserved = new byte[8];
        if (fastExtension) {
            reserved[FAST_EXTENSION_BIT.byteIndex()] |= (byte) FAST_EXTENSION_BIT.mask();
        }
        if (extensionProtocol) {
            reserved[EXTENSION_PROTOCOL_BIT.byteIndex()] |= (byte) EXTENSION_PROTOCOL_BIT.mask();
        }
        if (dht) {
            reserved[DHT_BIT.byteIndex()] |= (byte) DHT_BIT.mask();
        }
        return reserved;
    }

    @Override
    public byte[] reserved() {
        return reserved.clone();
    }

    public boolean fastExtension() {
        return FAST_EXTENSION_BIT.isSet(reserved);
    }

    public boolean extensionProtocol() {
        return EXTENSION_PROTOCOL_BIT.isSet(reserved);
    }

    public boolean dht() {
        return DHT_BIT.isSet(reserved);
    }

    /** Writes the 68 bytes at {@code out}'s position. */
    public void encode(ByteBuffer out) {
        out.put((byte) PROTOCOL_BYTES.length).put(PROTOCOL_BYTES).put(reserved);
        byte[] twenty = new byte[InfoHash.LENGTH];
        infoHash.copyTo(twenty, 0);
        out.put(twenty);
        peerId.copyTo(twenty, 0);
        out.put(twenty);
    }

    /** The 68 bytes. */
    public byte[] toByteArray() {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        encode(out);
        return out.array();
    }

    /**
     * Checks the protocol string at the start of {@code bytes} (at least 20 bytes).
     *
     * @throws PeerProtocolException ({@link PeerCloseReason#HANDSHAKE_FAILED}) if it is not
     *                               {@code <19>"BitTorrent protocol"}
     */
    public static void checkProtocol(byte[] bytes) throws PeerProtocolException {
        if (bytes[0] != PROTOCOL_BYTES.length
                || !Arrays.equals(bytes, 1, 1 + PROTOCOL_BYTES.length, PROTOCOL_BYTES, 0, PROTOCOL_BYTES.length)) {
            throw new PeerProtocolException(PeerCloseReason.HANDSHAKE_FAILED, "not a BitTorrent handshake: starts with "
                    + HexFormat.of().formatHex(bytes, 0, 1 + PROTOCOL_BYTES.length));
        }
    }

    /** The info-hash in a handshake's first {@link #INFO_HASH_END} bytes. */
    static InfoHash infoHashOf(byte[] bytes) {
        return InfoHash.of(Arrays.copyOfRange(bytes, INFO_HASH_OFFSET, INFO_HASH_END));
    }

    /**
     * Decodes 68 bytes.
     *
     * @throws PeerProtocolException ({@link PeerCloseReason#HANDSHAKE_FAILED}) if the protocol
     *                               string is wrong
     */
    public static Handshake decode(byte[] bytes) throws PeerProtocolException {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a handshake is " + LENGTH + " bytes, not " + bytes.length);
        }
        checkProtocol(bytes);
        return new Handshake(Arrays.copyOfRange(bytes, RESERVED_OFFSET, INFO_HASH_OFFSET), infoHashOf(bytes),
                PeerId.of(Arrays.copyOfRange(bytes, INFO_HASH_END, LENGTH)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Handshake that && Arrays.equals(reserved, that.reserved)
                && infoHash.equals(that.infoHash) && peerId.equals(that.peerId);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(reserved) * 31 + infoHash.hashCode()) * 31 + peerId.hashCode();
    }

    @Override
    public String toString() {
        return "Handshake[" + infoHash + " from " + peerId + ", reserved " + HexFormat.of().formatHex(reserved) + "]";
    }
}
