package dev.arietta.core.internal.loop;

import java.io.IOException;

/**
 * Reacts to readiness of one registered channel. Both methods run on the loop thread.
 *
 * <p>Isolation: if {@link #ready(int)} throws, the loop logs the exception (an
 * {@link IOException} at debug level as an ordinary network event, anything else at warn
 * level as a bug), closes the channel and calls {@link #closed(Throwable)}; other channels
 * and the loop itself carry on.
 */
public interface ChannelHandler {

    /**
     * The channel is ready for some of its interest operations.
     *
     * @param readyOps the ready set, a combination of {@link java.nio.channels.SelectionKey}
     *                 {@code OP_*} bits
     */
    void ready(int readyOps) throws IOException;

    /**
     * The loop closed the channel: {@link #ready(int)} threw {@code cause}, or the loop is
     * shutting down ({@code cause} is an {@link EventLoopClosedException}). Not called when
     * the owner closes the channel itself. Exceptions thrown here are logged and dropped.
     */
    void closed(Throwable cause);
}
