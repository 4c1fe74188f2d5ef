package dev.arietta.http.internal;

import dev.arietta.core.internal.loop.Connector;
import dev.arietta.core.internal.loop.DaemonThreads;
import dev.arietta.core.internal.loop.DefaultHostResolver;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.loop.HostResolver;
import dev.arietta.core.internal.loop.SocketSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * What the HTTP and the FTP client of one loop each own for opening connections: a
 * {@link Connector} with its resolver, and the resolver's threads when the client was given
 * no resolver and made its own.
 *
 * <p>Thread-safety: {@link #connector()} is for the loop thread (as {@link Connector} is);
 * {@link #close} may be called from any thread.
 */
public final class ClientConnections {
    private final EventLoop loop;
    private final Connector connector;
    private final ExecutorService ownedResolverExecutor;

    /**
     * @param resolver           name resolution, or {@code null} for a {@link DefaultHostResolver} on
     *                           a cached pool of daemon threads named {@code resolverThreadName},
     *                           owned (and shut down) here
     * @param happyEyeballsDelay the connection attempt delay of {@link Connector}
     * @param sockets            receive buffer size and address family of every connection
     */
    public ClientConnections(EventLoop loop, HostResolver resolver, String resolverThreadName,
                             Duration happyEyeballsDelay, SocketSettings sockets) {
        this.loop = loop;
        if (resolver == null) {
            this.ownedResolverExecutor = DaemonThreads.cached(resolverThreadName);
            resolver = new DefaultHostResolver(ownedResolverExecutor);
        } else {
            this.ownedResolverExecutor = null;
        }
        this.connector = new Connector(loop, resolver, happyEyeballsDelay.toNanos(), sockets);
    }

    /** The connector every connection of the client is opened with. */
    public Connector connector() {
        return connector;
    }

    /**
     * Runs {@code closePool} (the client's idle connections) on the loop and waits for it unless
     * called there; when the loop is already closed its channels are gone and nothing runs. Then
     * stops the resolver threads this object made.
     */
    public void close(Runnable closePool) {
        CompletableFuture<Void> closing = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                closePool.run();
                closing.complete(null);
            });
            if (!loop.inEventLoop()) {
                closing.join();
            }
        } catch (RejectedExecutionException loopGone) {
            // The loop already closed every channel.
        }
        if (ownedResolverExecutor != null) {
            ownedResolverExecutor.shutdownNow();
        }
    }
}
