package dev.arietta.benchmarks.bencode;

import dev.arietta.bencode.BencodeWriter;
import java.util.Random;

/** The real-shaped inputs the bencode benchmarks decode and encode, generated deterministically. */
final class BencodeInputs {

    private BencodeInputs() {
    }

    static byte[] named(String name) {
        return switch (name) {
            case "torrent-20KB" -> singleFileTorrent(1000);
            case "torrent-10k-files" -> multiFileTorrent(10_000);
            case "dht-get-peers-response" -> dhtGetPeersResponse(50);
            case "tracker-response" -> compactTrackerResponse(200);
            default -> throw new IllegalArgumentException("no input named " + name);
        };
    }

    /** About 20 KB: 1000 pieces of SHA-1 plus the usual metadata. */
    static byte[] singleFileTorrent(int pieces) {
        Random random = new Random(1);
        return new BencodeWriter().beginDictionary()
                .key("announce").value("http://tracker.example.org:6969/announce")
                .key("comment").value("benchmark torrent")
                .key("created by").value("arietta")
                .key("creation date").value(1_700_000_000L)
                .key("info").beginDictionary()
                    .key("length").value((long) pieces * 262_144 - 1000)
                    .key("name").value("ubuntu-24.04-desktop-amd64.iso")
                    .key("piece length").value(262_144)
                    .key("pieces").value(bytes(random, pieces * 20))
                .end()
                .end().toByteArray();
    }

    static byte[] multiFileTorrent(int files) {
        Random random = new Random(2);
        BencodeWriter writer = new BencodeWriter().beginDictionary()
                .key("announce").value("udp://tracker.example.org:1337/announce")
                .key("info").beginDictionary()
                    .key("files").beginList();
        long total = 0;
        for (int i = 0; i < files; i++) {
            long length = 1 + random.nextInt(5_000_000);
            total += length;
            writer.beginDictionary()
                    .key("length").value(length)
                    .key("path").beginList().value("dir" + (i / 100)).value("file-" + i + ".dat").end()
                    .end();
        }
        int pieceLength = 4 << 20;
        return writer.end()
                .key("name").value("dataset")
                .key("piece length").value(pieceLength)
                .key("pieces").value(bytes(random, (int) ((total + pieceLength - 1) / pieceLength) * 20))
                .end()
                .end().toByteArray();
    }

    static byte[] dhtGetPeersResponse(int peers) {
        Random random = new Random(3);
        BencodeWriter writer = new BencodeWriter().beginDictionary()
                .key("r").beginDictionary()
                    .key("id").value(bytes(random, 20))
                    .key("nodes").value(bytes(random, 26 * 8))
                    .key("token").value(bytes(random, 8))
                    .key("values").beginList();
        for (int i = 0; i < peers; i++) {
            writer.value(bytes(random, 6));
        }
        return writer.end().end()
                .key("t").value("aa")
                .key("y").value("r")
                .end().toByteArray();
    }

    static byte[] compactTrackerResponse(int peers) {
        Random random = new Random(4);
        return new BencodeWriter().beginDictionary()
                .key("complete").value(120)
                .key("incomplete").value(33)
                .key("interval").value(1800)
                .key("min interval").value(900)
                .key("peers").value(bytes(random, peers * 6))
                .end().toByteArray();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
