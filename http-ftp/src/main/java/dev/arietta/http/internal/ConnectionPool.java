package dev.arietta.http.internal;

import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.TimerScheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's connections by {@link Route}: idle keep-alive connections waiting for a
 * request, and busy ones (candidates for pipelining). Loop-thread only.
 *
 * <p>At most {@code maxIdlePerRoute} connections wait per route; each is closed after
 * {@code keepAliveNanos} unused, or at once when the server closes it. {@link #acquire}
 * returns the most recently used one (the likeliest to be alive).
 */
final class ConnectionPool {

    /** Default most idle connections kept per route: 16 (aria2's maximum split per server). */
    static final int DEFAULT_MAX_IDLE_PER_ROUTE = 16;

    /** Default time an idle connection is kept: 15 s. */
    static final long DEFAULT_KEEP_ALIVE_NANOS = 15_000_000_000L;

    private final TimerScheduler scheduler;
    private final int maxIdlePerRoute;
    private final long keepAliveNanos;
    private final Map<Route, ArrayDeque<HttpConnection>> idle = new HashMap<>();
    private final Map<Route, List<HttpConnection>> busy = new HashMap<>();
    private final Map<HttpConnection, Cancellable> expiries = new IdentityHashMap<>();
    private boolean closed;

    ConnectionPool(TimerScheduler scheduler, int maxIdlePerRoute, long keepAliveNanos) {
        this.scheduler = scheduler;
        this.maxIdlePerRoute = maxIdlePerRoute;
        this.keepAliveNanos = keepAliveNanos;
    }

    /** An idle open connection for {@code route}, now owned by the caller; or null. */
    HttpConnection acquire(Route route) {
        ArrayDeque<HttpConnection> connections = idle.get(route);
        while (connections != null && !connections.isEmpty()) {
            HttpConnection connection = connections.pollLast();
            cancelExpiry(connection);
            if (connections.isEmpty()) {
                idle.remove(route);
            }
            if (connection.isOpen()) {
                return connection;
            }
        }
        return null;
    }

    /** A busy connection for {@code route} that takes one more pipelined exchange, or null. */
    HttpConnection pipelineCandidate(Route route, int maxDepth) {
        List<HttpConnection> connections = busy.get(route);
        if (connections != null) {
            for (HttpConnection connection : connections) {
                if (connection.acceptsPipelined(maxDepth)) {
                    return connection;
                }
            }
        }
        return null;
    }

    /** Records that {@code connection} carries exchanges. */
    void busy(HttpConnection connection) {
        removeFrom(idle.get(connection.route()), connection, idle);
        List<HttpConnection> connections = busy.computeIfAbsent(connection.route(), key -> new ArrayList<>());
        if (!connections.contains(connection)) {
            connections.add(connection);
        }
    }

    /** Takes back a connection whose exchanges ended cleanly; closes it if there is no room. */
    void release(HttpConnection connection) {
        removeFrom(busy.get(connection.route()), connection, busy);
        ArrayDeque<HttpConnection> connections = idle.computeIfAbsent(connection.route(), key -> new ArrayDeque<>());
        if (closed || connections.size() >= maxIdlePerRoute) {
            if (connections.isEmpty()) {
                idle.remove(connection.route());
            }
            connection.close();
            return;
        }
        connections.addLast(connection);
        connection.parked();
        expiries.put(connection, scheduler.schedule(keepAliveNanos, connection::close));
    }

    /** Forgets a connection that closed. */
    void forget(HttpConnection connection) {
        cancelExpiry(connection);
        removeFrom(idle.get(connection.route()), connection, idle);
        removeFrom(busy.get(connection.route()), connection, busy);
    }

    private <C extends java.util.Collection<HttpConnection>> void removeFrom(C connections, HttpConnection connection,
                                                                          Map<Route, C> map) {
        if (connections != null) {
            connections.remove(connection);
            if (connections.isEmpty()) {
                map.remove(connection.route());
            }
        }
    }

    /** The number of idle connections for {@code route}. */
    int idleCount(Route route) {
        ArrayDeque<HttpConnection> connections = idle.get(route);
        return connections == null ? 0 : connections.size();
    }

    /** Closes every idle connection and refuses new ones; busy ones close when they finish. */
    void close() {
        closed = true;
        List<HttpConnection> all = new ArrayList<>();
        idle.values().forEach(all::addAll);
        all.forEach(HttpConnection::close);
        idle.clear();
    }

    private void cancelExpiry(HttpConnection connection) {
        Cancellable expiry = expiries.remove(connection);
        if (expiry != null) {
            expiry.cancel();
        }
    }
}
