package dev.arietta.metalink;

import dev.arietta.metalink.internal.DigestHeaderParser;
import dev.arietta.metalink.internal.LinkHeaderParser;
import dev.arietta.metalink.internal.UriReferences;
import dev.arietta.metalink.internal.XmlText;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a server says about a file in Metalink/HTTP (RFC 6249) response headers: mirrors
 * ({@code Link: <…>; rel=duplicate}), descriptions ({@code Link: <…>; rel=describedby},
 * e.g. a .meta4, a .torrent or a signature), and whole-file digests ({@code Digest}, RFC
 * 3230). Immutable.
 *
 * @param mirrors     {@code rel=duplicate} links, in header order
 * @param describedBy {@code rel=describedby} links, in header order
 * @param digests     one digest per known type, strongest first; contradicting digests of
 *                    one type are dropped
 */
public record MetalinkHttp(List<Mirror> mirrors, List<DescribedBy> describedBy, List<Hash> digests) {

    /**
     * A mirror of the requested file.
     *
     * @param uri       absolute URI of the mirror
     * @param priority  {@code pri}: 1 (most preferred) to 999999, or empty
     * @param geo       {@code geo}: lowercase ISO 3166-1 country code, or null
     * @param preferred {@code pref}: the server marks this mirror as preferred
     * @param depth     {@code depth}: how many path segments of the request the mirror
     *                  replaces (a directory mirror), or empty
     */
    public record Mirror(URI uri, OptionalInt priority, String geo, boolean preferred, OptionalInt depth) {

        /** Checks presence of the values. */
        public Mirror {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(depth, "depth");
        }

        /** The priority used for ranking: the given one or {@link MetalinkUrl#LOWEST_PRIORITY}. */
        public int effectivePriority() {
            return priority.orElse(MetalinkUrl.LOWEST_PRIORITY);
        }
    }

    /**
     * A document describing the requested file.
     *
     * @param uri  absolute URI of the document
     * @param type its lowercase media type (e.g. {@value Metaurl#METALINK4},
     *             {@code application/x-bittorrent}, {@value Signature#PGP}), or null
     */
    public record DescribedBy(URI uri, String type) {

        /** Checks presence of the URI. */
        public DescribedBy {
            Objects.requireNonNull(uri, "uri");
        }

        /** Whether this is a Metalink 4 document. */
        public boolean isMetalink() {
            return Metaurl.METALINK4.equals(type);
        }

        /** Whether this is a .torrent. */
        public boolean isTorrent() {
            return "application/x-bittorrent".equals(type);
        }
    }

    /** Copies the lists. */
    public MetalinkHttp {
        mirrors = List.copyOf(mirrors);
        describedBy = List.copyOf(describedBy);
        digests = List.copyOf(digests);
    }

    /** {@link #parse(URI, List, List, MetalinkLimits)} with {@link MetalinkLimits#DEFAULT}. */
    public static MetalinkHttp parse(URI requestUri, List<String> linkValues, List<String> digestValues)
            throws MetalinkException {
        return parse(requestUri, linkValues, digestValues, MetalinkLimits.DEFAULT);
    }

    /**
     * Reads the {@code Link} and {@code Digest} header values of one response. Links with
     * other relations are ignored; a {@code rel} listing several relations counts for each.
     *
     * @param requestUri   the URI that was requested, against which relative link targets
     *                     resolve; null if unknown (relative targets are then refused)
     * @param linkValues   every {@code Link} header value, in order
     * @param digestValues every {@code Digest} header value, in order
     * @param limits       {@link MetalinkLimits#maxHeaderEntries()} bounds the links and the
     *                     digests, {@link MetalinkLimits#maxTextLength()} each value's length
     * @throws MetalinkException MALFORMED_HEADER for bad syntax, a target that is not a URI or
     *                           cannot be resolved, a {@code pri} outside 1–999999, a bad
     *                           {@code depth}, bad base64 or a digest of the wrong length;
     *                           LIMIT_EXCEEDED past a limit
     */
    public static MetalinkHttp parse(URI requestUri, List<String> linkValues, List<String> digestValues, MetalinkLimits limits)
            throws MetalinkException {
        List<Mirror> mirrors = new ArrayList<>();
        List<DescribedBy> described = new ArrayList<>();
        LinkHeaderParser.parse(linkValues, limits.maxHeaderEntries(), limits.maxTextLength(), link -> {
            Map<String, String> parameters = link.parameters();
            String rel = parameters.get("rel");
            if (rel == null) {
                return;
            }
            List<String> relations = Arrays.asList(rel.toLowerCase(Locale.ROOT).strip().split("[ \t]+"));
            boolean duplicate = relations.contains("duplicate");
            boolean describedBy = relations.contains("describedby");
            if (!duplicate && !describedBy) {
                return;
            }
            URI uri = target(requestUri, link.target());
            if (duplicate) {
                mirrors.add(new Mirror(uri, number(parameters, "pri", 1, MetalinkUrl.LOWEST_PRIORITY, link),
                        lowercaseOrNull(parameters.get("geo")), parameters.containsKey("pref"),
                        number(parameters, "depth", 0, Integer.MAX_VALUE, link)));
            }
            if (describedBy) {
                described.add(new DescribedBy(uri, lowercaseOrNull(parameters.get("type"))));
            }
        });
        List<Hash> digests = DigestHeaderParser.parse(digestValues, limits.maxHeaderEntries(), limits.maxTextLength());
        return new MetalinkHttp(mirrors, described, digests);
    }

    /**
     * Mirror URIs best first, as aria2 orders them: mirrors marked {@code pref} first, then
     * by priority, where a mirror whose {@code geo} is among the preferences' locations gains
     * 999999. Ties keep header order.
     */
    public List<URI> orderedMirrors(MetalinkPreferences preferences) {
        record Ranked(Mirror mirror, int rank) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (Mirror mirror : mirrors) {
            boolean local = mirror.geo() != null && preferences.locations().contains(mirror.geo());
            ranked.add(new Ranked(mirror, mirror.effectivePriority() - (local ? MetalinkUrl.LOWEST_PRIORITY : 0)));
        }
        ranked.sort(Comparator.comparing((Ranked r) -> !r.mirror().preferred()).thenComparingInt(Ranked::rank));
        List<URI> uris = new ArrayList<>(ranked.size());
        for (Ranked r : ranked) {
            uris.add(r.mirror().uri());
        }
        return uris;
    }

    /** The strongest digest, or null if the server sent none of a known type. */
    public Hash strongestDigest() {
        return digests.isEmpty() ? null : digests.get(0);
    }

    private static URI target(URI requestUri, String target) throws MetalinkException {
        URI reference = UriReferences.parse(target);
        if (reference == null) {
            throw new MetalinkException(MetalinkException.Kind.MALFORMED_HEADER, "Link target " + XmlText.quote(target)
                    + " is not a URI");
        }
        URI resolved = UriReferences.resolve(requestUri, reference);
        if (resolved == null) {
            throw new MetalinkException(MetalinkException.Kind.MALFORMED_HEADER, "Link target " + XmlText.quote(target)
                    + " is relative and there is no request URI to resolve it against");
        }
        return resolved;
    }

    private static OptionalInt number(Map<String, String> parameters, String name, int min, int max,
            LinkHeaderParser.Link link) throws MetalinkException {
        String value = parameters.get(name);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max && !value.strip().startsWith("+")) {
                return OptionalInt.of(parsed);
            }
        } catch (NumberFormatException e) {
            // Reported below with the range.
        }
        throw new MetalinkException(MetalinkException.Kind.MALFORMED_HEADER, "Link <" + link.target() + ">: " + name + " "
                + XmlText.quote(value) + " is not an integer from " + min + " to " + max);
    }

    private static String lowercaseOrNull(String value) {
        return value == null || value.isBlank() ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
