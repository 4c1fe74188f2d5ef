package dev.arietta.http.internal.cookie;

/**
 * Decides whether a domain is a public suffix (a name under which unrelated parties register,
 * such as {@code com} or {@code co.uk}); a cookie must not be scoped to one, or every site
 * under it would receive it (RFC 6265 §5.3 step 5).
 *
 * <p>Arietta ships no copy of the Public Suffix List: it would go stale inside an embedded
 * library, and a download engine talks to few sites. The default, {@link #SINGLE_LABEL},
 * treats every single-label name ({@code com}, {@code org}, {@code localhost}) as a public
 * suffix; two-label suffixes such as {@code co.uk} are therefore not recognised. An embedder
 * that needs more can pass its own policy (for example backed by a PSL library).
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface PublicSuffixPolicy {

    /** Every name without a dot is a public suffix. */
    PublicSuffixPolicy SINGLE_LABEL = domain -> domain.indexOf('.') < 0;

    /**
     * Whether {@code domain} (lower case, no leading or trailing dot) is a public suffix.
     */
    boolean isPublicSuffix(String domain);
}
