package dev.arietta.metalink.internal;

import dev.arietta.metalink.Hash;
import dev.arietta.metalink.HashType;
import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkException.Kind;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code Digest} header values (RFC 3230 instance digests, {@code SHA-256=<base64>, MD5=<base64>}).
 * Algorithm names ignore case; {@code SHA} is SHA-1 (RFC 3230), {@code MD5}, {@code SHA-256}
 * and {@code SHA-512} (RFC 5843) and the other SHA-2 sizes map to {@link HashType}s; other
 * algorithms ({@code UNIXsum}, {@code CRC32C}, …) are ignored. As aria2 does, a type given
 * twice with different digests is dropped, since the server contradicts itself. Stateless.
 */
public final class DigestHeaderParser {

    private DigestHeaderParser() {
    }

    /**
     * @param maxDigests     most instance digests over all values
     * @param maxValueLength most characters of one value
     * @return the digests, strongest first, one per type
     * @throws MetalinkException MALFORMED_HEADER for a known algorithm with bad base64 or a
     *                           digest of the wrong length, or LIMIT_EXCEEDED
     */
    public static List<Hash> parse(List<String> values, int maxDigests, int maxValueLength) throws MetalinkException {
        Map<HashType, Hash> byType = new EnumMap<>(HashType.class);
        Map<HashType, Boolean> contradicted = new EnumMap<>(HashType.class);
        int count = 0;
        for (String value : values) {
            if (value.length() > maxValueLength) {
                throw new MetalinkException(Kind.LIMIT_EXCEEDED, "Digest header value is longer than " + maxValueLength + " characters");
            }
            for (String item : value.split(",")) {
                if (item.isBlank()) {
                    continue;
                }
                if (++count > maxDigests) {
                    throw new MetalinkException(Kind.LIMIT_EXCEEDED, "Digest headers hold more than " + maxDigests + " digests");
                }
                int equals = item.indexOf('=');
                if (equals <= 0 || item.substring(0, equals).isBlank()) {
                    throw new MetalinkException(Kind.MALFORMED_HEADER, "Digest item " + XmlText.quote(item.strip())
                            + " is not algorithm=value");
                }
                String algorithm = item.substring(0, equals).strip();
                Optional<HashType> type = typeOf(algorithm);
                if (type.isEmpty()) {
                    continue;
                }
                Hash hash = Hash.of(type.get(), decode(algorithm, item.substring(equals + 1).strip(), type.get()));
                Hash previous = byType.putIfAbsent(type.get(), hash);
                if (previous != null && !previous.equals(hash)) {
                    contradicted.put(type.get(), Boolean.TRUE);
                }
            }
        }
        List<Hash> digests = new ArrayList<>();
        for (Map.Entry<HashType, Hash> entry : byType.entrySet()) {
            if (!contradicted.containsKey(entry.getKey())) {
                digests.add(entry.getValue());
            }
        }
        digests.sort(Comparator.comparing(Hash::type).reversed());
        return digests;
    }

    private static Optional<HashType> typeOf(String algorithm) {
        return algorithm.toLowerCase(Locale.ROOT).equals("sha") ? Optional.of(HashType.SHA_1) : HashType.fromName(algorithm);
    }

    private static byte[] decode(String algorithm, String encoded, HashType type) throws MetalinkException {
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new MetalinkException(Kind.MALFORMED_HEADER, "Digest " + algorithm + " value " + XmlText.quote(encoded)
                    + " is not base64: " + e.getMessage());
        }
        if (digest.length != type.digestLength()) {
            throw new MetalinkException(Kind.MALFORMED_HEADER, "Digest " + algorithm + " value is " + digest.length
                    + " bytes, " + type + " digests are " + type.digestLength());
        }
        return digest;
    }
}
