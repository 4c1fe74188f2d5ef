package dev.arietta.internal.options;

import dev.arietta.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes downloads in aria2's input-file format, as {@code --save-session} does: the URIs of
 * each download on one line separated by TAB, then one {@code " name=value"} line per option,
 * one line per element of a repeatable option. {@link InputFileReader} (and aria2) read the
 * output back to equal entries.
 *
 * <p>Stateless and thread-safe.
 */
public final class InputFileWriter {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private InputFileWriter() {
    }

    /**
     * The text of {@code entries}.
     *
     * @throws IllegalArgumentException if a URI could not be read back as written (empty, with a
     *                                  control character or TAB, surrounding spaces, or a leading
     *                                  {@code #}), or an entry holds a global option
     */
    public static String format(List<InputFileEntry> entries) {
        StringBuilder out = new StringBuilder();
        try {
            write(entries, out);
        } catch (IOException e) {
            throw new UncheckedIOException("appending to a StringBuilder cannot fail", e);
        }
        return out.toString();
    }

    /** Appends the text of {@code entries} to {@code out}; see {@link #format}. */
    public static void write(List<InputFileEntry> entries, Appendable out) throws IOException {
        for (InputFileEntry entry : entries) {
            for (String uri : entry.uris()) {
                checkUri(uri);
            }
            for (Map.Entry<String, String> option : entry.options().asStringMap().entrySet()) {
                if (Option.named(option.getKey()).scope() == Option.Scope.GLOBAL) {
                    throw new IllegalArgumentException(option.getKey()
                            + " is a global option; it cannot be saved for one download");
                }
            }
        }
        for (InputFileEntry entry : entries) {
            out.append(String.join("\t", entry.uris())).append('\n');
            for (Map.Entry<String, String> option : entry.options().asStringMap().entrySet()) {
                // A repeatable option's elements are joined by '\n' and never contain one.
                for (String value : option.getValue().split("\n", -1)) {
                    out.append(' ').append(option.getKey()).append('=').append(value).append('\n');
                }
            }
        }
    }

    /**
     * Replaces {@code file} with the text of {@code entries}, crash-safely: written to a
     * temporary file in the same directory, forced to disk, then renamed over {@code file}. On
     * POSIX file systems the file is readable by its owner only, because saved options may hold
     * passwords.
     */
    public static void save(List<InputFileEntry> entries, Path file) throws IOException {
        byte[] bytes = format(entries).getBytes(StandardCharsets.UTF_8);
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(absolute.getParent());
    }

    // Makes the rename durable on Linux; other systems cannot open a directory and need not.
    private static void forceDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The data itself is already on disk; only the rename's durability is best effort here.
        }
    }

    private static void checkUri(String uri) {
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("empty URI");
        }
        try {
            TextRules.requireNoControlCharacters(uri);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException("URI has a " + e.detail(), e);
        }
        if (uri.indexOf('\t') >= 0) {
            throw new IllegalArgumentException("URI has a TAB, which separates mirrors in the file");
        }
        if (!TextRules.strip(uri).equals(uri)) {
            throw new IllegalArgumentException("URI has surrounding spaces, which reading would strip");
        }
        if (uri.startsWith("#")) {
            throw new IllegalArgumentException("URI starts with '#', which reading would take for a comment");
        }
    }
}
