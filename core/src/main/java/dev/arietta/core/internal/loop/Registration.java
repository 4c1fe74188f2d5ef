package dev.arietta.core.internal.loop;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A channel registered with an {@link EventLoop}, its interest set and its current handler.
 *
 * <p>Loop-thread only, like the channel it wraps. Ownership of a channel can move between
 * handlers (a connector hands a connected socket to an HTTP connection) by
 * {@link #handler(ChannelHandler)}.
 */
public final class Registration {

    private final EventLoop loop;
    private final SelectableChannel channel;
    private SelectionKey key;
    private ChannelHandler handler;

    Registration(EventLoop loop, SelectableChannel channel, ChannelHandler handler) {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
    }

    void key(SelectionKey key) {
        this.key = key;
    }

    /** The loop this registration belongs to. */
    public EventLoop loop() {
        return loop;
    }

    /** The registered channel. */
    public SelectableChannel channel() {
        return channel;
    }

    /** The handler currently receiving readiness events. */
    public ChannelHandler handler() {
        return handler;
    }

    /** Hands the channel to another handler; later events go to it. */
    public void handler(ChannelHandler newHandler) {
        if (newHandler == null) {
            throw new IllegalArgumentException("null handler");
        }
        this.handler = newHandler;
    }

    /** The current interest set ({@link SelectionKey} {@code OP_*} bits); 0 once closed. */
    public int interestOps() {
        return key.isValid() ? key.interestOps() : 0;
    }

    /** Replaces the interest set. Ignored once the channel is closed. */
    public void interestOps(int ops) {
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** Adds operations to the interest set. */
    public void enable(int ops) {
        if (key.isValid()) {
            int current = key.interestOps();
            if ((current | ops) != current) {
                key.interestOps(current | ops);
            }
        }
    }

    /** Removes operations from the interest set. */
    public void disable(int ops) {
        if (key.isValid()) {
            int current = key.interestOps();
            if ((current & ~ops) != current) {
                key.interestOps(current & ~ops);
            }
        }
    }

    /** Whether the channel is still open and registered. */
    public boolean isOpen() {
        return key.isValid() && channel.isOpen();
    }

    /** Closes the channel, which also cancels the registration. The handler is not told. */
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is best effort: a socket that fails to close is gone either way.
        }
    }
}
