package dev.arietta.http.internal;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.TimerScheduler;
import dev.arietta.http.HttpException;
import dev.arietta.http.HttpNetworkException;
import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpResponseHeaders;
import dev.arietta.http.HttpTimeoutException;
import dev.arietta.http.HttpTlsException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * One request and its response on one connection: a single hop of a request chain.
 * Loop-thread only.
 *
 * <ol>
 *   <li>{@link HttpConnection#start} attaches it: the request is written (with write interest
 *       while the socket is full) and the read timeout starts.</li>
 *   <li>Received bytes go through the {@link ResponseHeadParser} until the head is complete;
 *       the {@link Listener} then says whether to deliver or discard the body and may install
 *       a {@link ContentDecoder}.</li>
 *   <li>The {@link BodyDecoder} frames the body; content goes to the listener (decoded if
 *       asked), or is dropped up to {@link #MAX_DISCARDED_BYTES}.</li>
 *   <li>At the end of the body the connection is returned to the pool when the response
 *       allows it (known length, no {@code Connection: close}, nothing extra received) and
 *       the listener hears {@code complete}; on any failure the connection is closed and the
 *       listener hears {@code failed}, once.</li>
 * </ol>
 *
 * <p>The read timeout is an inactivity timeout: every read or write pushes the deadline; a
 * paused exchange does not time out.
 */
final class Exchange {

    /** Largest body read and dropped to keep a connection after a redirect or an error. */
    static final int MAX_DISCARDED_BYTES = 64 * 1024;

    /** What to do with a response body. */
    enum BodyHandling { DELIVER, DISCARD }

    /** Hears the hop's events; called on the loop thread. */
    interface Listener {
        /** The final head arrived; decide about the body (may call {@link #decodeWith}). */
        BodyHandling head(Exchange exchange, HttpResponseHeaders head) throws HttpException;

        /** Content bytes (consume them all). */
        void body(Exchange exchange, ByteBuffer content);

        /** A buffer the connection may read content into directly (see {@link ResponseListener#lendBodyBuffer}), or null. */
        default ByteBuffer lendBodyBuffer(Exchange exchange) {
            return null;
        }

        /** A lent buffer comes back holding content bytes (possibly none). */
        default void bodyBuffer(Exchange exchange, ByteBuffer filled) {
            body(exchange, filled);
        }

        /** The body ended; the connection is already released. */
        void complete(Exchange exchange);

        /** The hop failed; the connection is already closed. */
        void failed(Exchange exchange, HttpException failure);
    }

    private enum State { WAITING, SENDING, AWAITING_HEAD, BODY, DONE }

    private final HttpRequest request;
    private final ByteBuffer requestBytes;
    private final Listener listener;
    private final TimerScheduler scheduler;
    private final long readTimeoutNanos;
    private final HttpLimits limits;
    private HttpConnection connection;
    private State state = State.WAITING;
    private HttpResponseHeaders head;
    private BodyDecoder body;
    private ContentDecoder decoder;
    private BodyHandling handling = BodyHandling.DELIVER;
    private long discarded;
    private boolean paused;
    private boolean responseStarted;
    private long lastProgress;
    private Cancellable timeoutCheck;

    Exchange(HttpRequest request, ByteBuffer requestBytes, Listener listener, TimerScheduler scheduler,
             long readTimeoutNanos, HttpLimits limits) {
        this.request = request;
        this.requestBytes = requestBytes;
        this.listener = listener;
        this.scheduler = scheduler;
        this.readTimeoutNanos = readTimeoutNanos;
        this.limits = limits;
    }

    URI uri() {
        return request.uri();
    }

    /** The connection carrying this exchange, or null before it is attached. */
    HttpConnection connection() {
        return connection;
    }

    /** Whether any byte of this exchange's response arrived. */
    boolean responseStarted() {
        return responseStarted;
    }

    /** Whether the request has been written whole. */
    boolean requestWritten() {
        return state != State.WAITING && state != State.SENDING;
    }

    boolean isPaused() {
        return paused;
    }

    /** Decodes the body with {@code contentDecoder} (closed by the exchange). Only from {@code head}. */
    void decodeWith(ContentDecoder contentDecoder) {
        this.decoder = contentDecoder;
    }

    // --- driven by HttpConnection ---

    /**
     * The connection took this exchange; its request is written by the connection, in turn.
     *
     * @param head whether its response is the next to read (false when pipelined behind others)
     */
    void attached(HttpConnection carrier, boolean head) {
        connection = carrier;
        state = State.SENDING;
        lastProgress = scheduler.nanoTime();
        timeoutCheck = scheduler.schedule(readTimeoutNanos, this::checkTimeout);
        if (head) {
            promoted();
        }
    }

    /** This exchange's response is now the one to read. */
    void promoted() {
        connection.headParser().reset(request.uri());
        progressed();
        if (paused) {
            connection.readInterest(false);
        }
    }

    /** Writes as much of the request as the socket takes; called by the connection, in order. */
    void writable() {
        if (state != State.SENDING) {
            return;
        }
        try {
            int before = requestBytes.remaining();
            boolean written = connection.write(requestBytes);
            if (requestBytes.remaining() != before) {
                progressed();
            }
            if (written) {
                state = State.AWAITING_HEAD;
            }
        } catch (IOException e) {
            fail(networkFailure(e));
        }
    }

    boolean wantsData() {
        return !paused && (state == State.SENDING || state == State.AWAITING_HEAD || state == State.BODY);
    }

    void progressed() {
        lastProgress = scheduler.nanoTime();
    }

    /** Consumes bytes from the connection's read buffer. */
    void received(ByteBuffer input) {
        responseStarted = true;
        try {
            if (state == State.SENDING || state == State.AWAITING_HEAD) {
                HttpResponseHeaders parsed = connection.headParser().parse(input);
                if (parsed == null) {
                    return;
                }
                onHead(parsed);
                if (state != State.BODY) {
                    return;
                }
            }
            while (state == State.BODY && !paused && input.hasRemaining()) {
                int count = body.next(input);
                if (count > 0) {
                    deliver(input, count);
                } else if (!body.isComplete()) {
                    break;
                }
                if (state == State.BODY && body.isComplete()) {
                    finish();
                }
            }
        } catch (HttpException e) {
            fail(e);
        }
    }

    /**
     * A buffer to read the next body bytes into instead of the connection's, limited to what
     * remains of the body; null when the body is not a plain Content-Length one being
     * delivered, or the listener lends none. Give it back with {@link #receivedLent}.
     */
    ByteBuffer lendBodyBuffer() {
        if (state != State.BODY || paused || handling != BodyHandling.DELIVER || decoder != null) {
            return null;
        }
        long remaining = body.remainingFixed();
        if (remaining <= 0) {
            return null;
        }
        ByteBuffer lent = listener.lendBodyBuffer(this);
        if (lent != null && lent.remaining() > remaining) {
            lent.limit(lent.position() + (int) remaining);
        }
        return lent;
    }

    /** A buffer from {@link #lendBodyBuffer}, flipped, holding what was read into it (possibly nothing). */
    void receivedLent(ByteBuffer filled) {
        responseStarted = true;
        try {
            body.next(filled);
            listener.bodyBuffer(this, filled);
            if (state == State.BODY && body.isComplete()) {
                finish();
            }
        } catch (HttpException e) {
            fail(e);
        }
    }

    private void onHead(HttpResponseHeaders parsed) throws HttpException {
        head = parsed;
        body = BodyDecoder.forResponse(request.isHead(), parsed, limits, request.uri());
        handling = listener.head(this, parsed);
        if (state == State.DONE) {
            return;
        }
        if (handling == BodyHandling.DISCARD && (body.untilClose()
                || body.declaredLength() > MAX_DISCARDED_BYTES)) {
            // Reading a long body only to reuse the connection costs more than reconnecting.
            completeWithoutReuse();
            return;
        }
        state = State.BODY;
        if (body.isComplete()) {
            finish();
        }
    }

    private void deliver(ByteBuffer input, int count) throws HttpException {
        int limit = input.limit();
        int end = input.position() + count;
        input.limit(end);
        try {
            if (handling == BodyHandling.DISCARD) {
                discarded += count;
                input.position(end);
                if (discarded > MAX_DISCARDED_BYTES) {
                    completeWithoutReuse();
                }
            } else if (decoder == null) {
                listener.body(this, input);
                input.position(end);
            } else {
                decode(input);
            }
        } finally {
            input.limit(limit);
        }
    }

    /** Decodes all of {@code input}: the decoder must not keep a reference past this call. */
    private void decode(ByteBuffer input) throws HttpException {
        while (state == State.BODY) {
            int before = input.remaining();
            ByteBuffer output = decoder.decode(input);
            boolean full = output.limit() == output.capacity();
            if (output.hasRemaining()) {
                listener.body(this, output);
            }
            if (!full && (!input.hasRemaining() || input.remaining() == before)) {
                if (input.hasRemaining()) {
                    throw new HttpProtocolException(request.uri(), head.status(),
                            HttpProtocolException.Reason.MALFORMED_CONTENT_ENCODING, "compressed body does not progress");
                }
                return;
            }
        }
    }

    void endOfStream() {
        if (state == State.DONE) {
            return;
        }
        try {
            if (state == State.BODY) {
                body.endOfInput();
                finish();
                return;
            }
            boolean started = connection.headParser().started();
            fail(new HttpProtocolException(request.uri(), -1, HttpProtocolException.Reason.NO_RESPONSE,
                    started ? "connection closed in the middle of the response head"
                            : "connection closed without a response"));
        } catch (HttpException e) {
            fail(e);
        }
    }

    void connectionFailed(IOException cause) {
        if (state != State.DONE) {
            fail(networkFailure(cause));
        }
    }

    private HttpException networkFailure(IOException cause) {
        if (cause instanceof HttpException) {
            return (HttpException) cause;
        }
        int status = head == null ? -1 : head.status();
        if (cause instanceof SSLException) {
            return new HttpTlsException(request.uri(), "TLS failure: " + cause.getMessage(), cause);
        }
        return new HttpNetworkException(request.uri(), status, ErrorCode.NETWORK,
                "connection failed " + phaseText() + ": " + cause.getMessage(), cause);
    }

    private String phaseText() {
        switch (state) {
            case SENDING:
                return "while sending the request";
            case AWAITING_HEAD:
                return "while waiting for the response";
            case BODY:
                return "after " + body.received() + " body bytes";
            default:
                return "";
        }
    }

    private void finish() throws HttpException {
        if (decoder != null) {
            decoder.finish();
        }
        state = State.DONE;
        stopTimer();
        closeDecoder();
        connection.exchangeDone(this, keepAlive());
        listener.complete(this);
    }

    private void completeWithoutReuse() {
        state = State.DONE;
        stopTimer();
        closeDecoder();
        connection.exchangeDone(this, false);
        listener.complete(this);
    }

    private boolean keepAlive() {
        if (body.untilClose()) {
            return false;
        }
        boolean keepAliveToken = false;
        for (String value : head.allValues("Connection")) {
            for (String token : value.split(",")) {
                String option = token.trim().toLowerCase(Locale.ROOT);
                if (option.equals("close")) {
                    return false;
                }
                keepAliveToken |= option.equals("keep-alive");
            }
        }
        return head.version().equals("HTTP/1.1") || keepAliveToken;
    }

    /** Ends the hop with {@code failure}: closes the connection, tells the listener once. */
    void fail(HttpException failure) {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        stopTimer();
        closeDecoder();
        if (connection != null) {
            connection.close();
        }
        listener.failed(this, failure);
    }

    /** Abandons the hop silently and closes its connection. */
    void cancel() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        stopTimer();
        closeDecoder();
        if (connection != null) {
            connection.close();
        }
    }

    void pause() {
        if (state == State.DONE || paused) {
            return;
        }
        paused = true;
        if (connection != null && connection.isHead(this)) {
            connection.readInterest(false);
        }
    }

    void resume() {
        if (state == State.DONE || !paused) {
            return;
        }
        paused = false;
        progressed();
        if (connection != null && connection.isHead(this)) {
            connection.readInterest(true);
            try {
                // Bytes already buffered (ours or the TLS engine's) raise no readiness event.
                connection.readAvailable();
            } catch (IOException e) {
                fail(networkFailure(e));
            }
        }
    }

    private void checkTimeout() {
        timeoutCheck = null;
        if (state == State.DONE) {
            return;
        }
        long idle = scheduler.nanoTime() - lastProgress;
        // Paused, or written and waiting in a pipeline behind another response: not our silence.
        boolean waiting = paused || (requestWritten() && !connection.isHead(this));
        if (waiting || idle < readTimeoutNanos) {
            timeoutCheck = scheduler.schedule(waiting ? readTimeoutNanos : readTimeoutNanos - idle, this::checkTimeout);
            return;
        }
        HttpTimeoutException.Phase phase = state == State.SENDING ? HttpTimeoutException.Phase.REQUEST
                : state == State.AWAITING_HEAD ? HttpTimeoutException.Phase.RESPONSE_HEAD
                : HttpTimeoutException.Phase.RESPONSE_BODY;
        fail(new HttpTimeoutException(request.uri(), head == null ? -1 : head.status(), phase,
                "no data for " + readTimeoutNanos / 1_000_000 + " ms " + phaseText()));
    }

    private void stopTimer() {
        if (timeoutCheck != null) {
            timeoutCheck.cancel();
            timeoutCheck = null;
        }
    }

    private void closeDecoder() {
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
    }

    @Override
    public String toString() {
        return request.toString();
    }
}
