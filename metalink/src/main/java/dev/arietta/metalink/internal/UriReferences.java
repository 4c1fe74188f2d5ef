package dev.arietta.metalink.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Turns URLs as written in Metalink documents and headers into {@link URI}s. Documents in
 * the wild carry spaces, non-ASCII characters and stray {@code %} signs that
 * {@link URI#URI(String)} refuses; like aria2, those characters are percent-encoded (UTF-8)
 * first. Stateless.
 */
public final class UriReferences {

    private static final String ALLOWED_PUNCTUATION = "-._~:/?#[]@!$&'()*+,;=";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriReferences() {
    }

    /** The URI {@code text} stands for, or null if it cannot be made one. */
    public static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            try {
                return new URI(encodeUnsafe(text));
            } catch (URISyntaxException stillBad) {
                return null;
            }
        }
    }

    /**
     * {@code reference} made absolute against {@code base}: itself if already absolute,
     * null if relative and {@code base} is null or cannot serve as a base.
     */
    public static URI resolve(URI base, URI reference) {
        if (reference.isAbsolute()) {
            return reference;
        }
        if (base == null || base.isOpaque() || !base.isAbsolute()) {
            return null;
        }
        URI usableBase = base;
        if (base.getRawAuthority() != null && (base.getRawPath() == null || base.getRawPath().isEmpty())) {
            // java.net.URI would glue "x" to "http://host" as "http://hostx"; RFC 3986 merges with "/".
            usableBase = URI.create(base.getScheme() + "://" + base.getRawAuthority() + "/");
        }
        URI resolved = usableBase.resolve(reference);
        return resolved.isAbsolute() ? withoutLeadingDotDot(resolved) : null;
    }

    /**
     * RFC 3986's remove_dot_segments drops ".." segments that would climb above the root;
     * java.net.URI keeps them ("http://h/../x"), which servers answer differently.
     */
    private static URI withoutLeadingDotDot(URI uri) {
        String path = uri.getRawPath();
        if (uri.getRawAuthority() == null || path == null || !(path.startsWith("/../") || path.equals("/.."))) {
            return uri;
        }
        while (path.startsWith("/../")) {
            path = path.substring(3);
        }
        if (path.equals("/..")) {
            path = "/";
        }
        StringBuilder rebuilt = new StringBuilder(uri.getScheme()).append("://").append(uri.getRawAuthority()).append(path);
        if (uri.getRawQuery() != null) {
            rebuilt.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            rebuilt.append('#').append(uri.getRawFragment());
        }
        return URI.create(rebuilt.toString());
    }

    private static String encodeUnsafe(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean fragmentSeen = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean keep;
            if (c == '%') {
                keep = i + 2 < text.length() && Hex.digit(text.charAt(i + 1)) >= 0 && Hex.digit(text.charAt(i + 2)) >= 0;
            } else if (c == '#') {
                keep = !fragmentSeen;
                fragmentSeen = true;
            } else {
                keep = c < 0x80 && (Character.isLetterOrDigit(c) || ALLOWED_PUNCTUATION.indexOf(c) >= 0);
            }
            if (keep) {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
            for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
            i = end - 1;
        }
        return out.toString();
    }
}
