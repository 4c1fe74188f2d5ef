package dev.arietta.ftp.internal;

import dev.arietta.ftp.FtpException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames control-connection bytes into {@link FtpReply replies} (RFC 959 §4.2): a single line
 * {@code "123 text"}, or a multi-line reply from {@code "123-text"} to the first line that
 * starts with {@code "123 "} (or is just {@code "123"}). Lines end with CR LF; a bare LF is
 * accepted. Every line is bounded by {@link FtpLimits#maxReplyLineLength()} and every reply by
 * {@link FtpLimits#maxReplyLines()}, so an endless or huge reply fails instead of filling memory.
 *
 * <p>Not thread-safe; one reader per control connection. After a {@link ReplyFormatException}
 * the reader is unusable (the connection must be closed).
 */
final class FtpReplyReader {
    private final FtpLimits limits;
    /** The current line; one extra byte so a CR right at the limit still fits. */
    private final byte[] line;
    private int lineLength;
    private int code = -1;
    private final List<String> lines = new ArrayList<>();

    FtpReplyReader(FtpLimits limits) {
        this.limits = limits;
        this.line = new byte[limits.maxReplyLineLength() + 1];
    }

    /** Whether some bytes of an incomplete reply are buffered. */
    boolean hasPartialReply() {
        return lineLength > 0 || code >= 0;
    }

    /**
     * Consumes bytes from {@code input} up to the end of the next complete reply, which it
     * returns; returns {@code null} when {@code input} ran out first (all of it consumed).
     */
    FtpReply read(ByteBuffer input) throws ReplyFormatException {
        while (input.hasRemaining()) {
            byte b = input.get();
            if (b == '\n') {
                int length = lineLength;
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                if (length > limits.maxReplyLineLength()) {
                    throw new ReplyFormatException(Reason.REPLY_LINE_TOO_LONG,
                            "reply line longer than " + limits.maxReplyLineLength() + " bytes");
                }
                String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
                lineLength = 0;
                FtpReply reply = acceptLine(text);
                if (reply != null) {
                    return reply;
                }
            } else {
                if (lineLength == line.length) {
                    throw new ReplyFormatException(Reason.REPLY_LINE_TOO_LONG,
                            "reply line longer than " + limits.maxReplyLineLength() + " bytes");
                }
                line[lineLength++] = b;
            }
        }
        return null;
    }

    private FtpReply acceptLine(String text) throws ReplyFormatException {
        if (code < 0) {
            int parsed = parseCode(text);
            if (parsed < 0 || (text.length() > 3 && text.charAt(3) != ' ' && text.charAt(3) != '-')) {
                throw new ReplyFormatException(Reason.MALFORMED_REPLY, "not an FTP reply line: \""
                        + FtpOctets.display(text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"");
            }
            String rest = text.length() > 4 ? text.substring(4) : "";
            if (text.length() > 3 && text.charAt(3) == '-') {
                code = parsed;
                lines.add(rest);
                return null;
            }
            return new FtpReply(parsed, List.of(rest));
        }
        if (parseCode(text) == code && (text.length() == 3 || text.charAt(3) == ' ')) {
            lines.add(text.length() > 4 ? text.substring(4) : "");
            FtpReply reply = new FtpReply(code, lines);
            code = -1;
            lines.clear();
            return reply;
        }
        if (lines.size() + 1 >= limits.maxReplyLines()) {
            throw new ReplyFormatException(Reason.TOO_MANY_REPLY_LINES,
                    "reply " + code + " has more than " + limits.maxReplyLines() + " lines");
        }
        lines.add(text);
        return null;
    }

    /** The code of a line starting with [1-5][0-9][0-9], else -1. */
    private static int parseCode(String text) {
        if (text.length() < 3) {
            return -1;
        }
        char first = text.charAt(0);
        char second = text.charAt(1);
        char third = text.charAt(2);
        if (first < '1' || first > '5' || second < '0' || second > '9' || third < '0' || third > '9') {
            return -1;
        }
        return (first - '0') * 100 + (second - '0') * 10 + (third - '0');
    }
}
