package dev.arietta.http.internal.cookie;

/**
 * A {@code Set-Cookie} header that RFC 6265 (or Arietta's stricter rules) says to ignore.
 * The HTTP client logs it and carries on: a rejected cookie never fails a download.
 */
public final class CookieRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a cookie was rejected. */
    public enum Reason {
        /** The header is longer than {@link CookieJarLimits#maxSetCookieLength()}. */
        TOO_LONG,
        /** The name-value pair has no {@code '='}. */
        NO_NAME_VALUE_PAIR,
        /** The cookie name is empty. */
        EMPTY_NAME,
        /** The header contains a control character (including TAB, which would break cookies.txt). */
        CONTROL_CHARACTER,
        /** The request URI has no host. */
        NO_REQUEST_HOST,
        /** The Domain attribute does not domain-match the request host. */
        DOMAIN_MISMATCH,
        /** The Domain attribute is a public suffix other than the request host itself. */
        PUBLIC_SUFFIX_DOMAIN,
        /** The Secure attribute was set by a response to a non-https request. */
        SECURE_FROM_INSECURE_ORIGIN,
        /** A {@code __Secure-} or {@code __Host-} name prefix's requirements are not met. */
        NAME_PREFIX_VIOLATION,
        /** An insecure response tried to overwrite a Secure cookie (RFC 6265bis). */
        WOULD_OVERWRITE_SECURE_COOKIE
    }

    private final Reason reason;

    CookieRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the cookie was rejected. */
    public Reason reason() {
        return reason;
    }
}
