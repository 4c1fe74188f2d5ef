package dev.arietta.core.internal.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms used for piece hashes and whole-file checksums, named as aria2 names
 * them ({@code --checksum=sha-256=…}, Metalink {@code <hash type="sha-256">}).
 *
 * <p>Constants are declared from weakest to strongest, so {@link #compareTo} orders by
 * strength and {@link #strongest(Collection)} picks the last one present.
 */
public enum HashAlgorithm {
    /** MD5, 16-byte digest. Broken for collisions; accepted only as a whole-file checksum. */
    MD5("md5", "MD5", 16),
    /** SHA-1, 20-byte digest: BitTorrent v1 pieces and info-hashes. */
    SHA_1("sha-1", "SHA-1", 20),
    /** SHA-224, 28-byte digest. */
    SHA_224("sha-224", "SHA-224", 28),
    /** SHA-256, 32-byte digest: BitTorrent v2 and Metalink pieces. */
    SHA_256("sha-256", "SHA-256", 32),
    /** SHA-384, 48-byte digest. */
    SHA_384("sha-384", "SHA-384", 48),
    /** SHA-512, 64-byte digest. */
    SHA_512("sha-512", "SHA-512", 64);

    private final String aria2Name;
    private final String jcaName;
    private final int digestLength;

    HashAlgorithm(String aria2Name, String jcaName, int digestLength) {
        this.aria2Name = aria2Name;
        this.jcaName = jcaName;
        this.digestLength = digestLength;
    }

    /** aria2's name, lower case with a hyphen: {@code "sha-256"}. */
    public String aria2Name() {
        return aria2Name;
    }

    /** The Java Cryptography Architecture name for {@link MessageDigest#getInstance(String)}. */
    public String jcaName() {
        return jcaName;
    }

    /** Digest length in bytes. */
    public int digestLength() {
        return digestLength;
    }

    /**
     * A new digest instance. Every algorithm here is provided by the JDK's built-in
     * {@code SUN} provider, so a missing one means a broken runtime.
     *
     * @throws IllegalStateException if the runtime lacks the algorithm
     */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no " + jcaName + " digest", e);
        }
    }

    /**
     * The algorithm with the given aria2 name, ignoring case: {@code md5}, {@code sha-1},
     * {@code sha-224}, {@code sha-256}, {@code sha-384}, {@code sha-512}, and the aliases aria2
     * also accepts, {@code sha1} and {@code sha256} (Metalink 3 spells them so).
     *
     * @return the algorithm, or empty if the name is none of these
     */
    public static Optional<HashAlgorithm> forName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "md5":
                return Optional.of(MD5);
            case "sha-1":
            case "sha1":
                return Optional.of(SHA_1);
            case "sha-224":
                return Optional.of(SHA_224);
            case "sha-256":
            case "sha256":
                return Optional.of(SHA_256);
            case "sha-384":
                return Optional.of(SHA_384);
            case "sha-512":
                return Optional.of(SHA_512);
            default:
                return Optional.empty();
        }
    }

    /**
     * The strongest of the given algorithms (sha-512 &gt; sha-384 &gt; sha-256 &gt; sha-224
     * &gt; sha-1 &gt; md5), as aria2 chooses among a Metalink file's hashes.
     *
     * @return the strongest, or empty if {@code available} is empty
     */
    public static Optional<HashAlgorithm> strongest(Collection<HashAlgorithm> available) {
        HashAlgorithm best = null;
        for (HashAlgorithm algorithm : available) {
            if (best == null || algorithm.compareTo(best) > 0) {
                best = algorithm;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The aria2 name. */
    @Override
    public String toString() {
        return aria2Name;
    }
}
