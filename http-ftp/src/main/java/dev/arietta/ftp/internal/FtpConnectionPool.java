package dev.arietta.ftp.internal;

import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.TimerScheduler;
import dev.arietta.ftp.FtpException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Idle logged-in FTP control connections, per {@link FtpPoolKey}, so the next segment of a file
 * (or another file on the same server and login) skips the connect and the login. Loop-thread
 * only.
 *
 * <p>At most {@code maxIdlePerKey} connections are kept per key (the newest are reused first);
 * each is closed after {@code keepAliveNanos} unused, or as soon as the server says anything
 * (an idle server only speaks to close: {@code 421} timeout, or end of stream).
 */
final class FtpConnectionPool {
    /** Default {@code maxIdlePerKey}: 8 (aria2's default {@code max-connection-per-server} is 1, its maximum 16). */
    static final int DEFAULT_MAX_IDLE_PER_KEY = 8;
    /** Default {@code keepAliveNanos}: 15 s, below the usual 300 s server idle timeout (vsftpd's default). */
    static final long DEFAULT_KEEP_ALIVE_NANOS = 15_000_000_000L;

    private final TimerScheduler scheduler;
    private final int maxIdlePerKey;
    private final long keepAliveNanos;
    private final Map<FtpPoolKey, ArrayDeque<Idle>> idle = new HashMap<>();
    private boolean closed;

    FtpConnectionPool(TimerScheduler scheduler, int maxIdlePerKey, long keepAliveNanos) {
        this.scheduler = scheduler;
        this.maxIdlePerKey = maxIdlePerKey;
        this.keepAliveNanos = keepAliveNanos;
    }

    /** An idle connection for {@code key} that can reach {@code directories}, or {@code null}. */
    FtpControlConnection acquire(FtpPoolKey key, List<String> directories) {
        ArrayDeque<Idle> entries = idle.get(key);
        if (entries == null) {
            return null;
        }
        for (Iterator<Idle> it = entries.descendingIterator(); it.hasNext(); ) {
            Idle entry = it.next();
            if (entry.connection.isIdle() && entry.connection.protocol().canNavigateTo(directories)) {
                it.remove();
                entry.expiry.cancel();
                if (entries.isEmpty()) {
                    idle.remove(key);
                }
                return entry.connection;
            }
        }
        return null;
    }

    /** Takes {@code connection} back when it is idle and there is room, else closes it. */
    void release(FtpControlConnection connection) {
        if (!connection.isIdle() || closed) {
            connection.close();
            return;
        }
        ArrayDeque<Idle> entries = idle.computeIfAbsent(connection.key(), key -> new ArrayDeque<>());
        if (entries.size() >= maxIdlePerKey) {
            connection.quitAndClose();
            return;
        }
        Idle entry = new Idle(connection);
        entries.addLast(entry);
        connection.owner(entry);
        entry.expiry = scheduler.schedule(keepAliveNanos, () -> drop(entry, true));
    }

    /** Idle connections held, all keys together. */
    int idleCount() {
        int count = 0;
        for (ArrayDeque<Idle> entries : idle.values()) {
            count += entries.size();
        }
        return count;
    }

    /** Closes every idle connection (with QUIT) and refuses later ones. */
    void close() {
        closed = true;
        for (ArrayDeque<Idle> entries : idle.values()) {
            for (Idle entry : entries) {
                entry.expiry.cancel();
                entry.connection.quitAndClose();
            }
        }
        idle.clear();
    }

    private void drop(Idle entry, boolean quit) {
        ArrayDeque<Idle> entries = idle.get(entry.connection.key());
        if (entries != null && entries.remove(entry)) {
            entry.expiry.cancel();
            if (entries.isEmpty()) {
                idle.remove(entry.connection.key());
            }
        }
        if (quit) {
            entry.connection.quitAndClose();
        } else {
            entry.connection.close();
        }
    }

    /** One idle connection; it owns the connection while pooled and drops it when the server speaks. */
    private final class Idle implements FtpControlConnection.Owner {
        private final FtpControlConnection connection;
        private Cancellable expiry;

        Idle(FtpControlConnection connection) {
            this.connection = connection;
        }

        @Override
        public void controlProgress() {
            // An idle connection has no inactivity deadline to push.
        }

        @Override
        public void controlEvent(FtpEvent event) {
            drop(this, false);
        }

        @Override
        public void controlFailed(FtpException failure) {
            drop(this, false);
        }
    }
}
