package dev.arietta.bittorrent.internal.tracker;

/**
 * Receives the outcome of one tracker request, exactly once, on the loop thread — unless the
 * request is cancelled first, after which nothing is called.
 *
 * @param <T> the result type
 */
public interface TrackerCallback<T> {

    void onSuccess(T result);

    void onFailure(TrackerException failure);
}
