package dev.arietta.bittorrent.internal.tracker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Records the one outcome of a tracker request; fails the test if a second one arrives. */
final class RecordingCallback<T> implements TrackerCallback<T> {

    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private volatile int calls;
    volatile Thread callbackThread;

    @Override
    public void onSuccess(T result) {
        record();
        outcome.complete(result);
    }

    @Override
    public void onFailure(TrackerException failure) {
        record();
        outcome.completeExceptionally(failure);
    }

    private void record() {
        calls++;
        callbackThread = Thread.currentThread();
        if (calls > 1) {
            throw new AssertionError("tracker callback called " + calls + " times");
        }
    }

    boolean isDone() {
        return outcome.isDone();
    }

    int calls() {
        return calls;
    }

    /** The result, waiting up to 10 s. */
    T result() throws Exception {
        try {
            return outcome.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        }
    }

    /** The failure, waiting up to 10 s. */
    TrackerException failure() throws Exception {
        try {
            T result = outcome.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (ExecutionException e) {
            return assertInstanceOf(TrackerException.class, e.getCause());
        }
    }

    void assertPending() {
        assertFalse(outcome.isDone(), () -> "already finished: " + outcome);
    }
}
