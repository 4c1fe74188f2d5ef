package dev.arietta.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A connection's byte stream, plain or TLS, over a non-blocking socket. Loop-thread only.
 *
 * <p>Reads and writes never block: they move what they can and report how much.
 */
public interface Transport {

    /**
     * Reads application bytes into {@code destination}.
     *
     * @return the count read, 0 if none is available now, -1 at end of stream
     */
    int read(ByteBuffer destination) throws IOException;

    /**
     * Accepts application bytes from {@code source}; a TLS transport may keep encrypted bytes
     * that the socket could not take yet ({@link #hasPendingOutput()}).
     *
     * @return the count accepted
     */
    int write(ByteBuffer source) throws IOException;

    /** Whether accepted bytes still wait for the socket. */
    boolean hasPendingOutput();

    /**
     * Pushes pending bytes to the socket.
     *
     * @return true when nothing is pending any more
     */
    boolean flush() throws IOException;

    /** Closes the stream and the socket (a TLS transport sends close_notify first, best effort). */
    void close();
}
