package dev.arietta.ftp.internal;

import dev.arietta.ftp.FtpException;

/** Reply bytes that break RFC 959 framing or a limit; the protocol adds URL and command context. */
final class ReplyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final FtpException.Reason reason;

    ReplyFormatException(FtpException.Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    FtpException.Reason reason() {
        return reason;
    }
}
