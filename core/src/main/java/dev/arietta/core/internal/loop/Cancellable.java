package dev.arietta.core.internal.loop;

/** Something pending that can be called off: a timer, a connection attempt, a request. */
@FunctionalInterface
public interface Cancellable {

    /**
     * Calls the pending action off. Idempotent; does nothing once the action has run or
     * failed. Whether it may be called from any thread is stated by the implementation.
     */
    void cancel();
}
