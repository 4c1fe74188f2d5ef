package dev.arietta.bencode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable bencode byte string. Not necessarily text: info-hashes, piece hashes and
 * compact peer lists are binary. Ordered as unsigned bytes, the order of canonical keys.
 */
public final class BString implements BValue, Comparable<BString> {

    private final byte[] bytes;
    private int hash;

    private BString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A byte string holding a copy of {@code bytes}. */
    public static BString of(byte[] bytes) {
        return new BString(bytes.clone());
    }

    /** A byte string holding the UTF-8 encoding of {@code text}. */
    public static BString of(String text) {
        return new BString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes ownership of {@code bytes}: only for arrays nobody else holds. */
    static BString wrap(byte[] bytes) {
        return new BString(bytes);
    }

    @Override
    public BType type() {
        return BType.STRING;
    }

    /** Number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Byte at {@code index}. */
    public byte byteAt(int index) {
        return bytes[index];
    }

    @Override
    public byte[] asBytes() {
        return bytes.clone();
    }

    /** A read-only view of the content, without copying. */
    public ByteBuffer asBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    @Override
    public String asString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The content without a copy, for this package's encoder. */
    byte[] internalBytes() {
        return bytes;
    }

    @Override
    public int compareTo(BString other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    /** The text if it is printable ASCII, else {@code <N bytes: hex…>}. */
    @Override
    public String toString() {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7E) {
                StringBuilder hex = new StringBuilder("<").append(bytes.length).append(" bytes: ");
                for (int i = 0; i < Math.min(bytes.length, 16); i++) {
                    hex.append(String.format("%02x", bytes[i] & 0xFF));
                }
                return hex.append(bytes.length > 16 ? "…>" : ">").toString();
            }
        }
        return "\"" + new String(bytes, StandardCharsets.US_ASCII) + "\"";
    }
}
