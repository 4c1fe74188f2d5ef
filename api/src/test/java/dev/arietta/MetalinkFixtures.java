package dev.arietta;

import dev.arietta.metalink.Hash;
import dev.arietta.metalink.HashType;
import dev.arietta.metalink.Metalink;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkFile;
import dev.arietta.metalink.MetalinkUrl;
import dev.arietta.metalink.PieceHashes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/** Metalink 4 documents describing test content, built with the metalink module's own model and writer. */
final class MetalinkFixtures {

    private MetalinkFixtures() {
    }

    /**
     * A file of {@code content}: its size, whole-file sha-256, sha-256 piece hashes of
     * {@code pieceLength} bytes (none when 0) and {@code urls} in priority order (1, 2, …).
     */
    static MetalinkFile.Builder file(String name, byte[] content, int pieceLength, String... urls) {
        MetalinkFile.Builder file = MetalinkFile.builder(name).size(content.length)
                .addHash(Hash.of(HashType.SHA_256, sha256(content)));
        if (pieceLength > 0) {
            int count = (int) MetalinkFile.expectedPieceCount(content.length, pieceLength);
            byte[] packed = new byte[count * 32];
            for (int piece = 0; piece < count; piece++) {
                byte[] digest = sha256(Arrays.copyOfRange(content, piece * pieceLength,
                        Math.min(content.length, (piece + 1) * pieceLength)));
                System.arraycopy(digest, 0, packed, piece * 32, 32);
            }
            file.addPieces(PieceHashes.of(HashType.SHA_256, pieceLength, packed, count));
        }
        for (int i = 0; i < urls.length; i++) {
            file.addUrl(MetalinkUrl.of(urls[i], null, i + 1));
        }
        return file;
    }

    /** The Metalink 4 bytes of a document holding {@code files}. */
    static byte[] document(MetalinkFile... files) {
        return Metalink.toByteArray(MetalinkDocument.of(List.of(files)));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code content} with one byte of piece {@code piece} changed. */
    static byte[] corrupted(byte[] content, int pieceLength, int piece) {
        byte[] copy = content.clone();
        copy[piece * pieceLength + 7] ^= 0x5a;
        return copy;
    }
}
