package dev.arietta.core.internal.loop;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Executors on daemon threads of one name, for the pools a session or client makes for itself
 * when it is given none: they never keep the JVM alive, and a thread dump names their owner.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Makes daemon threads called {@code name}. */
    public static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One daemon thread called {@code name}, running tasks in submission order. */
    public static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(named(name));
    }

    /** Daemon threads called {@code name}, made as tasks need them and dropped after a minute idle. */
    public static ExecutorService cached(String name) {
        return Executors.newCachedThreadPool(named(name));
    }
}
