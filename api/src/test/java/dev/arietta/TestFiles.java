package dev.arietta;

import java.util.Random;

/** Deterministic test content. */
final class TestFiles {

    static final int MIB = 1024 * 1024;

    private TestFiles() {
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return "sha-256=" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
