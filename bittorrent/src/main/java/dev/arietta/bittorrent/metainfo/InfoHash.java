package dev.arietta.bittorrent.metainfo;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A BitTorrent v1 info-hash: the SHA-1 of the bencoded {@code info} dictionary, exactly as it
 * appears in the torrent (never re-encoded). Immutable and thread-safe; equal when the 20
 * bytes are equal.
 */
public final class InfoHash {

    /** Length of a v1 info-hash in bytes. */
    public static final int LENGTH = 20;

    private final byte[] bytes;

    private InfoHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param bytes the 20 hash bytes; copied
     * @throws IllegalArgumentException if {@code bytes} is not 20 bytes long
     */
    public static InfoHash of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an info-hash is " + LENGTH + " bytes, not " + bytes.length);
        }
        return new InfoHash(bytes.clone());
    }

    /**
     * @param hex 40 hexadecimal digits, either case
     * @throws IllegalArgumentException if {@code hex} is not 40 hexadecimal digits
     */
    public static InfoHash ofHex(String hex) {
        if (hex.length() != LENGTH * 2) {
            throw new IllegalArgumentException("an info-hash is " + LENGTH * 2 + " hex digits, not " + hex.length());
        }
        return new InfoHash(HexFormat.of().parseHex(hex));
    }

    /** A copy of the 20 hash bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Copies the 20 hash bytes into {@code target} at {@code offset}, without allocating. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    /** Whether {@code other[offset, offset + 20)} holds this hash. */
    public boolean matches(byte[] other, int offset) {
        return Arrays.equals(bytes, 0, LENGTH, other, offset, offset + LENGTH);
    }

    /** 40 lower-case hexadecimal digits, as aria2 and libtorrent print it. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InfoHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
