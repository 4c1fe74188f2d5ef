package dev.arietta.core.internal.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class HashAlgorithmTest {

    @ParameterizedTest
    @CsvSource({
            "md5, MD5", "sha-1, SHA_1", "sha1, SHA_1", "sha-224, SHA_224", "sha-256, SHA_256",
            "sha256, SHA_256", "sha-384, SHA_384", "sha-512, SHA_512", "SHA-256, SHA_256", "Sha1, SHA_1", "MD5, MD5"
    })
    void acceptsAria2NamesAndAliases(String name, HashAlgorithm expected) {
        assertEquals(Optional.of(expected), HashAlgorithm.forName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha", "sha-2", "sha224", "sha-3-256", "sha3-256", "crc32", " sha-1", "sha-1 ", "sha_1"})
    void rejectsOtherNames(String name) {
        assertEquals(Optional.empty(), HashAlgorithm.forName(name));
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void digestLengthMatchesTheJdkDigest(HashAlgorithm algorithm) {
        assertEquals(algorithm.digestLength(), algorithm.newDigest().getDigestLength());
        assertEquals(algorithm.jcaName(), algorithm.newDigest().getAlgorithm());
        assertEquals(Optional.of(algorithm), HashAlgorithm.forName(algorithm.aria2Name()));
    }

    @Test
    void strongestFollowsAria2Order() {
        assertEquals(Optional.of(HashAlgorithm.SHA_512), HashAlgorithm.strongest(EnumSet.allOf(HashAlgorithm.class)));
        assertEquals(Optional.of(HashAlgorithm.SHA_384),
                HashAlgorithm.strongest(List.of(HashAlgorithm.MD5, HashAlgorithm.SHA_384, HashAlgorithm.SHA_256)));
        assertEquals(Optional.of(HashAlgorithm.SHA_256),
                HashAlgorithm.strongest(List.of(HashAlgorithm.SHA_256, HashAlgorithm.SHA_224, HashAlgorithm.SHA_1)));
        assertEquals(Optional.of(HashAlgorithm.SHA_224),
                HashAlgorithm.strongest(List.of(HashAlgorithm.SHA_1, HashAlgorithm.SHA_224)));
        assertEquals(Optional.of(HashAlgorithm.SHA_1), HashAlgorithm.strongest(List.of(HashAlgorithm.MD5, HashAlgorithm.SHA_1)));
        assertEquals(Optional.of(HashAlgorithm.MD5), HashAlgorithm.strongest(Set.of(HashAlgorithm.MD5)));
    }

    @Test
    void strongestOfNothingIsEmpty() {
        assertTrue(HashAlgorithm.strongest(List.of()).isEmpty());
    }
}
