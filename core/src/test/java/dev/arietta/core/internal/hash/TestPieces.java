package dev.arietta.core.internal.hash;

import dev.arietta.core.internal.piece.PieceGeometry;

import java.util.Arrays;
import java.util.Random;

/** Deterministic piece data and the matching expected digests. */
final class TestPieces {

    final PieceGeometry geometry;
    final byte[] data;
    final PieceHashes hashes;

    TestPieces(HashAlgorithm algorithm, int pieceLength, long totalLength, long seed) {
        this.geometry = new PieceGeometry(totalLength, pieceLength);
        this.data = new byte[Math.toIntExact(totalLength)];
        new Random(seed).nextBytes(data);
        byte[] concatenated = new byte[geometry.pieceCount() * algorithm.digestLength()];
        for (int piece = 0; piece < geometry.pieceCount(); piece++) {
            byte[] digest = algorithm.newDigest().digest(piece(piece));
            System.arraycopy(digest, 0, concatenated, piece * algorithm.digestLength(), digest.length);
        }
        this.hashes = new PieceHashes(algorithm, concatenated);
    }

    byte[] piece(int piece) {
        int start = Math.toIntExact(geometry.pieceOffset(piece));
        return Arrays.copyOfRange(data, start, start + geometry.pieceLength(piece));
    }
}
