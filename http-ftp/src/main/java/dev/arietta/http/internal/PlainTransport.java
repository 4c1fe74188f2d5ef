package dev.arietta.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** An unencrypted socket. Loop-thread only. */
final class PlainTransport implements Transport {

    private final SocketChannel channel;

    PlainTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return channel.read(destination);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return channel.write(source);
    }

    @Override
    public boolean hasPendingOutput() {
        return false;
    }

    @Override
    public boolean flush() {
        return true;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing useful to do: the socket is gone either way.
        }
    }
}
