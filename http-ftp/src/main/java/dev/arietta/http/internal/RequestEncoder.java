package dev.arietta.http.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes request heads: origin-form ({@code GET /path HTTP/1.1}) for direct and tunnelled
 * requests, absolute-form ({@code GET http://host/path HTTP/1.1}) through a plain HTTP proxy,
 * and {@code CONNECT host:port} for tunnels. {@link #describe} gives a loggable copy with
 * Authorization, Proxy-Authorization and Cookie values masked.
 */
public final class RequestEncoder {

    private RequestEncoder() {
    }

    /** What the client adds to a request on top of {@link HttpRequest}'s own fields. */
    public record Additions(String userAgent, Credentials authorization, Credentials proxyAuthorization,
                            String cookie) {
    }

    /** The header fields of {@code request}, in sending order, custom ones last and replacing. */
    public static List<Map.Entry<String, String>> fields(HttpRequest request, Additions additions) {
        URI uri = request.uri();
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("Host", hostHeader(uri)));
        fields.add(Map.entry("User-Agent", additions.userAgent()));
        fields.add(Map.entry("Accept", "*/*"));
        if (request.range() != null) {
            fields.add(Map.entry("Range", request.range().headerValue()));
        } else if (request.acceptCompressed()) {
            fields.add(Map.entry("Accept-Encoding", "deflate, gzip"));
        }
        if (request.ifModifiedSince() != null) {
            fields.add(Map.entry("If-Modified-Since", HttpDates.format(request.ifModifiedSince())));
        }
        if (request.referer() != null) {
            fields.add(Map.entry("Referer", request.referer()));
        }
        if (additions.authorization() != null) {
            fields.add(Map.entry("Authorization", additions.authorization().basicHeaderValue()));
        }
        if (additions.proxyAuthorization() != null) {
            fields.add(Map.entry("Proxy-Authorization", additions.proxyAuthorization().basicHeaderValue()));
        }
        if (additions.cookie() != null) {
            fields.add(Map.entry("Cookie", additions.cookie()));
        }
        for (Map.Entry<String, String> custom : request.headers()) {
            fields.removeIf(field -> field.getKey().equalsIgnoreCase(custom.getKey()));
        }
        fields.addAll(request.headers());
        return fields;
    }

    /** The request head bytes, ready to write. */
    public static ByteBuffer encode(HttpRequest request, boolean absoluteForm, Additions additions) {
        StringBuilder head = new StringBuilder(256);
        head.append(request.method()).append(' ').append(target(request.uri(), absoluteForm)).append(" HTTP/1.1\r\n");
        for (Map.Entry<String, String> field : fields(request, additions)) {
            head.append(field.getKey()).append(": ").append(field.getValue()).append("\r\n");
        }
        head.append("\r\n");
        return ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A CONNECT request for a tunnel to {@code host:port}. */
    public static ByteBuffer encodeConnect(String host, int port, String userAgent, Credentials proxyCredentials) {
        String authority = Route.authority(host, port);
        StringBuilder head = new StringBuilder(128);
        head.append("CONNECT ").append(authority).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(authority).append("\r\n");
        head.append("User-Agent: ").append(userAgent).append("\r\n");
        if (proxyCredentials != null) {
            head.append("Proxy-Authorization: ").append(proxyCredentials.basicHeaderValue()).append("\r\n");
        }
        head.append("\r\n");
        return ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The request line and fields with credentials and cookies masked, for logs. */
    public static String describe(HttpRequest request, boolean absoluteForm, Additions additions) {
        StringBuilder text = new StringBuilder();
        text.append(request.method()).append(' ').append(UriMasking.mask(maskTarget(request.uri(), absoluteForm)));
        for (Map.Entry<String, String> field : fields(request, additions)) {
            String name = field.getKey();
            boolean secret = name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")
                    || name.equalsIgnoreCase("Cookie");
            text.append("\n").append(name).append(": ").append(secret ? UriMasking.MASK : field.getValue());
        }
        return text.toString();
    }

    private static URI maskTarget(URI uri, boolean absoluteForm) {
        return absoluteForm ? uri : URI.create(target(uri, false));
    }

    /** The request-target: path and query, or the whole URL without user info and fragment. */
    static String target(URI uri, boolean absoluteForm) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        if (!absoluteForm) {
            return path + query;
        }
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + hostHeader(uri) + path + query;
    }

    /** The Host value: host, plus the port when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        String host = Route.host(uri);
        String bracketed = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        int port = uri.getPort();
        boolean defaultPort = port < 0 || port == Route.port(URI.create(uri.getScheme() + "://x/"));
        return defaultPort ? bracketed : bracketed + ":" + port;
    }
}
