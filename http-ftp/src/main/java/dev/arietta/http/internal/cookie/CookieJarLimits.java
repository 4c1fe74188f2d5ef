package dev.arietta.http.internal.cookie;

/**
 * Bounds on a {@link CookieJar}, so a hostile server cannot grow it without limit.
 *
 * @param maxCookiesPerDomain most cookies stored for one cookie domain; the least recently
 *     used cookie of that domain is evicted past it. Default {@value #DEFAULT_MAX_COOKIES_PER_DOMAIN}
 *     (RFC 6265 §6.1's minimum, and aria2's limit).
 * @param maxCookies most cookies stored in total; the least recently used cookie is evicted
 *     past it. Default {@value #DEFAULT_MAX_COOKIES} (RFC 6265 §6.1's minimum).
 * @param maxSetCookieLength longest {@code Set-Cookie} header value accepted, in chars;
 *     longer ones are rejected. Default {@value #DEFAULT_MAX_SET_COOKIE_LENGTH} (RFC 6265 §6.1
 *     asks for at least 4096 bytes per cookie, attributes included).
 */
public record CookieJarLimits(int maxCookiesPerDomain, int maxCookies, int maxSetCookieLength) {
    /** Default {@link #maxCookiesPerDomain()}. */
    public static final int DEFAULT_MAX_COOKIES_PER_DOMAIN = 50;
    /** Default {@link #maxCookies()}. */
    public static final int DEFAULT_MAX_COOKIES = 3000;
    /** Default {@link #maxSetCookieLength()}. */
    public static final int DEFAULT_MAX_SET_COOKIE_LENGTH = 8192;
    /** All defaults. */
    public static final CookieJarLimits DEFAULTS = new CookieJarLimits(
            DEFAULT_MAX_COOKIES_PER_DOMAIN, DEFAULT_MAX_COOKIES, DEFAULT_MAX_SET_COOKIE_LENGTH);

    public CookieJarLimits {
        if (maxCookiesPerDomain < 1 || maxCookies < 1 || maxSetCookieLength < 1) {
            throw new IllegalArgumentException("cookie limits must be positive: " + maxCookiesPerDomain
                    + ", " + maxCookies + ", " + maxSetCookieLength);
        }
    }
}
