package dev.arietta.examples.cli;

import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.bittorrent.metainfo.TorrentException;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import dev.arietta.core.ErrorCode;
import dev.arietta.internal.options.InputFileEntry;
import dev.arietta.metalink.Metalink;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -S}/{@code --show-files}, as aria2c treats it ({@code -T FILE} without {@code -S}
 * downloads the torrent: {@link DownloadRun}):
 * <ul>
 *   <li>{@code -T FILE -S} prints the listing of FILE ({@link TorrentListing}) and exits; other
 *       arguments are ignored.</li>
 *   <li>{@code -S FILE...} (and {@code -S -M FILE}) prints, for each argument, {@code >>> Printing
 *       the contents of file 'FILE'...} and its listing, then exits: a torrent's as
 *       {@link TorrentListing}, a {@code .meta4}/{@code .metalink} file's as aria2's files table.</li>
 * </ul>
 * Exit status: 0 when every listing was printed; otherwise the status of the last failure: the
 * parser's 25 (not bencode), 26 (not a usable torrent) or 20 (not a usable Metalink), 28 for a {@code -T} file that does not
 * exist (as aria2 checks the option), 1 for any other unreadable or unsupported file. aria2
 * exits with 0 after a failed {@code -S} listing of an argument; Arietta reports it, so scripts
 * can tell. Stateless.
 */
final class ShowFiles {

    private static final String HEADER = ">>> Printing the contents of file '%s'...";

    private ShowFiles() {
    }

    /** Whether this class handles the invocation: {@code -S} with {@code -T} or something to list. */
    static boolean applies(Invocation invocation) {
        Options options = invocation.sessionOptions();
        return options.get(Option.SHOW_FILES)
                && (options.get(Option.TORRENT_FILE) != null || !invocation.downloads().isEmpty());
    }

    /** Lists what the invocation names and returns the exit status. */
    static int run(Invocation invocation, PrintStream out, PrintStream err) {
        Options options = invocation.sessionOptions();
        Path torrentFile = options.get(Option.TORRENT_FILE);
        TorrentParser parser = new TorrentParser();
        if (torrentFile != null) {
            if (!Files.exists(torrentFile)) {
                err.println("arietta: torrent-file: " + torrentFile + ": no such file.");
                return ErrorCode.BAD_OPTION.code();
            }
            return list(parser, torrentFile, out, err);
        }
        int status = ErrorCode.FINISHED.code();
        for (InputFileEntry entry : invocation.downloads()) {
            for (String argument : entry.uris()) {
                out.println(String.format(HEADER, argument));
                int listed = list(parser, Path.of(argument), out, err);
                if (listed != ErrorCode.FINISHED.code()) {
                    status = listed;
                }
            }
        }
        return status;
    }

    private static int list(TorrentParser parser, Path file, PrintStream out, PrintStream err) {
        if (InputFileEntry.isMetalinkFile(file.toString())) {
            return listMetalink(file, out, err);
        }
        try {
            out.print(TorrentListing.format(parser.parse(file)));
            return ErrorCode.FINISHED.code();
        } catch (TorrentException e) {
            err.println("arietta: " + file + ": not a usable torrent: " + e.getMessage() + " (error "
                    + e.errorCode().code() + ")");
            return e.errorCode().code();
        } catch (NoSuchFileException e) {
            err.println("arietta: " + file + ": no such file.");
            return ErrorCode.UNKNOWN.code();
        } catch (IOException e) {
            err.println("arietta: " + file + ": cannot be read: " + e.getMessage());
            return ErrorCode.UNKNOWN.code();
        }
    }

    /** aria2's listing of a Metalink: its files (names as sanitized by the parser) and sizes, 0 when not given. */
    private static int listMetalink(Path file, PrintStream out, PrintStream err) {
        MetalinkDocument document;
        try (InputStream in = Files.newInputStream(file)) {
            document = Metalink.parse(in);
        } catch (MetalinkException e) {
            err.println("arietta: " + file + ": not a usable Metalink: " + e.getMessage() + " (error "
                    + ErrorCode.METALINK_PARSE_ERROR.code() + ")");
            return ErrorCode.METALINK_PARSE_ERROR.code();
        } catch (NoSuchFileException e) {
            err.println("arietta: " + file + ": no such file.");
            return ErrorCode.UNKNOWN.code();
        } catch (IOException e) {
            err.println("arietta: " + file + ": cannot be read: " + e.getMessage());
            return ErrorCode.UNKNOWN.code();
        }
        List<String> paths = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        for (MetalinkFile entry : document.files()) {
            paths.add(entry.name());
            lengths.add(entry.size().orElse(0));
        }
        StringBuilder listing = new StringBuilder();
        TorrentListing.appendFiles(listing, paths, lengths);
        out.print(listing);
        return ErrorCode.FINISHED.code();
    }
}
