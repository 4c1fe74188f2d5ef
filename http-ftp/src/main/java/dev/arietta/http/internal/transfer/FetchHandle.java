package dev.arietta.http.internal.transfer;

/** Controls one fetch in flight. Loop thread (implementations may accept any thread); idempotent. */
public interface FetchHandle {

    /** Stops reading (backpressure, rate limit) until {@link #resume()}; timeouts are suspended. */
    void pause();

    /** Reads again after {@link #pause()}. */
    void resume();

    /** Abandons the fetch; the listener hears nothing more. */
    void cancel();
}
