package dev.arietta.bittorrent.internal.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 20-byte BitTorrent peer id. Ours follows BEP 20's Azureus style, {@code -AT0100-} and
 * twelve random bytes. Immutable; equal when the bytes are equal.
 */
public final class PeerId {

    /** Length of a peer id in bytes. */
    public static final int LENGTH = 20;

    private final byte[] bytes;

    private PeerId(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param bytes 20 bytes; copied
     * @throws IllegalArgumentException if not 20 bytes long
     */
    public static PeerId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a peer id is " + LENGTH + " bytes, not " + bytes.length);
        }
        return new PeerId(bytes.clone());
    }

    /** A copy of the 20 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Copies the 20 bytes into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Printable ASCII kept, other bytes as {@code %XX}, as trackers log peer ids. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(LENGTH * 2);
        for (byte b : bytes) {
            if (b >= 0x20 && b < 0x7f && b != '%') {
                text.append((char) b);
            } else {
                text.append('%').append(HexFormat.of().toHexDigits(b));
            }
        }
        return text.toString();
    }
}
