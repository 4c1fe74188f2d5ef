package dev.arietta.examples.cli;

import dev.arietta.Option;
import dev.arietta.Options;
import dev.arietta.bittorrent.metainfo.TorrentException;
import dev.arietta.bittorrent.metainfo.TorrentParser;
import dev.arietta.core.ErrorCode;
import dev.arietta.internal.options.InputFileEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code -S}/{@code --show-files} and {@code -T}/{@code --torrent-file}, as aria2c treats them:
 * <ul>
 *   <li>{@code -T FILE -S} prints the listing of FILE ({@link TorrentListing}) and exits; other
 *       arguments are ignored.</li>
 *   <li>{@code -S FILE...} prints, for each argument, {@code >>> Printing the contents of file
 *       'FILE'...} and its listing, then exits.</li>
 *   <li>{@code -T FILE} without {@code -S} would download the torrent, which this command does
 *       not do yet: it says so and exits with 1 instead of pretending.</li>
 * </ul>
 * Exit status: 0 when every listing was printed; otherwise the status of the last failure: the
 * parser's 25 (not bencode) or 26 (not a usable torrent), 28 for a {@code -T} file that does not
 * exist (as aria2 checks the option), 1 for any other unreadable or unsupported file. aria2
 * exits with 0 after a failed {@code -S} listing of an argument; Arietta reports it, so scripts
 * can tell. Stateless.
 */
final class ShowFiles {

    private static final String HEADER = ">>> Printing the contents of file '%s'...";

    private ShowFiles() {
    }

    /** Whether this class handles the invocation: {@code -T} was given, or {@code -S} with something to list. */
    static boolean applies(Invocation invocation) {
        Options options = invocation.sessionOptions();
        return options.get(Option.TORRENT_FILE) != null
                || (options.get(Option.SHOW_FILES) && !invocation.downloads().isEmpty());
    }

    /** Lists what the invocation names and returns the exit status. */
    static int run(Invocation invocation, PrintStream out, PrintStream err) {
        Options options = invocation.sessionOptions();
        Path torrentFile = options.get(Option.TORRENT_FILE);
        if (!options.get(Option.SHOW_FILES)) {
            err.println("arietta: --torrent-file: downloading a torrent is not supported yet;"
                    + " -S/--show-files lists its contents.");
            return ErrorCode.UNKNOWN.code();
        }
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
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".meta4") || name.endsWith(".metalink")) {
            err.println("arietta: " + file + ": listing Metalink files is not supported yet.");
            return ErrorCode.UNKNOWN.code();
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
}
