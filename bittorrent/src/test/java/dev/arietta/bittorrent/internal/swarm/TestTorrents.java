package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bencode.BDictionary;
import dev.arietta.bencode.BList;
import dev.arietta.bencode.BString;
import dev.arietta.bencode.BValue;
import dev.arietta.bencode.Bencode;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Torrents made in memory for swarm tests: bencoded, then parsed like any torrent file. */
final class TestTorrents {

    /** A payload file: path under the torrent's name (multi-file) and content. */
    record Payload(String name, Map<String, byte[]> files, boolean multiFile) {

        byte[] concatenated() {
            int total = files.values().stream().mapToInt(bytes -> bytes.length).sum();
            byte[] all = new byte[total];
            int at = 0;
            for (byte[] bytes : files.values()) {
                System.arraycopy(bytes, 0, all, at, bytes.length);
                at += bytes.length;
            }
            return all;
        }

        /** Writes the payload under {@code directory} as a client would save it. */
        Path writeTo(Path directory) throws IOException {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = multiFile ? directory.resolve(name).resolve(file.getKey()) : directory.resolve(name);
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
            }
            return directory.resolve(name);
        }

        /** Where a file of the payload lands under {@code directory}. */
        Path pathIn(Path directory, String file) {
            return multiFile ? directory.resolve(name).resolve(file) : directory.resolve(name);
        }
    }

    private TestTorrents() {
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    static Payload singleFile(String name, byte[] content) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(name, content);
        return new Payload(name, files, false);
    }

    /** @param files relative paths ('/'-separated) to contents, in torrent order */
    static Payload multiFile(String name, Map<String, byte[]> files) {
        return new Payload(name, new LinkedHashMap<>(files), true);
    }

    static TorrentMetainfo torrent(Payload payload, int pieceLength) {
        return torrent(payload, pieceLength, List.of(), false, List.of());
    }

    static TorrentMetainfo torrent(Payload payload, int pieceLength, List<String> trackers, boolean privateTorrent,
            List<String> webSeeds) {
        byte[] all = payload.concatenated();
        BDictionary.Builder info = BDictionary.builder().put("name", payload.name()).put("piece length", pieceLength)
                .put("pieces", pieceHashes(all, pieceLength));
        if (payload.multiFile()) {
            List<BValue> files = new ArrayList<>();
            for (Map.Entry<String, byte[]> file : payload.files().entrySet()) {
                List<BValue> path = new ArrayList<>();
                for (String element : file.getKey().split("/")) {
                    path.add(BString.of(element));
                }
                files.add(BDictionary.builder().put("length", file.getValue().length).put("path", BList.of(path))
                        .build());
            }
            info.put("files", BList.of(files));
        } else {
            info.put("length", all.length);
        }
        if (privateTorrent) {
            info.put("private", 1);
        }
        BDictionary.Builder torrent = BDictionary.builder().put("info", info.build());
        if (!trackers.isEmpty()) {
            torrent.put("announce", trackers.get(0));
            List<BValue> tiers = new ArrayList<>();
            for (String tracker : trackers) {
                tiers.add(BList.of(BString.of(tracker)));
            }
            torrent.put("announce-list", BList.of(tiers));
        }
        if (!webSeeds.isEmpty()) {
            torrent.put("url-list", BList.of(webSeeds.stream().map(BString::of).map(BValue.class::cast).toList()));
        }
        try {
            return new TorrentParser().parse(Bencode.encode(torrent.build()));
        } catch (IOException e) {
            throw new AssertionError("test torrent does not parse", e);
        }
    }

    static byte[] pieceHashes(byte[] content, int pieceLength) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            int pieces = (content.length + pieceLength - 1) / pieceLength;
            byte[] hashes = new byte[pieces * 20];
            for (int piece = 0; piece < pieces; piece++) {
                int start = piece * pieceLength;
                sha1.update(content, start, Math.min(pieceLength, content.length - start));
                System.arraycopy(sha1.digest(), 0, hashes, piece * 20, 20);
            }
            return hashes;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
