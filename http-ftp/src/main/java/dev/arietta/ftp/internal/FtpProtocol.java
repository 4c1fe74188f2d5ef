package dev.arietta.ftp.internal;

import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.FtpException.Reason;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The FTP client protocol (RFC 959, RFC 2428, RFC 3659) as a sans-IO state machine: the driver
 * feeds it the control connection's bytes and its own I/O outcomes, and takes back command
 * bytes to write and {@link FtpEvent events} to act on. It never touches a socket, so the same
 * core runs under the session's event loop ({@link FtpClient}) and under blocking test tooling.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>Construct it when the control connection is up; feed bytes with {@link #receive}.
 *       It logs in ({@link FtpLogin}): greeting, {@code USER}/{@code PASS} (and {@code ACCT} on
 *       332), {@code FEAT}, {@code OPTS UTF8 ON} when UTF8 is offered, {@code PWD} (to return to
 *       the login directory later), {@code TYPE I} (or {@code TYPE A} after
 *       {@link #useAsciiType()}); then emits {@link FtpEvent.LoggedIn}.</li>
 *   <li>{@link #request} a file: {@code CWD} per path element (RFC 1738; only the elements that
 *       differ from the current directory on a reused session), {@code SIZE} and {@code MDTM}
 *       if asked ({@link FtpEvent.FileInfo}), then for a retrieval {@code EPSV} (falling back to
 *       {@code PASV} once refused, IPv4 only) and {@link FtpEvent.OpenDataConnection}, or
 *       {@code EPRT} (falling back to {@code PORT}) in active mode; {@code REST} when the
 *       offset is not 0; {@code RETR} and {@link FtpEvent.TransferStarted}.</li>
 *   <li>At the data connection's end call {@link #dataEnded()}; with the server's 226 that
 *       gives {@link FtpEvent.TransferComplete}. To stop a range early, close the data
 *       connection and call {@link #abort()}: it sends {@code ABOR} then {@code NOOP} and skips
 *       every reply up to the NOOP's 200, whatever mix of 225/226/426 the server sends first,
 *       then emits {@link FtpEvent.Aborted}. (No Telnet IP/Synch is sent: closing the data
 *       connection already stops the server's sending.)</li>
 *   <li>Idle again: make the next request on the same connection, or {@link #quit()}.</li>
 * </ol>
 *
 * <p>Errors are thrown as {@link FtpException} from the call that detected them. A negative
 * reply to a request leaves the session {@link #isIdle() idle} and reusable; a protocol
 * violation, a login failure or a 421 leaves it {@link #isBroken() broken}, and the driver must
 * close the connection.
 *
 * <p>Not thread-safe: one driver thread (the event loop) owns it.
 */
public final class FtpProtocol {
    /** Replies tolerated between ABOR and the NOOP's 200 (RETR's, 426, 226/225, and slack). */
    static final int MAX_REPLIES_WHILE_ABORTING = 6;

    private enum State {
        LOGIN, IDLE,
        CWD, SIZE, MDTM, EPSV, PASV, EPRT, PORT, AWAIT_DATA_CONNECTION, REST, RETR, TRANSFERRING,
        ABORTING, QUIT, CLOSED, BROKEN
    }

    private String url;
    private final InetAddress controlPeer;
    private final FtpLogin login;
    private final PassiveAddressPolicy passiveAddressPolicy;
    private final FtpReplyReader reader;
    private final ArrayDeque<FtpEvent> events = new ArrayDeque<>();
    private final FtpCommandBuffer commands = new FtpCommandBuffer();

    private State state = State.LOGIN;

    private final List<String> currentDirectories = new ArrayList<>();
    private boolean epsvRefused;
    private boolean eprtRefused;

    private FtpRequest request;
    private final ArrayDeque<String> pendingDirectories = new ArrayDeque<>();
    private boolean returningToLoginDirectory;
    private OptionalLong size = OptionalLong.empty();
    private Optional<Instant> lastModified = Optional.empty();
    private boolean sizeAsked;
    private boolean modificationTimeAsked;
    private boolean abortRequested;
    private boolean completionReceived;
    private boolean dataEnded;
    private int repliesWhileAborting;

    /**
     * @param url the URL for error messages, password already masked
     * @param controlPeer the address the control connection is connected to; data connections
     *     go there
     * @param credentials the login
     * @param limits reply size bounds
     * @param passiveAddressPolicy how to treat the address in PASV replies
     */
    public FtpProtocol(String url, InetAddress controlPeer, FtpCredentials credentials, FtpLimits limits,
                       PassiveAddressPolicy passiveAddressPolicy) {
        this.url = Objects.requireNonNull(url, "url");
        this.controlPeer = Objects.requireNonNull(controlPeer, "controlPeer");
        this.login = new FtpLogin(credentials, commands);
        this.passiveAddressPolicy = Objects.requireNonNull(passiveAddressPolicy, "passiveAddressPolicy");
        this.reader = new FtpReplyReader(limits);
    }

    // ---- driver input ------------------------------------------------------------------

    /** Consumes control-connection bytes; may queue commands and events. */
    public void receive(ByteBuffer input) throws FtpException {
        if (state == State.BROKEN || state == State.CLOSED) {
            throw new IllegalStateException("session is " + state);
        }
        while (input.hasRemaining()) {
            FtpReply reply;
            try {
                reply = reader.read(input);
            } catch (ReplyFormatException malformed) {
                throw fail(malformed.reason(), null, malformed.getMessage(), true);
            }
            if (reply == null) {
                return;
            }
            handle(reply);
        }
    }

    /** The control connection reached end of stream. */
    public void connectionClosed() throws FtpException {
        if (state == State.QUIT || state == State.CLOSED) {
            if (state == State.QUIT) {
                events.add(new FtpEvent.Closed());
            }
            state = State.CLOSED;
            return;
        }
        if (state == State.BROKEN) {
            return;
        }
        throw fail(Reason.CONNECTION_CLOSED, null, "server closed the control connection", true);
    }

    /** Passive mode: the data connection announced by {@link FtpEvent.OpenDataConnection} is up. */
    public void dataConnected() {
        requireState(State.AWAIT_DATA_CONNECTION, "dataConnected");
        sendRestOrRetrieve();
    }

    /** Passive mode: the data connection could not be made; the session goes back to idle. */
    public void dataConnectionFailed() {
        requireState(State.AWAIT_DATA_CONNECTION, "dataConnectionFailed");
        finishRequest();
    }

    /** The data connection reached end of stream. */
    public void dataEnded() {
        requireState(State.TRANSFERRING, "dataEnded");
        dataEnded = true;
        if (completionReceived) {
            finishRequest();
            events.add(new FtpEvent.TransferComplete());
        }
    }

    // ---- driver requests ---------------------------------------------------------------

    /** Starts {@code newRequest}; the session must be idle and able to reach its directory. */
    public void request(FtpRequest newRequest) {
        requireState(State.IDLE, "request");
        if (!canNavigateTo(newRequest.directories())) {
            throw new IllegalStateException("the login directory is unknown (PWD failed), "
                    + "so this session cannot change to another directory");
        }
        request = newRequest;
        size = OptionalLong.empty();
        lastModified = Optional.empty();
        sizeAsked = false;
        modificationTimeAsked = false;
        abortRequested = false;
        completionReceived = false;
        dataEnded = false;
        pendingDirectories.clear();
        List<String> target = newRequest.directories();
        if (isPrefix(currentDirectories, target)) {
            pendingDirectories.addAll(target.subList(currentDirectories.size(), target.size()));
            returningToLoginDirectory = false;
        } else {
            pendingDirectories.addAll(target);
            returningToLoginDirectory = true;
        }
        advance();
    }

    /**
     * Stops the current retrieval early. Before RETR is sent it just ends the request; after,
     * it sends {@code ABOR} and {@code NOOP} (the driver should close the data connection too).
     * Ends with {@link FtpEvent.Aborted}.
     *
     * @throws IllegalStateException when no retrieval is under way (close the connection to
     *     cancel anything else)
     */
    public void abort() {
        switch (state) {
            case AWAIT_DATA_CONNECTION -> {
                finishRequest();
                events.add(new FtpEvent.Aborted());
            }
            case REST -> abortRequested = true;
            case RETR, TRANSFERRING -> {
                send("ABOR", null);
                send("NOOP", null);
                commands.nameLastCommand("ABOR");
                repliesWhileAborting = 0;
                state = State.ABORTING;
            }
            default -> throw new IllegalStateException("nothing to abort in state " + state);
        }
    }

    /**
     * Uses PASV instead of EPSV from now on (IPv4 only), like curl's {@code --disable-epsv};
     * aria2 itself uses PASV on IPv4. EPSV is otherwise tried first and dropped once refused.
     */
    public void skipExtendedPassive() {
        if (!(controlPeer instanceof Inet4Address)) {
            throw new IllegalStateException("PASV needs an IPv4 control connection");
        }
        epsvRefused = true;
    }

    /**
     * Transfers in ASCII mode: login ends with {@code TYPE A} instead of {@code TYPE I} (aria2's
     * {@code ftp-type=ascii}). Call before the login reaches {@code TYPE}.
     */
    public void useAsciiType() {
        login.useAsciiType();
    }

    /**
     * Names {@code maskedUrl} in later errors: a pooled session serves other files of the same
     * server, and each failure must name the URL being retrieved.
     */
    public void reportAs(String maskedUrl) {
        this.url = Objects.requireNonNull(maskedUrl, "maskedUrl");
    }

    /** Sends QUIT; {@link FtpEvent.Closed} follows its reply (or the connection's end). */
    public void quit() {
        requireState(State.IDLE, "quit");
        send("QUIT", null);
        state = State.QUIT;
    }

    // ---- driver output -----------------------------------------------------------------

    /** The command bytes to write, or {@code null} when there are none; each call drains them. */
    public ByteBuffer takeOutput() {
        return commands.take();
    }

    /** The next event, or {@code null} when there is none. */
    public FtpEvent nextEvent() {
        return events.poll();
    }

    // ---- session state -----------------------------------------------------------------

    /** Whether the session is logged in and waiting for a request. */
    public boolean isIdle() {
        return state == State.IDLE;
    }

    /** Whether the connection is unusable and must be closed. */
    public boolean isBroken() {
        return state == State.BROKEN;
    }

    /** Whether a request for {@code directories} can run on this session. */
    public boolean canNavigateTo(List<String> directories) {
        return login.loginDirectory() != null || isPrefix(currentDirectories, directories);
    }

    /** The FEAT features (upper case), empty before login or when FEAT is not supported. */
    public Set<String> features() {
        return login.features();
    }

    /** Whether the server accepted {@code OPTS UTF8 ON}. */
    public boolean utf8() {
        return login.utf8();
    }

    /** The directories (octets) below the login directory the session is in. */
    public List<String> currentDirectories() {
        return List.copyOf(currentDirectories);
    }

    // ---- reply handling ----------------------------------------------------------------

    private void handle(FtpReply reply) throws FtpException {
        if (reply.code() == 421) {
            throw fail(Reason.SERVICE_UNAVAILABLE, reply, "server is closing the connection", true);
        }
        switch (state) {
            case LOGIN -> {
                FtpLogin.Refusal refusal = login.handle(reply);
                if (refusal != null) {
                    throw fail(refusal.reason(), reply, refusal.detail(), true);
                }
                if (login.done()) {
                    state = State.IDLE;
                    events.add(new FtpEvent.LoggedIn(login.features()));
                }
            }
            case CWD -> onChangeDirectory(reply);
            case SIZE -> onSize(reply);
            case MDTM -> {
                if (reply.code() == 213) {
                    lastModified = FtpReplyTexts.modificationTime(reply);
                } else {
                    requireNegative(reply);
                }
                advance();
            }
            case EPSV -> onExtendedPassive(reply);
            case PASV -> onPassive(reply);
            case EPRT, PORT -> onActive(reply);
            case REST -> onRestart(reply);
            case RETR -> onRetrieve(reply);
            case TRANSFERRING -> onTransferReply(reply);
            case ABORTING -> {
                if (reply.code() == 200) {
                    finishRequest();
                    events.add(new FtpEvent.Aborted());
                } else if (++repliesWhileAborting > MAX_REPLIES_WHILE_ABORTING) {
                    throw fail(Reason.UNEXPECTED_REPLY, reply, "no NOOP reply after ABOR", true);
                }
            }
            case QUIT -> {
                state = State.CLOSED;
                events.add(new FtpEvent.Closed());
            }
            default -> throw fail(Reason.UNEXPECTED_REPLY, reply, "reply without a command", true);
        }
    }

    private void onChangeDirectory(FtpReply reply) throws FtpException {
        if (reply.isCompletion()) {
            if (returningToLoginDirectory) {
                returningToLoginDirectory = false;
                currentDirectories.clear();
            } else {
                currentDirectories.add(pendingDirectories.poll());
            }
            advance();
            return;
        }
        requireNegative(reply);
        String directory = returningToLoginDirectory ? login.loginDirectory() : pendingDirectories.peek();
        throw fail(reply.code() == 550 ? Reason.FILE_NOT_FOUND : Reason.COMMAND_FAILED, reply,
                "cannot change to directory " + FtpOctets.display(directory), false);
    }

    private void onSize(FtpReply reply) throws FtpException {
        if (reply.code() == 213) {
            size = FtpReplyTexts.size(reply);
            if (size.isEmpty()) {
                throw fail(Reason.MALFORMED_SIZE, reply, "SIZE reply is not a byte count", true);
            }
        } else if (reply.code() == 550) {
            // aria2 too takes 550 to SIZE (sent in binary mode) as a missing file.
            throw fail(Reason.FILE_NOT_FOUND, reply, "no such file " + FtpOctets.display(request.fileName()), false);
        } else {
            requireNegative(reply);
        }
        advance();
    }

    private void onExtendedPassive(FtpReply reply) throws FtpException {
        if (reply.code() == 229) {
            openDataConnection(parsePassive(reply, true));
        } else if (reply.code() >= 500 && controlPeer instanceof Inet4Address) {
            epsvRefused = true;
            send("PASV", null);
            state = State.PASV;
        } else {
            requireNegative(reply);
            throw fail(Reason.COMMAND_FAILED, reply, "server refused passive mode", false);
        }
    }

    private void onPassive(FtpReply reply) throws FtpException {
        if (reply.code() == 227) {
            openDataConnection(parsePassive(reply, false));
        } else {
            requireNegative(reply);
            throw fail(Reason.COMMAND_FAILED, reply, "server refused passive mode", false);
        }
    }

    private int parsePassive(FtpReply reply, boolean extended) throws FtpException {
        try {
            return extended ? FtpPassiveReplies.epsvPort(reply)
                    : FtpPassiveReplies.pasvPort(reply, controlPeer, passiveAddressPolicy);
        } catch (ReplyFormatException malformed) {
            throw fail(malformed.reason(), reply, malformed.getMessage(), true);
        }
    }

    private void openDataConnection(int port) {
        state = State.AWAIT_DATA_CONNECTION;
        events.add(new FtpEvent.OpenDataConnection(new InetSocketAddress(controlPeer, port)));
    }

    private void onActive(FtpReply reply) throws FtpException {
        if (reply.isCompletion()) {
            sendRestOrRetrieve();
            return;
        }
        requireNegative(reply);
        InetSocketAddress address = request.activeAddress();
        if (state == State.EPRT && reply.code() >= 500 && address.getAddress() instanceof Inet4Address) {
            eprtRefused = true;
            sendPort(address);
            return;
        }
        throw fail(Reason.COMMAND_FAILED, reply, "server refused active mode", false);
    }

    private void onRestart(FtpReply reply) throws FtpException {
        if (reply.code() != 350) {
            requireNegative(reply);
            throw fail(Reason.RESUME_NOT_SUPPORTED, reply, "server refused REST " + request.offset(), false);
        }
        if (abortRequested) {
            finishRequest();
            events.add(new FtpEvent.Aborted());
            return;
        }
        send("RETR", request.fileName());
        state = State.RETR;
    }

    private void onRetrieve(FtpReply reply) throws FtpException {
        if (reply.isPreliminary() || reply.isCompletion()) {
            state = State.TRANSFERRING;
            events.add(new FtpEvent.TransferStarted(request.offset()));
            if (reply.isCompletion()) {
                completionReceived = true;
            }
            return;
        }
        requireNegative(reply);
        throw transferFailure(reply, reply.code() == 550 ? Reason.FILE_NOT_FOUND : null);
    }

    private void onTransferReply(FtpReply reply) throws FtpException {
        if (reply.isCompletion() && !completionReceived) {
            completionReceived = true;
            if (dataEnded) {
                finishRequest();
                events.add(new FtpEvent.TransferComplete());
            }
            return;
        }
        if (completionReceived || reply.isPreliminary() || reply.isIntermediate()) {
            throw fail(Reason.UNEXPECTED_REPLY, reply, "unexpected reply during transfer", true);
        }
        throw transferFailure(reply, null);
    }

    private FtpException transferFailure(FtpReply reply, Reason reason) {
        Reason chosen = reason != null ? reason
                : reply.code() == 425 || reply.code() == 426 ? Reason.DATA_CONNECTION_FAILED : Reason.TRANSFER_FAILED;
        return fail(chosen, reply, "cannot retrieve " + FtpOctets.display(request.fileName()), false);
    }

    /** A reply that is neither success nor a 4xx/5xx refusal breaks the session. */
    private void requireNegative(FtpReply reply) throws FtpException {
        if (reply.code() < 400) {
            throw fail(Reason.UNEXPECTED_REPLY, reply, "unexpected reply", true);
        }
    }

    // ---- command sequencing ------------------------------------------------------------

    /** Sends the next command of the current request. */
    private void advance() {
        if (returningToLoginDirectory) {
            send("CWD", login.loginDirectory());
            state = State.CWD;
        } else if (!pendingDirectories.isEmpty()) {
            send("CWD", pendingDirectories.peek());
            state = State.CWD;
        } else if (request.querySize() && !sizeAsked) {
            sizeAsked = true;
            send("SIZE", request.fileName());
            state = State.SIZE;
        } else if (request.queryModificationTime() && !modificationTimeAsked) {
            modificationTimeAsked = true;
            send("MDTM", request.fileName());
            state = State.MDTM;
        } else {
            if (request.querySize() || request.queryModificationTime()) {
                events.add(new FtpEvent.FileInfo(size, lastModified));
            }
            if (!request.retrieve()) {
                finishRequest();
            } else if (request.activeAddress() != null) {
                if (eprtRefused) {
                    sendPort(request.activeAddress());
                } else {
                    sendExtendedPort(request.activeAddress());
                }
            } else if (epsvRefused && controlPeer instanceof Inet4Address) {
                send("PASV", null);
                state = State.PASV;
            } else {
                send("EPSV", null);
                state = State.EPSV;
            }
        }
    }

    private void sendRestOrRetrieve() {
        if (request.offset() > 0) {
            send("REST", Long.toString(request.offset()));
            state = State.REST;
        } else {
            send("RETR", request.fileName());
            state = State.RETR;
        }
    }

    private void sendExtendedPort(InetSocketAddress address) {
        send("EPRT", FtpActiveCommands.eprtArgument(address));
        state = State.EPRT;
    }

    private void sendPort(InetSocketAddress address) {
        send("PORT", FtpActiveCommands.portArgument(address));
        state = State.PORT;
    }

    private void finishRequest() {
        request = null;
        pendingDirectories.clear();
        returningToLoginDirectory = false;
        state = State.IDLE;
    }

    private void send(String verb, String argument) {
        commands.send(verb, argument);
    }

    private FtpException fail(Reason reason, FtpReply reply, String detail, boolean broken) {
        if (broken) {
            state = State.BROKEN;
            request = null;
        } else {
            finishRequest();
        }
        return new FtpException(reason, url, commands.lastCommand(), reply == null ? 0 : reply.code(),
                reply == null ? null : reply.displayText(), detail, null);
    }

    private void requireState(State expected, String operation) {
        if (state != expected) {
            throw new IllegalStateException(operation + " in state " + state + ", expected " + expected);
        }
    }

    private static boolean isPrefix(List<String> prefix, List<String> list) {
        return prefix.size() <= list.size() && list.subList(0, prefix.size()).equals(prefix);
    }

    @Override
    public String toString() {
        return "FtpProtocol[" + url + ", " + (state == State.LOGIN ? "LOGIN " + login : state) + "]";
    }
}
