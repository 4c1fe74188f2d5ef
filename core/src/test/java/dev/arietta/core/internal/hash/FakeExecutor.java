package dev.arietta.core.internal.hash;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** An executor that queues tasks until the test runs them, on the test's thread. */
final class FakeExecutor implements Executor {

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean rejecting;
    private int executed;

    @Override
    public void execute(Runnable task) {
        if (rejecting) {
            throw new RejectedExecutionException("fake executor is rejecting");
        }
        tasks.add(task);
    }

    /** Makes later {@link #execute} calls throw, like a shut-down executor. */
    void reject() {
        rejecting = true;
    }

    int pending() {
        return tasks.size();
    }

    int executed() {
        return executed;
    }

    /** Runs the oldest queued task; returns false if there was none. */
    boolean runNext() {
        Runnable task = tasks.poll();
        if (task == null) {
            return false;
        }
        executed++;
        task.run();
        return true;
    }

    /** Runs queued tasks, including ones they queue, until none is left. */
    void runAll() {
        while (runNext()) {
            // keep going
        }
    }
}
