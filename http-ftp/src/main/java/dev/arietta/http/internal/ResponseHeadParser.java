package dev.arietta.http.internal;

import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpProtocolException.Reason;
import dev.arietta.http.HttpResponseHeaders;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sans-IO parser of HTTP/1.x response heads: fed bytes as they arrive, it returns the final
 * head once its blank line has been read, skipping interim 1xx responses. It consumes
 * exactly the head's bytes and leaves the body's in the buffer.
 *
 * <p>Accepts CRLF or bare LF line ends and obsolete line folding (joined with a space), as
 * browsers do; enforces every {@link HttpLimits} bound on the head. Not thread-safe; reusable
 * for the next response on the same connection after {@link #reset(URI)}.
 */
public final class ResponseHeadParser {

    private final HttpLimits limits;
    private final byte[] line;
    private int lineLength;
    private URI uri;
    private boolean started;
    private int headBytes;
    private int interimResponses;
    private int status = -1;
    private String reason;
    private int minorVersion;
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    public ResponseHeadParser(HttpLimits limits, URI uri) {
        this.limits = limits;
        this.line = new byte[limits.maxLineLength()];
        this.uri = uri;
    }

    /** Forgets everything and prepares for the response to a request for {@code nextUri}. */
    public void reset(URI nextUri) {
        this.uri = nextUri;
        started = false;
        interimResponses = 0;
        startHead();
    }

    private void startHead() {
        lineLength = 0;
        headBytes = 0;
        status = -1;
        reason = null;
        fields.clear();
    }

    /** Whether any byte of a response has been consumed since the last reset. */
    public boolean started() {
        return started;
    }

    /** How many interim 1xx responses were skipped. */
    public int interimResponses() {
        return interimResponses;
    }

    /**
     * Consumes head bytes from {@code input}.
     *
     * @return the final response head once complete (the buffer's position is then at the
     *         first body byte), or null if more bytes are needed (all input was consumed)
     * @throws HttpProtocolException if the head is malformed or exceeds a limit
     */
    public HttpResponseHeaders parse(ByteBuffer input) throws HttpProtocolException {
        while (input.hasRemaining()) {
            byte next = input.get();
            started = true;
            if (++headBytes > limits.maxHeadBytes()) {
                throw error(Reason.HEADERS_TOO_LARGE, "response head larger than " + limits.maxHeadBytes() + " bytes");
            }
            if (next != '\n') {
                if (lineLength == line.length) {
                    throw error(Reason.LINE_TOO_LONG, (status < 0 ? "status line" : "header line")
                            + " longer than " + limits.maxLineLength() + " bytes");
                }
                line[lineLength++] = next;
                continue;
            }
            int end = lineLength;
            if (end > 0 && line[end - 1] == '\r') {
                end--;
            }
            lineLength = 0;
            HttpResponseHeaders head = onLine(end);
            if (head != null) {
                return head;
            }
        }
        return null;
    }

    private HttpResponseHeaders onLine(int length) throws HttpProtocolException {
        if (status < 0) {
            if (length == 0) {
                // A stray blank line before the status line (left over by a sloppy server).
                return null;
            }
            parseStatusLine(length);
            return null;
        }
        if (length > 0) {
            parseField(length);
            return null;
        }
        HttpResponseHeaders head = new HttpResponseHeaders(status, reason, minorVersion, List.copyOf(fields));
        if (status >= 200) {
            return head;
        }
        if (status == 101) {
            throw error(Reason.TOO_MANY_INTERIM_RESPONSES, "unrequested protocol switch (101)");
        }
        if (++interimResponses > limits.maxInterimResponses()) {
            throw error(Reason.TOO_MANY_INTERIM_RESPONSES,
                    "more than " + limits.maxInterimResponses() + " interim (1xx) responses");
        }
        startHead();
        return null;
    }

    private void parseStatusLine(int length) throws HttpProtocolException {
        // HTTP/1.x SP 3DIGIT [SP reason-phrase]
        if (length < 12 || !startsWith("HTTP/1.") || !isDigit(line[7]) || line[8] != ' '
                || !isDigit(line[9]) || !isDigit(line[10]) || !isDigit(line[11])
                || line[9] == '0' || (length > 12 && line[12] != ' ')) {
            throw error(Reason.MALFORMED_STATUS_LINE, "malformed status line \"" + printable(length) + "\"");
        }
        minorVersion = line[7] - '0';
        if (minorVersion > 1) {
            throw error(Reason.MALFORMED_STATUS_LINE, "unsupported version in \"" + printable(length) + "\"");
        }
        for (int i = 13; i < length; i++) {
            if (isControl(line[i])) {
                throw error(Reason.MALFORMED_STATUS_LINE, "control character in status line");
            }
        }
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        reason = length > 13 ? new String(line, 13, length - 13, StandardCharsets.ISO_8859_1).trim() : "";
    }

    private void parseField(int length) throws HttpProtocolException {
        if (line[0] == ' ' || line[0] == '\t') {
            if (fields.isEmpty()) {
                throw error(Reason.MALFORMED_HEADER, "continuation line before any header field");
            }
            checkValue(0, length);
            Map.Entry<String, String> previous = fields.remove(fields.size() - 1);
            String continuation = new String(line, 0, length, StandardCharsets.ISO_8859_1).trim();
            String joined = previous.getValue().isEmpty() ? continuation : previous.getValue() + " " + continuation;
            fields.add(new AbstractMap.SimpleImmutableEntry<>(previous.getKey(), joined));
            return;
        }
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            if (!isTokenChar(line[colon])) {
                throw error(Reason.MALFORMED_HEADER, "bad character in header name \"" + printable(length) + "\"");
            }
            colon++;
        }
        if (colon == 0 || colon == length) {
            throw error(Reason.MALFORMED_HEADER, "header line without name or colon \"" + printable(length) + "\"");
        }
        if (fields.size() == limits.maxHeaderCount()) {
            throw error(Reason.TOO_MANY_HEADERS, "more than " + limits.maxHeaderCount() + " header fields");
        }
        checkValue(colon + 1, length);
        String name = new String(line, 0, colon, StandardCharsets.ISO_8859_1);
        String value = new String(line, colon + 1, length - colon - 1, StandardCharsets.ISO_8859_1).trim();
        fields.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
    }

    private void checkValue(int from, int to) throws HttpProtocolException {
        for (int i = from; i < to; i++) {
            if (isControl(line[i])) {
                throw error(Reason.MALFORMED_HEADER, "control character 0x"
                        + Integer.toHexString(line[i] & 0xff) + " in header value");
            }
        }
    }

    private boolean startsWith(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Controls other than horizontal tab: NUL, bare CR, DEL and the like. */
    private static boolean isControl(byte b) {
        return (b >= 0 && b < 0x20 && b != '\t') || b == 0x7f;
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(byte b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
            return true;
        }
        return b > 0 && "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
    }

    private String printable(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(length, 80); i++) {
            char c = (char) (line[i] & 0xff);
            text.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return length > 80 ? text.append("...").toString() : text.toString();
    }

    private HttpProtocolException error(Reason why, String message) {
        return new HttpProtocolException(uri, status, why, message);
    }
}
