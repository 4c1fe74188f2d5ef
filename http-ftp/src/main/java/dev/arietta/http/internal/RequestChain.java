package dev.arietta.http.internal;

import dev.arietta.core.ErrorCode;
import dev.arietta.http.HttpException;
import dev.arietta.http.HttpNetworkException;
import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpProtocolException.Reason;
import dev.arietta.http.HttpRangeException;
import dev.arietta.http.HttpRedirectException;
import dev.arietta.http.HttpResponseHeaders;
import dev.arietta.http.HttpStatusException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical request from the caller's point of view: its hops through redirects, a Basic
 * challenge retry, and one retry on a fresh connection when a pooled connection turns out to
 * be dead. Validates the final response (status, range) before the caller sees it.
 * Loop-thread only, except the {@link ExchangeHandle} methods which post themselves.
 *
 * <p>Redirect rules: 301, 302, 303, 307 and 308 with a Location (relative ones resolved) are
 * followed up to the client's limit (default 20, aria2's); a Location already visited in the
 * chain is a loop; https to http is refused unless allowed; the Range and other request
 * fields are kept; credentials from options only go to the original origin.
 */
final class RequestChain implements ExchangeHandle, Exchange.Listener, ConnectionSetup.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(RequestChain.class);

    private final Http1Client client;
    private final HttpRequest original;
    private final ResponseListener listener;
    private final List<URI> redirects = new ArrayList<>();
    private final Set<String> visited = new HashSet<>();
    private HttpRequest current;
    private Route route;
    private Exchange exchange;
    private ConnectionSetup setup;
    private URI pendingRedirect;
    private boolean pendingChallengeRetry;
    private boolean challengeAnswered;
    private boolean staleConnectionRetried;
    private boolean accepted;
    private boolean paused;
    private boolean done;

    RequestChain(Http1Client client, HttpRequest request, ResponseListener listener) {
        this.client = client;
        this.original = request;
        this.current = request;
        this.listener = listener;
        visited.add(visitKey(request.uri()));
    }

    void start() {
        if (done) {
            return;
        }
        ProxyServer proxy = client.proxyChoice().proxyFor(current.uri()).orElse(null);
        if (proxy == null && "ftp".equalsIgnoreCase(current.uri().getScheme())) {
            finish(new HttpNetworkException(current.uri(), -1, ErrorCode.NETWORK,
                    "no HTTP proxy for this ftp URL: ftp goes through the HTTP client only via a proxy", null));
            return;
        }
        route = Route.of(current.uri(), proxy);
        HttpConnection pooled = client.pool().acquire(route);
        if (pooled == null && client.pipeliningDepth() > 1) {
            pooled = client.pool().pipelineCandidate(route, client.pipeliningDepth());
        }
        if (pooled != null) {
            startExchange(pooled);
        } else {
            openConnection();
        }
    }

    private void openConnection() {
        setup = client.newSetup(route, current.uri(), this);
        setup.start();
    }

    @Override
    public void ready(HttpConnection connection) {
        setup = null;
        if (done) {
            connection.close();
            return;
        }
        startExchange(connection);
    }

    @Override
    public void failed(HttpException failure) {
        setup = null;
        finish(failure);
    }

    private void startExchange(HttpConnection connection) {
        Credentials credentials = credentialsFor(current.uri());
        boolean sendCredentials = credentials != null && (!client.authChallenge() || challengeAnswered);
        Credentials proxyCredentials = route.absoluteForm() ? route.proxy().credentials() : null;
        RequestEncoder.Additions additions = new RequestEncoder.Additions(client.userAgent(),
                sendCredentials ? credentials : null, proxyCredentials,
                client.cookies().cookieHeader(current.uri()).orElse(null));
        if (LOG.isDebugEnabled()) {
            LOG.debug("request on {}:\n{}", connection, RequestEncoder.describe(current, route.absoluteForm(), additions));
        }
        exchange = client.newExchange(current, RequestEncoder.encode(current, route.absoluteForm(), additions), this);
        if (paused) {
            exchange.pause();
        }
        connection.start(exchange, client.pool());
    }

    // --- Exchange.Listener ---

    @Override
    public Exchange.BodyHandling head(Exchange hop, HttpResponseHeaders head) throws HttpException {
        URI uri = hop.uri();
        LOG.debug("response from {}:\n{}", UriMasking.mask(uri), head);
        List<String> setCookies = head.allValues("Set-Cookie");
        if (!setCookies.isEmpty()) {
            client.cookies().store(uri, setCookies);
        }
        int status = head.status();
        if (isRedirect(status)) {
            pendingRedirect = redirectTarget(uri, head);
            return Exchange.BodyHandling.DISCARD;
        }
        if (status == 401 && canAnswerChallenge(uri, head)) {
            pendingChallengeRetry = true;
            challengeAnswered = true;
            return Exchange.BodyHandling.DISCARD;
        }
        boolean notModified = status == 304 && current.ifModifiedSince() != null;
        if (status / 100 != 2 && !notModified) {
            throw statusFailure(uri, head);
        }
        HttpResponse response = accept(hop, head);
        accepted = true;
        listener.onResponse(response);
        return Exchange.BodyHandling.DELIVER;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private URI redirectTarget(URI from, HttpResponseHeaders head) throws HttpRedirectException {
        int status = head.status();
        String location = head.firstValue("Location").orElse(null);
        if (location == null || location.isEmpty()) {
            throw new HttpRedirectException(from, status, HttpRedirectException.Reason.MISSING_LOCATION,
                    status + " redirect without Location");
        }
        URI target;
        try {
            target = from.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new HttpRedirectException(from, status, HttpRedirectException.Reason.BAD_LOCATION,
                    "unusable Location \"" + location + "\"");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
            throw new HttpRedirectException(from, status, HttpRedirectException.Reason.BAD_LOCATION,
                    "redirect to unsupported URL \"" + UriMasking.mask(target) + "\"");
        }
        if (scheme.equals("http") && "https".equalsIgnoreCase(from.getScheme()) && !client.allowInsecureRedirect()) {
            throw new HttpRedirectException(from, status, HttpRedirectException.Reason.DOWNGRADE,
                    "refused redirect from https to " + UriMasking.mask(target));
        }
        if (visited.contains(visitKey(target))) {
            throw new HttpRedirectException(from, status, HttpRedirectException.Reason.LOOP,
                    "redirect loop back to " + UriMasking.mask(target));
        }
        if (redirects.size() >= client.maxRedirects()) {
            throw new HttpRedirectException(from, status, HttpRedirectException.Reason.TOO_MANY,
                    "more than " + client.maxRedirects() + " redirects");
        }
        return target;
    }

    private static String visitKey(URI uri) {
        String text = uri.toString();
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    private boolean canAnswerChallenge(URI uri, HttpResponseHeaders head) {
        if (!client.authChallenge() || challengeAnswered || credentialsFor(uri) == null) {
            return false;
        }
        for (String challenge : head.allValues("WWW-Authenticate")) {
            if (challenge.trim().regionMatches(true, 0, "Basic", 0, 5)) {
                return true;
            }
        }
        return false;
    }

    private HttpStatusException statusFailure(URI uri, HttpResponseHeaders head) {
        Duration retryAfter = null;
        if (head.status() == 503 || head.status() == 429) {
            retryAfter = head.firstValue("Retry-After")
                    .flatMap(value -> HttpDates.retryAfter(value, client.clock())).orElse(null);
        }
        boolean fromProxy = head.status() == 407 && route.absoluteForm();
        return new HttpStatusException(uri, head, retryAfter, fromProxy);
    }

    /** Validates a 2xx/304 against the request and describes it for the caller. */
    private HttpResponse accept(Exchange hop, HttpResponseHeaders head) throws HttpException {
        URI uri = hop.uri();
        int status = head.status();
        ByteRange range = current.range();
        ContentRange contentRange = null;
        long declaredLength = BodyDecoder.contentLength(head, uri);
        Optional<String> encoding = head.firstValue("Content-Encoding")
                .filter(value -> !value.trim().isEmpty() && !value.trim().equalsIgnoreCase("identity"));
        if (status == 206) {
            if (range == null) {
                throw new HttpProtocolException(uri, status, Reason.UNEXPECTED_RESPONSE, "206 to a request without Range");
            }
            String value = head.firstValue("Content-Range").orElse(null);
            if (value == null) {
                throw new HttpRangeException(uri, status, range.headerValue(), null,
                        "206 without Content-Range (multiple ranges?) for " + range.headerValue());
            }
            contentRange = ContentRange.parse(value, uri, status);
            if (!contentRange.satisfies(range)) {
                throw new HttpRangeException(uri, status, range.headerValue(), value,
                        "server sent " + contentRange + " for " + range.headerValue());
            }
            long expected = current.expectedEntityLength();
            if (expected >= 0 && contentRange.completeLength() >= 0 && contentRange.completeLength() != expected) {
                throw new HttpRangeException(uri, status, range.headerValue(), value,
                        "entity length " + contentRange.completeLength() + " differs from the expected " + expected);
            }
            if (declaredLength >= 0 && declaredLength != contentRange.length()) {
                throw new HttpProtocolException(uri, status, Reason.MALFORMED_CONTENT_RANGE,
                        "Content-Length " + declaredLength + " disagrees with Content-Range " + value);
            }
            if (encoding.isPresent()) {
                throw new HttpProtocolException(uri, status, Reason.MALFORMED_CONTENT_ENCODING,
                        "range sent with Content-Encoding " + encoding.get());
            }
        } else if (status == 200 && range != null && !(range.first() == 0 && range.isOpenEnded())) {
            throw new HttpRangeException(uri, status, range.headerValue(), null,
                    "server ignored " + range.headerValue() + " and sent the whole entity");
        }
        boolean decode = encoding.isPresent() && range == null && current.acceptCompressed() && !current.isHead();
        if (decode) {
            hop.decodeWith(ContentDecoder.forEncoding(encoding.get(), client.limits(), uri, status, client.bufferPool()));
        }
        long bodyLength;
        if (current.isHead() || status == 204 || status == 304) {
            bodyLength = 0;
        } else if (decode || head.contains("Transfer-Encoding")) {
            bodyLength = -1;
        } else {
            bodyLength = contentRange != null ? contentRange.length() : declaredLength;
        }
        return new HttpResponse(uri, head, contentRange, bodyLength, decode, redirects);
    }

    @Override
    public ByteBuffer lendBodyBuffer(Exchange hop) {
        return done ? null : listener.lendBodyBuffer();
    }

    @Override
    public void bodyBuffer(Exchange hop, ByteBuffer filled) {
        // Even after a cancel the buffer goes back to its owner, which drops the bytes.
        listener.onBodyBuffer(filled);
    }

    @Override
    public void body(Exchange hop, ByteBuffer content) {
        if (!done) {
            listener.onBody(content);
        }
    }

    @Override
    public void complete(Exchange hop) {
        exchange = null;
        if (done) {
            return;
        }
        if (pendingRedirect != null) {
            URI target = pendingRedirect;
            pendingRedirect = null;
            redirects.add(current.uri());
            visited.add(visitKey(target));
            LOG.debug("redirected from {} to {}", UriMasking.mask(current.uri()), UriMasking.mask(target));
            current = current.redirectTo(target);
            start();
            return;
        }
        if (pendingChallengeRetry) {
            pendingChallengeRetry = false;
            start();
            return;
        }
        done = true;
        listener.onComplete();
    }

    @Override
    public void failed(Exchange hop, HttpException failure) {
        exchange = null;
        if (done) {
            return;
        }
        HttpConnection connection = hop.connection();
        boolean staleConnection = !accepted && connection != null && connection.isReused()
                && !hop.responseStarted() && !staleConnectionRetried
                && (failure instanceof HttpNetworkException
                        || failure instanceof HttpProtocolException
                        && ((HttpProtocolException) failure).reason() == Reason.NO_RESPONSE);
        if (staleConnection) {
            // The server closed a kept-alive connection as we reused it: retry once on a new one.
            LOG.debug("pooled connection {} was dead; retrying {}", connection, current);
            staleConnectionRetried = true;
            openConnection();
            return;
        }
        finish(failure);
    }

    private void finish(HttpException failure) {
        if (done) {
            return;
        }
        done = true;
        LOG.debug("request {} failed: {}", current, failure.getMessage());
        listener.onFailure(failure);
    }

    private Credentials credentialsFor(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
            return new Credentials(user, password);
        }
        if (original.credentials() != null && sameOrigin(uri, original.uri())) {
            return original.credentials();
        }
        return client.credentialSource().credentialsFor(Route.host(uri)).orElse(null);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && Route.host(a).equals(Route.host(b))
                && Route.port(a) == Route.port(b);
    }

    // --- ExchangeHandle ---

    @Override
    public void pause() {
        if (!client.loop().inEventLoop()) {
            client.loop().execute(this::pause);
            return;
        }
        paused = true;
        if (exchange != null) {
            exchange.pause();
        }
    }

    @Override
    public void resume() {
        if (!client.loop().inEventLoop()) {
            client.loop().execute(this::resume);
            return;
        }
        paused = false;
        if (exchange != null) {
            exchange.resume();
        }
    }

    @Override
    public void cancel() {
        if (!client.loop().inEventLoop()) {
            client.loop().execute(this::cancel);
            return;
        }
        done = true;
        if (exchange != null) {
            exchange.cancel();
            exchange = null;
        }
        if (setup != null) {
            setup.cancel();
            setup = null;
        }
    }
}
