package dev.arietta.http.internal;

import dev.arietta.http.HttpException;
import java.nio.ByteBuffer;

/**
 * Receives one request's outcome, on the loop thread, in this order: {@link #onResponse}
 * once, {@link #onBody} zero or more times, then {@link #onComplete}; or {@link #onFailure}
 * at any point (and then nothing else). After {@link ExchangeHandle#cancel()} nothing more
 * is called.
 *
 * <p>A listener must not throw: an exception escaping a callback is treated by the loop as a
 * broken connection (logged as a bug, connection closed, request failed with an
 * {@link dev.arietta.http.HttpNetworkException}).
 */
public interface ResponseListener {

    /** The response was accepted; body bytes follow. */
    void onResponse(HttpResponse response);

    /**
     * Body bytes (decoded when {@link HttpResponse#decoded()}). The listener must consume all
     * of {@code content} (read or copy it) before returning: the buffer belongs to the
     * connection and is reused. To stop the flow, call {@link ExchangeHandle#pause()}; bytes
     * already decoded from compressed input may still arrive.
     */
    void onBody(ByteBuffer content);

    /** The whole body arrived (and, when compressed, decoded and verified). */
    void onComplete();

    /** The request failed; the exception says why and carries the aria2 error code. */
    void onFailure(HttpException failure);
}
