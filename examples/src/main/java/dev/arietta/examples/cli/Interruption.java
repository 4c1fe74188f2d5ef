package dev.arietta.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request to stop early (Ctrl-C / SIGTERM, or a test), passed to whatever is running: the
 * running {@link DownloadRun} registers itself and, when the request comes, shuts its session
 * down and reports the unfinished downloads as in progress (exit status 7), as aria2 does.
 *
 * <p>Thread-safe; {@link #request()} may come from a shutdown hook at any time, before or after
 * an action registers.
 */
public final class Interruption {

    private final List<Runnable> actions = new ArrayList<>();
    private boolean requested;

    /** Runs {@code action} when the interruption is requested, at once if it already was. */
    public void onRequest(Runnable action) {
        Objects.requireNonNull(action, "action");
        synchronized (this) {
            if (!requested) {
                actions.add(action);
                return;
            }
        }
        action.run();
    }

    /** Requests the interruption; runs every registered action once. */
    public void request() {
        List<Runnable> toRun;
        synchronized (this) {
            if (requested) {
                return;
            }
            requested = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /** Whether it was requested. */
    public synchronized boolean isRequested() {
        return requested;
    }
}
