package dev.arietta.internal.options;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A file system path of the default file system, relative or absolute. {@code -} is an
 * ordinary path here; options that give it a meaning (stdin, stdout) say so. Control characters
 * are refused (a newline would break a session file).
 */
final class PathSyntax implements ValueSyntax<Path> {

    private final String placeholder;
    private final boolean emptyAllowed;

    /** @param emptyAllowed whether {@code ""} is a value (for {@code log}: no log file) */
    PathSyntax(String placeholder, boolean emptyAllowed) {
        this.placeholder = placeholder;
        this.emptyAllowed = emptyAllowed;
    }

    @Override
    public String description() {
        return emptyAllowed ? "a path, or empty" : "a non-empty path";
    }

    @Override
    public String placeholder() {
        return placeholder;
    }

    @Override
    public Class<?> valueClass() {
        return Path.class;
    }

    @Override
    public Path parse(String text) {
        if (text.isEmpty() && !emptyAllowed) {
            throw new InvalidValueException();
        }
        TextRules.requireNoControlCharacters(text);
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidValueException(e.getReason(), e);
        }
    }

    @Override
    public String format(Path value) {
        return value.toString();
    }
}
