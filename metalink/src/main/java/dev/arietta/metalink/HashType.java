package dev.arietta.metalink;

import java.util.Locale;
import java.util.Optional;

/**
 * The hash functions Arietta verifies, named as aria2 and the IANA "Hash Function Textual
 * Names" registry name them ({@code md5}, {@code sha-1}, … {@code sha-512}). Declared from
 * weakest to strongest: when a file carries several hashes, the one whose type is
 * {@linkplain #isStrongerThan stronger} is used, as aria2 does.
 */
public enum HashType {
    /** MD5, 16-byte digests. */
    MD5("md5", "MD5", 16),
    /** SHA-1, 20-byte digests. */
    SHA_1("sha-1", "SHA-1", 20),
    /** SHA-224, 28-byte digests. */
    SHA_224("sha-224", "SHA-224", 28),
    /** SHA-256, 32-byte digests. */
    SHA_256("sha-256", "SHA-256", 32),
    /** SHA-384, 48-byte digests. */
    SHA_384("sha-384", "SHA-384", 48),
    /** SHA-512, 64-byte digests. */
    SHA_512("sha-512", "SHA-512", 64);

    private final String canonicalName;
    private final String compactName;
    private final String javaAlgorithm;
    private final int digestLength;

    HashType(String canonicalName, String javaAlgorithm, int digestLength) {
        this.canonicalName = canonicalName;
        this.compactName = canonicalName.replace("-", "");
        this.javaAlgorithm = javaAlgorithm;
        this.digestLength = digestLength;
    }

    /** The name aria2 and Metalink 4 use, e.g. {@code sha-256}. */
    public String canonicalName() {
        return canonicalName;
    }

    /** The {@link java.security.MessageDigest} algorithm name, e.g. {@code SHA-256}. */
    public String javaAlgorithm() {
        return javaAlgorithm;
    }

    /** Digest length in bytes. */
    public int digestLength() {
        return digestLength;
    }

    /** Whether this type is preferred over {@code other} when both are offered. */
    public boolean isStrongerThan(HashType other) {
        return compareTo(other) > 0;
    }

    /**
     * The type a Metalink or {@code Digest} name stands for, ignoring case and accepting the
     * spellings without a hyphen that Metalink 3 uses ({@code sha1}, {@code sha256}, …).
     *
     * @return the type, or empty for an unknown or unsupported name (such names are ignored,
     *         as aria2 ignores them)
     */
    public static Optional<HashType> fromName(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        for (HashType type : values()) {
            if (type.canonicalName.equals(lower) || type.compactName.equals(lower)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The canonical name. */
    @Override
    public String toString() {
        return canonicalName;
    }
}
