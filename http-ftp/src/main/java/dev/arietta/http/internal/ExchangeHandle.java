package dev.arietta.http.internal;

/**
 * Controls a request in flight. Every method may be called from any thread (off-loop calls
 * are posted to the loop) and is idempotent.
 */
public interface ExchangeHandle {

    /**
     * Stops reading the body (backpressure): the socket is left unread until
     * {@link #resume()}, and the read timeout is suspended meanwhile.
     */
    void pause();

    /** Reads again after {@link #pause()}, starting with bytes already buffered. */
    void resume();

    /** Abandons the request and closes its connection; the listener hears nothing more. */
    void cancel();
}
