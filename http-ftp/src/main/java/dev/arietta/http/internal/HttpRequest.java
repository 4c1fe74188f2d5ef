package dev.arietta.http.internal;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One GET or HEAD request as the downloader asks for it; the client adds Host, User-Agent,
 * authentication, cookies and the like. Immutable; built with {@link #get(URI)} or
 * {@link #head(URI)} and the builder's setters.
 */
public final class HttpRequest {

    private final boolean head;
    private final URI uri;
    private final ByteRange range;
    private final Instant ifModifiedSince;
    private final String referer;
    private final boolean acceptCompressed;
    private final Credentials credentials;
    private final List<Map.Entry<String, String>> headers;
    private final long expectedEntityLength;

    private HttpRequest(Builder builder) {
        this.head = builder.head;
        this.uri = builder.uri;
        this.range = builder.range;
        this.ifModifiedSince = builder.ifModifiedSince;
        this.referer = builder.referer;
        this.acceptCompressed = builder.acceptCompressed;
        this.credentials = builder.credentials;
        this.headers = List.copyOf(builder.headers);
        this.expectedEntityLength = builder.expectedEntityLength;
    }

    /**
     * A GET request builder for an http or https URL, or an ftp URL to be fetched through an
     * HTTP proxy (aria2 {@code proxy-method=get}): the proxy gets it in absolute form and
     * speaks FTP itself. Without a proxy an ftp request fails with an
     * {@link dev.arietta.http.HttpNetworkException}; use the FTP client instead.
     */
    public static Builder get(URI uri) {
        return new Builder(false, uri);
    }

    /** A HEAD request builder for an http or https URL (or ftp through a proxy, as {@link #get}). */
    public static Builder head(URI uri) {
        return new Builder(true, uri);
    }

    /** Whether this is a HEAD request. */
    public boolean isHead() {
        return head;
    }

    /** {@code GET} or {@code HEAD}. */
    public String method() {
        return head ? "HEAD" : "GET";
    }

    /** The URL, possibly with user info (credentials). */
    public URI uri() {
        return uri;
    }

    /** The byte range to request, or null for the whole entity. */
    public ByteRange range() {
        return range;
    }

    /** The {@code If-Modified-Since} date, or null. */
    public Instant ifModifiedSince() {
        return ifModifiedSince;
    }

    /** The {@code Referer}, or null. */
    public String referer() {
        return referer;
    }

    /** Whether to offer {@code Accept-Encoding: deflate, gzip}, as aria2 words it (never sent with a range). */
    public boolean acceptCompressed() {
        return acceptCompressed;
    }

    /** Credentials given for this request (aria2 {@code http-user}/{@code http-passwd}), or null. */
    public Credentials credentials() {
        return credentials;
    }

    /** Extra header fields, sent after the client's own and replacing any of the same name. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The entity length a ranged response must report, or -1 when unknown. */
    public long expectedEntityLength() {
        return expectedEntityLength;
    }

    /** A copy aimed at {@code newUri} (a redirect), optionally turned into GET. */
    HttpRequest redirectTo(URI newUri) {
        Builder builder = head ? head(newUri) : get(newUri);
        builder.range = range;
        builder.ifModifiedSince = ifModifiedSince;
        builder.referer = referer;
        builder.acceptCompressed = acceptCompressed;
        builder.credentials = credentials;
        builder.headers.addAll(headers);
        builder.expectedEntityLength = expectedEntityLength;
        return builder.build();
    }

    @Override
    public String toString() {
        return method() + " " + UriMasking.mask(uri) + (range == null ? "" : " " + range.headerValue());
    }

    /** Builds an {@link HttpRequest}. Not thread-safe. */
    public static final class Builder {
        private final boolean head;
        private final URI uri;
        private ByteRange range;
        private Instant ifModifiedSince;
        private String referer;
        private boolean acceptCompressed;
        private Credentials credentials;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private long expectedEntityLength = -1;

        private Builder(boolean head, URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("ftp")) {
                throw new IllegalArgumentException("not an http, https or ftp URL: " + UriMasking.mask(uri));
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("URL without host: " + UriMasking.mask(uri));
            }
            this.head = head;
            this.uri = uri;
        }

        /** Requests a byte range (a single {@code Range}); default none (the whole entity). */
        public Builder range(ByteRange byteRange) {
            this.range = byteRange;
            return this;
        }

        /** Makes the GET conditional; default none. */
        public Builder ifModifiedSince(Instant date) {
            this.ifModifiedSince = date;
            return this;
        }

        /** Sends a Referer; default none. */
        public Builder referer(String value) {
            this.referer = value == null ? null : checkValue("Referer", value);
            return this;
        }

        /** Offers gzip/deflate (aria2 {@code http-accept-gzip}); default false; ignored with a range. */
        public Builder acceptCompressed(boolean accept) {
            this.acceptCompressed = accept;
            return this;
        }

        /** Credentials for this request; default none (URL user info or the netrc source apply). */
        public Builder credentials(Credentials value) {
            this.credentials = value;
            return this;
        }

        /** The entity length the server must confirm in Content-Range; default unknown (-1). */
        public Builder expectedEntityLength(long length) {
            this.expectedEntityLength = length;
            return this;
        }

        /**
         * Adds a header field (aria2 {@code header}); a name the client sets itself is replaced.
         *
         * @throws IllegalArgumentException for a bad name, or CR, LF or NUL in the value
         */
        public Builder header(String name, String value) {
            if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenChar)) {
                throw new IllegalArgumentException("bad header name \"" + name + "\"");
            }
            headers.add(Map.entry(name, checkValue(name, value)));
            return this;
        }

        public HttpRequest build() {
            return new HttpRequest(this);
        }

        private static String checkValue(String name, String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    throw new IllegalArgumentException("control character in header " + name);
                }
            }
            return value;
        }

        private static boolean isTokenChar(int c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
