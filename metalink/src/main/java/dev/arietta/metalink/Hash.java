package dev.arietta.metalink;

import dev.arietta.metalink.internal.Hex;
import dev.arietta.metalink.internal.XmlText;
import java.util.Locale;
import java.util.Objects;

/**
 * A whole-file digest: a Metalink {@code hash} element or one entry of a {@code Digest}
 * header. Immutable.
 *
 * @param type the hash function
 * @param hex  the digest as {@code 2 * type.digestLength()} hex digits; stored lowercase
 */
public record Hash(HashType type, String hex) {

    /**
     * @throws IllegalArgumentException if {@code hex} has a non-hex character or the wrong
     *                                  length for {@code type}
     */
    public Hash {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hex, "hex");
        String problem = Hex.problem(hex, type.digestLength());
        if (problem != null) {
            throw new IllegalArgumentException(type + " digest " + XmlText.quote(hex) + " " + problem);
        }
        hex = hex.toLowerCase(Locale.ROOT);
    }

    /** A hash from raw digest bytes. */
    public static Hash of(HashType type, byte[] digest) {
        if (digest.length != type.digestLength()) {
            throw new IllegalArgumentException(type + " digest is " + digest.length + " bytes, expected " + type.digestLength());
        }
        return new Hash(type, Hex.encode(digest, 0, digest.length));
    }

    /** The digest bytes, in a new array owned by the caller. */
    public byte[] bytes() {
        byte[] out = new byte[type.digestLength()];
        Hex.decode(hex.toCharArray(), 0, hex.length(), out.length, out, 0);
        return out;
    }
}
