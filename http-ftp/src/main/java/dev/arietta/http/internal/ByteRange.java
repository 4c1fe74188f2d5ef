package dev.arietta.http.internal;

/**
 * A requested byte range, {@code first} to {@code last} inclusive, or open-ended
 * ({@code last == -1}, "to the end"). Immutable.
 *
 * @param first offset of the first byte (non-negative)
 * @param last  offset of the last byte (inclusive, not below {@code first}), or -1 for open-ended
 */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || (last != -1 && last < first)) {
            throw new IllegalArgumentException("bad byte range " + first + "-" + last);
        }
    }

    /** Bytes {@code first} to the end of the entity. */
    public static ByteRange from(long first) {
        return new ByteRange(first, -1);
    }

    /** {@code length} bytes starting at {@code first}. */
    public static ByteRange of(long first, long length) {
        if (length <= 0) {
            throw new IllegalArgumentException("range length must be positive: " + length);
        }
        return new ByteRange(first, first + length - 1);
    }

    /** Whether the range runs to the end of the entity. */
    public boolean isOpenEnded() {
        return last == -1;
    }

    /** The number of bytes, or -1 when open-ended. */
    public long length() {
        return last == -1 ? -1 : last - first + 1;
    }

    /** The Range header value, e.g. {@code bytes=0-99} or {@code bytes=100-}. */
    public String headerValue() {
        return "bytes=" + first + "-" + (last == -1 ? "" : Long.toString(last));
    }
}
