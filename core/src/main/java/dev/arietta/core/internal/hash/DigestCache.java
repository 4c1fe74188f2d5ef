package dev.arietta.core.internal.hash;

import java.security.MessageDigest;

/**
 * One {@link MessageDigest} per algorithm per thread, owned by one verifier instance: creating a
 * digest costs a provider lookup, and digests are not thread-safe. Nothing is shared between
 * instances, so two sessions never touch each other's digests.
 *
 * <p>A digest is returned reset; callers must leave it reset (finish with {@code digest()} or
 * call {@code reset()} on an abnormal exit).
 */
final class DigestCache {

    private final ThreadLocal<MessageDigest>[] byAlgorithm;

    @SuppressWarnings("unchecked")
    DigestCache() {
        HashAlgorithm[] algorithms = HashAlgorithm.values();
        byAlgorithm = new ThreadLocal[algorithms.length];
        for (HashAlgorithm algorithm : algorithms) {
            byAlgorithm[algorithm.ordinal()] = ThreadLocal.withInitial(algorithm::newDigest);
        }
    }

    /** The calling thread's digest for {@code algorithm}. */
    MessageDigest get(HashAlgorithm algorithm) {
        return byAlgorithm[algorithm.ordinal()].get();
    }
}
