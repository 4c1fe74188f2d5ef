package dev.arietta.internal.options;

import dev.arietta.Option;
import dev.arietta.OptionException;
import dev.arietta.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses {@code aria2c}-style command lines, as GNU {@code getopt_long} does for aria2:
 * <ul>
 *   <li>long options {@code --name=value} or {@code --name value}; a boolean option takes its
 *       value only after {@code =}, and alone means {@code true} ({@code --continue});</li>
 *   <li>short options from {@link Option#shortName()}: {@code -d DIR} or {@code -dDIR}; a
 *       boolean one alone means {@code true}, and takes a value only attached ({@code -Vfalse}:
 *       in {@code -V false} the {@code false} is a URI, as in aria2);</li>
 *   <li>{@code -h}/{@code --help[=TOPIC]} and {@code -v}/{@code --version} are reported as flags
 *       for the caller to act on;</li>
 *   <li>options and URIs may be mixed; {@code --} ends the options; {@code -} alone is an
 *       argument;</li>
 *   <li>a later value replaces an earlier one, except for repeatable options ({@code --header}),
 *       which accumulate.</li>
 * </ul>
 * Unlike {@code getopt_long}, abbreviated long names ({@code --cont}) are not accepted, so that a
 * new option cannot change the meaning of an existing script. Unknown flags and bad values throw
 * {@link OptionException} naming the flag or option. No file is read here: the caller reads
 * {@code --input-file} with {@link InputFileReader}.
 *
 * <p>Stateless and thread-safe.
 */
public final class CommandLine {

    private static final List<String> STREAM_SCHEMES = List.of("http", "https", "ftp", "sftp");

    private CommandLine() {
    }

    /**
     * Parses the arguments after the program name.
     *
     * @throws OptionException for an unknown flag, a missing value or a value not accepted
     */
    public static ParsedCommandLine parse(List<String> arguments) {
        Options.Builder options = Options.builder();
        List<String> rest = new ArrayList<>();
        boolean help = false;
        String helpTopic = null;
        boolean version = false;
        int index = 0;
        while (index < arguments.size()) {
            String argument = arguments.get(index++);
            if (argument.equals("--")) {
                rest.addAll(arguments.subList(index, arguments.size()));
                break;
            }
            if (argument.startsWith("--")) {
                int equals = argument.indexOf('=');
                String name = argument.substring(2, equals < 0 ? argument.length() : equals);
                String value = equals < 0 ? null : argument.substring(equals + 1);
                if (name.equals("help")) {
                    help = true;
                    helpTopic = value;
                } else if (name.equals("version")) {
                    if (value != null) {
                        throw new OptionException("--version", "option \"--version\" takes no value");
                    }
                    version = true;
                } else {
                    Option<?> option = Option.forName(name).orElseThrow(() -> unknown("--" + name));
                    if (value == null) {
                        if (takesOptionalValue(option)) {
                            value = "true";
                        } else if (index < arguments.size()) {
                            value = arguments.get(index++);
                        } else {
                            throw missingValue(option, "--" + name);
                        }
                    }
                    options.set(option.name(), value);
                }
            } else if (argument.startsWith("-") && argument.length() > 1) {
                int position = 1;
                while (position < argument.length()) {
                    char letter = argument.charAt(position++);
                    String attached = argument.substring(position);
                    if (letter == 'v') {
                        version = true;
                        continue;
                    }
                    if (letter == 'h') {
                        help = true;
                        helpTopic = attached.isEmpty() ? null : attached;
                        break;
                    }
                    Option<?> option = Option.forShortName(letter).orElseThrow(() -> unknown("-" + letter));
                    String value;
                    if (!attached.isEmpty()) {
                        value = attached;
                    } else if (takesOptionalValue(option)) {
                        value = "true";
                    } else if (index < arguments.size()) {
                        value = arguments.get(index++);
                    } else {
                        throw missingValue(option, "-" + letter);
                    }
                    options.set(option.name(), value);
                    break;
                }
            } else {
                rest.add(argument);
            }
        }
        Options parsed = options.build();
        return new ParsedCommandLine(parsed, rest, groupUris(rest, parsed.get(Option.FORCE_SEQUENTIAL)), help,
                Optional.ofNullable(helpTopic), version);
    }

    /**
     * Groups URIs into downloads as aria2 does with the command line and with each input-file
     * line: without {@code force-sequential}, all HTTP(S), FTP and SFTP URIs are mirrors of one
     * download (listed first), and every other argument (magnet link, .torrent or Metalink file)
     * is a download of its own; with it, every URI is a download of its own.
     */
    public static List<List<String>> groupUris(List<String> uris, boolean forceSequential) {
        List<List<String>> groups = new ArrayList<>();
        if (forceSequential) {
            for (String uri : uris) {
                groups.add(List.of(uri));
            }
            return List.copyOf(groups);
        }
        List<String> mirrors = new ArrayList<>();
        List<List<String>> separate = new ArrayList<>();
        for (String uri : uris) {
            if (isStreamUri(uri)) {
                mirrors.add(uri);
            } else {
                separate.add(List.of(uri));
            }
        }
        if (!mirrors.isEmpty()) {
            groups.add(List.copyOf(mirrors));
        }
        groups.addAll(separate);
        return List.copyOf(groups);
    }

    /** The help text; see {@link HelpText#render}. */
    public static String help(String topic) {
        return HelpText.render(topic);
    }

    private static boolean isStreamUri(String uri) {
        int separator = uri.indexOf("://");
        return separator > 0 && STREAM_SCHEMES.contains(uri.substring(0, separator).toLowerCase(Locale.ROOT));
    }

    /** aria2 gives boolean options an optional argument; every other option requires one. */
    static boolean takesOptionalValue(Option<?> option) {
        return option.valueClass() == Boolean.class;
    }

    private static OptionException unknown(String flag) {
        return new OptionException(flag, "unknown option " + ValueEcho.quote(flag));
    }

    private static OptionException missingValue(Option<?> option, String flag) {
        return new OptionException(option.name(), "option " + ValueEcho.quote(flag) + " requires a value ("
                + option.valueSyntax() + ")");
    }
}
