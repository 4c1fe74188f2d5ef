package dev.arietta.metalink.internal;

import dev.arietta.metalink.MetalinkException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses to deliver more than a set number of bytes: reading past the bound throws a
 * {@link MetalinkException} of kind {@code LIMIT_EXCEEDED}, so an endless stream cannot keep
 * the parser busy or growing. Not thread-safe; does not close the wrapped stream.
 */
final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long consumed;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // Ask for one byte beyond the bound, so a document of exactly the limit still passes.
        long allowed = limit + 1 - consumed;
        int n = in.read(buffer, offset, (int) Math.min(length, Math.max(allowed, 1)));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, limit + 1 - consumed));
        count(skipped);
        return skipped;
    }

    @Override
    public void close() {
        // The caller owns the wrapped stream.
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) throws MetalinkException {
        consumed += n;
        if (consumed > limit) {
            throw new MetalinkException(MetalinkException.Kind.LIMIT_EXCEEDED,
                    "document is larger than the limit of " + limit + " bytes");
        }
    }
}
