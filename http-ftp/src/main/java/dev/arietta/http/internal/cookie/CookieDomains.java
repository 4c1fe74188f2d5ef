package dev.arietta.http.internal.cookie;

import java.util.Locale;

/** Host canonicalisation and domain matching (RFC 6265 §5.1.2, §5.1.3). Stateless. */
final class CookieDomains {
    private CookieDomains() {
    }

    /**
     * The canonical form of a request host: lower case, IPv6 brackets removed.
     * {@code null} when the host is missing or empty.
     */
    static String canonicalHost(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String result = host;
        if (result.startsWith("[") && result.endsWith("]")) {
            result = result.substring(1, result.length() - 1);
        }
        return result.toLowerCase(Locale.ROOT);
    }

    /** Whether the canonical host is an IPv4 or IPv6 literal (no suffix matching for those). */
    static boolean isIpAddress(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        int digitsInPart = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (digitsInPart == 0) {
                    return false;
                }
                dots++;
                digitsInPart = 0;
            } else if (c >= '0' && c <= '9') {
                digitsInPart++;
                if (digitsInPart > 3) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return dots == 3 && digitsInPart > 0;
    }

    /** RFC 6265 §5.1.3: identical, or a suffix at a label boundary of a non-IP host. */
    static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.length() > domain.length()
                && host.endsWith(domain)
                && host.charAt(host.length() - domain.length() - 1) == '.'
                && !isIpAddress(host);
    }
}
