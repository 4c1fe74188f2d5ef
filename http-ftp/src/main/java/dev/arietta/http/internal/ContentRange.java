package dev.arietta.http.internal;

import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpProtocolException.Reason;
import java.net.URI;

/**
 * A parsed {@code Content-Range: bytes first-last/complete} (RFC 9110 §14.4). Immutable.
 *
 * @param first          offset of the first byte sent
 * @param last           offset of the last byte sent (inclusive)
 * @param completeLength the whole entity's length, or -1 when the server sent {@code *}
 */
public record ContentRange(long first, long last, long completeLength) {

    /**
     * Parses a 206 response's Content-Range; the unsatisfied-range form {@code bytes *}{@code /N}
     * is refused because it only belongs in a 416.
     *
     * @throws HttpProtocolException ({@link Reason#MALFORMED_CONTENT_RANGE}) when malformed or
     *                               inconsistent (last before first, last beyond the length)
     */
    public static ContentRange parse(String value, URI uri, int status) throws HttpProtocolException {
        String text = value.trim();
        if (!text.regionMatches(true, 0, "bytes ", 0, 6)) {
            throw malformed(value, uri, status);
        }
        String spec = text.substring(6).trim();
        int dash = spec.indexOf('-');
        int slash = spec.indexOf('/');
        if (dash <= 0 || slash < dash) {
            throw malformed(value, uri, status);
        }
        long first = number(spec.substring(0, dash), value, uri, status);
        long last = number(spec.substring(dash + 1, slash), value, uri, status);
        String complete = spec.substring(slash + 1);
        long completeLength = complete.equals("*") ? -1 : number(complete, value, uri, status);
        if (last < first || (completeLength >= 0 && last >= completeLength)) {
            throw malformed(value, uri, status);
        }
        return new ContentRange(first, last, completeLength);
    }

    private static long number(String digits, String value, URI uri, int status) throws HttpProtocolException {
        if (digits.isEmpty() || digits.length() > 18) {
            throw malformed(value, uri, status);
        }
        long result = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw malformed(value, uri, status);
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    private static HttpProtocolException malformed(String value, URI uri, int status) {
        return new HttpProtocolException(uri, status, Reason.MALFORMED_CONTENT_RANGE,
                "malformed Content-Range \"" + value + "\"");
    }

    /** The number of bytes the range covers. */
    public long length() {
        return last - first + 1;
    }

    /**
     * Whether this answers {@code requested} exactly: same first byte, and same last byte
     * (or, for an open-ended request, the entity's last byte when the length is known). A
     * request whose last byte lies beyond the entity is answered up to the entity's last byte
     * (RFC 9110 §14.1.2), so that answer satisfies it too.
     */
    public boolean satisfies(ByteRange requested) {
        if (first != requested.first()) {
            return false;
        }
        if (!requested.isOpenEnded()) {
            return last == requested.last()
                    || completeLength >= 0 && requested.last() >= completeLength && last == completeLength - 1;
        }
        return completeLength < 0 || last == completeLength - 1;
    }

    @Override
    public String toString() {
        return "bytes " + first + "-" + last + "/" + (completeLength < 0 ? "*" : Long.toString(completeLength));
    }
}
