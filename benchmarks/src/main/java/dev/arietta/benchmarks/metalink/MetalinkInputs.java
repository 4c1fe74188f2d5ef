package dev.arietta.benchmarks.metalink;

import dev.arietta.metalink.Hash;
import dev.arietta.metalink.HashType;
import dev.arietta.metalink.Metalink;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkFile;
import dev.arietta.metalink.MetalinkUrl;
import dev.arietta.metalink.Metaurl;
import dev.arietta.metalink.PieceHashes;
import java.util.OptionalInt;
import java.util.Random;

/** Real-shaped Metalink 4 documents for the benchmarks, written by the module's own writer. */
final class MetalinkInputs {

    private MetalinkInputs() {
    }

    /** One 2.5 GiB file with 10,000 SHA-1 piece hashes of 256 KiB pieces, five mirrors. */
    static byte[] oneFileTenThousandPieces() {
        Random random = new Random(1);
        int pieceLength = 256 * 1024;
        int pieces = 10_000;
        byte[] digests = new byte[pieces * HashType.SHA_1.digestLength()];
        random.nextBytes(digests);
        MetalinkFile.Builder file = MetalinkFile.builder("images/distribution-12.0-amd64-DVD-1.iso")
                .size((long) pieces * pieceLength)
                .version("12.0")
                .addLanguage("en")
                .addOs("Linux-x86_64")
                .addHash(Hash.of(HashType.SHA_256, bytes(random, 32)))
                .addPieces(PieceHashes.of(HashType.SHA_1, pieceLength, digests, pieces))
                .addMetaurl(new Metaurl("https://example.org/distribution-12.0-amd64-DVD-1.iso.torrent", Metaurl.TORRENT,
                        OptionalInt.of(1), null));
        for (String country : new String[] {"de", "fr", "us", "jp", "br"}) {
            file.addUrl(MetalinkUrl.of("https://" + country + ".mirror.example.org/images/distribution-12.0-amd64-DVD-1.iso",
                    country, 1 + random.nextInt(100)));
        }
        return Metalink.toByteArray(MetalinkDocument.builder().generator("benchmark").addFile(file.build()).build());
    }

    /** 1,000 files, each with a size, a SHA-256 hash, three mirrors and a torrent metaurl. */
    static byte[] thousandFiles() {
        Random random = new Random(2);
        MetalinkDocument.Builder document = MetalinkDocument.builder().generator("benchmark");
        for (int i = 0; i < 1_000; i++) {
            String name = "pool/main/p/package-" + i + "/package-" + i + "_1.0-1_amd64.deb";
            MetalinkFile.Builder file = MetalinkFile.builder(name)
                    .size(random.nextInt(50_000_000))
                    .addHash(Hash.of(HashType.SHA_256, bytes(random, 32)))
                    .addMetaurl(Metaurl.torrent("https://example.org/" + name + ".torrent"));
            for (String country : new String[] {"de", "us", "jp"}) {
                file.addUrl(MetalinkUrl.of("http://" + country + ".mirror.example.org/debian/" + name, country, 1 + random.nextInt(10)));
            }
            document.addFile(file.build());
        }
        return Metalink.toByteArray(document.build());
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
