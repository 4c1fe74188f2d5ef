package dev.arietta.http.internal.transfer;

import java.net.URI;

/**
 * Fetches byte ranges of one kind of source: HTTP(S) now ({@link HttpSourceFetcher}), FTP
 * through the same interface. The {@link SegmentedTransfer} knows nothing about protocols.
 *
 * <p>Called on the loop thread; the listener is called on the loop thread, never inside
 * {@link #fetch}.
 */
public interface SourceFetcher {

    /** Whether this fetcher handles {@code uri}'s scheme. */
    boolean supports(URI uri);

    /** Starts fetching {@code request}; the outcome goes to {@code listener}. */
    FetchHandle fetch(FetchRequest request, FetchListener listener);
}
