package dev.arietta.http.internal.transfer;

import dev.arietta.http.internal.ExchangeHandle;

/** Controls one fetch in flight. Loop thread (implementations may accept any thread); idempotent. */
public interface FetchHandle {

    /** Stops reading (backpressure, rate limit) until {@link #resume()}; timeouts are suspended. */
    void pause();

    /** Reads again after {@link #pause()}. */
    void resume();

    /** Abandons the fetch; the listener hears nothing more. */
    void cancel();

    /** A handle that passes each call on to a client's {@code exchange}. */
    static FetchHandle of(ExchangeHandle exchange) {
        return new FetchHandle() {
            @Override
            public void pause() {
                exchange.pause();
            }

            @Override
            public void resume() {
                exchange.resume();
            }

            @Override
            public void cancel() {
                exchange.cancel();
            }
        };
    }
}
