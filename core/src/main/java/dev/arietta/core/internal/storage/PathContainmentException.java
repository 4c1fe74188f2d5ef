package dev.arietta.core.internal.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An untrusted name cannot be turned into a safe path under the download directory.
 *
 * <p>The message names the offending input and, when known, the root. Which
 * {@link dev.arietta.core.ErrorCode} a download stops with depends on where the name came from
 * (a torrent, a Metalink document, an HTTP header), so the caller chooses it.
 */
public final class PathContainmentException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why a path was refused. */
    public enum Reason {
        /** Nothing was left after dropping unsafe and empty elements. */
        EMPTY_PATH,
        /** The resolved real path (symbolic links followed) lies outside the root. */
        ESCAPES_ROOT,
        /** A symbolic link on the way points nowhere, so where a write would land is unknown. */
        DANGLING_LINK,
        /** Two files of one download resolve to the same path, or one file's path is another's directory. */
        COLLISION
    }

    private final Reason reason;
    private final String input;
    private final transient Path root;

    /**
     * @param reason why the path was refused
     * @param input  the offending untrusted input, as received (or a description of it)
     * @param root   the download directory, or null when not resolving against one
     * @param detail extra context for the message, or null
     */
    public PathContainmentException(Reason reason, String input, Path root, String detail) {
        super(message(reason, input, root, detail));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.input = input;
        this.root = root;
    }

    private static String message(Reason reason, String input, Path root, String detail) {
        StringBuilder text = new StringBuilder();
        switch (reason) {
            case EMPTY_PATH -> text.append("path is empty after sanitizing");
            case ESCAPES_ROOT -> text.append("path escapes the download directory");
            case DANGLING_LINK -> text.append("path goes through a dangling symbolic link");
            case COLLISION -> text.append("path collides with another file of the download");
        }
        text.append(": ").append(printable(input));
        if (root != null) {
            text.append(" under ").append(root);
        }
        if (detail != null) {
            text.append(" (").append(detail).append(')');
        }
        return text.toString();
    }

    /** Escapes control and format characters so a hostile name cannot forge log lines. */
    private static String printable(String input) {
        if (input == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(input.length() + 2).append('"');
        input.codePoints().forEach(codePoint -> {
            int type = Character.getType(codePoint);
            if (codePoint < 0x20 || codePoint == 0x7F || type == Character.CONTROL
                    || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04X", codePoint));
            } else {
                out.appendCodePoint(codePoint);
            }
        });
        return out.append('"').toString();
    }

    /** Why the path was refused. */
    public Reason reason() {
        return reason;
    }

    /** The offending untrusted input as received. */
    public String input() {
        return input;
    }

    /** The download directory, or null. */
    public Path root() {
        return root;
    }
}
