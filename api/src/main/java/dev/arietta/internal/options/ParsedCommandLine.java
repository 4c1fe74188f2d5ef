package dev.arietta.internal.options;

import dev.arietta.Options;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link CommandLine#parse}: what the {@code arietta} CLI should do.
 *
 * @param options          every option given, as the session's global options (per-download
 *                         ones are the defaults of the downloads the CLI adds)
 * @param arguments        the non-option arguments (URIs, magnet links, .torrent and Metalink
 *                         file paths), in order
 * @param uriGroups        {@code arguments} grouped into downloads by aria2's rule, see
 *                         {@link CommandLine#groupUris}
 * @param helpRequested    {@code -h} or {@code --help} was given: print {@link CommandLine#help}
 *                         and exit
 * @param helpTopic        the {@code --help=TOPIC} argument, if any
 * @param versionRequested {@code -v} or {@code --version} was given: print the version and exit
 */
public record ParsedCommandLine(Options options, List<String> arguments, List<List<String>> uriGroups,
                                boolean helpRequested, Optional<String> helpTopic, boolean versionRequested) {

    public ParsedCommandLine {
        Objects.requireNonNull(options, "options");
        arguments = List.copyOf(arguments);
        uriGroups = uriGroups.stream().map(List::copyOf).toList();
        Objects.requireNonNull(helpTopic, "helpTopic");
    }
}
