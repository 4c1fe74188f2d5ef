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

    /**
     * Optionally lends the connection a buffer to read the next body bytes straight into, so
     * they are not copied out of the connection's own buffer: it is filled from its position
     * up to its limit at most (never past the body) and handed back at once through
     * {@link #onBodyBuffer}, in the same call. Null, the default, keeps {@link #onBody}. Asked
     * only for bodies without transfer or content coding.
     */
    default ByteBuffer lendBodyBuffer() {
        return null;
    }

    /**
     * A buffer from {@link #lendBodyBuffer} comes back, flipped: its position to its limit
     * holds the body bytes read, possibly none. It is the listener's again.
     */
    default void onBodyBuffer(ByteBuffer filled) {
        onBody(filled);
    }

    /** The whole body arrived (and, when compressed, decoded and verified). */
    void onComplete();

    /** The request failed; the exception says why and carries the aria2 error code. */
    void onFailure(HttpException failure);
}
