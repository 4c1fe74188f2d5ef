package dev.arietta.bittorrent.it;

import dev.arietta.bittorrent.metainfo.InfoHash;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Test payloads and torrents made by libtorrent's {@code create_torrent} (v1 only), so that
 * tests do not depend on Arietta's own torrent creator; and libtorrent's check of a torrent
 * against its data, which proves a torrent Arietta created.
 */
public final class TorrentFixtures {

    /** How long libtorrent gets to hash a payload. */
    public static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);

    private TorrentFixtures() {
    }

    /**
     * What to put in a created torrent.
     *
     * @param pieceLength bytes per piece, a power of two of at least 16 KiB; 0 lets libtorrent choose
     * @param tiers       BEP 12 announce tiers (the first URL also becomes {@code announce})
     * @param webSeeds    BEP 19 {@code url-list}
     * @param privateTorrent BEP 27 {@code private=1}
     */
    public record TorrentSpec(int pieceLength, List<List<String>> tiers, List<String> webSeeds,
            boolean privateTorrent) {

        public TorrentSpec {
            tiers = tiers.stream().map(List::copyOf).toList();
            webSeeds = List.copyOf(webSeeds);
        }

        /** 32 KiB pieces, no trackers, no web seeds, public. */
        public static TorrentSpec defaults() {
            return new TorrentSpec(32 * 1024, List.of(), List.of(), false);
        }

        public TorrentSpec withPieceLength(int value) {
            return new TorrentSpec(value, tiers, webSeeds, privateTorrent);
        }

        /** Adds one tier of announce URLs. */
        public TorrentSpec withTier(String... urls) {
            List<List<String>> more = new ArrayList<>(tiers);
            more.add(List.of(urls));
            return new TorrentSpec(pieceLength, more, webSeeds, privateTorrent);
        }

        public TorrentSpec withWebSeed(String url) {
            List<String> more = new ArrayList<>(webSeeds);
            more.add(url);
            return new TorrentSpec(pieceLength, tiers, more, privateTorrent);
        }

        public TorrentSpec withPrivate(boolean value) {
            return new TorrentSpec(pieceLength, tiers, webSeeds, value);
        }
    }

    /**
     * A created torrent.
     *
     * @param torrentFile the .torrent file
     * @param source      the payload it describes (a file, or the directory of a multi-file torrent)
     * @param infoHash    the v1 info-hash libtorrent reported
     */
    public record CreatedTorrent(Path torrentFile, Path source, InfoHash infoHash) {

        /** The .torrent's bytes. */
        public byte[] bytes() throws IOException {
            return Files.readAllBytes(torrentFile);
        }

        /** The directory a client saves into to find {@link #source()} (its parent). */
        public Path saveDirectory() {
            return source.toAbsolutePath().getParent();
        }
    }

    /** Writes {@code length} pseudo-random bytes (from {@code seed}) to {@code file}. */
    public static Path randomFile(Path file, long length, long seed) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            long remaining = length;
            while (remaining > 0) {
                int count = (int) Math.min(buffer.length, remaining);
                random.nextBytes(buffer);
                out.write(buffer, 0, count);
                remaining -= count;
            }
        }
        return file;
    }

    /**
     * Makes {@code directory} holding pseudo-random files.
     *
     * @param files relative path ({@code /}-separated) to length in bytes, in creation order
     */
    public static Path randomDirectory(Path directory, Map<String, Long> files, long seed) throws IOException {
        Files.createDirectories(directory);
        long fileSeed = seed;
        for (Map.Entry<String, Long> file : files.entrySet()) {
            randomFile(directory.resolve(file.getKey()), file.getValue(), fileSeed++);
        }
        return directory;
    }

    /** How libtorrent orders and pads the files of a directory (the script's {@code --layout}). */
    public enum Layout {
        /** libtorrent's directory walk order (the file system's), no padding: plain {@code v1_only}. */
        WALK("walk"),
        /** The files libtorrent listed, sorted by path elements as UTF-8 bytes, no padding. */
        SORTED("sorted"),
        /** libtorrent's {@code canonical_files}: sorted, padded after every file. */
        CANONICAL("canonical"),
        /** libtorrent's {@code canonical_files_no_tail_padding}: sorted, padded between files. */
        CANONICAL_NO_TAIL("canonical-no-tail");

        private final String argument;

        Layout(String argument) {
            this.argument = argument;
        }
    }

    /**
     * What libtorrent made of a torrent and the data under a directory.
     *
     * @param infoHash       the v1 info-hash libtorrent computed
     * @param verifiedPieces pieces whose data passed libtorrent's check
     * @param pieceCount     pieces in the torrent
     * @param seeding        whether libtorrent considers itself a seed
     */
    public record LibtorrentCheck(InfoHash infoHash, int verifiedPieces, int pieceCount, boolean seeding) {
    }

    /** Creates {@code torrentFile} for {@code source} with libtorrent, in its directory walk order. */
    public static CreatedTorrent createTorrent(Path source, Path torrentFile, TorrentSpec spec) throws IOException {
        return createTorrent(source, torrentFile, spec, Layout.WALK);
    }

    /** Creates {@code torrentFile} for {@code source} with libtorrent, files laid out as {@code layout}. */
    public static CreatedTorrent createTorrent(Path source, Path torrentFile, TorrentSpec spec, Layout layout)
            throws IOException {
        Path work = torrentFile.toAbsolutePath().getParent();
        List<String> arguments = new ArrayList<>(List.of("create", "--source", source.toAbsolutePath().toString(),
                "--output", torrentFile.toAbsolutePath().toString(), "--piece-length",
                Integer.toString(spec.pieceLength()), "--layout", layout.argument));
        for (List<String> tier : spec.tiers()) {
            arguments.add("--tier");
            arguments.add(String.join(" ", tier));
        }
        for (String webSeed : spec.webSeeds()) {
            arguments.add("--web-seed");
            arguments.add(webSeed);
        }
        if (spec.privateTorrent()) {
            arguments.add("--private");
        }
        try (RunningProcess process = RunningProcess.start("libtorrent create_torrent",
                LibtorrentScript.command(work, arguments), work)) {
            String line = process.awaitLine(text -> text.startsWith("created "), "the info-hash", CREATE_TIMEOUT);
            int exit = process.awaitExit(CREATE_TIMEOUT);
            if (exit != 0) {
                throw process.failure("exited with " + exit);
            }
            return new CreatedTorrent(torrentFile, source, InfoHash.ofHex(line.substring("created ".length()).trim()));
        }
    }

    /**
     * Has libtorrent load {@code torrentFile} and check the data under {@code saveDirectory} (which
     * holds the payload under the torrent's name) against it, as a client adding the torrent with
     * its data present does.
     */
    public static LibtorrentCheck checkWithLibtorrent(Path torrentFile, Path saveDirectory) throws IOException {
        Path work = Files.createTempDirectory(torrentFile.toAbsolutePath().getParent(), "libtorrent-check");
        List<String> arguments = List.of("check", "--torrent", torrentFile.toAbsolutePath().toString(), "--save",
                saveDirectory.toAbsolutePath().toString());
        try (RunningProcess process = RunningProcess.start("libtorrent check", LibtorrentScript.command(work,
                arguments), work)) {
            String infoHash = process.awaitLine(text -> text.startsWith("infohash "), "the info-hash", CREATE_TIMEOUT);
            String checked = process.awaitLine(text -> text.startsWith("checked ") || text.startsWith("error "),
                    "the end of the check", CREATE_TIMEOUT);
            if (checked.startsWith("error ")) {
                throw process.failure("failed: " + checked);
            }
            String[] counts = checked.split(" ");
            return new LibtorrentCheck(InfoHash.ofHex(infoHash.substring("infohash ".length()).trim()),
                    Integer.parseInt(counts[1]), Integer.parseInt(counts[2]), counts[3].equals("1"));
        }
    }
}
