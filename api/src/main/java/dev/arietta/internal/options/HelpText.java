package dev.arietta.internal.options;

import dev.arietta.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code arietta --help} text, generated from the option registry in aria2c's layout:
 * flags on the left, the description, accepted values and default wrapped at
 * {@value #WIDTH} columns on the right. Stateless.
 */
final class HelpText {

    /** The program name shown in the usage line. */
    static final String PROGRAM = "arietta";
    /** Line width the text is wrapped to. */
    static final int WIDTH = 80;
    /** Column where descriptions start. */
    static final int DESCRIPTION_COLUMN = 30;

    private static final String VERSION_FLAGS = " -v, --version";
    private static final String VERSION_DESCRIPTION = "Print the version number and exit.";
    private static final String HELP_FLAGS = " -h, --help[=KEYWORD]";
    private static final String HELP_DESCRIPTION = "Print usage and exit. With KEYWORD, list only the options whose"
            + " name contains it; a #TAG (as aria2 accepts) lists every option.";

    private HelpText() {
    }

    /**
     * The help for {@code topic}: every option when it is {@code null} or starts with {@code #}
     * (aria2's tags; Arietta lists everything for any tag), else the options whose name contains
     * it.
     */
    static String render(String topic) {
        StringBuilder out = new StringBuilder();
        out.append("Usage: ").append(PROGRAM).append(" [OPTIONS] [URI | MAGNET | TORRENT_FILE | METALINK_FILE]...\n");
        boolean everything = topic == null || topic.startsWith("#");
        List<String> entries = new ArrayList<>();
        if (everything || "version".contains(topic)) {
            entries.add(entry(VERSION_FLAGS, VERSION_DESCRIPTION, Optional.empty(), Optional.empty()));
        }
        if (everything || "help".contains(topic)) {
            entries.add(entry(HELP_FLAGS, HELP_DESCRIPTION, Optional.empty(), Optional.empty()));
        }
        for (Option<?> option : Option.all()) {
            if (everything || option.name().contains(topic)) {
                entries.add(entry(option));
            }
        }
        if (entries.isEmpty()) {
            out.append("No option matches ").append(ValueEcho.quote(topic)).append(".\n");
        } else {
            out.append("Options:\n");
            entries.forEach(out::append);
        }
        return out.toString();
    }

    private static <T> String entry(Option<T> option) {
        StringBuilder flags = new StringBuilder(" ");
        flags.append(option.shortName().map(letter -> "-" + letter + ", ").orElse("    "));
        flags.append("--").append(option.name());
        if (CommandLine.takesOptionalValue(option)) {
            flags.append("[=true|false]");
        } else {
            flags.append('=').append(option.placeholder());
        }
        return entry(flags.toString(), option.description(), Optional.of(option.valueSyntax()),
                option.defaultValue().map(option::format));
    }

    private static String entry(String flags, String description, Optional<String> values, Optional<String> defaultText) {
        StringBuilder out = new StringBuilder(flags);
        if (flags.length() >= DESCRIPTION_COLUMN - 1) {
            out.append('\n').append(" ".repeat(DESCRIPTION_COLUMN));
        } else {
            out.append(" ".repeat(DESCRIPTION_COLUMN - flags.length()));
        }
        wrap(out, description);
        values.ifPresent(text -> {
            out.append('\n').append(" ".repeat(DESCRIPTION_COLUMN));
            wrap(out, "Possible values: " + text);
        });
        defaultText.ifPresent(text -> {
            out.append('\n').append(" ".repeat(DESCRIPTION_COLUMN));
            wrap(out, "Default: " + (text.isEmpty() ? "\"\"" : text));
        });
        return out.append("\n\n").toString();
    }

    /** Appends {@code text} word-wrapped, continuation lines indented to the description column. */
    private static void wrap(StringBuilder out, String text) {
        int column = DESCRIPTION_COLUMN;
        boolean first = true;
        for (String word : text.split(" ")) {
            if (!first && column + 1 + word.length() > WIDTH) {
                out.append('\n').append(" ".repeat(DESCRIPTION_COLUMN));
                column = DESCRIPTION_COLUMN;
                first = true;
            }
            if (!first) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
            first = false;
        }
    }
}
