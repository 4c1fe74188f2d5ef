package dev.arietta.core.internal.hash;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A whole-file checksum to check a finished download against: an algorithm and its expected
 * digest. Comes from aria2's {@code --checksum=TYPE=HEXDIGEST} option ({@link #parse}) or from
 * a Metalink {@code <hash>} element.
 *
 * <p>Immutable; the digest is copied in and out.
 */
public final class ExpectedChecksum {

    private final HashAlgorithm algorithm;
    private final byte[] digest;

    /**
     * @param algorithm the algorithm
     * @param digest    the expected digest, exactly {@link HashAlgorithm#digestLength()} bytes (copied)
     * @throws IllegalArgumentException if the digest has the wrong length
     */
    public ExpectedChecksum(HashAlgorithm algorithm, byte[] digest) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (digest.length != algorithm.digestLength()) {
            throw new IllegalArgumentException(algorithm + " digest must be " + algorithm.digestLength()
                    + " bytes, got " + digest.length);
        }
        this.digest = digest.clone();
    }

    /**
     * Parses aria2's {@code TYPE=HEXDIGEST}, e.g. {@code sha-256=9f86d0…}. The type is matched as
     * {@link HashAlgorithm#forName} does (case-insensitive, {@code sha1}/{@code sha256} aliases);
     * the digest must be exactly twice the digest length in ASCII hex digits, either case.
     * Nothing is trimmed.
     *
     * @throws ChecksumFormatException with the reason: no {@code '='}, unknown type, a non-hex
     *                                 character (with its index in the digest), or a wrong length
     */
    public static ExpectedChecksum parse(String value) {
        int separator = value.indexOf('=');
        if (separator < 0) {
            throw new ChecksumFormatException(ChecksumFormatException.Reason.MISSING_SEPARATOR,
                    "checksum '" + value + "' is not TYPE=HEXDIGEST");
        }
        String type = value.substring(0, separator);
        String hex = value.substring(separator + 1);
        HashAlgorithm algorithm = HashAlgorithm.forName(type).orElseThrow(() -> new ChecksumFormatException(
                ChecksumFormatException.Reason.UNKNOWN_TYPE,
                "unknown checksum type '" + type + "'; expected one of md5, sha-1, sha-224, sha-256, sha-384, sha-512"));
        int expectedDigits = algorithm.digestLength() * 2;
        if (hex.length() != expectedDigits) {
            throw new ChecksumFormatException(ChecksumFormatException.Reason.WRONG_LENGTH,
                    algorithm + " digest needs " + expectedDigits + " hex digits, got " + hex.length());
        }
        byte[] digest = new byte[algorithm.digestLength()];
        for (int i = 0; i < digest.length; i++) {
            int high = hexValue(hex, 2 * i);
            int low = hexValue(hex, 2 * i + 1);
            digest[i] = (byte) ((high << 4) | low);
        }
        return new ExpectedChecksum(algorithm, digest);
    }

    // Character.digit would accept non-ASCII digits such as U+FF11; a checksum must be ASCII.
    private static int hexValue(String hex, int index) {
        char c = hex.charAt(index);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new ChecksumFormatException(ChecksumFormatException.Reason.BAD_HEX,
                "checksum digest has non-hex character '" + c + "' at index " + index);
    }

    /** The algorithm. */
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** A copy of the expected digest. */
    public byte[] digest() {
        return digest.clone();
    }

    /** True if {@code actual} equals the expected digest (constant-time comparison). */
    public boolean matches(byte[] actual) {
        return MessageDigest.isEqual(digest, actual);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpectedChecksum other && other.algorithm == algorithm && Arrays.equals(other.digest, digest);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(digest);
    }

    /** aria2's form, {@code sha-256=<lower-case hex>}, accepted back by {@link #parse}. */
    @Override
    public String toString() {
        return algorithm.aria2Name() + "=" + HexFormat.of().formatHex(digest);
    }
}
