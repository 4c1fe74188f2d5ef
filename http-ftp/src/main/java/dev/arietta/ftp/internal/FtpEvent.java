package dev.arietta.ftp.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** What the {@link FtpProtocol} tells its driver, in order, through {@link FtpProtocol#nextEvent()}. */
public sealed interface FtpEvent {

    /**
     * Login finished (user, password, FEAT, {@code OPTS UTF8 ON} when offered, PWD, TYPE I):
     * the session is idle and takes requests.
     *
     * @param features the FEAT feature names, upper case (e.g. {@code EPSV}, {@code UTF8}, {@code REST})
     */
    record LoggedIn(Set<String> features) implements FtpEvent {
        public LoggedIn {
            features = Set.copyOf(features);
        }
    }

    /**
     * The answers to SIZE and MDTM for the requested file (each empty when not asked or not
     * supported). For a query-only request the session is idle again after this event.
     *
     * @param size the file size in bytes
     * @param lastModified the MDTM time (UTC)
     */
    record FileInfo(OptionalLong size, Optional<Instant> lastModified) implements FtpEvent {
    }

    /**
     * Passive mode: connect the data connection to {@code address} (always the control peer's
     * address), then call {@link FtpProtocol#dataConnected()}.
     */
    record OpenDataConnection(InetSocketAddress address) implements FtpEvent {
    }

    /**
     * The server accepted RETR (125/150): read the data connection (active mode: accept it
     * first). Call {@link FtpProtocol#dataEnded()} at its end of stream, or
     * {@link FtpProtocol#abort()} to stop early.
     *
     * @param offset the first byte the data connection carries
     */
    record TransferStarted(long offset) implements FtpEvent {
    }

    /** The server confirmed the whole transfer (226/250) and the data ended: the session is idle. */
    record TransferComplete() implements FtpEvent {
    }

    /** An abort finished (ABOR answered and the reply stream re-synchronised): the session is idle. */
    record Aborted() implements FtpEvent {
    }

    /** QUIT was answered; the connection can be closed. */
    record Closed() implements FtpEvent {
    }
}
