package dev.arietta.http.internal;

import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpResponseHeaders;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Runs the sans-IO parser over a whole response delivered in slices of a given size. */
final class ResponseParsing {

    static final URI URL = URI.create("http://user:secret@example.com/file");

    final HttpResponseHeaders head;
    final byte[] body;
    final int leftover;

    private ResponseParsing(HttpResponseHeaders head, byte[] body, int leftover) {
        this.head = head;
        this.body = body;
        this.leftover = leftover;
    }

    static ResponseParsing parse(String response, int sliceSize) throws HttpProtocolException {
        return parse(response.getBytes(StandardCharsets.ISO_8859_1), sliceSize, false, HttpLimits.defaults());
    }

    /**
     * Parses head and body; the connection "closes" after the last byte.
     *
     * @return the head, the body and how many bytes were left after a complete body
     */
    static ResponseParsing parse(byte[] response, int sliceSize, boolean headRequest, HttpLimits limits)
            throws HttpProtocolException {
        ResponseHeadParser parser = new ResponseHeadParser(limits, URL);
        HttpResponseHeaders head = null;
        BodyDecoder body = null;
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int offset = 0;
        int leftover = 0;
        while (offset < response.length) {
            int length = Math.min(sliceSize, response.length - offset);
            // A direct buffer, as the connection uses.
            ByteBuffer slice = ByteBuffer.allocateDirect(length);
            slice.put(response, offset, length).flip();
            offset += length;
            if (head == null) {
                head = parser.parse(slice);
                if (head == null) {
                    continue;
                }
                body = BodyDecoder.forResponse(headRequest, head, limits, URL);
            }
            while (slice.hasRemaining() && !body.isComplete()) {
                int count = body.next(slice);
                if (count == 0) {
                    break;
                }
                for (int i = 0; i < count; i++) {
                    content.write(slice.get());
                }
            }
            if (body.isComplete()) {
                leftover += slice.remaining();
            }
        }
        if (head == null) {
            throw new HttpProtocolException(URL, -1, HttpProtocolException.Reason.NO_RESPONSE, "no head");
        }
        body.endOfInput();
        return new ResponseParsing(head, content.toByteArray(), leftover);
    }

    String bodyText() {
        return new String(body, StandardCharsets.ISO_8859_1);
    }
}
