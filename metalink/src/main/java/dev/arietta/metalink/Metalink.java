package dev.arietta.metalink;

import dev.arietta.metalink.internal.Metalink4Writer;
import dev.arietta.metalink.internal.SourceSelector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Entry point of the module: parse Metalink 3 and 4, write Metalink 4, and choose files and
 * mirrors with aria2's preferences. All methods are stateless and thread-safe. To parse many
 * documents, or with other limits, keep a {@link MetalinkParser}.
 */
public final class Metalink {

    private Metalink() {
    }

    /**
     * Parses a Metalink 3 or 4 document with the default limits.
     *
     * @throws MetalinkException if it is refused; see {@link MetalinkParser}
     */
    public static MetalinkDocument parse(byte[] document) throws MetalinkException {
        return MetalinkParser.create().parse(document);
    }

    /**
     * Parses a Metalink 3 or 4 document from a stream, which is not closed, with the default
     * limits.
     *
     * @throws MetalinkException if it is refused; see {@link MetalinkParser}
     * @throws IOException       if reading the stream fails
     */
    public static MetalinkDocument parse(InputStream document) throws IOException {
        return MetalinkParser.create().parse(document);
    }

    /**
     * Writes {@code document} as Metalink 4 (UTF-8, namespace
     * {@code urn:ietf:params:xml:ns:metalink}); the stream is flushed, not closed. Parsing
     * the output gives back an equal document.
     *
     * @throws IOException if writing to the stream fails
     */
    public static void write(MetalinkDocument document, OutputStream output) throws IOException {
        Metalink4Writer.write(Objects.requireNonNull(document, "document"), Objects.requireNonNull(output, "output"));
    }

    /** {@code document} as Metalink 4 bytes (UTF-8). */
    public static byte[] toByteArray(MetalinkDocument document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            write(document, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Chooses the files to download and their sources, as aria2 does: filters by
     * version, language and operating system, ranks mirrors by priority, location and
     * protocol, applies unique-protocol, resolves relative URLs against
     * {@link MetalinkPreferences#baseUri()}, and picks the strongest hashes. Mirrors of equal
     * rank keep document order. See {@link #select(MetalinkDocument, URI, MetalinkPreferences, RandomGenerator)}.
     */
    public static List<SelectedFile> select(MetalinkDocument document, MetalinkPreferences preferences) {
        return select(document, null, preferences, null);
    }

    /**
     * Like {@link #select(MetalinkDocument, MetalinkPreferences)} for a document fetched from
     * {@code documentUri}: relative URLs resolve against it, as aria2 resolves them.
     */
    public static List<SelectedFile> select(MetalinkDocument document, URI documentUri, MetalinkPreferences preferences) {
        return select(document, documentUri, preferences, null);
    }

    /**
     * The general form of selection.
     *
     * <ol>
     *   <li>Files: kept if their version equals {@code metalink-version} and their languages
     *       and operating systems include {@code metalink-language} and {@code metalink-os}
     *       (ignoring case), each test only when the preference is set.</li>
     *   <li>URLs: resolved against {@code documentUri}, else the base URI of the preferences;
     *       relative ones that cannot be resolved, schemes other than http/https/ftp, and
     *       exact duplicates are dropped.</li>
     *   <li>Ranking: priority (unspecified counts as 999999), minus 999999 when the URL's
     *       location is a preferred location, minus 999999 when its scheme is the preferred
     *       protocol; lowest first; stable.</li>
     *   <li>Unique protocol (default on): per host, only URLs with the scheme of its best
     *       URL are kept.</li>
     *   <li>Metaurls: resolved the same way and sorted by priority.</li>
     *   <li>Hashes: the strongest whole-file hash and the strongest piece-hash list
     *       (sha-512 &gt; sha-384 &gt; sha-256 &gt; sha-224 &gt; sha-1 &gt; md5).</li>
     * </ol>
     *
     * @param documentUri where the document was fetched, or null for a local file
     * @param random      if not null, shuffles mirrors before ranking so that equally ranked
     *                    mirrors share the load, as aria2 does; null keeps document order
     * @return the selected files in document order; a file whose mirrors were all dropped is
     *         included with an empty URI list
     */
    public static List<SelectedFile> select(
            MetalinkDocument document, URI documentUri, MetalinkPreferences preferences, RandomGenerator random) {
        return SourceSelector.select(Objects.requireNonNull(document, "document"), documentUri,
                Objects.requireNonNull(preferences, "preferences"), random);
    }
}
