package dev.arietta.metalink;

import dev.arietta.metalink.internal.FileNames;
import dev.arietta.metalink.internal.XmlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One file of a Metalink: where to get it, how to verify it, and what it is. Immutable and
 * thread-safe. Absent text is null, absent numbers are empty optionals, lists are never null.
 *
 * @param name        relative path with {@code /} between directories; refused if empty,
 *                    absolute, a drive-letter path, containing a backslash, a {@code ..},
 *                    {@code .} or empty segment, or a control character
 * @param size        length in bytes, or empty when unknown
 * @param version     the file's version, or null
 * @param languages   RFC 5646 language tags, in document order
 * @param oses        operating systems the file is for, in document order
 * @param description free text, or null
 * @param publisher   who publishes the file, or null
 * @param identity    what the file is (e.g. a product name), or null
 * @param copyright   copyright statement, or null
 * @param logo        URL of a logo, or null
 * @param urls        mirrors, in document order
 * @param metaurls    metadata documents (.torrent, Metalink), in document order
 * @param hashes      whole-file digests with a {@linkplain HashType known type}, in document
 *                    order (unknown types are dropped when parsing)
 * @param pieces      chunk checksums, one entry per hash type, in document order
 * @param signature   detached signature, or null
 */
public record MetalinkFile(
        String name,
        OptionalLong size,
        String version,
        List<String> languages,
        List<String> oses,
        String description,
        Publisher publisher,
        String identity,
        String copyright,
        String logo,
        List<MetalinkUrl> urls,
        List<Metaurl> metaurls,
        List<Hash> hashes,
        List<PieceHashes> pieces,
        Signature signature) {

    /**
     * @throws IllegalArgumentException if the name is unsafe, the size negative, a text value
     *                                  unrepresentable in XML 1.0, or a piece-hash list does
     *                                  not have {@code ceil(size / pieceLength)} entries when
     *                                  the size is known
     */
    public MetalinkFile {
        Objects.requireNonNull(name, "name");
        XmlText.requireRepresentable("file name", name);
        FileNames.require("file name", name);
        Objects.requireNonNull(size, "size");
        if (size.isPresent() && size.getAsLong() < 0) {
            throw new IllegalArgumentException("file " + XmlText.quote(name) + ": size must not be negative, was " + size.getAsLong());
        }
        version = XmlText.optional("version", version);
        languages = requiredTexts("language", languages);
        oses = requiredTexts("os", oses);
        description = XmlText.optional("description", description);
        identity = XmlText.optional("identity", identity);
        copyright = XmlText.optional("copyright", copyright);
        logo = XmlText.optional("logo", logo);
        urls = List.copyOf(urls);
        metaurls = List.copyOf(metaurls);
        hashes = List.copyOf(hashes);
        pieces = List.copyOf(pieces);
        if (size.isPresent()) {
            for (PieceHashes piece : pieces) {
                long expected = expectedPieceCount(size.getAsLong(), piece.pieceLength());
                if (piece.count() != expected) {
                    throw new IllegalArgumentException("file " + XmlText.quote(name) + ": " + piece.type()
                            + " pieces of " + piece.pieceLength() + " bytes: " + piece.count()
                            + " hashes, but size " + size.getAsLong() + " needs " + expected);
                }
            }
        }
    }

    /** Number of pieces of {@code pieceLength} bytes that cover {@code size} bytes. */
    public static long expectedPieceCount(long size, int pieceLength) {
        return size / pieceLength + (size % pieceLength == 0 ? 0 : 1);
    }

    /** A builder for a file named {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this file's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder(name);
        builder.size = size;
        builder.version = version;
        builder.languages.addAll(languages);
        builder.oses.addAll(oses);
        builder.description = description;
        builder.publisher = publisher;
        builder.identity = identity;
        builder.copyright = copyright;
        builder.logo = logo;
        builder.urls.addAll(urls);
        builder.metaurls.addAll(metaurls);
        builder.hashes.addAll(hashes);
        builder.pieces.addAll(pieces);
        builder.signature = signature;
        return builder;
    }

    private static List<String> requiredTexts(String field, List<String> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(values.size());
        for (String value : values) {
            out.add(XmlText.required(field, value));
        }
        return List.copyOf(out);
    }

    /**
     * Builds a {@link MetalinkFile}. Every value starts absent (lists empty). Not thread-safe.
     */
    public static final class Builder {
        private String name;
        private OptionalLong size = OptionalLong.empty();
        private String version;
        private final List<String> languages = new ArrayList<>();
        private final List<String> oses = new ArrayList<>();
        private String description;
        private Publisher publisher;
        private String identity;
        private String copyright;
        private String logo;
        private final List<MetalinkUrl> urls = new ArrayList<>();
        private final List<Metaurl> metaurls = new ArrayList<>();
        private final List<Hash> hashes = new ArrayList<>();
        private final List<PieceHashes> pieces = new ArrayList<>();
        private Signature signature;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The relative path; see {@link MetalinkFile#name()}. */
        public Builder name(String value) {
            name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** Length in bytes. Default: unknown. */
        public Builder size(long bytes) {
            size = OptionalLong.of(bytes);
            return this;
        }

        /** Length in bytes, or empty for unknown. Default: unknown. */
        public Builder size(OptionalLong bytes) {
            size = Objects.requireNonNull(bytes, "size");
            return this;
        }

        /** Version, or null. Default: null. */
        public Builder version(String value) {
            version = value;
            return this;
        }

        /** Adds a language tag. Default: none. */
        public Builder addLanguage(String value) {
            languages.add(Objects.requireNonNull(value, "language"));
            return this;
        }

        /** Adds an operating system. Default: none. */
        public Builder addOs(String value) {
            oses.add(Objects.requireNonNull(value, "os"));
            return this;
        }

        /** Description, or null. Default: null. */
        public Builder description(String value) {
            description = value;
            return this;
        }

        /** Publisher, or null. Default: null. */
        public Builder publisher(Publisher value) {
            publisher = value;
            return this;
        }

        /** Identity, or null. Default: null. */
        public Builder identity(String value) {
            identity = value;
            return this;
        }

        /** Copyright, or null. Default: null. */
        public Builder copyright(String value) {
            copyright = value;
            return this;
        }

        /** Logo URL, or null. Default: null. */
        public Builder logo(String value) {
            logo = value;
            return this;
        }

        /** Adds a mirror. Default: none. */
        public Builder addUrl(MetalinkUrl value) {
            urls.add(Objects.requireNonNull(value, "url"));
            return this;
        }

        /** Adds a metadata document. Default: none. */
        public Builder addMetaurl(Metaurl value) {
            metaurls.add(Objects.requireNonNull(value, "metaurl"));
            return this;
        }

        /** Adds a whole-file digest. Default: none. */
        public Builder addHash(Hash value) {
            hashes.add(Objects.requireNonNull(value, "hash"));
            return this;
        }

        /** Adds chunk checksums. Default: none. */
        public Builder addPieces(PieceHashes value) {
            pieces.add(Objects.requireNonNull(value, "pieces"));
            return this;
        }

        /** Signature, or null. Default: null. */
        public Builder signature(Signature value) {
            signature = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException as {@link MetalinkFile#MetalinkFile} does
         */
        public MetalinkFile build() {
            return new MetalinkFile(name, size, version, languages, oses, description, publisher, identity,
                    copyright, logo, urls, metaurls, hashes, pieces, signature);
        }
    }
}
