package dev.arietta.ftp.internal;

import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.loop.Registration;
import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.FtpException.Reason;
import dev.arietta.http.internal.ConnectTunnel;
import dev.arietta.http.internal.ExchangeHandle;
import dev.arietta.http.internal.ProxyServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@link FtpRetrieval} on the loop. Loop-thread only, except the {@link ExchangeHandle}
 * methods, which post themselves.
 *
 * <ol>
 *   <li>Take a pooled control connection, or connect (directly or tunnelled) and log in.</li>
 *   <li>Request: directories, SIZE, MDTM, then EPSV/PASV and connect the data connection, or
 *       EPRT/PORT with a listening socket; REST; RETR.</li>
 *   <li>On RETR's 150 tell the listener ({@link FtpListener#onStart}) and read the data
 *       connection; a bounded range is cut at its end: close the data connection, ABOR,
 *       re-synchronise, then {@link FtpListener#onComplete}; otherwise read to the end and wait
 *       for 226.</li>
 *   <li>The control connection goes back to the pool when the session is idle, else closes.</li>
 * </ol>
 */
final class FtpExchange implements ExchangeHandle, FtpControlConnection.Owner, FtpDataConnection.Sink,
        FtpActiveListener.Listener, FtpInactivityTimer.Watched {

    private enum Step { NEW, CONNECTING, LOGGING_IN, REQUESTING, DATA_CONNECTING, TRANSFERRING, ABORTING, DONE }

    private final FtpClient client;
    private final EventLoop loop;
    private final FtpRetrieval retrieval;
    private final FtpUrl url;
    private final FtpListener listener;
    private final ProxyServer proxy;
    private final FtpPoolKey key;
    private Step step = Step.NEW;
    private FtpControlConnection control;
    /** Whether {@link #control} came from the pool and has not been replaced after failing. */
    private boolean reusedControl;
    private FtpDataConnection data;
    private FtpActiveListener active;
    private Cancellable pendingDial;
    private final FtpInactivityTimer timer;
    private boolean paused;
    /** Cancelled by the caller: finish quietly, keeping the control connection when possible. */
    private boolean silent;
    private boolean started;
    private OptionalLong size = OptionalLong.empty();
    private Optional<Instant> lastModified = Optional.empty();
    /** Bytes to deliver, or -1 to read to the end of the data connection. */
    private long limit = -1;
    private long received;

    FtpExchange(FtpClient client, FtpRetrieval retrieval, FtpListener listener) {
        this.client = client;
        this.loop = client.loop();
        this.retrieval = retrieval;
        this.url = retrieval.url();
        this.listener = listener;
        this.proxy = client.proxyFor(url);
        this.key = new FtpPoolKey(url.host(), url.port(), retrieval.credentials(), proxy);
        // The shorter timeout as the check interval: a step switching to it is checked in time.
        long checkInterval = Math.min(client.options().connectTimeoutMillis(),
                client.options().readTimeoutMillis()) * 1_000_000L;
        this.timer = new FtpInactivityTimer(loop, checkInterval, this);
    }

    // ---- start and login ---------------------------------------------------------------

    void start() {
        if (step != Step.NEW) {
            return;
        }
        timer.start();
        FtpControlConnection pooled = client.pool().acquire(key, url.directories());
        if (pooled != null) {
            control = pooled;
            reusedControl = true;
            control.owner(this, url.masked());
            sendRequest();
            return;
        }
        connectControl();
    }

    private void connectControl() {
        step = Step.CONNECTING;
        progress();
        pendingDial = client.dial(proxy, url.host(), url.port(), new ConnectTunnel.Listener() {
            @Override
            public void connected(Registration registration, InetSocketAddress remote, ByteBuffer early) {
                pendingDial = null;
                controlConnected(registration, remote, early);
            }

            @Override
            public void failed(IOException cause) {
                pendingDial = null;
                fail(connectFailure(cause, "control"));
            }
        });
    }

    private void controlConnected(Registration registration, InetSocketAddress remote, ByteBuffer early) {
        FtpProtocol protocol;
        try {
            protocol = FtpConnections.newProtocol(url, retrieval.credentials(), client.options(), remote.getAddress(),
                    proxy);
        } catch (UnknownHostException impossible) {
            registration.close();
            fail(failure(Reason.BAD_URL, "unusable host " + url.host(), impossible));
            return;
        }
        step = Step.LOGGING_IN;
        progress();
        control = new FtpControlConnection(registration, protocol, key, url.masked(), this);
        control.receiveEarly(early);
    }

    // ---- the request ------------------------------------------------------------------

    private void sendRequest() {
        step = Step.REQUESTING;
        progress();
        FtpRequest request = FtpRequest.of(url, retrieval.start(), retrieval.querySize(),
                retrieval.queryModificationTime(), retrieval.retrieve());
        if (retrieval.retrieve() && client.options().activeMode() && proxy == null) {
            try {
                active = FtpActiveListener.open(loop, control.localAddress().getAddress(),
                        control.remoteAddress().getAddress(), client.sockets(), this);
            } catch (IOException failure) {
                fail(failure(Reason.CONNECTION_FAILED, "cannot listen for the active-mode data connection", failure));
                return;
            }
            request = request.withActiveAddress(active.address());
        }
        control.protocol().request(request);
        control.pump();
    }

    @Override
    public void controlProgress() {
        progress();
    }

    @Override
    public void controlEvent(FtpEvent event) {
        if (step == Step.DONE) {
            return;
        }
        if (event instanceof FtpEvent.LoggedIn) {
            sendRequest();
        } else if (event instanceof FtpEvent.FileInfo info) {
            size = info.size();
            lastModified = info.lastModified();
            if (!retrieval.retrieve()) {
                deliverStart();
                complete();
            }
        } else if (event instanceof FtpEvent.OpenDataConnection open) {
            openDataConnection(open.address());
        } else if (event instanceof FtpEvent.TransferStarted) {
            step = Step.TRANSFERRING;
            deliverStart();
            if (data != null && step == Step.TRANSFERRING) {
                data.start();
            }
        } else if (event instanceof FtpEvent.TransferComplete) {
            transferComplete();
        } else if (event instanceof FtpEvent.Aborted) {
            complete();
        }
    }

    @Override
    public void controlFailed(FtpException failure) {
        if (reusedControl && !started && (failure.reason() == Reason.CONNECTION_CLOSED
                || failure.reason() == Reason.SERVICE_UNAVAILABLE)) {
            // The server dropped a pooled connection (idle timeout) as it was reused: retry once
            // on a new one, as the HTTP client does with a dead kept-alive connection.
            reusedControl = false;
            if (pendingDial != null) {
                pendingDial.cancel();
                pendingDial = null;
            }
            if (active != null) {
                active.close();
                active = null;
            }
            closeData();
            control.close();
            control = null;
            connectControl();
            return;
        }
        if (rangeDelivered()) {
            // Every byte of the range arrived; only the clean-up after it failed.
            complete();
            return;
        }
        fail(failure);
    }

    /** Whether a bounded range has delivered all its bytes and only its ABOR is outstanding. */
    private boolean rangeDelivered() {
        return step == Step.ABORTING && !silent && limit >= 0 && received == limit;
    }

    // ---- the data connection -----------------------------------------------------------

    private void openDataConnection(InetSocketAddress address) {
        step = Step.DATA_CONNECTING;
        progress();
        String host = proxy == null ? address.getAddress().getHostAddress() : url.host();
        pendingDial = client.dial(proxy, host, address.getPort(), new ConnectTunnel.Listener() {
            @Override
            public void connected(Registration registration, InetSocketAddress remote, ByteBuffer early) {
                pendingDial = null;
                if (step == Step.DONE) {
                    registration.close();
                    return;
                }
                data = new FtpDataConnection(registration, client.bufferPool(), FtpExchange.this, early);
                if (paused) {
                    data.pause();
                }
                step = Step.REQUESTING;
                progress();
                control.protocol().dataConnected();
                control.pump();
            }

            @Override
            public void failed(IOException cause) {
                pendingDial = null;
                control.protocol().dataConnectionFailed();
                fail(connectFailure(cause, "data"));
            }
        });
    }

    @Override
    public void accepted(Registration registration) {
        if (step == Step.DONE) {
            registration.close();
            return;
        }
        active = null;
        data = new FtpDataConnection(registration, client.bufferPool(), this, ByteBuffer.allocate(0));
        if (paused) {
            data.pause();
        }
        if (step == Step.TRANSFERRING) {
            data.start();
        }
    }

    @Override
    public void acceptFailed(IOException cause) {
        active = null;
        fail(failure(Reason.DATA_CONNECTION_FAILED, "cannot accept the active data connection: " + cause.getMessage(),
                cause));
    }

    private void deliverStart() {
        if (started) {
            return;
        }
        started = true;
        long start = retrieval.start();
        boolean endsBeforeFile = retrieval.bounded() && (size.isEmpty() || retrieval.end() < size.getAsLong());
        limit = endsBeforeFile ? retrieval.end() - start : -1;
        long length = !retrieval.retrieve() ? 0 : limit >= 0 ? limit
                : size.isPresent() ? Math.max(0, size.getAsLong() - start) : -1;
        listener.onStart(new FtpResponse(url, start, length, size, lastModified));
    }

    @Override
    public void dataBytes(ByteBuffer content) {
        progress();
        if (limit >= 0 && content.remaining() > limit - received) {
            content.limit(content.position() + (int) (limit - received));
        }
        received += content.remaining();
        if (!silent) {
            listener.onBody(content);
        }
        if (limit >= 0 && received == limit && step == Step.TRANSFERRING) {
            abortTransfer();
        }
    }

    @Override
    public void dataEnded() {
        data = null;
        if (step != Step.TRANSFERRING) {
            return;
        }
        progress();
        control.protocol().dataEnded();
        control.pump();
    }

    @Override
    public void dataFailed(IOException cause) {
        data = null;
        if (step == Step.DONE || step == Step.ABORTING) {
            return;
        }
        fail(failure(Reason.DATA_CONNECTION_FAILED,
                "data connection failed after " + received + " bytes: " + cause.getMessage(), cause));
    }

    /** Closes the data connection and resynchronises the control connection with ABOR. */
    private void abortTransfer() {
        step = Step.ABORTING;
        closeData();
        control.protocol().abort();
        control.pump();
    }

    private void transferComplete() {
        long end = retrieval.start() + received;
        if (limit >= 0 && received < limit) {
            fail(failure(Reason.SHORT_TRANSFER, "data ended at byte " + end + ", range ends at " + retrieval.end(),
                    null));
        } else if (limit < 0 && size.isPresent() && end < size.getAsLong()) {
            fail(failure(Reason.SHORT_TRANSFER, "data ended at byte " + end + " of " + size.getAsLong(), null));
        } else {
            complete();
        }
    }

    // ---- timeouts (FtpInactivityTimer.Watched) -----------------------------------------

    private void progress() {
        timer.progress();
    }

    @Override
    public long allowedNanos() {
        boolean connecting = step == Step.CONNECTING || step == Step.DATA_CONNECTING;
        return (connecting ? client.options().connectTimeoutMillis() : client.options().readTimeoutMillis())
                * 1_000_000L;
    }

    @Override
    public boolean suspended() {
        return paused && step == Step.TRANSFERRING;
    }

    @Override
    public void expired(long allowedNanos) {
        if (step == Step.DONE) {
            return;
        }
        if (rangeDelivered()) {
            complete();
            return;
        }
        String what = switch (step) {
            case CONNECTING -> "connecting the control connection";
            case DATA_CONNECTING -> "connecting the data connection";
            case LOGGING_IN -> "waiting for the login to finish";
            case TRANSFERRING -> "receiving data after " + received + " bytes";
            case ABORTING -> "waiting for the ABOR answer";
            default -> "waiting for a reply";
        };
        fail(failure(Reason.TIMEOUT, "no progress for " + allowedNanos / 1_000_000 + " ms " + what, null));
    }

    // ---- endings -----------------------------------------------------------------------

    private void complete() {
        if (step == Step.DONE) {
            return;
        }
        step = Step.DONE;
        cleanUp();
        if (!silent) {
            listener.onComplete();
        }
    }

    private void fail(FtpException failure) {
        if (step == Step.DONE) {
            return;
        }
        step = Step.DONE;
        cleanUp();
        if (!silent) {
            listener.onFailure(failure);
        }
    }

    /** Stops timers and connections; an idle control connection goes back to the pool. */
    private void cleanUp() {
        timer.stop();
        if (pendingDial != null) {
            pendingDial.cancel();
            pendingDial = null;
        }
        if (active != null) {
            active.close();
            active = null;
        }
        closeData();
        if (control != null) {
            client.pool().release(control);
            control = null;
        }
    }

    private void closeData() {
        if (data != null) {
            data.close();
            data = null;
        }
    }

    private FtpException connectFailure(IOException cause, String which) {
        return FtpConnections.connectFailure(url, proxy, cause, which);
    }

    private FtpException failure(Reason reason, String detail, Throwable cause) {
        return new FtpException(reason, url.masked(), null, 0, null, detail, cause);
    }

    // ---- ExchangeHandle ----------------------------------------------------------------

    @Override
    public void pause() {
        if (!loop.inEventLoop()) {
            loop.execute(this::pause);
            return;
        }
        paused = true;
        if (data != null) {
            data.pause();
        }
    }

    @Override
    public void resume() {
        if (!loop.inEventLoop()) {
            loop.execute(this::resume);
            return;
        }
        if (paused) {
            paused = false;
            progress();
            if (data != null) {
                data.resume();
            }
        }
    }

    /**
     * Abandons the retrieval; the listener hears nothing more. A running transfer is aborted
     * with ABOR so that its control connection returns to the pool; otherwise the connections
     * close (an idle control connection is pooled).
     */
    @Override
    public void cancel() {
        if (!loop.inEventLoop()) {
            loop.execute(this::cancel);
            return;
        }
        if (silent || step == Step.DONE) {
            return;
        }
        silent = true;
        if (step == Step.TRANSFERRING && control != null && control.isOpen()) {
            abortTransfer();
            return;
        }
        if (step == Step.NEW) {
            step = Step.DONE;
            return;
        }
        fail(failure(Reason.COMMAND_FAILED, "cancelled", null));
    }

    @Override
    public String toString() {
        return "FTP retrieval " + url.masked() + " [" + retrieval.start() + ", " + retrieval.end() + ") " + step;
    }
}
