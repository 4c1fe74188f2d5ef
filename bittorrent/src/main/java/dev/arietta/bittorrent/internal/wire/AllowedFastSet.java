package dev.arietta.bittorrent.internal.wire;

import dev.arietta.bittorrent.metainfo.InfoHash;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * BEP 6's canonical allowed-fast set: the pieces a peer at a given IPv4 address may request
 * from us while choked. Same address /24, same torrent: same set, and the first {@code k} of a
 * larger set are the set of size {@code k}. Stateless and thread-safe.
 */
public final class AllowedFastSet {

    private AllowedFastSet() {
    }

    /**
     * The spec's algorithm: {@code x = SHA1(ip & 0xFFFFFF00 ‖ infohash)}, repeatedly hashed,
     * each hash giving five big-endian indexes modulo the piece count, duplicates skipped.
     *
     * @param k          pieces wanted (default {@link PeerWireLimits#ALLOWED_FAST_SET_SIZE}); capped
     *                   at {@code pieceCount}
     * @param pieceCount pieces in the torrent (positive)
     * @param address    the peer's address; BEP 6 has no provision for IPv6, whose peers get an
     *                   empty set
     * @return the piece indexes in generation order
     */
    public static int[] generate(int k, int pieceCount, InfoHash infoHash, InetAddress address) {
        if (pieceCount <= 0 || k < 0) {
            throw new IllegalArgumentException("piece count " + pieceCount + " and k " + k + " must be positive");
        }
        if (!(address instanceof Inet4Address)) {
            return new int[0];
        }
        int wanted = Math.min(k, pieceCount);
        int[] set = new int[wanted];
        int size = 0;
        byte[] x = new byte[4 + InfoHash.LENGTH];
        byte[] ip = address.getAddress();
        System.arraycopy(ip, 0, x, 0, 3);
        infoHash.copyTo(x, 4);
        MessageDigest sha1 = sha1();
        long modulus = pieceCount;
        while (size < wanted) {
            x = sha1.digest(x);
            for (int i = 0; i < 5 && size < wanted; i++) {
                int j = i * 4;
                long y = ((x[j] & 0xFFL) << 24) | ((x[j + 1] & 0xFF) << 16) | ((x[j + 2] & 0xFF) << 8) | (x[j + 3] & 0xFF);
                int index = (int) (y % modulus);
                if (!contains(set, size, index)) {
                    set[size++] = index;
                }
            }
        }
        return set;
    }

    private static boolean contains(int[] set, int size, int value) {
        for (int i = 0; i < size; i++) {
            if (set[i] == value) {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    /** For messages: the set as a list. */
    static String toString(int[] set) {
        return Arrays.toString(set);
    }
}
