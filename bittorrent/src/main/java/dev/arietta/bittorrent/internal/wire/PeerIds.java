package dev.arietta.bittorrent.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * Makes our peer id (BEP 20): the {@code peer-id-prefix} option (default
 * {@value #DEFAULT_PREFIX}, Azureus style) then random printable characters up to 20 bytes.
 * As aria2: a prefix longer than 20 bytes is cut to 20. Stateless; thread-safe if the random
 * generator is.
 */
public final class PeerIds {

    /** Arietta 0.1.0 in BEP 20's Azureus style. */
    public static final String DEFAULT_PREFIX = "-AT0100-";

    /** What the random part is drawn from: printable, and safe unescaped in tracker URLs. */
    private static final byte[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    private PeerIds() {
    }

    /**
     * @param prefix the {@code peer-id-prefix}, UTF-8 encoded; at most its first 20 bytes are used
     * @param random the source of the remaining bytes (a session's own generator)
     */
    public static PeerId generate(String prefix, RandomGenerator random) {
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] id = new byte[PeerId.LENGTH];
        int kept = Math.min(prefixBytes.length, PeerId.LENGTH);
        System.arraycopy(prefixBytes, 0, id, 0, kept);
        for (int i = kept; i < PeerId.LENGTH; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return PeerId.of(id);
    }
}
