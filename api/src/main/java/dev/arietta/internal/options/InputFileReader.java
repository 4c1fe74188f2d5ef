package dev.arietta.internal.options;

import dev.arietta.Option;
import dev.arietta.OptionException;
import dev.arietta.Options;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads aria2's input-file format ({@code --input-file}, and what {@code --save-session}
 * writes):
 * <pre>
 * # a comment
 * http://server/file.iso&lt;TAB&gt;http://mirror/file.iso
 *   dir=/iso_images
 *   out=file.img
 * http://foo/bar
 * </pre>
 * <ul>
 *   <li>A line starting with anything but whitespace or {@code #} is a URI line: one download,
 *       its URIs separated by TAB (mirrors of one file). Surrounding spaces are stripped and
 *       empty fields skipped.</li>
 *   <li>Lines starting with a space or TAB under a URI line are {@code name=value} options of
 *       that download. Only per-download options are allowed (aria2's input-file option list);
 *       a repeatable option ({@code header}) given on several lines accumulates.</li>
 *   <li>Lines starting with {@code #} (also after indentation) and blank lines are skipped.</li>
 *   <li>UTF-8, {@code \n} or {@code \r\n} line endings, optionally gzip-compressed as aria2
 *       allows; a leading byte order mark is ignored.</li>
 * </ul>
 * Unlike aria2, which skips unknown option names and reads an option line before any URI as a
 * URI, every such problem is an {@link InputFileException} with its line number; nothing is
 * silently dropped. Sizes are bounded by {@link InputFileLimits}.
 *
 * <p>Immutable and thread-safe; each call reads independently.
 */
public final class InputFileReader {

    private static final int GZIP_MAGIC_FIRST = 0x1f;
    private static final int GZIP_MAGIC_SECOND = 0x8b;

    private final InputFileLimits limits;

    /** A reader with {@link InputFileLimits#DEFAULTS}. */
    public InputFileReader() {
        this(InputFileLimits.DEFAULTS);
    }

    public InputFileReader(InputFileLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Reads {@code file}; errors name it by its path. */
    public List<InputFileEntry> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads {@code text} (tests and in-memory sessions). */
    public List<InputFileEntry> read(String text, String source) throws InputFileException {
        try {
            return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), source);
        } catch (InputFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading memory cannot fail", e);
        }
    }

    /**
     * Reads the entries of a stream, which is not closed.
     *
     * @param source the file name shown in error messages
     * @throws InputFileException on a syntax error, a bad option or a limit exceeded
     * @throws IOException        if reading fails
     */
    public List<InputFileEntry> read(InputStream stream, String source) throws IOException {
        Objects.requireNonNull(source, "source");
        BufferedInputStream buffered = new BufferedInputStream(stream);
        boolean gzip = isGzip(buffered);
        try {
            InputStream content = gzip ? new GZIPInputStream(buffered) : buffered;
            return parse(new BoundedLineReader(content, limits, source), source);
        } catch (ZipException | EOFException e) {
            if (!gzip) {
                throw e;
            }
            throw new InputFileException(InputFileException.Reason.CORRUPT_COMPRESSION, source, 0,
                    "corrupt gzip data", e);
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_FIRST && second == GZIP_MAGIC_SECOND;
    }

    private List<InputFileEntry> parse(BoundedLineReader lines, String source) throws IOException {
        List<InputFileEntry> entries = new ArrayList<>();
        List<String> uris = null;
        Options.Builder options = null;
        String line;
        while ((line = lines.next()) != null) {
            int number = lines.lineNumber();
            String content = TextRules.strip(line);
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            if (TextRules.isBlank(line.charAt(0))) {
                if (uris == null) {
                    throw new InputFileException(InputFileException.Reason.OPTION_BEFORE_URI, source, number,
                            "option line before any URI line (URI lines start in the first column)", null);
                }
                applyOption(options, content, source, number);
            } else {
                if (uris != null) {
                    entries.add(new InputFileEntry(uris, options.build()));
                }
                uris = splitUris(line, source, number);
                options = Options.builder();
            }
        }
        if (uris != null) {
            entries.add(new InputFileEntry(uris, options.build()));
        }
        return List.copyOf(entries);
    }

    private List<String> splitUris(String line, String source, int number) throws InputFileException {
        try {
            TextRules.requireNoControlCharacters(line);
        } catch (InvalidValueException e) {
            // The URI is not repeated: it may carry a password.
            throw new InputFileException(InputFileException.Reason.BAD_URI, source, number,
                    "URI line has a " + e.detail(), null);
        }
        List<String> uris = new ArrayList<>();
        for (String field : line.split("\t")) {
            String uri = TextRules.strip(field);
            if (!uri.isEmpty()) {
                if (uris.size() == limits.maxUrisPerEntry()) {
                    throw new InputFileException(InputFileException.Reason.TOO_MANY_URIS, source, number,
                            "more than " + limits.maxUrisPerEntry() + " URIs on one line", null);
                }
                uris.add(uri);
            }
        }
        return uris;
    }

    private static void applyOption(Options.Builder options, String content, String source, int number)
            throws InputFileException {
        int equals = content.indexOf('=');
        if (equals <= 0) {
            throw new InputFileException(InputFileException.Reason.MALFORMED_OPTION, source, number,
                    "expected an option line name=value", null);
        }
        String name = TextRules.strip(content.substring(0, equals));
        Optional<Option<?>> option = Option.forName(name);
        if (option.isEmpty()) {
            throw new InputFileException(InputFileException.Reason.UNKNOWN_OPTION, source, number,
                    "unknown option " + ValueEcho.quote(name), null);
        }
        if (option.get().scope() == Option.Scope.GLOBAL) {
            throw new InputFileException(InputFileException.Reason.GLOBAL_OPTION, source, number,
                    name + " is a global option; it cannot be set for one download", null);
        }
        try {
            options.set(name, content.substring(equals + 1));
        } catch (OptionException e) {
            throw new InputFileException(InputFileException.Reason.BAD_VALUE, source, number, e.getMessage(), e);
        }
    }
}
