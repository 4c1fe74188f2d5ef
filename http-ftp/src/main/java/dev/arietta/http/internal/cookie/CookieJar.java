package dev.arietta.http.internal.cookie;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's cookie store (RFC 6265 §5.3 storage, §5.4 retrieval), bounded by
 * {@link CookieJarLimits}: past {@code maxCookiesPerDomain} for one cookie domain, or past
 * {@code maxCookies} in total, expired cookies go first and then the least recently used
 * (stored or sent) ones.
 *
 * <p>Time comes from the injected {@link Clock}: expiry, creation and access times all use it.
 *
 * <p>Thread-safe: every method synchronizes on the jar. Calls are short (a lookup touches only
 * the buckets of the request host's parent domains) so the HTTP connections of a session and an
 * API thread saving cookies can share one jar.
 */
public final class CookieJar {
    private static final Logger LOG = LoggerFactory.getLogger(CookieJar.class);

    /** Cookie header order: longer paths first, then earlier creation, then earlier storage. */
    private static final Comparator<StoredCookie> SEND_ORDER =
            Comparator.<StoredCookie>comparingInt(stored -> -stored.cookie.path().length())
                    .thenComparing(stored -> stored.cookie.creationTime())
                    .thenComparingLong(stored -> stored.sequence);

    private final CookieJarLimits limits;
    private final Clock clock;
    private final SetCookieParser parser;
    /** Cookie domain → (name, path, hostOnly) key → cookie. */
    private final Map<String, Map<Key, StoredCookie>> domains = new HashMap<>();
    private int size;
    /** Increments on every store and access; orders creation ties and LRU eviction. */
    private long tick;

    /**
     * @param limits size bounds
     * @param clock source of the current time
     * @param publicSuffixes domains a cookie may not be scoped to
     */
    public CookieJar(CookieJarLimits limits, Clock clock, PublicSuffixPolicy publicSuffixes) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.parser = new SetCookieParser(limits.maxSetCookieLength(), publicSuffixes);
    }

    /** A jar with {@link CookieJarLimits#DEFAULTS} and {@link PublicSuffixPolicy#SINGLE_LABEL}. */
    public CookieJar(Clock clock) {
        this(CookieJarLimits.DEFAULTS, clock, PublicSuffixPolicy.SINGLE_LABEL);
    }

    /**
     * Stores the cookie a {@code Set-Cookie} header in the response to {@code requestUri} asks
     * for. An already-expired cookie deletes its stored namesake.
     *
     * @throws CookieRejectedException when RFC 6265 says to ignore the header
     */
    public synchronized void receive(URI requestUri, String setCookieHeader) throws CookieRejectedException {
        Cookie cookie = parser.parse(setCookieHeader, requestUri, clock.instant());
        if (!"https".equalsIgnoreCase(requestUri.getScheme()) && !cookie.secure()
                && shadowsSecureCookie(cookie)) {
            throw new CookieRejectedException(CookieRejectedException.Reason.WOULD_OVERWRITE_SECURE_COOKIE,
                    "insecure response may not overwrite Secure cookie " + cookie.name());
        }
        put(cookie);
    }

    /**
     * Like {@link #receive} but logs and drops a rejected cookie, as a browser does.
     *
     * @return whether the cookie was accepted
     */
    public boolean receiveOrIgnore(URI requestUri, String setCookieHeader) {
        try {
            receive(requestUri, setCookieHeader);
            return true;
        } catch (CookieRejectedException rejected) {
            LOG.debug("Ignoring cookie from {}: {}", requestUri.getHost(), rejected.getMessage());
            return false;
        }
    }

    /**
     * Stores a cookie as it is (for example one loaded from a cookies file), replacing the
     * cookie with the same name, domain, path and host-only flag but keeping that one's
     * creation time. An expired cookie is not stored; it removes its namesake.
     */
    public synchronized void put(Cookie cookie) {
        Instant now = clock.instant();
        Map<Key, StoredCookie> bucket = domains.computeIfAbsent(cookie.domain(), domain -> new LinkedHashMap<>());
        Key key = new Key(cookie.name(), cookie.path(), cookie.hostOnly());
        StoredCookie old = bucket.remove(key);
        if (old != null) {
            size--;
        }
        if (cookie.isExpired(now)) {
            if (bucket.isEmpty()) {
                domains.remove(cookie.domain());
            }
            return;
        }
        Cookie stored = old == null ? cookie : cookie.withCreationTime(old.cookie.creationTime());
        long sequence = old == null ? ++tick : old.sequence;
        StoredCookie entry = new StoredCookie(stored, sequence);
        entry.lastAccess = ++tick;
        bucket.put(key, entry);
        size++;
        if (bucket.size() > limits.maxCookiesPerDomain()) {
            evictFrom(bucket, now, entry);
        }
        if (size > limits.maxCookies()) {
            removeAllExpired(now);
            while (size > limits.maxCookies()) {
                evictLeastRecentlyUsed(entry);
            }
        }
    }

    /**
     * The cookies a request to {@code uri} carries, in RFC 6265 §5.4 order (longer paths first,
     * then earlier creation). Marks them as used for LRU eviction.
     */
    public synchronized List<Cookie> cookiesFor(URI uri) {
        String host = CookieDomains.canonicalHost(uri.getHost());
        if (host == null) {
            return List.of();
        }
        Instant now = clock.instant();
        boolean secureRequest = "https".equalsIgnoreCase(uri.getScheme());
        String path = uri.getRawPath();
        List<StoredCookie> matches = new ArrayList<>();
        String candidate = host;
        boolean ipHost = CookieDomains.isIpAddress(host);
        while (candidate != null) {
            Map<Key, StoredCookie> bucket = domains.get(candidate);
            if (bucket != null) {
                collect(bucket, host, path, secureRequest, now, matches);
                if (bucket.isEmpty()) {
                    domains.remove(candidate);
                }
            }
            int dot = candidate.indexOf('.');
            candidate = ipHost || dot < 0 ? null : candidate.substring(dot + 1);
        }
        matches.sort(SEND_ORDER);
        List<Cookie> result = new ArrayList<>(matches.size());
        for (StoredCookie stored : matches) {
            stored.lastAccess = ++tick;
            result.add(stored.cookie);
        }
        return result;
    }

    /** The {@code Cookie} request header value for {@code uri}, or empty when no cookie applies. */
    public Optional<String> cookieHeader(URI uri) {
        List<Cookie> cookies = cookiesFor(uri);
        if (cookies.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder header = new StringBuilder();
        for (Cookie cookie : cookies) {
            if (header.length() > 0) {
                header.append("; ");
            }
            header.append(cookie.name()).append('=').append(cookie.value());
        }
        return Optional.of(header.toString());
    }

    /** Every unexpired cookie, session cookies included, in storage order (for saving). */
    public synchronized List<Cookie> snapshot() {
        Instant now = clock.instant();
        removeAllExpired(now);
        List<StoredCookie> all = new ArrayList<>(size);
        for (Map<Key, StoredCookie> bucket : domains.values()) {
            all.addAll(bucket.values());
        }
        all.sort(Comparator.comparingLong(stored -> stored.sequence));
        List<Cookie> result = new ArrayList<>(all.size());
        for (StoredCookie stored : all) {
            result.add(stored.cookie);
        }
        return result;
    }

    /** How many cookies are stored (expired ones not yet purged included). */
    public synchronized int size() {
        return size;
    }

    private void collect(Map<Key, StoredCookie> bucket, String host, String path, boolean secureRequest,
                         Instant now, List<StoredCookie> matches) {
        for (Iterator<StoredCookie> it = bucket.values().iterator(); it.hasNext(); ) {
            StoredCookie stored = it.next();
            Cookie cookie = stored.cookie;
            if (cookie.isExpired(now)) {
                it.remove();
                size--;
                continue;
            }
            boolean domainOk = cookie.hostOnly() ? host.equals(cookie.domain())
                    : CookieDomains.domainMatches(host, cookie.domain());
            if (domainOk && CookiePaths.pathMatches(path, cookie.path()) && (secureRequest || !cookie.secure())) {
                matches.add(stored);
            }
        }
    }

    /** RFC 6265bis §5.6 step 13: an insecure response cannot shadow a Secure cookie. */
    private boolean shadowsSecureCookie(Cookie incoming) {
        for (Map<Key, StoredCookie> bucket : domains.values()) {
            for (StoredCookie stored : bucket.values()) {
                Cookie existing = stored.cookie;
                if (existing.secure() && existing.name().equals(incoming.name())
                        && (CookieDomains.domainMatches(existing.domain(), incoming.domain())
                            || CookieDomains.domainMatches(incoming.domain(), existing.domain()))
                        && CookiePaths.pathMatches(incoming.path(), existing.path())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void evictFrom(Map<Key, StoredCookie> bucket, Instant now, StoredCookie keep) {
        for (Iterator<StoredCookie> it = bucket.values().iterator(); it.hasNext(); ) {
            if (it.next().cookie.isExpired(now)) {
                it.remove();
                size--;
            }
        }
        while (bucket.size() > limits.maxCookiesPerDomain()) {
            Key oldest = null;
            long oldestAccess = Long.MAX_VALUE;
            for (Map.Entry<Key, StoredCookie> entry : bucket.entrySet()) {
                if (entry.getValue() != keep && entry.getValue().lastAccess < oldestAccess) {
                    oldest = entry.getKey();
                    oldestAccess = entry.getValue().lastAccess;
                }
            }
            StoredCookie removed = bucket.remove(oldest);
            size--;
            LOG.debug("Cookie domain limit {} reached, evicted {}", limits.maxCookiesPerDomain(), removed.cookie);
        }
    }

    private void evictLeastRecentlyUsed(StoredCookie keep) {
        Map<Key, StoredCookie> oldestBucket = null;
        String oldestDomain = null;
        Key oldestKey = null;
        long oldestAccess = Long.MAX_VALUE;
        for (Map.Entry<String, Map<Key, StoredCookie>> bucket : domains.entrySet()) {
            for (Map.Entry<Key, StoredCookie> entry : bucket.getValue().entrySet()) {
                if (entry.getValue() != keep && entry.getValue().lastAccess < oldestAccess) {
                    oldestBucket = bucket.getValue();
                    oldestDomain = bucket.getKey();
                    oldestKey = entry.getKey();
                    oldestAccess = entry.getValue().lastAccess;
                }
            }
        }
        StoredCookie removed = oldestBucket.remove(oldestKey);
        size--;
        if (oldestBucket.isEmpty()) {
            domains.remove(oldestDomain);
        }
        LOG.debug("Cookie jar limit {} reached, evicted {}", limits.maxCookies(), removed.cookie);
    }

    private void removeAllExpired(Instant now) {
        for (Iterator<Map<Key, StoredCookie>> buckets = domains.values().iterator(); buckets.hasNext(); ) {
            Map<Key, StoredCookie> bucket = buckets.next();
            for (Iterator<StoredCookie> it = bucket.values().iterator(); it.hasNext(); ) {
                if (it.next().cookie.isExpired(now)) {
                    it.remove();
                    size--;
                }
            }
            if (bucket.isEmpty()) {
                buckets.remove();
            }
        }
    }

    private record Key(String name, String path, boolean hostOnly) {
    }

    private static final class StoredCookie {
        final Cookie cookie;
        /** Storage order of the first cookie under this key. */
        final long sequence;
        long lastAccess;

        StoredCookie(Cookie cookie, long sequence) {
            this.cookie = cookie;
            this.sequence = sequence;
        }
    }
}
