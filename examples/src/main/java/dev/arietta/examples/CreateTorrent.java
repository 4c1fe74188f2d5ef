package dev.arietta.examples;

import dev.arietta.bittorrent.metainfo.CreatedTorrent;
import dev.arietta.bittorrent.metainfo.TorrentCreationException;
import dev.arietta.bittorrent.metainfo.TorrentCreator;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Creates a {@code .torrent} of a file or a directory, hashing on all cores, with one tracker
 * tier per tracker URL given.
 *
 * <pre>java -cp arietta.jar dev.arietta.examples.CreateTorrent FILE_OR_DIR OUT.torrent [TRACKER_URL...]</pre>
 */
public final class CreateTorrent {

    private CreateTorrent() {
    }

    /**
     * Creates the torrent of {@code source}, writes it to {@code torrentFile} (which must not
     * exist) and prints hashing progress to {@code console} about every 5%.
     */
    public static CreatedTorrent create(Path source, Path torrentFile, List<String> trackers, PrintStream console)
            throws IOException, InterruptedException {
        TorrentCreator.Builder builder = TorrentCreator.builder(source).progress(
                (hashedPieces, pieceCount, hashedBytes, totalBytes) -> {
                    if (hashedPieces == pieceCount || hashedPieces % Math.max(1, pieceCount / 20) == 0) {
                        console.printf("hashed %d of %d pieces%n", hashedPieces, pieceCount);
                    }
                });
        for (String tracker : trackers) {
            builder.announceTier(tracker);
        }
        CreatedTorrent torrent = builder.build().create();
        torrent.writeTo(torrentFile);
        return torrent;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: CreateTorrent FILE_OR_DIR OUT.torrent [TRACKER_URL...]");
            System.exit(1);
        }
        try {
            CreatedTorrent torrent = create(Path.of(args[0]), Path.of(args[1]),
                    Arrays.asList(args).subList(2, args.length), System.out);
            TorrentMetainfo metainfo = torrent.metainfo();
            System.out.println("wrote " + args[1] + ": info-hash " + torrent.infoHash() + ", " + metainfo.files().size()
                    + " files, " + metainfo.pieceCount() + " pieces of " + metainfo.pieceLength() + " bytes");
            torrent.skipped().forEach(skipped -> System.out.println("left out " + skipped.path() + " ("
                    + skipped.reason() + ")"));
        } catch (TorrentCreationException e) {
            System.err.println("cannot create the torrent (" + e.reason() + "): " + e.getMessage());
            System.exit(1);
        }
    }
}
