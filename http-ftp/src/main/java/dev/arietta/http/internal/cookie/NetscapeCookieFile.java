package dev.arietta.http.internal.cookie;

import dev.arietta.http.internal.cookie.CookieFileReport.SkipReason;
import dev.arietta.http.internal.cookie.CookieFileReport.SkippedLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The Netscape/Mozilla {@code cookies.txt} format read by aria2's {@code load-cookies} and
 * written by {@code save-cookies}: one cookie per line, seven TAB-separated fields
 * <pre>domain  include-subdomains(TRUE|FALSE)  path  secure(TRUE|FALSE)  expiry  name  value</pre>
 * where expiry is seconds since the epoch and {@code 0} marks a session cookie.
 *
 * <p>Reading: blank lines and lines starting with {@code #} are ignored, except that the
 * {@code #HttpOnly_} prefix (written by curl and Firefox) marks an HttpOnly cookie. A line with
 * six fields has an empty value (aria2 accepts that). A malformed line is skipped and reported
 * with its line number in the {@link CookieFileReport}, as browsers and aria2 skip them;
 * only exceeding {@link CookieFileLimits#maxLines()} fails the whole file. The include-subdomains
 * field decides whether the cookie is host-only; a leading dot on the domain is dropped.
 *
 * <p>Files are read and written as ISO-8859-1, so every byte survives a load-save round trip
 * unchanged, matching how HTTP header octets reach the cookie jar.
 *
 * <p>Stateless; the static methods are thread-safe.
 */
public final class NetscapeCookieFile {
    private static final String HTTP_ONLY_PREFIX = "#HttpOnly_";

    private NetscapeCookieFile() {
    }

    /** Loads {@code file} into {@code jar}, using {@code now} as the creation time. */
    public static CookieFileReport load(Path file, CookieJar jar, Instant now, PublicSuffixPolicy publicSuffixes,
                                        CookieFileLimits limits) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return read(reader, file.toString(), now, publicSuffixes, limits, jar::put);
        }
    }

    /**
     * Reads cookies from {@code reader}, handing each unexpired well-formed one to {@code sink}.
     *
     * @param source the name used in reports and errors
     * @param now the creation time given to every cookie, and the time expiry is checked against
     * @throws CookieFileException if the input has more than {@link CookieFileLimits#maxLines()} lines
     */
    public static CookieFileReport read(Reader reader, String source, Instant now, PublicSuffixPolicy publicSuffixes,
                                        CookieFileLimits limits, Consumer<Cookie> sink) throws IOException {
        LineReader lines = new LineReader(reader, limits.maxLineLength());
        List<SkippedLine> skipped = new ArrayList<>();
        int skippedCount = 0;
        int loaded = 0;
        int expired = 0;
        int lineNumber = 0;
        String line;
        while ((line = lines.next()) != null) {
            lineNumber++;
            if (lineNumber > limits.maxLines()) {
                throw new CookieFileException(source, lineNumber, "more than " + limits.maxLines() + " lines");
            }
            SkippedLine problem;
            if (lines.lastLineTooLong()) {
                problem = new SkippedLine(lineNumber, SkipReason.LINE_TOO_LONG,
                        "longer than " + limits.maxLineLength() + " chars");
            } else {
                ParsedLine parsed = parseLine(line, lineNumber, now, publicSuffixes);
                if (parsed == null) {
                    continue;
                }
                problem = parsed.problem;
                if (problem == null) {
                    if (parsed.cookie.isExpired(now)) {
                        expired++;
                    } else {
                        sink.accept(parsed.cookie);
                        loaded++;
                    }
                }
            }
            if (problem != null) {
                skippedCount++;
                if (skipped.size() < limits.maxReportedSkips()) {
                    skipped.add(problem);
                }
            }
        }
        return new CookieFileReport(source, loaded, expired, skippedCount, skipped);
    }

    /** A cookie, a problem, or {@code null} for a comment or blank line. */
    private record ParsedLine(Cookie cookie, SkippedLine problem) {
    }

    private static ParsedLine parseLine(String rawLine, int lineNumber, Instant now, PublicSuffixPolicy publicSuffixes) {
        String line = rawLine;
        boolean httpOnly = false;
        if (line.startsWith(HTTP_ONLY_PREFIX)) {
            httpOnly = true;
            line = line.substring(HTTP_ONLY_PREFIX.length());
        } else if (line.startsWith("#") || line.isBlank()) {
            return null;
        }
        String[] fields = line.split("\t", -1);
        if (fields.length != 6 && fields.length != 7) {
            return skip(lineNumber, SkipReason.WRONG_FIELD_COUNT, fields.length + " fields, expected 6 or 7");
        }
        for (String field : fields) {
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c < 0x20 || c == 0x7F) {
                    return skip(lineNumber, SkipReason.CONTROL_CHARACTER,
                            "control character 0x" + Integer.toHexString(c));
                }
            }
        }
        String domain = CookieDomains.canonicalHost(fields[0].startsWith(".") ? fields[0].substring(1) : fields[0]);
        if (domain == null) {
            return skip(lineNumber, SkipReason.BAD_DOMAIN, "empty domain");
        }
        Boolean includeSubdomains = parseFlag(fields[1]);
        Boolean secure = parseFlag(fields[3]);
        if (includeSubdomains == null || secure == null) {
            return skip(lineNumber, SkipReason.BAD_FLAG, "flags must be TRUE or FALSE");
        }
        String path = fields[2];
        if (!path.startsWith("/")) {
            return skip(lineNumber, SkipReason.BAD_PATH, "path must start with '/'");
        }
        Instant expiry;
        try {
            long seconds = Long.parseLong(fields[4]);
            expiry = seconds == 0 ? null : SetCookieParser.clamp(Instant.ofEpochSecond(seconds));
        } catch (NumberFormatException | DateTimeException badNumber) {
            return skip(lineNumber, SkipReason.BAD_EXPIRY, "expiry is not whole seconds since the epoch");
        }
        String name = fields[5];
        if (name.isEmpty()) {
            return skip(lineNumber, SkipReason.EMPTY_NAME, "empty cookie name");
        }
        if (includeSubdomains && publicSuffixes.isPublicSuffix(domain)) {
            return skip(lineNumber, SkipReason.PUBLIC_SUFFIX_DOMAIN, "cookie for every host under " + domain);
        }
        String value = fields.length == 7 ? fields[6] : "";
        return new ParsedLine(new Cookie(name, value, domain, path, expiry, !includeSubdomains, secure, httpOnly, now),
                null);
    }

    private static ParsedLine skip(int lineNumber, SkipReason reason, String detail) {
        return new ParsedLine(null, new SkippedLine(lineNumber, reason, detail));
    }

    private static Boolean parseFlag(String field) {
        String upper = field.toUpperCase(Locale.ROOT);
        if (upper.equals("TRUE")) {
            return Boolean.TRUE;
        }
        if (upper.equals("FALSE")) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** Writes {@code cookies} in Netscape format, session cookies with expiry 0. */
    public static void write(Writer writer, List<Cookie> cookies) throws IOException {
        writer.write("# Netscape HTTP Cookie File\n");
        writer.write("# Written by Arietta. Lines: domain, subdomains, path, secure, expiry, name, value.\n\n");
        for (Cookie cookie : cookies) {
            StringBuilder line = new StringBuilder(64);
            if (cookie.httpOnly()) {
                line.append(HTTP_ONLY_PREFIX);
            }
            if (!cookie.hostOnly()) {
                line.append('.');
            }
            line.append(cookie.domain()).append('\t')
                    .append(cookie.hostOnly() ? "FALSE" : "TRUE").append('\t')
                    .append(cookie.path()).append('\t')
                    .append(cookie.secure() ? "TRUE" : "FALSE").append('\t')
                    .append(cookie.expiry() == null ? 0 : cookie.expiry().getEpochSecond()).append('\t')
                    .append(cookie.name()).append('\t')
                    .append(cookie.value()).append('\n');
            writer.write(line.toString());
        }
    }

    /**
     * Saves the jar's unexpired cookies to {@code file}: written to a temporary file in the same
     * directory, forced to disk, then renamed over {@code file}, so a crash never leaves a
     * half-written file. On POSIX file systems the file is readable by its owner only (mode 600),
     * since cookies are credentials.
     */
    public static void save(Path file, CookieJar jar) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = Files.createTempFile(directory, absolute.getFileName().toString(), ".tmp");
        try {
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.ISO_8859_1)) {
                write(writer, jar.snapshot());
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Reads lines of bounded length; an over-long line is consumed but only its prefix kept. */
    private static final class LineReader {
        private final Reader reader;
        private final int maxLength;
        private final StringBuilder line = new StringBuilder();
        private boolean tooLong;

        LineReader(Reader reader, int maxLength) {
            this.reader = reader.markSupported() ? reader : new BufferedReader(reader);
            this.maxLength = maxLength;
        }

        /** Whether the line last returned by {@link #next()} was cut at the maximum length. */
        boolean lastLineTooLong() {
            return tooLong;
        }

        /** The next line without its terminator (CR LF, LF or CR), or {@code null} at the end. */
        String next() throws IOException {
            line.setLength(0);
            tooLong = false;
            int c = reader.read();
            if (c < 0) {
                return null;
            }
            while (c >= 0 && c != '\n' && c != '\r') {
                if (line.length() < maxLength) {
                    line.append((char) c);
                } else {
                    tooLong = true;
                }
                c = reader.read();
            }
            if (c == '\r') {
                reader.mark(1);
                if (reader.read() != '\n') {
                    reader.reset();
                }
            }
            return line.toString();
        }
    }
}
