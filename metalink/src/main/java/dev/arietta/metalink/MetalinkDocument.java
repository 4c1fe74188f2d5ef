package dev.arietta.metalink;

import dev.arietta.metalink.internal.XmlText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed Metalink (version 3 or 4 alike) or one to be written. Immutable and thread-safe.
 *
 * <p>Metalink 3 maps as follows: the {@code generator} attribute to {@link #generator()},
 * {@code origin} to {@link #origin()}, {@code type="dynamic"} to {@link #dynamic()},
 * {@code pubdate} and {@code refreshdate} (RFC 822 dates) to {@link #published()} and
 * {@link #updated()}.
 *
 * @param generator what produced the document, or null
 * @param origin    where the document itself can be fetched again, or null
 * @param dynamic   whether the document at {@code origin} changes and should be refetched;
 *                  only true with an origin
 * @param published when first published, or null; within the years 0000–9999 (RFC 3339)
 * @param updated   when last updated, or null; within the years 0000–9999
 * @param files     at least one file, names unique
 */
public record MetalinkDocument(
        String generator, String origin, boolean dynamic, Instant published, Instant updated, List<MetalinkFile> files) {

    /**
     * @throws IllegalArgumentException if there is no file, two files share a name,
     *                                  {@code dynamic} is set without an origin, a date is
     *                                  outside RFC 3339's years, or a text value cannot be
     *                                  carried by XML 1.0
     */
    public MetalinkDocument {
        generator = XmlText.optional("generator", generator);
        origin = XmlText.optional("origin", origin);
        if (dynamic && origin == null) {
            throw new IllegalArgumentException("a dynamic metalink needs an origin");
        }
        requireRfc3339Year("published", published);
        requireRfc3339Year("updated", updated);
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a metalink needs at least one file");
        }
        Set<String> names = new HashSet<>();
        for (MetalinkFile file : files) {
            if (!names.add(file.name())) {
                throw new IllegalArgumentException("two files are named " + XmlText.quote(file.name()));
            }
        }
    }

    private static void requireRfc3339Year(String field, Instant instant) {
        if (instant != null) {
            int year = instant.atOffset(ZoneOffset.UTC).getYear();
            if (year < 0 || year > 9999) {
                throw new IllegalArgumentException(field + " " + instant + " is outside the years 0000 to 9999 of RFC 3339");
            }
        }
    }

    /** A document holding just {@code files}. */
    public static MetalinkDocument of(List<MetalinkFile> files) {
        return new MetalinkDocument(null, null, false, null, null, files);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link MetalinkDocument}. Every value starts absent, {@code dynamic} false.
     * Not thread-safe.
     */
    public static final class Builder {
        private String generator;
        private String origin;
        private boolean dynamic;
        private Instant published;
        private Instant updated;
        private final List<MetalinkFile> files = new ArrayList<>();

        private Builder() {
        }

        /** Generator, or null. Default: null. */
        public Builder generator(String value) {
            generator = value;
            return this;
        }

        /** Origin URL, or null, and whether it is dynamic. Default: null, false. */
        public Builder origin(String value, boolean isDynamic) {
            origin = value;
            dynamic = isDynamic;
            return this;
        }

        /** Publication time, or null. Default: null. */
        public Builder published(Instant value) {
            published = value;
            return this;
        }

        /** Update time, or null. Default: null. */
        public Builder updated(Instant value) {
            updated = value;
            return this;
        }

        /** Adds a file. Default: none (at least one is required). */
        public Builder addFile(MetalinkFile value) {
            files.add(Objects.requireNonNull(value, "file"));
            return this;
        }

        /**
         * @throws IllegalArgumentException as {@link MetalinkDocument#MetalinkDocument} does
         */
        public MetalinkDocument build() {
            return new MetalinkDocument(generator, origin, dynamic, published, updated, files);
        }
    }
}
