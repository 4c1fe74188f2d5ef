package dev.arietta.http.internal.transfer;

import java.net.URI;
import java.util.Locale;

/**
 * How a {@link SegmentedTransfer} asks its first source, and when a refused first request is
 * asked again differently instead of counting against the source.
 *
 * <ul>
 *   <li>By default one piece from byte 0 ({@code bytes=0-<piece-length - 1>}): a 206 gives
 *       the length and proves ranges work, and a resumed download fetches at most one piece
 *       needlessly. A source that refuses the bounded range is asked for the whole entity
 *       from byte 0 ({@code bytes=0-}, where a 200 is accepted).</li>
 *   <li>{@link TransferSettings#wholeFirst()} (aria2's {@code http-accept-gzip}): the whole
 *       entity at once, where the server may send it compressed.</li>
 *   <li>{@link TransferSettings#headFirst()} (aria2's {@code use-head}): an HTTP(S) source is
 *       first asked only for the headers ({@code HEAD}); the data follows in the requests the
 *       transfer then makes. A source that fails the {@code HEAD} other than with "not found"
 *       (405 Method Not Allowed, a broken answer) is asked again with {@code GET} as above.</li>
 * </ul>
 *
 * <p>Loop thread only.
 */
final class FirstRequest {

    private final TransferSettings settings;
    /** Whether the first request asks for the whole entity ({@code bytes=0-}). */
    private boolean wholeEntity;
    /** Set once a source refused {@code HEAD}: later first requests use GET. */
    private boolean headRefused;

    FirstRequest(TransferSettings settings) {
        this.settings = settings;
        this.wholeEntity = settings.wholeFirst();
    }

    /** Whether the first request to {@code uri} asks only for the headers. */
    boolean headersOnly(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return settings.headFirst() && !headRefused && (scheme.equals("http") || scheme.equals("https"));
    }

    /** The end of the first request's range: one piece, or {@link FetchRequest#TO_END}. */
    long end() {
        return wholeEntity ? FetchRequest.TO_END : settings.pieceLength();
    }

    /**
     * The first request ({@code headersOnly}: a {@code HEAD}) failed: returns true when it is
     * asked again differently (the failure then does not count against the source), false when
     * the failure stands.
     */
    boolean askAgainAfter(boolean headersOnly, FetchFailure failure) {
        if (headersOnly && failure.kind() != FetchFailure.Kind.NOT_FOUND) {
            headRefused = true;
            return true;
        }
        if (failure.kind() == FetchFailure.Kind.RANGE_UNSUPPORTED && !wholeEntity) {
            wholeEntity = true;
            return true;
        }
        return false;
    }
}
