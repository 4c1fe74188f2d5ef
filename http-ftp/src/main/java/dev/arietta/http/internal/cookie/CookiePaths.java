package dev.arietta.http.internal.cookie;

/** The default-path and path-match algorithms of RFC 6265 §5.1.4. Stateless. */
final class CookiePaths {
    private CookiePaths() {
    }

    /** The default path of a request path (the "directory" of the request URI). */
    static String defaultPath(String requestPath) {
        if (requestPath == null || requestPath.isEmpty() || requestPath.charAt(0) != '/') {
            return "/";
        }
        int lastSlash = requestPath.lastIndexOf('/');
        if (lastSlash == 0) {
            return "/";
        }
        return requestPath.substring(0, lastSlash);
    }

    /** Whether {@code requestPath} path-matches {@code cookiePath}. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        String path = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        if (path.equals(cookiePath)) {
            return true;
        }
        if (!path.startsWith(cookiePath)) {
            return false;
        }
        return cookiePath.endsWith("/") || path.charAt(cookiePath.length()) == '/';
    }
}
