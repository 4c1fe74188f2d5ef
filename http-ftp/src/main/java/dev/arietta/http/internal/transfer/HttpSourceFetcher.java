package dev.arietta.http.internal.transfer;

import dev.arietta.core.ErrorCode;
import dev.arietta.http.HttpException;
import dev.arietta.http.HttpRangeException;
import dev.arietta.http.HttpRedirectException;
import dev.arietta.http.HttpStatusException;
import dev.arietta.http.HttpTlsException;
import dev.arietta.http.internal.ByteRange;
import dev.arietta.http.internal.ExchangeHandle;
import dev.arietta.http.internal.Http1Client;
import dev.arietta.http.internal.HttpDates;
import dev.arietta.http.internal.HttpRequest;
import dev.arietta.http.internal.HttpResponse;
import dev.arietta.http.internal.ResponseListener;
import dev.arietta.http.internal.disposition.ContentDisposition;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Fetches ranges over HTTP(S) with the session's {@link Http1Client}.
 *
 * <p>Requests: a range running to the end from offset 0 is sent as {@code Range: bytes=0-}, so
 * the first connection learns both the length and whether ranges work from one GET (no HEAD,
 * as aria2): a 206 with {@code Content-Range} means the file can be split, a 200 means one
 * connection only. Other ranges are exact; the entity length is checked once known.
 *
 * <p>Failures map to {@link FetchFailure.Kind}s: 404/410 not found; 401/407, other 4xx,
 * redirect and TLS failures fatal for the source; a range the server ignored
 * {@link FetchFailure.Kind#RANGE_UNSUPPORTED}; everything else (network, timeout, 5xx, 429)
 * retryable, with the server's {@code Retry-After} delay when given. A 304 to a request the
 * customizer made conditional ({@code If-Modified-Since}) is {@link FetchListener#onNotModified}.
 *
 * <p>A {@link FetchRequest#headersOnly()} request is a {@code HEAD} (aria2's {@code use-head}):
 * its length comes from {@code Content-Length}, and a request sent without {@code Range} (a
 * {@code HEAD}, or a compressed GET below) counts as range-capable when the answer says
 * {@code Accept-Ranges: bytes} and is not content-encoded.
 *
 * <p>With {@code acceptCompressed} (aria2's {@code http-accept-gzip}) a request for the whole
 * entity from byte 0, and a {@code HEAD}, offer {@code Accept-Encoding: deflate, gzip} and
 * send no {@code Range}; a gzip or deflate answer is inflated by the client (within its
 * decompression-bomb limits) and reported with an unknown length and without ranges: one
 * stream. Every other request asks for its range and is never compressed.
 *
 * <p>Variants: one that only asks {@code HEAD} (aria2's {@code dry-run}: the start of the
 * answer, its length from {@code Content-Length}, then the end, no data), and one that also
 * takes the {@code ftp://} URLs an HTTP proxy fetches for us (aria2's {@code proxy-method=get}).
 */
public final class HttpSourceFetcher implements SourceFetcher {

    private final Http1Client client;
    private final BiConsumer<URI, HttpRequest.Builder> customizer;
    private final boolean headOnly;
    private final Predicate<URI> ftpThroughProxy;
    private final boolean acceptCompressed;

    /**
     * A fetcher of http and https URLs with GET requests.
     *
     * @param client     the session's HTTP client
     * @param customizer adds the download's own request fields (headers, referer,
     *                   credentials) to every request, given the request URI; called on the
     *                   loop thread
     */
    public HttpSourceFetcher(Http1Client client, BiConsumer<URI, HttpRequest.Builder> customizer) {
        this(client, customizer, false, uri -> false);
    }

    /**
     * @param client          the session's HTTP client
     * @param customizer      as above
     * @param headOnly        whether to ask only {@code HEAD} (every request then starts at
     *                        offset 0 and delivers no data)
     * @param ftpThroughProxy which {@code ftp://} URLs to fetch too, through the HTTP proxy
     *                        {@code client} chooses for them; called on the loop thread
     */
    public HttpSourceFetcher(Http1Client client, BiConsumer<URI, HttpRequest.Builder> customizer, boolean headOnly,
                             Predicate<URI> ftpThroughProxy) {
        this(client, customizer, headOnly, ftpThroughProxy, false);
    }

    /**
     * @param client           the session's HTTP client
     * @param customizer       as above
     * @param headOnly         whether to ask only {@code HEAD}
     * @param ftpThroughProxy  which {@code ftp://} URLs to fetch too, as above
     * @param acceptCompressed whether whole-entity requests offer gzip and deflate (see the class
     *                         description)
     */
    public HttpSourceFetcher(Http1Client client, BiConsumer<URI, HttpRequest.Builder> customizer, boolean headOnly,
                             Predicate<URI> ftpThroughProxy, boolean acceptCompressed) {
        this.client = Objects.requireNonNull(client, "client");
        this.customizer = Objects.requireNonNull(customizer, "customizer");
        this.headOnly = headOnly;
        this.ftpThroughProxy = Objects.requireNonNull(ftpThroughProxy, "ftpThroughProxy");
        this.acceptCompressed = acceptCompressed;
    }

    @Override
    public boolean supports(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp") && ftpThroughProxy.test(uri);
    }

    @Override
    public FetchHandle fetch(FetchRequest request, FetchListener listener) {
        HttpRequest.Builder builder;
        boolean head = headOnly || request.headersOnly();
        boolean whole = request.first() == 0 && request.end() == FetchRequest.TO_END;
        boolean withoutRange = head || whole && acceptCompressed;
        if (head) {
            builder = HttpRequest.head(request.uri()).acceptCompressed(acceptCompressed);
        } else if (withoutRange) {
            builder = HttpRequest.get(request.uri()).acceptCompressed(true);
        } else {
            ByteRange range = request.end() == FetchRequest.TO_END
                    ? ByteRange.from(request.first())
                    : ByteRange.of(request.first(), request.end() - request.first());
            builder = HttpRequest.get(request.uri()).range(range).expectedEntityLength(request.expectedTotalLength());
        }
        customizer.accept(request.uri(), builder);
        Adapter adapter = new Adapter(listener, request.first() == 0 ? request.uri() : null, head, withoutRange);
        ExchangeHandle handle = client.send(builder.build(), adapter);
        return FetchHandle.of(handle);
    }

    /** The failure kind and details for an HTTP failure. */
    static FetchFailure failureOf(HttpException failure) {
        FetchFailure.Kind kind;
        long retryAfterMillis = 0;
        if (failure instanceof HttpStatusException status) {
            int code = status.status().orElse(0);
            if (status.errorCode() == ErrorCode.RESOURCE_NOT_FOUND) {
                kind = FetchFailure.Kind.NOT_FOUND;
            } else if (code == 429 || code >= 500) {
                kind = FetchFailure.Kind.RETRYABLE;
                retryAfterMillis = status.retryAfter().map(java.time.Duration::toMillis).orElse(0L);
            } else {
                kind = FetchFailure.Kind.FATAL;
            }
        } else if (failure instanceof HttpRangeException) {
            kind = FetchFailure.Kind.RANGE_UNSUPPORTED;
        } else if (failure instanceof HttpRedirectException || failure instanceof HttpTlsException) {
            kind = FetchFailure.Kind.FATAL;
        } else {
            kind = FetchFailure.Kind.RETRYABLE;
        }
        return new FetchFailure(failure.errorCode(), failure.getMessage(), kind, retryAfterMillis);
    }

    /** Turns the client's response callbacks into fetch callbacks. */
    private static final class Adapter implements ResponseListener {
        private final FetchListener listener;
        /** The request URI when the fetch starts at offset 0, else null. */
        private final URI fromStart;
        private final boolean head;
        /** Whether the request had no Range: range support then shows in {@code Accept-Ranges}. */
        private final boolean withoutRange;
        /** Set after a 304: the listener has heard everything. */
        private boolean notModified;

        Adapter(FetchListener listener, URI fromStart, boolean head, boolean withoutRange) {
            this.listener = listener;
            this.fromStart = fromStart;
            this.head = head;
            this.withoutRange = withoutRange;
        }

        @Override
        public void onResponse(HttpResponse response) {
            if (response.status() == 304) {
                notModified = true;
                listener.onNotModified();
                return;
            }
            long total;
            boolean encoded = response.decoded() || isContentEncoded(response);
            boolean ranges = response.status() == 206
                    || withoutRange && !encoded && acceptsByteRanges(response);
            if (response.contentRange() != null) {
                total = response.contentRange().completeLength();
            } else if (encoded) {
                // A compressed entity's length is not the file's: one stream to its end.
                total = -1;
            } else if (head) {
                total = declaredLength(response);
            } else {
                total = response.bodyLength();
            }
            Optional<String> name = response.headers().firstValue("Content-Disposition")
                    .flatMap(ContentDisposition::fileName);
            Optional<java.time.Instant> lastModified = response.headers().firstValue("Last-Modified")
                    .flatMap(HttpDates::parse);
            listener.onStart(new FetchResponse(response.uri(), total, ranges, name,
                    response.headers().firstValue("Content-Type"), response.headers().links(),
                    response.headers().digests(), lastModified));
        }

        /** Whether the answer names a content coding other than identity (a HEAD's is never decoded). */
        private static boolean isContentEncoded(HttpResponse response) {
            return response.headers().firstValue("Content-Encoding").map(String::trim)
                    .filter(value -> !value.isEmpty() && !value.equalsIgnoreCase("identity")).isPresent();
        }

        /** Whether the answer says {@code Accept-Ranges: bytes} (RFC 9110 §14.3). */
        private static boolean acceptsByteRanges(HttpResponse response) {
            for (String value : response.headers().allValues("Accept-Ranges")) {
                for (String unit : value.split(",")) {
                    if (unit.trim().equalsIgnoreCase("bytes")) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** A HEAD answer's {@code Content-Length}, or -1 when absent or unusable. */
        private static long declaredLength(HttpResponse response) {
            if (response.headers().contains("Transfer-Encoding")) {
                return -1;
            }
            try {
                long length = Long.parseLong(response.headers().firstValue("Content-Length").orElse("-1").trim());
                return Math.max(-1, length);
            } catch (NumberFormatException garbage) {
                return -1;
            }
        }

        @Override
        public void onBody(ByteBuffer content) {
            if (notModified) {
                content.position(content.limit());
                return;
            }
            listener.onData(content);
        }

        @Override
        public ByteBuffer lendBodyBuffer() {
            return notModified ? null : listener.lendDataBuffer();
        }

        @Override
        public void onBodyBuffer(ByteBuffer filled) {
            listener.onDataBuffer(filled);
        }

        @Override
        public void onComplete() {
            if (!notModified) {
                listener.onEnd();
            }
        }

        @Override
        public void onFailure(HttpException failure) {
            if (notModified) {
                return;
            }
            if (fromStart != null && isEmptyEntity(failure)) {
                // "bytes=0-" of an empty file cannot be satisfied: servers answer 416 with "bytes */0".
                listener.onStart(new FetchResponse(fromStart, 0, true, Optional.empty()));
                listener.onEnd();
                return;
            }
            listener.onFailure(failureOf(failure));
        }

        private static boolean isEmptyEntity(HttpException failure) {
            return failure instanceof HttpStatusException status && status.status().orElse(0) == 416
                    && status.headers().firstValue("Content-Range").map(String::trim)
                            .filter(value -> value.equalsIgnoreCase("bytes */0")).isPresent();
        }
    }
}
