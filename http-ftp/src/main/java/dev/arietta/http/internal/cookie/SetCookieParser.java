package dev.arietta.http.internal.cookie;

import dev.arietta.http.internal.cookie.CookieRejectedException.Reason;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses a {@code Set-Cookie} header value into a {@link Cookie} following RFC 6265 §5.2 and
 * the storage model of §5.3, with these stricter rules from RFC 6265bis and for safe saving:
 * <ul>
 *   <li>a {@code Secure} cookie is accepted only from an {@code https} response;</li>
 *   <li>{@code __Secure-} and {@code __Host-} name prefixes are enforced;</li>
 *   <li>control characters (including TAB) in the name, value, domain or path reject the
 *       cookie, since they could not be written back to a cookies file;</li>
 *   <li>{@code SameSite} and unknown attributes are ignored (there is no browsing context).</li>
 * </ul>
 * Expiry times are clamped to {@link #LATEST_EXPIRY}. Immutable and thread-safe.
 */
public final class SetCookieParser {
    /** The latest expiry stored; later Expires or huge Max-Age values are clamped to it. */
    public static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    private static final String SECURE_PREFIX = "__Secure-";
    private static final String HOST_PREFIX = "__Host-";

    private final int maxLength;
    private final PublicSuffixPolicy publicSuffixes;

    /**
     * @param maxLength longest header value accepted, in chars
     *     (see {@link CookieJarLimits#maxSetCookieLength()})
     * @param publicSuffixes which domains a cookie may not be scoped to
     */
    public SetCookieParser(int maxLength, PublicSuffixPolicy publicSuffixes) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
        this.maxLength = maxLength;
        this.publicSuffixes = Objects.requireNonNull(publicSuffixes, "publicSuffixes");
    }

    /**
     * The cookie that {@code header}, received in the response to {@code requestUri} at
     * {@code now}, asks to store. The cookie may already be expired: storing it then deletes
     * an existing cookie with the same name, domain and path.
     *
     * @throws CookieRejectedException when the header must be ignored
     */
    public Cookie parse(String header, URI requestUri, Instant now) throws CookieRejectedException {
        if (header.length() > maxLength) {
            throw new CookieRejectedException(Reason.TOO_LONG,
                    "Set-Cookie of " + header.length() + " chars exceeds " + maxLength);
        }
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                throw new CookieRejectedException(Reason.CONTROL_CHARACTER,
                        "control character 0x" + Integer.toHexString(c) + " at index " + i);
            }
        }
        String host = CookieDomains.canonicalHost(requestUri.getHost());
        if (host == null) {
            throw new CookieRejectedException(Reason.NO_REQUEST_HOST, "request URI has no host: " + requestUri);
        }
        boolean secureOrigin = "https".equalsIgnoreCase(requestUri.getScheme());

        int semicolon = header.indexOf(';');
        String pair = semicolon < 0 ? header : header.substring(0, semicolon);
        int equals = pair.indexOf('=');
        if (equals < 0) {
            throw new CookieRejectedException(Reason.NO_NAME_VALUE_PAIR, "no '=' in the name-value pair");
        }
        String name = trim(pair.substring(0, equals));
        String value = trim(pair.substring(equals + 1));
        if (name.isEmpty()) {
            throw new CookieRejectedException(Reason.EMPTY_NAME, "empty cookie name");
        }
        requireNoTab(name, "name");
        requireNoTab(value, "value");

        Attributes attributes = new Attributes(CookiePaths.defaultPath(requestUri.getRawPath()));
        if (semicolon >= 0) {
            parseAttributes(header.substring(semicolon + 1), attributes, now);
        }
        requireNoTab(attributes.path, "path");

        String domain = host;
        boolean hostOnly = true;
        if (attributes.domain != null) {
            requireNoTab(attributes.domain, "domain");
            if (publicSuffixes.isPublicSuffix(attributes.domain)) {
                if (!attributes.domain.equals(host)) {
                    throw new CookieRejectedException(Reason.PUBLIC_SUFFIX_DOMAIN,
                            "Domain=" + attributes.domain + " is a public suffix (request host " + host + ")");
                }
            } else if (!CookieDomains.domainMatches(host, attributes.domain)) {
                throw new CookieRejectedException(Reason.DOMAIN_MISMATCH,
                        "Domain=" + attributes.domain + " does not match request host " + host);
            } else {
                domain = attributes.domain;
                hostOnly = false;
            }
        }
        if (attributes.secure && !secureOrigin) {
            throw new CookieRejectedException(Reason.SECURE_FROM_INSECURE_ORIGIN,
                    "Secure cookie " + name + " from non-https " + requestUri.getScheme() + " response");
        }
        if (name.startsWith(SECURE_PREFIX) && !attributes.secure) {
            throw new CookieRejectedException(Reason.NAME_PREFIX_VIOLATION, name + " lacks the Secure attribute");
        }
        if (name.startsWith(HOST_PREFIX)
                && (!attributes.secure || attributes.domain != null || !"/".equals(attributes.explicitPath))) {
            throw new CookieRejectedException(Reason.NAME_PREFIX_VIOLATION,
                    name + " needs Secure, Path=/ and no Domain");
        }
        return new Cookie(name, value, domain, attributes.path, attributes.expiry(), hostOnly,
                attributes.secure, attributes.httpOnly, now);
    }

    private static void parseAttributes(String unparsed, Attributes attributes, Instant now) {
        int position = 0;
        while (position <= unparsed.length()) {
            int end = unparsed.indexOf(';', position);
            if (end < 0) {
                end = unparsed.length();
            }
            String attribute = unparsed.substring(position, end);
            position = end + 1;
            int equals = attribute.indexOf('=');
            String name = trim(equals < 0 ? attribute : attribute.substring(0, equals)).toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : trim(attribute.substring(equals + 1));
            switch (name) {
                case "expires" -> CookieDate.parse(value).ifPresent(date -> attributes.expires = clamp(date));
                case "max-age" -> parseMaxAge(value, now).ifPresent(expiry -> attributes.maxAgeExpiry = expiry);
                case "domain" -> {
                    if (!value.isEmpty()) {
                        String domain = value.startsWith(".") ? value.substring(1) : value;
                        attributes.domain = domain.toLowerCase(Locale.ROOT);
                    }
                }
                case "path" -> {
                    boolean valid = value.startsWith("/");
                    attributes.path = valid ? value : attributes.defaultPath;
                    attributes.explicitPath = valid ? value : null;
                }
                case "secure" -> attributes.secure = true;
                case "httponly" -> attributes.httpOnly = true;
                default -> {
                    // SameSite, Priority, Partitioned and unknown attributes do not apply here.
                }
            }
        }
    }

    /** RFC 6265 §5.2.2: an optional '-' then digits; anything else ignores the attribute. */
    private static Optional<Instant> parseMaxAge(String value, Instant now) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        boolean negative = value.charAt(0) == '-';
        int start = negative ? 1 : 0;
        if (start == value.length()) {
            return Optional.empty();
        }
        long seconds = 0;
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            seconds = seconds > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : seconds * 10 + (c - '0');
            if (seconds < 0) {
                seconds = Long.MAX_VALUE;
            }
        }
        if (negative || seconds == 0) {
            return Optional.of(Instant.EPOCH);
        }
        try {
            return Optional.of(clamp(now.plusSeconds(seconds)));
        } catch (DateTimeException | ArithmeticException overflow) {
            return Optional.of(LATEST_EXPIRY);
        }
    }

    static Instant clamp(Instant expiry) {
        return expiry.isAfter(LATEST_EXPIRY) ? LATEST_EXPIRY : expiry;
    }

    private static void requireNoTab(String text, String what) throws CookieRejectedException {
        int tab = text.indexOf('\t');
        if (tab >= 0) {
            throw new CookieRejectedException(Reason.CONTROL_CHARACTER, "TAB in cookie " + what);
        }
    }

    /** Removes leading and trailing WSP (space and horizontal tab). */
    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** The attributes seen so far; for each, the last occurrence wins (RFC 6265 §5.3). */
    private static final class Attributes {
        final String defaultPath;
        String path;
        String explicitPath;
        String domain;
        Instant expires;
        Instant maxAgeExpiry;
        boolean secure;
        boolean httpOnly;

        Attributes(String defaultPath) {
            this.defaultPath = defaultPath;
            this.path = defaultPath;
        }

        /** Max-Age wins over Expires (RFC 6265 §5.3 step 3). */
        Instant expiry() {
            return maxAgeExpiry != null ? maxAgeExpiry : expires;
        }
    }
}
