package dev.arietta.bencode;

import java.util.Random;

/** Builds real-shaped .torrent files with the public writer. */
final class TorrentFixtures {

    private TorrentFixtures() {
    }

    /** A single-file torrent whose pieces field is {@code pieceCount} × 20 random bytes. */
    static byte[] singleFile(int pieceCount, long seed) {
        Random random = new Random(seed);
        BencodeWriter writer = new BencodeWriter().beginDictionary()
                .key("announce").value("http://tracker.example.org:6969/announce")
                .key("comment").value("single-file test torrent")
                .key("created by").value("arietta test")
                .key("creation date").value(1_700_000_000L)
                .key("info").beginDictionary()
                    .key("length").value((long) pieceCount * 262_144 - 1000)
                    .key("name").value("ubuntu-24.04-desktop-amd64.iso")
                    .key("piece length").value(262_144)
                    .key("pieces").value(randomBytes(random, pieceCount * 20))
                .end();
        return writer.end().toByteArray();
    }

    /** A multi-file torrent with {@code fileCount} files in nested directories. */
    static byte[] multiFile(int fileCount, long seed) {
        Random random = new Random(seed);
        BencodeWriter writer = new BencodeWriter().beginDictionary()
                .key("announce").value("udp://tracker.example.org:1337/announce")
                .key("announce-list").beginList()
                    .beginList().value("udp://tracker.example.org:1337/announce").end()
                    .beginList().value("http://backup.example.org/announce").value("http://b2.example.org/a").end()
                .end()
                .key("info").beginDictionary()
                    .key("files").beginList();
        long total = 0;
        for (int i = 0; i < fileCount; i++) {
            long length = 1 + random.nextInt(5_000_000);
            total += length;
            writer.beginDictionary()
                    .key("length").value(length)
                    .key("path").beginList()
                        .value("dir" + (i / 100))
                        .value("sub" + (i % 7))
                        .value("file-" + i + ".dat")
                    .end()
                    .end();
        }
        int pieceLength = 4 << 20;
        int pieces = (int) ((total + pieceLength - 1) / pieceLength);
        writer.end()
                .key("name").value("dataset")
                .key("piece length").value(pieceLength)
                .key("pieces").value(randomBytes(random, pieces * 20))
                .key("private").value(1)
                .end();
        return writer.key("url-list").beginList().value("http://mirror.example.org/dataset/").end()
                .end().toByteArray();
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
