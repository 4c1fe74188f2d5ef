package dev.arietta;

import dev.arietta.internal.options.ValueSyntax;
import java.util.Objects;

/**
 * Declares one {@link Option} constant readably:
 * {@code define("split", integer(1, UNBOUNDED)).shortName('s').defaultValue("5").perDownload(RESTART, "…")}.
 * Used only while {@link Option} initializes.
 *
 * @param <T> the value type
 */
final class OptionDefinition<T> {

    private final String name;
    private final ValueSyntax<T> syntax;
    private Character shortName;
    private String defaultText;
    private boolean changeableGlobally = true;

    OptionDefinition(String name, ValueSyntax<T> syntax) {
        this.name = Objects.requireNonNull(name, "name");
        this.syntax = Objects.requireNonNull(syntax, "syntax");
    }

    /** The one-letter command-line flag, as aria2's ({@code -s}). */
    OptionDefinition<T> shortName(char letter) {
        this.shortName = letter;
        return this;
    }

    /** aria2's default, in aria2's text form; parsed (and so checked) when the option is created. */
    OptionDefinition<T> defaultValue(String text) {
        this.defaultText = Objects.requireNonNull(text, "text");
        return this;
    }

    /** For per-download options that aria2's {@code changeGlobalOption} refuses ({@code out}, {@code checksum}). */
    OptionDefinition<T> notChangeableGlobally() {
        this.changeableGlobally = false;
        return this;
    }

    /** A per-download option; its global value is the default of new downloads. */
    Option<T> perDownload(Option.Change change, String description) {
        return new Option<>(name, shortName, syntax, defaultText, Option.Scope.DOWNLOAD, change, changeableGlobally,
                description);
    }

    /**
     * A session-wide option.
     *
     * @param change {@link Option.Change#LIVE} if {@code changeGlobalOption} may change it,
     *               {@link Option.Change#NEVER} if it is fixed when the session starts
     */
    Option<T> global(Option.Change change, String description) {
        if (change == Option.Change.RESTART) {
            throw new IllegalArgumentException(name + ": a global option is either LIVE or NEVER");
        }
        return new Option<>(name, shortName, syntax, defaultText, Option.Scope.GLOBAL, change,
                change == Option.Change.LIVE, description);
    }
}
