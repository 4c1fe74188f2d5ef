package dev.arietta.examples.cli;

import dev.arietta.Option;
import dev.arietta.OptionException;
import dev.arietta.Options;
import dev.arietta.internal.options.CommandLine;
import dev.arietta.internal.options.InputFileEntry;
import dev.arietta.internal.options.InputFileReader;
import dev.arietta.internal.options.ParsedCommandLine;
import dev.arietta.metalink.MetalinkLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of the {@code arietta} command is asked to do, from its arguments: aria2c's
 * flags (parsed by {@link CommandLine}) plus {@value #DEMO_FLAG}.
 *
 * <p>The downloads are the command-line URIs grouped by aria2's rule (HTTP(S)/FTP URIs are
 * mirrors of one file unless {@code -Z}; with {@code -T FILE} the torrent, the URIs being its
 * web seeds; a local {@code .torrent} path in place of a URI is a torrent too), followed by the entries of {@code -i FILE} (read here
 * with {@link InputFileReader}; {@code -} reads standard input), as aria2 orders them. The
 * session options are every option given except {@code input-file}, which this class has
 * already consumed.
 *
 * <p>Metalink documents come from {@code -M FILE} ({@code -} reads standard input) and from
 * arguments that name a local {@code .meta4} or {@code .metalink} file (no {@code ://}), as
 * aria2c takes them without {@code -M}; they are read here, at most
 * {@link MetalinkLimits#DEFAULT_MAX_DOCUMENT_BYTES} bytes each.
 *
 * @param sessionOptions   options for the session (global ones, and defaults of every download)
 * @param downloads        the downloads to add, in order; each entry's options apply over the session's
 * @param metalinks        the Metalink documents whose files to download, in order
 * @param helpRequested    {@code -h}/{@code --help}
 * @param helpTopic        the {@code --help=TOPIC} argument
 * @param versionRequested {@code -v}/{@code --version}
 * @param demo             {@value #DEMO_FLAG}: download from built-in local mirrors
 */
public record Invocation(Options sessionOptions, List<InputFileEntry> downloads, List<MetalinkInput> metalinks,
                         boolean helpRequested, Optional<String> helpTopic, boolean versionRequested, boolean demo) {

    /**
     * A Metalink document to add.
     *
     * @param source   where it came from, for messages: the path, or {@code -} for standard input
     * @param document its bytes
     */
    public record MetalinkInput(String source, byte[] document) {

        public MetalinkInput {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(document, "document");
        }
    }

    /** The flag that runs the built-in demonstration; not an aria2 flag. */
    public static final String DEMO_FLAG = "--demo";

    public Invocation {
        Objects.requireNonNull(sessionOptions, "sessionOptions");
        downloads = List.copyOf(downloads);
        metalinks = List.copyOf(metalinks);
        Objects.requireNonNull(helpTopic, "helpTopic");
    }

    /**
     * Parses the arguments after the program name.
     *
     * @param standardInput read when the input file is {@code -}; not closed
     * @throws OptionException for an unknown flag or a bad value (exit status 28)
     * @throws IOException     if the input file cannot be read or is malformed
     *                         ({@link dev.arietta.internal.options.InputFileException}, with the line)
     */
    public static Invocation parse(List<String> arguments, InputStream standardInput) throws IOException {
        List<String> rest = new ArrayList<>(arguments.size());
        boolean demo = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--")) {
                rest.addAll(arguments.subList(i, arguments.size()));
                break;
            }
            if (argument.equals(DEMO_FLAG)) {
                demo = true;
            } else {
                rest.add(argument);
            }
        }
        ParsedCommandLine parsed = CommandLine.parse(rest);
        Options options = parsed.options();
        List<InputFileEntry> downloads = new ArrayList<>();
        List<MetalinkInput> metalinks = new ArrayList<>();
        Path metalinkFile = options.get(Option.METALINK_FILE);
        boolean listing = options.get(Option.SHOW_FILES);
        if (metalinkFile != null && listing) {
            // -S lists the -M file like any other argument.
            downloads.add(new InputFileEntry(List.of(metalinkFile.toString()), Options.empty()));
            options = options.toBuilder().unset(Option.METALINK_FILE).build();
        } else if (metalinkFile != null) {
            metalinks.add(metalinkFile.toString().equals("-")
                    ? new MetalinkInput("-", readDocument(standardInput))
                    : read(metalinkFile));
            options = options.toBuilder().unset(Option.METALINK_FILE).build();
        }
        List<List<String>> groups = parsed.uriGroups();
        Path torrentFile = options.get(Option.TORRENT_FILE);
        if (torrentFile != null && !listing) {
            // aria2: with -T, the URIs of the command line are web seeds of the torrent.
            List<String> sources = new ArrayList<>();
            sources.add(torrentFile.toString());
            groups.forEach(sources::addAll);
            downloads.add(new InputFileEntry(sources, Options.empty()));
            options = options.toBuilder().unset(Option.TORRENT_FILE).build();
            groups = List.of();
        }
        for (List<String> group : groups) {
            if (!listing && group.size() == 1 && InputFileEntry.isMetalinkFile(group.get(0))) {
                metalinks.add(read(Path.of(group.get(0))));
            } else {
                downloads.add(new InputFileEntry(group, Options.empty()));
            }
        }
        Path inputFile = options.get(Option.INPUT_FILE);
        if (inputFile != null) {
            InputFileReader reader = new InputFileReader();
            downloads.addAll(inputFile.toString().equals("-")
                    ? reader.read(standardInput, "standard input")
                    : reader.read(inputFile));
            options = options.toBuilder().unset(Option.INPUT_FILE).build();
        }
        return new Invocation(options, downloads, metalinks, parsed.helpRequested(), parsed.helpTopic(),
                parsed.versionRequested(), demo);
    }

    private static MetalinkInput read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new MetalinkInput(file.toString(), readDocument(in));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such Metalink file");
        }
    }

    private static byte[] readDocument(InputStream in) throws IOException {
        return in.readNBytes(MetalinkLimits.DEFAULT_MAX_DOCUMENT_BYTES + 1);
    }
}
