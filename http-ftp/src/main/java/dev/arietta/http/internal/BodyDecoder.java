package dev.arietta.http.internal;

import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpProtocolException.Reason;
import dev.arietta.http.HttpResponseHeaders;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

/**
 * Sans-IO message-body framing (RFC 9112 §6): finds the content bytes in what the connection
 * receives, for a body delimited by Content-Length, by the chunked transfer coding, or by
 * the connection closing.
 *
 * <p>Use: call {@link #next(ByteBuffer)}; it consumes framing bytes and returns how many
 * content bytes start at the buffer's position; the caller delivers them and advances the
 * position past them before calling again. When the connection ends, call
 * {@link #endOfInput()}. Not thread-safe.
 */
public final class BodyDecoder {

    private enum Mode { FIXED, CHUNKED, UNTIL_CLOSE }

    private enum ChunkState { SIZE, DATA, DATA_END, TRAILER, DONE }

    private final Mode mode;
    private final HttpLimits limits;
    private final URI uri;
    private final int status;
    private long remaining;
    private boolean complete;
    private ChunkState chunkState = ChunkState.SIZE;
    private final StringBuilder chunkLine;
    private int chunkLineLength;
    private boolean sawCarriageReturn;
    private int trailerBytes;
    private int trailerLineLength;
    private long received;

    private BodyDecoder(Mode mode, long length, HttpLimits limits, URI uri, int status) {
        this.mode = mode;
        this.remaining = length;
        this.limits = limits;
        this.uri = uri;
        this.status = status;
        this.complete = mode == Mode.FIXED && length == 0;
        this.chunkLine = mode == Mode.CHUNKED ? new StringBuilder(16) : null;
    }

    /**
     * The framing of the body that follows {@code head} (RFC 9112 §6.3).
     *
     * @param headRequest whether the request was HEAD (no body whatever the headers say)
     * @throws HttpProtocolException for a bad Content-Length or an unsupported
     *                               Transfer-Encoding
     */
    public static BodyDecoder forResponse(boolean headRequest, HttpResponseHeaders head, HttpLimits limits, URI uri)
            throws HttpProtocolException {
        int status = head.status();
        if (headRequest || status == 204 || status == 304 || status < 200) {
            return new BodyDecoder(Mode.FIXED, 0, limits, uri, status);
        }
        List<String> transferEncodings = head.allValues("Transfer-Encoding");
        if (!transferEncodings.isEmpty()) {
            String last = lastCoding(transferEncodings);
            if (last.equals("chunked")) {
                checkCodingsBeforeChunked(transferEncodings, uri, status);
                return new BodyDecoder(Mode.CHUNKED, 0, limits, uri, status);
            }
            if (!last.equals("identity")) {
                throw new HttpProtocolException(uri, status, Reason.UNSUPPORTED_TRANSFER_ENCODING,
                        "unsupported Transfer-Encoding \"" + String.join(", ", transferEncodings) + "\"");
            }
            return new BodyDecoder(Mode.UNTIL_CLOSE, 0, limits, uri, status);
        }
        long length = contentLength(head, uri);
        if (length >= 0) {
            return new BodyDecoder(Mode.FIXED, length, limits, uri, status);
        }
        return new BodyDecoder(Mode.UNTIL_CLOSE, 0, limits, uri, status);
    }

    /**
     * The Content-Length of {@code head}, or -1 when absent.
     *
     * @throws HttpProtocolException when a value is not a decimal number or values disagree
     */
    public static long contentLength(HttpResponseHeaders head, URI uri) throws HttpProtocolException {
        long length = -1;
        for (String value : head.allValues("Content-Length")) {
            for (String element : value.split(",", -1)) {
                long parsed = parseLength(element.trim(), uri, head.status());
                if (length >= 0 && parsed != length) {
                    throw new HttpProtocolException(uri, head.status(), Reason.CONFLICTING_CONTENT_LENGTH,
                            "conflicting Content-Length values " + head.allValues("Content-Length"));
                }
                length = parsed;
            }
        }
        return length;
    }

    private static long parseLength(String text, URI uri, int status) throws HttpProtocolException {
        if (text.isEmpty() || text.length() > 18) {
            throw new HttpProtocolException(uri, status, Reason.MALFORMED_CONTENT_LENGTH,
                    "bad Content-Length \"" + text + "\"");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpProtocolException(uri, status, Reason.MALFORMED_CONTENT_LENGTH,
                        "bad Content-Length \"" + text + "\"");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String lastCoding(List<String> values) {
        String last = values.get(values.size() - 1);
        int comma = last.lastIndexOf(',');
        return (comma < 0 ? last : last.substring(comma + 1)).trim().toLowerCase(Locale.ROOT);
    }

    private static void checkCodingsBeforeChunked(List<String> values, URI uri, int status)
            throws HttpProtocolException {
        for (String value : values) {
            for (String coding : value.split(",")) {
                String name = coding.trim().toLowerCase(Locale.ROOT);
                if (!name.equals("chunked") && !name.equals("identity") && !name.isEmpty()) {
                    throw new HttpProtocolException(uri, status, Reason.UNSUPPORTED_TRANSFER_ENCODING,
                            "unsupported Transfer-Encoding \"" + String.join(", ", values) + "\"");
                }
            }
        }
    }

    /** Whether the body is delimited by the connection closing (the connection cannot be reused). */
    public boolean untilClose() {
        return mode == Mode.UNTIL_CLOSE;
    }

    /** Whether the body is chunked. */
    public boolean chunked() {
        return mode == Mode.CHUNKED;
    }

    /** The announced body length, or -1 when chunked or delimited by close. */
    public long declaredLength() {
        return mode == Mode.FIXED ? remaining + received : -1;
    }

    /** Content bytes still to come of a Content-Length body, or -1 when chunked or delimited by close. */
    public long remainingFixed() {
        return mode == Mode.FIXED ? remaining : -1;
    }

    /** Content bytes returned so far. */
    public long received() {
        return received;
    }

    /** Whether the whole body has been seen; bytes after it belong to the next response. */
    public boolean isComplete() {
        return complete;
    }

    /**
     * Consumes framing bytes and returns the number of content bytes at the buffer's
     * position (0 when more input is needed or the body is complete). The caller must advance
     * the position past those bytes before the next call.
     */
    public int next(ByteBuffer input) throws HttpProtocolException {
        if (complete) {
            return 0;
        }
        switch (mode) {
            case FIXED:
                return fixed(input);
            case UNTIL_CLOSE:
                received += input.remaining();
                return input.remaining();
            default:
                return chunked(input);
        }
    }

    /**
     * The connection closed. Completes a close-delimited body.
     *
     * @throws HttpProtocolException ({@link Reason#TRUNCATED_BODY}) if the body was not complete
     */
    public void endOfInput() throws HttpProtocolException {
        if (complete) {
            return;
        }
        if (mode == Mode.UNTIL_CLOSE) {
            complete = true;
            return;
        }
        String expected = mode == Mode.FIXED ? (remaining + received) + " announced" : "chunked body unfinished";
        throw new HttpProtocolException(uri, status, Reason.TRUNCATED_BODY,
                "connection closed after " + received + " body bytes (" + expected + ")");
    }

    private int fixed(ByteBuffer input) {
        int count = (int) Math.min(input.remaining(), remaining);
        remaining -= count;
        received += count;
        if (remaining == 0) {
            complete = true;
        }
        return count;
    }

    private int chunked(ByteBuffer input) throws HttpProtocolException {
        while (input.hasRemaining()) {
            switch (chunkState) {
                case SIZE:
                    readSizeLine(input);
                    break;
                case DATA: {
                    int count = (int) Math.min(input.remaining(), remaining);
                    remaining -= count;
                    received += count;
                    if (remaining == 0) {
                        chunkState = ChunkState.DATA_END;
                    }
                    return count;
                }
                case DATA_END:
                    readDataEnd(input);
                    break;
                case TRAILER:
                    readTrailer(input);
                    break;
                default:
                    return 0;
            }
        }
        return 0;
    }

    private void readSizeLine(ByteBuffer input) throws HttpProtocolException {
        while (input.hasRemaining()) {
            byte next = input.get();
            if (++chunkLineLength > limits.maxChunkLineLength()) {
                throw error(Reason.MALFORMED_CHUNK_SIZE, "chunk-size line longer than "
                        + limits.maxChunkLineLength() + " bytes");
            }
            if (next == '\n') {
                long size = parseChunkSize();
                chunkLine.setLength(0);
                chunkLineLength = 0;
                if (size == 0) {
                    chunkState = ChunkState.TRAILER;
                } else {
                    remaining = size;
                    chunkState = ChunkState.DATA;
                }
                return;
            }
            chunkLine.append((char) (next & 0xff));
        }
    }

    /** chunk-size [ chunk-ext ] [CR]: hexadecimal digits, optional whitespace and extensions. */
    private long parseChunkSize() throws HttpProtocolException {
        int length = chunkLine.length();
        if (length > 0 && chunkLine.charAt(length - 1) == '\r') {
            length--;
        }
        long size = 0;
        int digits = 0;
        int significantDigits = 0;
        int i = 0;
        for (; i < length; i++) {
            int digit = Character.digit(chunkLine.charAt(i), 16);
            if (digit < 0) {
                break;
            }
            digits++;
            if (size > 0 || digit > 0) {
                significantDigits++;
            }
            // 15 hex digits stay below 2^60: no overflow, and far beyond any real chunk.
            if (significantDigits > 15) {
                throw error(Reason.MALFORMED_CHUNK_SIZE, "chunk size " + printableLine(length) + " overflows");
            }
            size = size * 16 + digit;
        }
        if (digits == 0) {
            throw error(Reason.MALFORMED_CHUNK_SIZE, "chunk-size line \"" + printableLine(length) + "\" has no size");
        }
        while (i < length && (chunkLine.charAt(i) == ' ' || chunkLine.charAt(i) == '\t')) {
            i++;
        }
        if (i < length && chunkLine.charAt(i) != ';') {
            throw error(Reason.MALFORMED_CHUNK_SIZE, "bad chunk-size line \"" + printableLine(length) + "\"");
        }
        for (; i < length; i++) {
            char c = chunkLine.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw error(Reason.MALFORMED_CHUNK_SIZE, "control character in chunk extension");
            }
        }
        return size;
    }

    private void readDataEnd(ByteBuffer input) throws HttpProtocolException {
        byte next = input.get();
        if (next == '\r' && !sawCarriageReturn) {
            sawCarriageReturn = true;
            return;
        }
        if (next == '\n') {
            sawCarriageReturn = false;
            chunkState = ChunkState.SIZE;
            return;
        }
        throw error(Reason.MALFORMED_CHUNK, "chunk data not followed by CRLF after " + received + " body bytes");
    }

    private void readTrailer(ByteBuffer input) throws HttpProtocolException {
        while (input.hasRemaining()) {
            byte next = input.get();
            if (++trailerBytes > limits.maxTrailerBytes()) {
                throw error(Reason.TRAILERS_TOO_LARGE, "trailer section larger than " + limits.maxTrailerBytes() + " bytes");
            }
            if (next == '\n') {
                if (trailerLineLength == 0) {
                    chunkState = ChunkState.DONE;
                    complete = true;
                    return;
                }
                trailerLineLength = 0;
            } else if (next != '\r' || trailerLineLength > 0) {
                trailerLineLength++;
            }
        }
    }

    private String printableLine(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(length, 40); i++) {
            char c = chunkLine.charAt(i);
            text.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.toString();
    }

    private HttpProtocolException error(Reason reason, String message) {
        return new HttpProtocolException(uri, status, reason, message);
    }
}
