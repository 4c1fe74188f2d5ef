package dev.arietta.ftp.internal;

import dev.arietta.core.internal.loop.ChannelHandler;
import dev.arietta.core.internal.loop.Registration;
import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.FtpException.Reason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A non-blocking FTP control connection on the event loop: moves bytes between the socket and
 * its {@link FtpProtocol} and hands the protocol's events to the current {@link Owner} (a
 * retrieval, or the pool while idle). Loop-thread only.
 *
 * <p>A protocol error goes to the owner and, when it leaves the session
 * {@linkplain FtpProtocol#isBroken() broken}, closes the connection; the events the protocol
 * queued before the error are dropped with it. A socket error or end of stream is reported as
 * {@code CONNECTION_CLOSED} (or the protocol's own verdict). The connection itself never throws
 * into the loop; an exception escaping the owner does, and the loop then closes the connection
 * and reports it to the owner through {@link #closed(Throwable)}.
 */
final class FtpControlConnection implements ChannelHandler {
    /** Read buffer size in bytes: replies are short, a FEAT list is under 1 KiB. */
    private static final int INPUT_BUFFER_SIZE = 8192;

    /** Hears the connection; called on the loop thread. */
    interface Owner {
        /** Bytes arrived on the control connection (for inactivity timeouts). */
        void controlProgress();

        /** The protocol produced {@code event}. */
        void controlEvent(FtpEvent event);

        /** The protocol or the socket failed; {@link #isOpen()} says whether the connection survived. */
        void controlFailed(FtpException failure);
    }

    private final Registration registration;
    private final FtpProtocol protocol;
    private final FtpPoolKey key;
    private String maskedUrl;
    private final ByteBuffer input = ByteBuffer.allocate(INPUT_BUFFER_SIZE);
    private ByteBuffer pendingOutput;
    private Owner owner;
    private boolean closed;

    FtpControlConnection(Registration registration, FtpProtocol protocol, FtpPoolKey key, String maskedUrl,
                         Owner owner) {
        this.registration = registration;
        this.protocol = protocol;
        this.key = key;
        this.maskedUrl = maskedUrl;
        this.owner = owner;
        registration.handler(this);
        registration.interestOps(SelectionKey.OP_READ);
    }

    FtpProtocol protocol() {
        return protocol;
    }

    FtpPoolKey key() {
        return key;
    }

    /** Hands the connection to {@code newOwner}; errors keep naming the last URL. */
    void owner(Owner newOwner) {
        this.owner = newOwner;
    }

    /** Hands the connection to {@code newOwner}, whose errors name {@code url} (password masked). */
    void owner(Owner newOwner, String url) {
        this.owner = newOwner;
        this.maskedUrl = url;
        protocol.reportAs(url);
    }

    boolean isOpen() {
        return !closed && registration.isOpen();
    }

    /** Whether the session is open, logged in and waiting for a request. */
    boolean isIdle() {
        return isOpen() && protocol.isIdle();
    }

    InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel().getLocalAddress();
    }

    InetSocketAddress remoteAddress() throws IOException {
        return (InetSocketAddress) channel().getRemoteAddress();
    }

    private SocketChannel channel() {
        return (SocketChannel) registration.channel();
    }

    /** Hands queued events to the owner and writes queued commands; call after driving the protocol. */
    void pump() {
        FtpEvent event;
        while (!closed && (event = protocol.nextEvent()) != null) {
            owner.controlEvent(event);
        }
        flush();
    }

    private void flush() {
        if (closed) {
            return;
        }
        try {
            while (true) {
                if (pendingOutput == null || !pendingOutput.hasRemaining()) {
                    pendingOutput = protocol.takeOutput();
                    if (pendingOutput == null) {
                        registration.interestOps(SelectionKey.OP_READ);
                        return;
                    }
                }
                channel().write(pendingOutput);
                if (pendingOutput.hasRemaining()) {
                    registration.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
            }
        } catch (IOException failure) {
            lost(failure);
        }
    }

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if (closed || (readyOps & SelectionKey.OP_READ) == 0) {
            return;
        }
        int count;
        try {
            input.clear();
            count = channel().read(input);
            input.flip();
        } catch (IOException failure) {
            lost(failure);
            return;
        }
        if (count != 0) {
            process(count);
        }
    }

    /**
     * Feeds bytes that arrived with the connection (a tunnel's first read after the proxy's
     * answer, e.g. the greeting) as if just read.
     */
    void receiveEarly(ByteBuffer early) {
        if (early.hasRemaining()) {
            input.clear();
            input.put(early).flip();
            process(input.remaining());
        }
    }

    /** Handles {@code count} bytes now in {@link #input}, or end of stream when negative. */
    private void process(int count) {
        owner.controlProgress();
        try {
            if (count < 0) {
                protocol.connectionClosed();
            } else {
                protocol.receive(input);
            }
        } catch (FtpException failure) {
            if (protocol.isBroken() || count < 0) {
                close();
            }
            owner.controlFailed(failure);
            return;
        }
        if (count < 0) {
            // QUIT answered by closing: nothing more can come.
            close();
        }
        pump();
    }

    @Override
    public void closed(Throwable cause) {
        closed = true;
        owner.controlFailed(failure("control connection lost: " + cause, cause));
    }

    private void lost(IOException cause) {
        close();
        owner.controlFailed(failure("control connection failed: " + cause.getMessage(), cause));
    }

    private FtpException failure(String detail, Throwable cause) {
        return new FtpException(Reason.CONNECTION_CLOSED, maskedUrl, null, 0, null, detail, cause);
    }

    /** Sends QUIT when idle (best effort, not awaited) and closes. */
    void quitAndClose() {
        if (isIdle()) {
            protocol.quit();
            flush();
        }
        close();
    }

    void close() {
        closed = true;
        registration.close();
    }

    @Override
    public String toString() {
        return "FTP control " + key;
    }
}
