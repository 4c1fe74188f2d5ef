package dev.arietta.bittorrent.internal.tracker;

import java.io.IOException;
import java.util.Objects;

/**
 * Why one request to one tracker failed: the tracker URL (user info masked), the
 * {@link Kind} of failure and what went wrong. Immutable.
 */
public final class TrackerException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure it was. */
    public enum Kind {
        /** The announce URL cannot be used (bad syntax, unsupported scheme, no host). */
        INVALID_URL,
        /** Name resolution, connection or transfer failed, or the HTTP status was not 200. */
        NETWORK,
        /** No answer within the time allowed (HTTP deadline, or every UDP retransmission). */
        TIMEOUT,
        /** The response is not what the protocol allows (bad bencode, truncated packet, wrong types). */
        MALFORMED_RESPONSE,
        /** The response exceeds a {@link TrackerLimits} bound. */
        LIMIT_EXCEEDED,
        /** The tracker refused: HTTP {@code failure reason}, or a UDP error (action 3). */
        TRACKER_FAILURE,
        /** The request was abandoned because its client closed. */
        CLOSED
    }

    private final String trackerUrl;
    private final Kind kind;
    private final String reason;

    /**
     * @param trackerUrl the tracker URL; user info is masked before it is stored
     * @param kind       the kind of failure
     * @param reason     what went wrong, without the URL (it is appended to the message)
     * @param cause      the underlying exception, or null
     */
    public TrackerException(String trackerUrl, Kind kind, String reason, Throwable cause) {
        super(reason + " (tracker " + mask(trackerUrl) + ")", cause);
        this.trackerUrl = mask(trackerUrl);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = reason;
    }

    public TrackerException(String trackerUrl, Kind kind, String reason) {
        this(trackerUrl, kind, reason, null);
    }

    /** The tracker URL, user info masked. */
    public String trackerUrl() {
        return trackerUrl;
    }

    public Kind kind() {
        return kind;
    }

    /** What went wrong, without the URL: for a refusal, the tracker's own text. */
    public String reason() {
        return reason;
    }

    /** Masks {@code user:password@} in a URL, as logs must never show credentials. */
    static String mask(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int authorityStart = scheme + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int at = url.lastIndexOf('@', authorityEnd - 1);
        if (at < authorityStart) {
            return url;
        }
        return url.substring(0, authorityStart) + "****" + url.substring(at);
    }
}
