package dev.arietta.metalink;

import dev.arietta.metalink.internal.XmlText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to choose files and order mirrors, with aria2's option semantics and defaults.
 * Immutable; build with {@link #builder()} or from aria2 option strings with
 * {@link #fromOptions(Map)}.
 *
 * @param locations          {@code metalink-location}: lowercase country codes; URLs located
 *                           in one of them are preferred. Default: none.
 * @param language           {@code metalink-language}: only files listing this language
 *                           (compared ignoring case) are selected, or null for any. Default null.
 * @param os                 {@code metalink-os}: only files listing this operating system
 *                           (ignoring case) are selected, or null for any. Default null.
 * @param version            {@code metalink-version}: only files of exactly this version are
 *                           selected, or null for any. Default null.
 * @param preferredProtocol  {@code metalink-preferred-protocol}: URLs of this protocol are
 *                           preferred. Default {@link Protocol#NONE}.
 * @param uniqueProtocol     {@code metalink-enable-unique-protocol}: when one host offers a file
 *                           over several protocols, keep only its best-ranked URL. Default true.
 * @param baseUri            {@code metalink-base-uri}: base for relative URLs of a Metalink
 *                           read from a local file, or null. Default null.
 */
public record MetalinkPreferences(
        List<String> locations,
        String language,
        String os,
        String version,
        Protocol preferredProtocol,
        boolean uniqueProtocol,
        URI baseUri) {

    /** aria2's defaults: no filters, no preferred location or protocol, unique protocol on. */
    public static final MetalinkPreferences DEFAULT = builder().build();

    /** Values of {@code metalink-preferred-protocol}. */
    public enum Protocol {
        /** Prefer http URLs. */
        HTTP,
        /** Prefer https URLs. */
        HTTPS,
        /** Prefer ftp URLs. */
        FTP,
        /** No protocol preference (aria2's default). */
        NONE;

        /** The URL scheme this protocol stands for, e.g. {@code https}; null for NONE. */
        public String scheme() {
            return this == NONE ? null : name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses an aria2 option value: {@code http}, {@code https}, {@code ftp} or {@code none},
         * ignoring case.
         *
         * @throws IllegalArgumentException for anything else
         */
        public static Protocol fromOption(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "http" -> HTTP;
                case "https" -> HTTPS;
                case "ftp" -> FTP;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException(
                        "metalink-preferred-protocol must be http, https, ftp or none, was " + XmlText.quote(value));
            };
        }
    }

    /**
     * @throws IllegalArgumentException if the base URI is not absolute
     */
    public MetalinkPreferences {
        List<String> normalized = new ArrayList<>();
        for (String location : locations) {
            String code = location.strip().toLowerCase(Locale.ROOT);
            if (!code.isEmpty()) {
                normalized.add(code);
            }
        }
        locations = List.copyOf(normalized);
        language = blankToNull(language);
        os = blankToNull(os);
        version = blankToNull(version);
        Objects.requireNonNull(preferredProtocol, "preferredProtocol");
        if (baseUri != null && !baseUri.isAbsolute()) {
            throw new IllegalArgumentException("metalink-base-uri must be an absolute URI, was " + baseUri);
        }
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Preferences from aria2 options: {@code metalink-location} (comma list),
     * {@code metalink-language}, {@code metalink-os}, {@code metalink-version},
     * {@code metalink-preferred-protocol}, {@code metalink-enable-unique-protocol}
     * ({@code true}/{@code false}) and {@code metalink-base-uri}. Other keys are ignored; absent
     * keys keep their defaults.
     *
     * @throws IllegalArgumentException if a value is malformed
     */
    public static MetalinkPreferences fromOptions(Map<String, String> options) {
        Builder builder = builder();
        String locations = options.get("metalink-location");
        if (locations != null) {
            builder.locations(List.of(locations.split(",")));
        }
        builder.language(options.get("metalink-language"));
        builder.os(options.get("metalink-os"));
        builder.version(options.get("metalink-version"));
        String protocol = options.get("metalink-preferred-protocol");
        if (protocol != null) {
            builder.preferredProtocol(Protocol.fromOption(protocol));
        }
        String unique = options.get("metalink-enable-unique-protocol");
        if (unique != null) {
            builder.uniqueProtocol(switch (unique.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(
                        "metalink-enable-unique-protocol must be true or false, was " + XmlText.quote(unique));
            });
        }
        String base = options.get("metalink-base-uri");
        if (base != null && !base.isBlank()) {
            try {
                builder.baseUri(new URI(base.strip()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("metalink-base-uri is not a URI: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Builds {@link MetalinkPreferences}; starts at aria2's defaults. Not thread-safe. */
    public static final class Builder {
        private List<String> locations = List.of();
        private String language;
        private String os;
        private String version;
        private Protocol preferredProtocol = Protocol.NONE;
        private boolean uniqueProtocol = true;
        private URI baseUri;

        private Builder() {
        }

        /** Preferred country codes, any case. Default: none. */
        public Builder locations(List<String> values) {
            locations = List.copyOf(values);
            return this;
        }

        /** Language filter, or null. Default: null. */
        public Builder language(String value) {
            language = value;
            return this;
        }

        /** Operating-system filter, or null. Default: null. */
        public Builder os(String value) {
            os = value;
            return this;
        }

        /** Version filter, or null. Default: null. */
        public Builder version(String value) {
            version = value;
            return this;
        }

        /** Preferred protocol. Default: {@link Protocol#NONE}. */
        public Builder preferredProtocol(Protocol value) {
            preferredProtocol = Objects.requireNonNull(value, "preferredProtocol");
            return this;
        }

        /** One protocol per host. Default: true. */
        public Builder uniqueProtocol(boolean value) {
            uniqueProtocol = value;
            return this;
        }

        /** Base for relative URLs of a local Metalink, or null. Default: null. */
        public Builder baseUri(URI value) {
            baseUri = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException if the base URI is not absolute
         */
        public MetalinkPreferences build() {
            return new MetalinkPreferences(locations, language, os, version, preferredProtocol, uniqueProtocol, baseUri);
        }
    }
}
