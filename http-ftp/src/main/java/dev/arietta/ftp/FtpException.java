package dev.arietta.ftp;

import dev.arietta.core.ErrorCode;
import java.io.IOException;
import java.util.Objects;

/**
 * An FTP download failed: the server refused a command, broke the protocol, or the connection
 * failed. Carries the URL (password masked), the command that was being answered (arguments of
 * {@code PASS} and {@code ACCT} masked), the server's reply if there was one, and a
 * {@link Reason} that fixes the aria2 {@link ErrorCode}.
 *
 * <p>Immutable; safe to log (no credentials).
 */
public final class FtpException extends IOException {
    private static final long serialVersionUID = 1L;
    /** Longest reply text kept, in chars: a hostile server must not bloat logs. */
    private static final int MAX_REPLY_TEXT = 512;

    /** What went wrong; each reason has one aria2 error code. */
    public enum Reason {
        /** The URL cannot be used (no file name, control characters, bad port). */
        BAD_URL(ErrorCode.UNKNOWN),
        /** The server's host name could not be resolved. */
        NAME_RESOLUTION_FAILED(ErrorCode.NAME_RESOLVE_ERROR),
        /** The control or data connection could not be established. */
        CONNECTION_FAILED(ErrorCode.NETWORK),
        /** The server closed the control connection unexpectedly. */
        CONNECTION_CLOSED(ErrorCode.NETWORK),
        /** A read or connect took longer than the configured timeout. */
        TIMEOUT(ErrorCode.TIMEOUT),
        /** The server answered 421: service not available, closing the connection. */
        SERVICE_UNAVAILABLE(ErrorCode.NETWORK),
        /** The greeting was not 220 (or 120 followed by 220). */
        UNEXPECTED_GREETING(ErrorCode.FTP_PROTOCOL_ERROR),
        /** The server refused the user name, password or account (530). */
        LOGIN_FAILED(ErrorCode.HTTP_AUTH_FAILED),
        /** The server asked for an account (332) and none is configured. */
        ACCOUNT_REQUIRED(ErrorCode.HTTP_AUTH_FAILED),
        /** The directory or file does not exist (550 to CWD, SIZE or RETR). */
        FILE_NOT_FOUND(ErrorCode.RESOURCE_NOT_FOUND),
        /** The server refused REST, so a range cannot start past 0. */
        RESUME_NOT_SUPPORTED(ErrorCode.CANNOT_RESUME),
        /** A command got a negative reply not covered by a more specific reason. */
        COMMAND_FAILED(ErrorCode.FTP_PROTOCOL_ERROR),
        /** The server could not open or lost the data connection (425, 426). */
        DATA_CONNECTION_FAILED(ErrorCode.NETWORK),
        /** The transfer ended with a negative reply other than 425/426 (e.g. 451). */
        TRANSFER_FAILED(ErrorCode.FTP_PROTOCOL_ERROR),
        /** The data connection ended before the expected number of bytes arrived. */
        SHORT_TRANSFER(ErrorCode.NETWORK),
        /** Bytes that do not form an FTP reply (no 3-digit code, bad separator). */
        MALFORMED_REPLY(ErrorCode.FTP_PROTOCOL_ERROR),
        /** A reply line exceeded the configured maximum length. */
        REPLY_LINE_TOO_LONG(ErrorCode.FTP_PROTOCOL_ERROR),
        /** A multi-line reply exceeded the configured maximum number of lines. */
        TOO_MANY_REPLY_LINES(ErrorCode.FTP_PROTOCOL_ERROR),
        /** A reply that makes no sense at this point (wrong code, or no command outstanding). */
        UNEXPECTED_REPLY(ErrorCode.FTP_PROTOCOL_ERROR),
        /** A 227 (PASV) or 229 (EPSV) reply whose address or port cannot be parsed. */
        MALFORMED_PASSIVE_REPLY(ErrorCode.FTP_PROTOCOL_ERROR),
        /**
         * A PASV reply named another host than the control connection's peer: refused as a
         * possible FTP bounce (the data connection would go to a third party).
         */
        PASSIVE_ADDRESS_MISMATCH(ErrorCode.FTP_PROTOCOL_ERROR),
        /** A 213 reply to SIZE that is not a non-negative decimal number. */
        MALFORMED_SIZE(ErrorCode.FTP_PROTOCOL_ERROR);

        private final ErrorCode errorCode;

        Reason(ErrorCode errorCode) {
            this.errorCode = errorCode;
        }

        /** The aria2 error code a download stopped for this reason reports. */
        public ErrorCode errorCode() {
            return errorCode;
        }
    }

    private final Reason reason;
    private final String url;
    private final String command;
    private final int replyCode;
    private final String replyText;

    /**
     * @param reason what went wrong
     * @param url the URL being downloaded, password already masked
     * @param command the command being answered, credentials already masked, or {@code null}
     * @param replyCode the reply code, or 0 when there was no reply
     * @param replyText the reply text (first line or all lines), or empty
     * @param detail a short explanation
     * @param cause the underlying exception, or {@code null}
     */
    public FtpException(Reason reason, String url, String command, int replyCode, String replyText, String detail,
                        Throwable cause) {
        super(message(reason, url, command, replyCode, replyText, detail), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.url = Objects.requireNonNull(url, "url");
        this.command = command;
        this.replyCode = replyCode;
        this.replyText = truncate(replyText == null ? "" : replyText);
    }

    private static String message(Reason reason, String url, String command, int replyCode, String replyText,
                                  String detail) {
        StringBuilder message = new StringBuilder().append(url).append(": ").append(detail);
        if (command != null) {
            message.append(" [command: ").append(command).append(']');
        }
        if (replyCode != 0) {
            message.append(" [reply: ").append(replyCode);
            if (replyText != null && !replyText.isEmpty()) {
                message.append(' ').append(truncate(replyText));
            }
            message.append(']');
        }
        return message.append(" (").append(reason).append(')').toString();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_REPLY_TEXT ? text : text.substring(0, MAX_REPLY_TEXT) + "...";
    }

    /** What went wrong. */
    public Reason reason() {
        return reason;
    }

    /** The aria2 error code for {@link #reason()}. */
    public ErrorCode errorCode() {
        return reason.errorCode();
    }

    /** The URL, with any password replaced by {@code ***}. */
    public String url() {
        return url;
    }

    /** The command being answered (e.g. {@code "RETR x.iso"}, {@code "PASS ***"}), or {@code null}. */
    public String command() {
        return command;
    }

    /** The reply code, or 0 when the failure was not a reply. */
    public int replyCode() {
        return replyCode;
    }

    /** The reply text (at most 512 chars), or empty. */
    public String replyText() {
        return replyText;
    }
}
