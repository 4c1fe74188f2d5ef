package dev.arietta.core.internal.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PieceHashesTest {

    @Test
    void splitsConcatenatedDigests() {
        byte[] concatenated = new byte[40];
        for (int i = 0; i < concatenated.length; i++) {
            concatenated[i] = (byte) i;
        }
        PieceHashes hashes = new PieceHashes(HashAlgorithm.SHA_1, concatenated);
        concatenated[0] = 99;
        assertEquals(2, hashes.pieceCount());
        byte[] second = hashes.expected(1);
        assertEquals(20, second[0]);
        assertTrue(hashes.matches(1, second));
        second[19] ^= 1;
        assertFalse(hashes.matches(1, second));
        assertFalse(hashes.matches(0, new byte[19]));
        assertEquals(0, hashes.expected(0)[0]);
        assertArrayEquals(hashes.expected(0), hashes.expected(0));
    }

    @Test
    void rejectsPartialDigestsAndBadIndexes() {
        assertThrows(IllegalArgumentException.class, () -> new PieceHashes(HashAlgorithm.SHA_256, new byte[33]));
        PieceHashes hashes = new PieceHashes(HashAlgorithm.SHA_256, new byte[64]);
        assertThrows(IndexOutOfBoundsException.class, () -> hashes.expected(2));
        assertThrows(IndexOutOfBoundsException.class, () -> hashes.matches(-1, new byte[32]));
    }
}
