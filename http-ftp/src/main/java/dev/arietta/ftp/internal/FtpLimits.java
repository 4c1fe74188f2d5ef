package dev.arietta.ftp.internal;

/**
 * Bounds on what an FTP server can make the client hold.
 *
 * @param maxReplyLineLength longest reply line, in bytes without the line end; longer is
 *     {@code REPLY_LINE_TOO_LONG}. Default {@value #DEFAULT_MAX_REPLY_LINE_LENGTH}.
 * @param maxReplyLines most lines in one multi-line reply; more is {@code TOO_MANY_REPLY_LINES}.
 *     Default {@value #DEFAULT_MAX_REPLY_LINES} (a FEAT list has about 20).
 */
public record FtpLimits(int maxReplyLineLength, int maxReplyLines) {
    /** Default {@link #maxReplyLineLength()}. */
    public static final int DEFAULT_MAX_REPLY_LINE_LENGTH = 4096;
    /** Default {@link #maxReplyLines()}. */
    public static final int DEFAULT_MAX_REPLY_LINES = 256;
    /** All defaults. */
    public static final FtpLimits DEFAULTS = new FtpLimits(DEFAULT_MAX_REPLY_LINE_LENGTH, DEFAULT_MAX_REPLY_LINES);

    public FtpLimits {
        if (maxReplyLineLength < 4 || maxReplyLines < 1) {
            throw new IllegalArgumentException("bad FTP limits: " + maxReplyLineLength + ", " + maxReplyLines);
        }
    }
}
