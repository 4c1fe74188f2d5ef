package dev.arietta.http.internal.cookie;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored cookie, as RFC 6265 §5.3 describes the cookie store's fields.
 *
 * <p>{@code domain} is lower case and without a leading dot; for an IPv6 host it has no
 * brackets. {@code hostOnly} means the cookie goes only to exactly {@code domain}, not to its
 * subdomains. {@code expiry} is {@code null} for a session cookie (one that lives until the
 * session ends and is saved with expiry {@code 0} in a cookies file). Immutable.
 *
 * @param name the cookie name, never empty
 * @param value the cookie value, possibly empty
 * @param domain the canonical domain (or IP address) the cookie belongs to
 * @param path the path prefix, always starting with {@code /}
 * @param expiry when the cookie expires, or {@code null} for a session cookie
 * @param hostOnly whether only {@code domain} itself (not subdomains) receives the cookie
 * @param secure whether the cookie is sent only over secure (https) connections
 * @param httpOnly whether the cookie was marked HttpOnly (kept for saving; an HTTP client
 *     sends it either way)
 * @param creationTime when the cookie was first stored, used to order the Cookie header
 */
public record Cookie(String name, String value, String domain, String path, Instant expiry,
                     boolean hostOnly, boolean secure, boolean httpOnly, Instant creationTime) {

    public Cookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(creationTime, "creationTime");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty cookie name");
        }
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("empty cookie domain");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("cookie path must start with '/': " + path);
        }
    }

    /** Whether the cookie has an expiry time (it is not a session cookie). */
    public boolean persistent() {
        return expiry != null;
    }

    /** Whether the cookie has expired at {@code now} (session cookies never do). */
    public boolean isExpired(Instant now) {
        return expiry != null && !expiry.isAfter(now);
    }

    /** This cookie with another creation time (a replaced cookie keeps the old one). */
    Cookie withCreationTime(Instant time) {
        return new Cookie(name, value, domain, path, expiry, hostOnly, secure, httpOnly, time);
    }

    /** Shows everything but the value, which may be a session secret. */
    @Override
    public String toString() {
        return "Cookie[" + name + "=***; domain=" + domain + (hostOnly ? " (host only)" : "")
                + "; path=" + path + "; expiry=" + (expiry == null ? "session" : expiry)
                + (secure ? "; secure" : "") + (httpOnly ? "; httpOnly" : "") + "]";
    }
}
