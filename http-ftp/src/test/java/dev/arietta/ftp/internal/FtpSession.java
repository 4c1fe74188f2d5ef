package dev.arietta.ftp.internal;

import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.FtpException.Reason;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Test tooling: a logged-in FTP control connection driven with blocking {@link SocketChannel}s,
 * used where test code plays an FTP client on its own threads (the fake HTTP proxy's FTP
 * gateway). Production code uses the event-loop {@link FtpClient}. All protocol
 * decisions are the protocol core's; this class only moves bytes, opens data connections and
 * applies timeouts (socket read timeouts through the channels' socket adaptors).
 *
 * <p>Lifecycle: {@link #open} connects and logs in; {@link #query} and {@link #retrieve} run
 * requests one at a time (a retrieval's {@link FtpTransfer} must be finished, aborted or closed
 * before the next request); the connection is reused across requests — the login, the binary
 * type and the current directory carry over, so a second segment of the same file needs only
 * {@code EPSV}, {@code REST} and {@code RETR}. {@link #close} sends QUIT when idle.
 *
 * <p>After an {@link FtpException} the session stays usable when {@link #isUsable()} says so
 * (a refused command); otherwise (timeout, protocol violation, lost connection) it is closed.
 *
 * <p>Not thread-safe: one thread uses a session and its transfer at a time.
 */
public final class FtpSession implements Closeable {
    private static final int CONTROL_BUFFER_SIZE = 8192;

    private final FtpUrl url;
    private final FtpSessionOptions options;
    private final SocketChannel control;
    private final InputStream controlInput;
    private final FtpProtocol protocol;
    private final byte[] controlBuffer = new byte[CONTROL_BUFFER_SIZE];
    private Set<String> features = Set.of();
    private FtpTransfer transfer;
    private boolean closed;

    private FtpSession(FtpUrl url, FtpSessionOptions options, SocketChannel control, FtpProtocol protocol)
            throws IOException {
        this.url = url;
        this.options = options;
        this.control = control;
        this.controlInput = control.socket().getInputStream();
        this.protocol = protocol;
    }

    /**
     * Connects to {@code url}'s host and logs in with {@code credentials}.
     *
     * @throws FtpException {@code NAME_RESOLUTION_FAILED}, {@code CONNECTION_FAILED},
     *     {@code TIMEOUT}, or a login failure
     */
    public static FtpSession open(FtpUrl url, FtpCredentials credentials, FtpSessionOptions options)
            throws FtpException {
        InetAddress address;
        try {
            address = InetAddress.getByName(url.host());
        } catch (UnknownHostException unknown) {
            throw new FtpException(Reason.NAME_RESOLUTION_FAILED, url.masked(), null, 0, null,
                    "cannot resolve " + url.host(), unknown);
        }
        SocketChannel channel = connect(new InetSocketAddress(address, url.port()), url, options, "control");
        FtpSession session;
        try {
            channel.socket().setSoTimeout(options.readTimeoutMillis());
            FtpProtocol protocol = new FtpProtocol(url.masked(), address, credentials, options.limits(),
                    options.passiveAddressPolicy());
            if (!options.extendedPassive() && address instanceof Inet4Address) {
                protocol.skipExtendedPassive();
            }
            session = new FtpSession(url, options, channel, protocol);
        } catch (IOException setupFailure) {
            closeQuietly(channel);
            throw new FtpException(Reason.CONNECTION_FAILED, url.masked(), null, 0, null,
                    "cannot set up the control connection", setupFailure);
        }
        FtpEvent event = session.nextEvent();
        if (!(event instanceof FtpEvent.LoggedIn loggedIn)) {
            session.closeConnection();
            throw new IllegalStateException("expected login, got " + event);
        }
        session.features = loggedIn.features();
        return session;
    }

    /** The server's FEAT features (upper case). */
    public Set<String> features() {
        return features;
    }

    /** Whether the server accepted {@code OPTS UTF8 ON}. */
    public boolean utf8() {
        return protocol.utf8();
    }

    /** Whether the session is open and idle (no transfer under way). */
    public boolean isUsable() {
        return !closed && transfer == null && protocol.isIdle();
    }

    /**
     * Whether the next request for {@code other} can use this session: it is idle, for the same
     * host and port, and its directory is reachable. Matching credentials is the caller's
     * (the connection pool's) business: the session does not log in again.
     */
    public boolean isReusableFor(FtpUrl other) {
        return isUsable() && other.host().equalsIgnoreCase(url.host()) && other.port() == url.port()
                && protocol.canNavigateTo(other.directories());
    }

    /**
     * Sends {@code SIZE} and {@code MDTM} for {@code target}'s file (after changing directory).
     *
     * @throws FtpException {@code FILE_NOT_FOUND} and the other request failures
     */
    public FtpEvent.FileInfo query(FtpUrl target) throws FtpException {
        requireUsable();
        protocol.request(FtpRequest.of(target, 0, true, true, false));
        FtpEvent event = nextEvent();
        if (!(event instanceof FtpEvent.FileInfo info)) {
            throw new IllegalStateException("expected file information, got " + event);
        }
        return info;
    }

    /**
     * Starts retrieving {@code target}'s file from byte {@code offset}, optionally asking its
     * size and modification time first. Returns once the server has accepted RETR.
     *
     * @throws FtpException when a command is refused or a connection fails
     */
    public FtpTransfer retrieve(FtpUrl target, long offset, boolean querySize, boolean queryModificationTime)
            throws FtpException {
        requireUsable();
        ServerSocketChannel listener = options.activeMode() ? listen() : null;
        SocketChannel data = null;
        try {
            FtpRequest request = FtpRequest.of(target, offset, querySize, queryModificationTime, true);
            if (listener != null) {
                request = request.withActiveAddress((InetSocketAddress) listener.socket().getLocalSocketAddress());
            }
            protocol.request(request);
            OptionalLong size = OptionalLong.empty();
            Optional<Instant> lastModified = Optional.empty();
            while (true) {
                FtpEvent event = nextEvent();
                if (event instanceof FtpEvent.FileInfo info) {
                    size = info.size();
                    lastModified = info.lastModified();
                } else if (event instanceof FtpEvent.OpenDataConnection open) {
                    try {
                        data = connect(open.address(), url, options, "data");
                    } catch (FtpException connectFailure) {
                        protocol.dataConnectionFailed();
                        throw connectFailure;
                    }
                    protocol.dataConnected();
                } else if (event instanceof FtpEvent.TransferStarted) {
                    if (listener != null) {
                        data = accept(listener);
                    }
                    transfer = newTransfer(data, offset, size, lastModified);
                    data = null;
                    return transfer;
                } else {
                    throw new IllegalStateException("unexpected event " + event);
                }
            }
        } finally {
            closeQuietly(data);
            closeQuietly(listener);
        }
    }

    private FtpTransfer newTransfer(SocketChannel data, long offset, OptionalLong size, Optional<Instant> lastModified)
            throws FtpException {
        try {
            data.socket().setSoTimeout(options.readTimeoutMillis());
            return new FtpTransfer(this, data, offset, size, lastModified);
        } catch (IOException setupFailure) {
            closeConnection();
            throw new FtpException(Reason.DATA_CONNECTION_FAILED, url.masked(), null, 0, null,
                    "cannot set up the data connection", setupFailure);
        }
    }

    /** Sends QUIT if idle, then closes the control connection (and any open transfer's). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (transfer != null) {
            transfer.closeData();
            transfer = null;
        } else if (protocol.isIdle()) {
            try {
                protocol.quit();
                FtpEvent event;
                do {
                    event = nextEvent();
                } while (!(event instanceof FtpEvent.Closed));
            } catch (FtpException | RuntimeException quitFailure) {
                // The connection is going away either way; QUIT is only a courtesy.
            }
        }
        closeConnection();
    }

    // ---- used by FtpTransfer -------------------------------------------------------------

    /** The data connection ended: wait for the server's 226. */
    void finishTransfer() throws FtpException {
        try {
            protocol.dataEnded();
            FtpEvent event = nextEvent();
            if (!(event instanceof FtpEvent.TransferComplete)) {
                throw new IllegalStateException("expected transfer completion, got " + event);
            }
        } finally {
            transfer = null;
        }
    }

    /** Stops the transfer early (its data connection is already closed). */
    void abortTransfer() throws FtpException {
        try {
            protocol.abort();
            FtpEvent event = nextEvent();
            if (!(event instanceof FtpEvent.Aborted)) {
                throw new IllegalStateException("expected abort completion, got " + event);
            }
        } finally {
            transfer = null;
        }
    }

    /** A data-connection failure seen by the transfer: the session cannot be trusted any more. */
    void transferBroken() {
        transfer = null;
        closeConnection();
    }

    String maskedUrl() {
        return url.masked();
    }

    // ---- control connection pump ---------------------------------------------------------

    /** Writes pending commands, then reads replies until the protocol has an event. */
    private FtpEvent nextEvent() throws FtpException {
        try {
            while (true) {
                ByteBuffer output = protocol.takeOutput();
                while (output != null && output.hasRemaining()) {
                    control.write(output);
                }
                FtpEvent event = protocol.nextEvent();
                if (event != null) {
                    return event;
                }
                int read;
                try {
                    read = controlInput.read(controlBuffer);
                } catch (SocketTimeoutException timeout) {
                    closeConnection();
                    throw new FtpException(Reason.TIMEOUT, url.masked(), null, 0, null,
                            "no reply within " + options.readTimeoutMillis() + " ms", timeout);
                }
                if (read < 0) {
                    protocol.connectionClosed();
                } else {
                    protocol.receive(ByteBuffer.wrap(controlBuffer, 0, read));
                }
            }
        } catch (FtpException failure) {
            if (protocol.isBroken()) {
                closeConnection();
            }
            throw failure;
        } catch (IOException io) {
            closeConnection();
            throw new FtpException(Reason.CONNECTION_CLOSED, url.masked(), null, 0, null,
                    "control connection failed: " + io.getMessage(), io);
        }
    }

    private ServerSocketChannel listen() throws FtpException {
        ServerSocketChannel listener = null;
        try {
            listener = ServerSocketChannel.open();
            InetAddress local = ((InetSocketAddress) control.getLocalAddress()).getAddress();
            listener.bind(new InetSocketAddress(local, 0), 1);
            listener.socket().setSoTimeout(options.connectTimeoutMillis());
            return listener;
        } catch (IOException failure) {
            closeQuietly(listener);
            throw new FtpException(Reason.CONNECTION_FAILED, url.masked(), null, 0, null,
                    "cannot listen for the active-mode data connection", failure);
        }
    }

    private SocketChannel accept(ServerSocketChannel listener) throws FtpException {
        try {
            SocketChannel data = listener.socket().accept().getChannel();
            InetAddress from = ((InetSocketAddress) data.getRemoteAddress()).getAddress();
            InetAddress peer = ((InetSocketAddress) control.getRemoteAddress()).getAddress();
            if (!from.equals(peer)) {
                // Only the server may feed the file: another host connecting first is refused.
                closeQuietly(data);
                throw new FtpException(Reason.DATA_CONNECTION_FAILED, url.masked(), null, 0, null,
                        "active data connection from " + from.getHostAddress() + ", not the server", null);
            }
            return data;
        } catch (SocketTimeoutException timeout) {
            closeConnection();
            throw new FtpException(Reason.TIMEOUT, url.masked(), null, 0, null,
                    "server did not open the active data connection", timeout);
        } catch (FtpException refused) {
            closeConnection();
            throw refused;
        } catch (IOException failure) {
            closeConnection();
            throw new FtpException(Reason.DATA_CONNECTION_FAILED, url.masked(), null, 0, null,
                    "cannot accept the active data connection", failure);
        }
    }

    private static SocketChannel connect(InetSocketAddress address, FtpUrl url, FtpSessionOptions options,
                                         String which) throws FtpException {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.socket().connect(address, options.connectTimeoutMillis());
            return channel;
        } catch (SocketTimeoutException timeout) {
            closeQuietly(channel);
            throw new FtpException(Reason.TIMEOUT, url.masked(), null, 0, null,
                    "cannot open the " + which + " connection to " + address + " within "
                            + options.connectTimeoutMillis() + " ms", timeout);
        } catch (IOException failure) {
            closeQuietly(channel);
            throw new FtpException(Reason.CONNECTION_FAILED, url.masked(), null, 0, null,
                    "cannot open the " + which + " connection to " + address + ": " + failure.getMessage(), failure);
        }
    }

    private void requireUsable() {
        if (!isUsable()) {
            throw new IllegalStateException("FTP session is " + (closed ? "closed" : "busy"));
        }
    }

    private void closeConnection() {
        closed = true;
        closeQuietly(control);
    }

    static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // Closing is best effort: the peer may already be gone.
            }
        }
    }
}
