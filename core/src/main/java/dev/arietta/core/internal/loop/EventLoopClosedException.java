package dev.arietta.core.internal.loop;

import java.io.IOException;

/** The event loop shut down while a channel or a task still depended on it. */
public final class EventLoopClosedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param loopName the loop thread's name, for the message */
    public EventLoopClosedException(String loopName) {
        super("event loop " + loopName + " shut down");
    }
}
