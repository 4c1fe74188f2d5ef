package dev.arietta.ftp.internal;

import dev.arietta.ftp.FtpException;
import java.nio.ByteBuffer;

/**
 * Receives one {@link FtpRetrieval}'s outcome, on the loop thread, in this order:
 * {@link #onStart} once, {@link #onBody} zero or more times, then {@link #onComplete}; or
 * {@link #onFailure} at any point (and then nothing else). After
 * {@link dev.arietta.http.internal.ExchangeHandle#cancel()} nothing more is called. The shape
 * is {@link dev.arietta.http.internal.ResponseListener}'s, so a download treats FTP and HTTP
 * sources alike.
 *
 * <p>A listener must not throw: an exception escaping a callback fails the retrieval and closes
 * its connections.
 */
public interface FtpListener {

    /** The server accepted the request (for a query: answered it); bytes follow. */
    void onStart(FtpResponse response);

    /**
     * File bytes, in order, starting at {@link FtpResponse#offset()}. The listener must consume
     * all of {@code content} before returning: the buffer is reused. Call
     * {@link dev.arietta.http.internal.ExchangeHandle#pause()} to stop the flow.
     */
    void onBody(ByteBuffer content);

    /** Every requested byte arrived (a bounded range: the transfer was aborted after them). */
    void onComplete();

    /** The retrieval failed; the exception says why and carries the aria2 error code. */
    void onFailure(FtpException failure);
}
