package dev.arietta.bittorrent.internal.tracker;

import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.TimerScheduler;
import dev.arietta.http.HttpException;
import dev.arietta.http.HttpTimeoutException;
import dev.arietta.http.internal.ExchangeHandle;
import dev.arietta.http.internal.Http1Client;
import dev.arietta.http.internal.HttpRequest;
import dev.arietta.http.internal.HttpResponse;
import dev.arietta.http.internal.ResponseListener;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Announces and scrapes over HTTP(S) with the session's {@link Http1Client} (BEP 3, 23, 7, 48).
 *
 * <p>Each request has a deadline ({@code timeout}, aria2's {@code bt-tracker-timeout}) for the
 * whole exchange, on top of the HTTP client's own connect and inactivity timeouts, so that a
 * tracker trickling its answer cannot hold an announce forever. The body is collected up to
 * {@link TrackerLimits#maxResponseBytes()}; a larger one cancels the request.
 *
 * <p>Loop thread only (the {@code timers} must be the HTTP client's loop); callbacks run on it.
 */
public final class HttpTrackerClient implements TrackerClient {

    /** Default {@code timeout}: 60 s, aria2's {@code bt-tracker-timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Http1Client http;
    private final TimerScheduler timers;
    private final long timeoutNanos;
    private final TrackerLimits limits;

    /**
     * @param http    the HTTP client (its connect timeout should be aria2's
     *                {@code bt-tracker-connect-timeout})
     * @param timers  the HTTP client's event loop
     * @param timeout deadline for one whole request
     * @param limits  response bounds
     */
    public HttpTrackerClient(Http1Client http, TimerScheduler timers, Duration timeout, TrackerLimits limits) {
        this.http = Objects.requireNonNull(http, "http");
        this.timers = Objects.requireNonNull(timers, "timers");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tracker timeout must be positive: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public Cancellable announce(String trackerUrl, AnnounceRequest request,
            TrackerCallback<AnnounceResponse> callback) {
        String url = HttpTrackerProtocol.announceUrl(trackerUrl, request);
        return send(trackerUrl, url, callback, body -> HttpTrackerProtocol.parseAnnounce(body, trackerUrl, limits));
    }

    @Override
    public Cancellable scrape(String trackerUrl, InfoHash infoHash, TrackerCallback<ScrapeResult> callback) {
        Optional<String> scrapeUrl = HttpTrackerProtocol.scrapeUrl(trackerUrl);
        if (scrapeUrl.isEmpty()) {
            return failLater(callback, new TrackerException(trackerUrl, TrackerException.Kind.INVALID_URL,
                    "no scrape URL: the last path segment does not start with \"announce\""));
        }
        String url = HttpTrackerProtocol.scrapeRequestUrl(scrapeUrl.get(), infoHash);
        return send(trackerUrl, url, callback,
                body -> HttpTrackerProtocol.parseScrape(body, infoHash, trackerUrl, limits));
    }

    private <T> Cancellable send(String trackerUrl, String url, TrackerCallback<T> callback, Parser<T> parser) {
        HttpRequest request;
        try {
            request = HttpRequest.get(new URI(url)).build();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return failLater(callback, new TrackerException(trackerUrl, TrackerException.Kind.INVALID_URL,
                    "unusable announce URL: " + e.getMessage(), e));
        }
        Exchange<T> exchange = new Exchange<>(trackerUrl, callback, parser);
        exchange.deadline = timers.schedule(timeoutNanos, exchange::timedOut);
        exchange.handle = http.send(request, exchange);
        return exchange;
    }

    private <T> Cancellable failLater(TrackerCallback<T> callback, TrackerException failure) {
        return timers.schedule(0, () -> callback.onFailure(failure));
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] body) throws TrackerException;
    }

    /** One HTTP request: collects the body within the limit and the deadline, then parses it. */
    private final class Exchange<T> implements ResponseListener, Cancellable {
        private final String trackerUrl;
        private final TrackerCallback<T> callback;
        private final Parser<T> parser;
        private ExchangeHandle handle;
        private Cancellable deadline;
        private byte[] body = new byte[1024];
        private int length;
        private boolean finished;

        Exchange(String trackerUrl, TrackerCallback<T> callback, Parser<T> parser) {
            this.trackerUrl = trackerUrl;
            this.callback = callback;
            this.parser = parser;
        }

        @Override
        public void onResponse(HttpResponse response) {
            if (response.status() != 200) {
                fail(new TrackerException(trackerUrl, TrackerException.Kind.NETWORK,
                        "HTTP status " + response.status() + " instead of 200"));
            } else if (response.bodyLength() > limits.maxResponseBytes()) {
                fail(tooLarge(response.bodyLength()));
            }
        }

        @Override
        public void onBody(ByteBuffer content) {
            if (finished) {
                content.position(content.limit());
                return;
            }
            int count = content.remaining();
            if ((long) length + count > limits.maxResponseBytes()) {
                content.position(content.limit());
                fail(tooLarge((long) length + count));
                return;
            }
            if (length + count > body.length) {
                body = Arrays.copyOf(body, Math.min(limits.maxResponseBytes(), Math.max(body.length * 2, length + count)));
            }
            content.get(body, length, count);
            length += count;
        }

        @Override
        public void onComplete() {
            if (finished) {
                return;
            }
            T result;
            try {
                result = parser.parse(Arrays.copyOf(body, length));
            } catch (TrackerException e) {
                finish(false);
                callback.onFailure(e);
                return;
            }
            finish(false);
            callback.onSuccess(result);
        }

        @Override
        public void onFailure(HttpException failure) {
            if (!finished) {
                TrackerException.Kind kind = failure instanceof HttpTimeoutException
                        ? TrackerException.Kind.TIMEOUT : TrackerException.Kind.NETWORK;
                fail(new TrackerException(trackerUrl, kind, failure.getMessage(), failure));
            }
        }

        void timedOut() {
            if (!finished) {
                fail(new TrackerException(trackerUrl, TrackerException.Kind.TIMEOUT,
                        "no complete response within " + Duration.ofNanos(timeoutNanos).toSeconds() + " s"));
            }
        }

        @Override
        public void cancel() {
            if (!finished) {
                finish(true);
            }
        }

        private TrackerException tooLarge(long size) {
            return new TrackerException(trackerUrl, TrackerException.Kind.LIMIT_EXCEEDED,
                    "response of " + size + " bytes exceeds the limit of " + limits.maxResponseBytes());
        }

        /** Fails while the exchange may still be running: it is abandoned. */
        private void fail(TrackerException failure) {
            finish(true);
            callback.onFailure(failure);
        }

        private void finish(boolean abandonExchange) {
            finished = true;
            body = null;
            if (deadline != null) {
                deadline.cancel();
            }
            if (abandonExchange && handle != null) {
                handle.cancel();
            }
        }
    }
}
