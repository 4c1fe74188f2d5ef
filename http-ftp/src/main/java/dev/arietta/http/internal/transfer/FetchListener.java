package dev.arietta.http.internal.transfer;

import java.nio.ByteBuffer;

/**
 * Hears one fetch, on the loop thread, in this order: {@link #onStart} once, {@link #onData}
 * zero or more times, then {@link #onEnd}; or {@link #onFailure} at any point, and then
 * nothing else; or, for a conditional request, {@link #onNotModified} alone. After
 * {@link FetchHandle#cancel()} nothing more is called. Must not throw.
 */
public interface FetchListener {

    /** The source accepted the request; data follows from the request's first byte. */
    void onStart(FetchResponse response);

    /**
     * Entity bytes, in order. The buffer belongs to the connection: consume (copy) all of it
     * before returning.
     */
    void onData(ByteBuffer content);

    /**
     * Optionally lends the source a buffer to put the next entity bytes in directly, saving a
     * copy: filled from its position up to its limit at most and handed back at once through
     * {@link #onDataBuffer}, in the same call. Null, the default, keeps {@link #onData}.
     */
    default ByteBuffer lendDataBuffer() {
        return null;
    }

    /**
     * A buffer from {@link #lendDataBuffer} comes back, flipped: its position to its limit
     * holds entity bytes in order, possibly none. It is the listener's again.
     */
    default void onDataBuffer(ByteBuffer filled) {
        onData(filled);
    }

    /** The source sent everything it was asked for (or, for an open-ended request, reached EOF). */
    void onEnd();

    /** The fetch failed. */
    void onFailure(FetchFailure failure);

    /**
     * The source answered a conditional request ({@code If-Modified-Since}) with "not
     * modified": the local copy is current and no data follows. A listener that never asks
     * conditionally treats it as a fatal failure of the source.
     */
    default void onNotModified() {
        onFailure(new FetchFailure(dev.arietta.core.ErrorCode.HTTP_PROTOCOL_ERROR,
                "\"not modified\" answer to a request that was not conditional", FetchFailure.Kind.FATAL, 0));
    }
}
