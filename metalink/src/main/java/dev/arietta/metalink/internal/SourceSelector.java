package dev.arietta.metalink.internal;

import dev.arietta.metalink.Hash;
import dev.arietta.metalink.MetalinkDocument;
import dev.arietta.metalink.MetalinkFile;
import dev.arietta.metalink.MetalinkPreferences;
import dev.arietta.metalink.MetalinkUrl;
import dev.arietta.metalink.Metaurl;
import dev.arietta.metalink.PieceHashes;
import dev.arietta.metalink.SelectedFile;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * aria2's file selection and mirror ranking (Metalinker::queryEntry, Metalink2RequestGroup,
 * MetalinkEntry, FileEntry's unique protocol):
 * <ol>
 *   <li>keep the files whose version equals {@code metalink-version}, and whose languages
 *       and operating systems include {@code metalink-language} and {@code metalink-os}
 *       (each filter only when set);</li>
 *   <li>resolve each URL against the document's URL, or {@code metalink-base-uri}; drop
 *       relative URLs that cannot be resolved and schemes other than http, https, ftp, and
 *       exact duplicates;</li>
 *   <li>rank each URL by its priority (unspecified = 999999), minus 999999 if its location
 *       is in {@code metalink-location}, minus 999999 again if its scheme is
 *       {@code metalink-preferred-protocol}; sort stably, lowest first. aria2 shuffles before
 *       sorting so that equal mirrors share the load; that happens here only when a random
 *       generator is given, so that results are otherwise reproducible;</li>
 *   <li>with {@code metalink-enable-unique-protocol}, keep per host only the URLs of the
 *       scheme of its best-ranked URL. aria2 drops a host's other URLs once a connection to
 *       it succeeds; deciding up front from the ranking gives the same list without the
 *       engine having to track it;</li>
 *   <li>order metaurls by priority and choose the strongest whole-file hash and the
 *       strongest piece-hash list.</li>
 * </ol>
 * A selected file whose URLs were all dropped is still returned, with an empty list, so that
 * the caller can report it rather than lose it silently. Stateless.
 */
public final class SourceSelector {

    private static final int BOOST = MetalinkUrl.LOWEST_PRIORITY;

    private SourceSelector() {
    }

    /**
     * @param documentUri where the document came from, or null for a local file (then the
     *                    preferences' base URI is used)
     * @param random      shuffles equally ranked mirrors first, or null to keep document order
     */
    public static List<SelectedFile> select(
            MetalinkDocument document, URI documentUri, MetalinkPreferences preferences, RandomGenerator random) {
        URI base = documentUri != null ? documentUri : preferences.baseUri();
        List<SelectedFile> selected = new ArrayList<>();
        for (MetalinkFile file : document.files()) {
            if (matches(file, preferences)) {
                selected.add(new SelectedFile(file, rankUrls(file, base, preferences, random),
                        rankMetaurls(file, base), strongestHash(file), strongestPieces(file)));
            }
        }
        return selected;
    }

    static boolean matches(MetalinkFile file, MetalinkPreferences preferences) {
        if (preferences.version() != null && !preferences.version().equals(file.version())) {
            return false;
        }
        if (preferences.language() != null && !containsIgnoringCase(file.languages(), preferences.language())) {
            return false;
        }
        return preferences.os() == null || containsIgnoringCase(file.oses(), preferences.os());
    }

    private static boolean containsIgnoringCase(List<String> values, String wanted) {
        for (String value : values) {
            if (value.equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }

    private record Candidate(URI uri, String scheme, String host, int rank) {
    }

    private static List<URI> rankUrls(MetalinkFile file, URI base, MetalinkPreferences preferences, RandomGenerator random) {
        List<Candidate> candidates = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        String preferredScheme = preferences.preferredProtocol().scheme();
        for (MetalinkUrl url : file.urls()) {
            URI reference = UriReferences.parse(url.url());
            URI uri = reference == null ? null : UriReferences.resolve(base, reference);
            if (uri == null || !seen.add(uri)) {
                continue;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("ftp")) {
                continue;
            }
            int rank = url.effectivePriority();
            if (url.location() != null && preferences.locations().contains(url.location().toLowerCase(Locale.ROOT))) {
                rank -= BOOST;
            }
            if (scheme.equals(preferredScheme)) {
                rank -= BOOST;
            }
            candidates.add(new Candidate(uri, scheme, host(uri), rank));
        }
        if (random != null) {
            for (int i = candidates.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                candidates.set(i, candidates.set(j, candidates.get(i)));
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::rank));
        List<URI> uris = new ArrayList<>(candidates.size());
        Map<String, String> schemeOfHost = new HashMap<>();
        for (Candidate candidate : candidates) {
            if (preferences.uniqueProtocol()) {
                String kept = schemeOfHost.putIfAbsent(candidate.host(), candidate.scheme());
                if (kept != null && !kept.equals(candidate.scheme())) {
                    continue;
                }
            }
            uris.add(candidate.uri());
        }
        return uris;
    }

    private static String host(URI uri) {
        String host = uri.getHost() != null ? uri.getHost() : uri.getRawAuthority();
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }

    private static List<Metaurl> rankMetaurls(MetalinkFile file, URI base) {
        List<Metaurl> metaurls = new ArrayList<>();
        for (Metaurl metaurl : file.metaurls()) {
            URI reference = UriReferences.parse(metaurl.url());
            URI uri = reference == null ? null : UriReferences.resolve(base, reference);
            if (uri != null) {
                metaurls.add(new Metaurl(uri.toString(), metaurl.mediatype(), metaurl.priority(), metaurl.name()));
            }
        }
        metaurls.sort(Comparator.comparingInt(Metaurl::effectivePriority));
        return metaurls;
    }

    static Hash strongestHash(MetalinkFile file) {
        Hash best = null;
        for (Hash hash : file.hashes()) {
            if (best == null || hash.type().isStrongerThan(best.type())) {
                best = hash;
            }
        }
        return best;
    }

    private static PieceHashes strongestPieces(MetalinkFile file) {
        PieceHashes best = null;
        for (PieceHashes pieces : file.pieces()) {
            if (best == null || pieces.type().isStrongerThan(best.type())) {
                best = pieces;
            }
        }
        return best;
    }
}
