package dev.arietta.internal.engine;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.hash.ExpectedChecksum;
import dev.arietta.http.internal.transfer.FetchFailure;
import dev.arietta.http.internal.transfer.FetchResponse;
import dev.arietta.metalink.Hash;
import dev.arietta.metalink.MetalinkException;
import dev.arietta.metalink.MetalinkHttp;
import dev.arietta.metalink.MetalinkPreferences;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Metalink/HTTP (RFC 6249) and instance digests (RFC 3230) on one download, as aria2 uses
 * them:
 * <ul>
 *   <li>{@code Link: <…>; rel=duplicate} mirrors of the first answer that carries any join
 *       the download, preferred ({@code pref}) first, then by {@code pri}, those in a
 *       {@code metalink-location} country gaining; only for downloads not made from a
 *       Metalink (whose mirrors the document already lists).</li>
 *   <li>{@code Digest}: the whole-file digest to verify at the end is the {@code checksum}
 *       option's, else the Metalink's, else the first digest a server sends. An answer whose
 *       digest of that same type differs is refused: its connection fails and its mirror is
 *       dropped.</li>
 * </ul>
 * {@code rel=describedby} links are not followed: aria2 uses only {@code rel=duplicate}.
 * Malformed headers are ignored (logged), as if absent. Loop thread only.
 */
final class MetalinkHttpCheck {

    private final boolean acceptLinks;
    private final MetalinkPreferences preferences;
    private final Logger log;
    private final String gid;
    private ExpectedChecksum expected;
    private boolean linksTaken;

    /**
     * @param expected    the digest known before any answer (checksum option, Metalink hash), or null
     * @param acceptLinks whether {@code rel=duplicate} mirrors may join (not for Metalink downloads)
     */
    MetalinkHttpCheck(ExpectedChecksum expected, boolean acceptLinks, MetalinkPreferences preferences, Logger log,
                      String gid) {
        this.expected = expected;
        this.acceptLinks = acceptLinks;
        this.preferences = preferences;
        this.log = log;
        this.gid = gid;
    }

    /** The whole-file digest to verify at the end, or null. */
    ExpectedChecksum expected() {
        return expected;
    }

    /**
     * Checks one answer of {@code source}; new mirrors go to {@code addMirror}.
     *
     * @return null to accept the answer, or why it is refused
     */
    FetchFailure check(URI source, FetchResponse response, Consumer<URI> addMirror) {
        if (acceptLinks && !linksTaken && !response.links().isEmpty()) {
            linksTaken = true;
            MetalinkHttp links = parse(response.finalUri(), response.links(), List.of());
            if (links != null) {
                links.orderedMirrors(preferences).forEach(addMirror);
            }
        }
        if (response.digests().isEmpty()) {
            return null;
        }
        MetalinkHttp digests = parse(response.finalUri(), List.of(), response.digests());
        if (digests == null || digests.digests().isEmpty()) {
            return null;
        }
        if (expected == null) {
            Hash strongest = digests.strongestDigest();
            expected = new ExpectedChecksum(MetalinkTarget.algorithm(strongest.type()), strongest.bytes());
            return null;
        }
        for (Hash digest : digests.digests()) {
            if (MetalinkTarget.algorithm(digest.type()) == expected.algorithm() && !expected.matches(digest.bytes())) {
                return new FetchFailure(ErrorCode.CHECKSUM_ERROR, "mirror " + source.getHost() + ": Digest "
                        + digest.type() + "=" + digest.hex() + " differs from the expected "
                        + HexFormat.of().formatHex(expected.digest()), FetchFailure.Kind.FATAL, 0);
            }
        }
        return null;
    }

    private MetalinkHttp parse(URI requestUri, List<String> links, List<String> digests) {
        try {
            return MetalinkHttp.parse(requestUri, links, digests);
        } catch (MetalinkException malformed) {
            log.info("{}: ignoring a Metalink/HTTP header of {}: {}", gid, requestUri.getHost(),
                    malformed.getMessage());
            return null;
        }
    }
}
