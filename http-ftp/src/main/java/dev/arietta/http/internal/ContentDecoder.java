package dev.arietta.http.internal;

import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.http.HttpProtocolException;
import dev.arietta.http.HttpProtocolException.Reason;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a {@code gzip} (RFC 1952, several members allowed) or {@code deflate} (zlib per
 * RFC 1950, or the raw deflate some servers send instead) body as it arrives.
 *
 * <p>Guards: the gzip CRC-32 and length trailer are checked; decoded output may not exceed
 * {@link HttpLimits#maxInflateRatio()} times the encoded input once
 * {@link HttpLimits#inflateRatioGraceBytes()} have been produced (a gzip bomb expands about
 * 1000:1, real content rarely past 20:1).
 *
 * <p>Use: {@link #decode(ByteBuffer)} repeatedly while it returns a full buffer, then feed more
 * input; {@link #finish()} at the end of the body; {@link #close()} always. The returned
 * buffer is the decoder's own (from the pool) and is valid until the next call. Not
 * thread-safe.
 */
public final class ContentDecoder implements AutoCloseable {

    private enum State { GZIP_HEADER, ZLIB_DETECT, INFLATE, GZIP_TRAILER, MEMBER_END }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final boolean gzip;
    private final HttpLimits limits;
    private final URI uri;
    private final int status;
    private final BufferPool pool;
    private final ByteBuffer output;
    private final ByteBuffer crcView;
    private final CRC32 crc = new CRC32();
    private Inflater inflater;
    private State state;
    private long encodedBytes;
    private long decodedBytes;
    private long memberDecodedBytes;

    // Gzip header parsing: position within the fixed part, flags, and pending optional fields.
    private int headerIndex;
    private int flags;
    private int extraRemaining;
    private int extraLengthLow;
    private final byte[] trailer = new byte[8];
    private int trailerIndex;
    private final byte[] zlibPrefix = new byte[2];
    private int zlibPrefixLength;

    private ContentDecoder(boolean gzip, HttpLimits limits, URI uri, int status, BufferPool pool) {
        this.gzip = gzip;
        this.limits = limits;
        this.uri = uri;
        this.status = status;
        this.pool = pool;
        this.output = pool.acquire();
        this.crcView = output.duplicate();
        this.state = gzip ? State.GZIP_HEADER : State.ZLIB_DETECT;
    }

    /**
     * A decoder for a {@code Content-Encoding} value, or null for none/identity.
     *
     * @param pool supplies the output buffer (returned by {@link #close()})
     * @throws HttpProtocolException for an encoding other than gzip, x-gzip, deflate, identity
     */
    public static ContentDecoder forEncoding(String contentEncoding, HttpLimits limits, URI uri, int status,
                                             BufferPool pool) throws HttpProtocolException {
        if (contentEncoding == null) {
            return null;
        }
        String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        switch (coding) {
            case "":
            case "identity":
                return null;
            case "gzip":
            case "x-gzip":
                return new ContentDecoder(true, limits, uri, status, pool);
            case "deflate":
                return new ContentDecoder(false, limits, uri, status, pool);
            default:
                throw new HttpProtocolException(uri, status, Reason.MALFORMED_CONTENT_ENCODING,
                        "unsupported Content-Encoding \"" + contentEncoding + "\"");
        }
    }

    /** Encoded bytes consumed so far. */
    public long encodedBytes() {
        return encodedBytes;
    }

    /** Decoded bytes produced so far. */
    public long decodedBytes() {
        return decodedBytes;
    }

    /**
     * Consumes input and returns decoded bytes (position 0, limit = count; possibly empty).
     * If the returned buffer is full ({@code limit == capacity}), call again: more output may
     * be pending even when the input is exhausted.
     */
    public ByteBuffer decode(ByteBuffer input) throws HttpProtocolException {
        output.clear();
        try {
            while (output.hasRemaining()) {
                if (!step(input)) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new HttpProtocolException(uri, status, Reason.MALFORMED_CONTENT_ENCODING,
                    "corrupt " + (gzip ? "gzip" : "deflate") + " body after " + encodedBytes
                            + " encoded bytes: " + e.getMessage());
        }
        output.flip();
        return output;
    }

    /** One state step; false when it cannot progress without more input. */
    private boolean step(ByteBuffer input) throws HttpProtocolException, DataFormatException {
        switch (state) {
            case GZIP_HEADER:
                return readGzipHeader(input);
            case ZLIB_DETECT:
                return detectZlib(input);
            case INFLATE:
                return inflate(input);
            case GZIP_TRAILER:
                return readGzipTrailer(input);
            default:
                if (!input.hasRemaining()) {
                    return false;
                }
                if (!gzip) {
                    throw malformed("data after the end of the deflate stream");
                }
                // Another gzip member follows (RFC 1952 §2.2).
                state = State.GZIP_HEADER;
                headerIndex = 0;
                flags = 0;
                return true;
        }
    }

    private boolean readGzipHeader(ByteBuffer input) throws HttpProtocolException {
        while (input.hasRemaining()) {
            int b = input.get() & 0xff;
            encodedBytes++;
            if (headerIndex < 10) {
                checkFixedHeaderByte(b);
                headerIndex++;
            } else if ((flags & FEXTRA) != 0) {
                readExtraByte(b);
            } else if ((flags & FNAME) != 0) {
                if (b == 0) {
                    flags &= ~FNAME;
                }
            } else if ((flags & FCOMMENT) != 0) {
                if (b == 0) {
                    flags &= ~FCOMMENT;
                }
            } else if ((flags & FHCRC) != 0) {
                // Two header CRC bytes; not checked (gzip -d ignores them too).
                if (++headerIndex == 12) {
                    flags &= ~FHCRC;
                }
            }
            if (headerIndex >= 10 && (flags & (FEXTRA | FNAME | FCOMMENT | FHCRC)) == 0) {
                startInflater(true);
                crc.reset();
                memberDecodedBytes = 0;
                return true;
            }
        }
        return false;
    }

    private void checkFixedHeaderByte(int b) throws HttpProtocolException {
        if ((headerIndex == 0 && b != 0x1f) || (headerIndex == 1 && b != 0x8b)) {
            throw malformed("not a gzip stream (bad magic)");
        }
        if (headerIndex == 2 && b != 8) {
            throw malformed("gzip compression method " + b + " is not deflate");
        }
        if (headerIndex == 3) {
            flags = b;
            if ((flags & 0xe0) != 0) {
                throw malformed("reserved gzip flags set");
            }
            extraRemaining = -2;
        }
    }

    /** FEXTRA: two little-endian length bytes, then that many bytes. */
    private void readExtraByte(int b) {
        if (extraRemaining == -2) {
            extraLengthLow = b;
            extraRemaining = -1;
            return;
        }
        if (extraRemaining == -1) {
            extraRemaining = extraLengthLow | (b << 8);
        } else {
            extraRemaining--;
        }
        if (extraRemaining == 0) {
            flags &= ~FEXTRA;
        }
    }

    private boolean detectZlib(ByteBuffer input) {
        while (zlibPrefixLength < 2) {
            if (!input.hasRemaining()) {
                return false;
            }
            zlibPrefix[zlibPrefixLength++] = input.get();
            encodedBytes++;
        }
        int cmf = zlibPrefix[0] & 0xff;
        int flg = zlibPrefix[1] & 0xff;
        boolean zlibWrapped = (cmf & 0x0f) == 8 && ((cmf << 8) | flg) % 31 == 0;
        startInflater(!zlibWrapped);
        inflater.setInput(zlibPrefix, 0, 2);
        return true;
    }

    private void startInflater(boolean raw) {
        if (inflater != null) {
            inflater.end();
        }
        inflater = new Inflater(raw);
        state = State.INFLATE;
    }

    private boolean inflate(ByteBuffer input) throws HttpProtocolException, DataFormatException {
        if (inflater.needsInput()) {
            if (!input.hasRemaining()) {
                return false;
            }
            inflater.setInput(input);
        }
        int inputBefore = input.position();
        int start = output.position();
        int produced = inflater.inflate(output);
        encodedBytes += input.position() - inputBefore;
        if (produced > 0) {
            decodedBytes += produced;
            memberDecodedBytes += produced;
            if (gzip) {
                crcView.limit(start + produced).position(start);
                crc.update(crcView);
            }
            checkRatio();
        }
        if (inflater.finished()) {
            state = gzip ? State.GZIP_TRAILER : State.MEMBER_END;
            trailerIndex = 0;
            return true;
        }
        if (inflater.needsDictionary()) {
            throw malformed("deflate stream needs a preset dictionary");
        }
        return produced > 0 || (inflater.needsInput() && input.hasRemaining());
    }

    private void checkRatio() throws HttpProtocolException {
        if (decodedBytes > limits.inflateRatioGraceBytes()
                && decodedBytes / Math.max(1, encodedBytes) > limits.maxInflateRatio()) {
            throw new HttpProtocolException(uri, status, Reason.DECOMPRESSION_RATIO_EXCEEDED,
                    "body decompressed to " + decodedBytes + " bytes from " + encodedBytes
                            + ", more than " + limits.maxInflateRatio() + " times");
        }
    }

    private boolean readGzipTrailer(ByteBuffer input) throws HttpProtocolException {
        while (trailerIndex < 8) {
            if (!input.hasRemaining()) {
                return false;
            }
            trailer[trailerIndex++] = input.get();
            encodedBytes++;
        }
        long expectedCrc = littleEndian(0);
        long expectedSize = littleEndian(4);
        if (expectedCrc != crc.getValue()) {
            throw malformed("gzip CRC-32 mismatch");
        }
        if (expectedSize != (memberDecodedBytes & 0xffffffffL)) {
            throw malformed("gzip length mismatch: trailer says " + expectedSize + ", got " + memberDecodedBytes);
        }
        state = State.MEMBER_END;
        return true;
    }

    private long littleEndian(int offset) {
        return (trailer[offset] & 0xffL) | (trailer[offset + 1] & 0xffL) << 8
                | (trailer[offset + 2] & 0xffL) << 16 | (trailer[offset + 3] & 0xffL) << 24;
    }

    /**
     * The body ended: checks that the compressed stream ended too (an empty body is fine).
     *
     * @throws HttpProtocolException ({@link Reason#MALFORMED_CONTENT_ENCODING}) if it was cut short
     */
    public void finish() throws HttpProtocolException {
        boolean nothingReceived = encodedBytes == 0;
        if (state != State.MEMBER_END && !nothingReceived) {
            throw malformed("compressed body ends in the middle of the stream");
        }
    }

    /** Releases the inflater and returns the output buffer to the pool. Idempotent. */
    @Override
    public void close() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
        if (state != null) {
            state = null;
            pool.release(output);
        }
    }

    private HttpProtocolException malformed(String message) {
        return new HttpProtocolException(uri, status, Reason.MALFORMED_CONTENT_ENCODING, message);
    }
}
