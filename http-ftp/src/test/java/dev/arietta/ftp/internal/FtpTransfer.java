package dev.arietta.ftp.internal;

import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.FtpException.Reason;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Test tooling: one RETR on an {@link FtpSession}: reads the data connection (blocking, with the session's
 * read timeout). Read to the end for the whole file, or stop a range early with
 * {@link #abort()}; either way the session is idle and reusable afterwards. {@link #close()}
 * aborts an unfinished transfer.
 *
 * <p>When the size is known (SIZE was asked) a data connection that ends before
 * {@code size - offset} bytes fails with {@code SHORT_TRANSFER}.
 *
 * <p>Not thread-safe.
 */
public final class FtpTransfer implements Closeable {
    private final FtpSession session;
    private final SocketChannel data;
    private final InputStream dataInput;
    private final long offset;
    private final OptionalLong size;
    private final Optional<Instant> lastModified;
    private long received;
    private boolean finished;

    FtpTransfer(FtpSession session, SocketChannel data, long offset, OptionalLong size,
                Optional<Instant> lastModified) throws IOException {
        this.session = session;
        this.data = data;
        this.dataInput = data.socket().getInputStream();
        this.offset = offset;
        this.size = size;
        this.lastModified = lastModified;
    }

    /** The file offset of the first byte read. */
    public long offset() {
        return offset;
    }

    /** The file size from SIZE, if asked and answered. */
    public OptionalLong size() {
        return size;
    }

    /** The modification time from MDTM, if asked and answered. */
    public Optional<Instant> lastModified() {
        return lastModified;
    }

    /** Bytes read so far. */
    public long received() {
        return received;
    }

    /**
     * Reads up to {@code length} bytes into {@code buffer}.
     *
     * @return the number of bytes read, or -1 once the whole transfer is done and confirmed
     * @throws FtpException {@code TIMEOUT}, {@code DATA_CONNECTION_FAILED},
     *     {@code SHORT_TRANSFER} or the server's negative final reply
     */
    public int read(byte[] buffer, int start, int length) throws FtpException {
        if (finished) {
            return -1;
        }
        int count;
        try {
            count = dataInput.read(buffer, start, length);
        } catch (SocketTimeoutException timeout) {
            fail();
            throw new FtpException(Reason.TIMEOUT, session.maskedUrl(), "RETR", 0, null,
                    "no data within the read timeout after " + received + " bytes", timeout);
        } catch (IOException failure) {
            fail();
            throw new FtpException(Reason.DATA_CONNECTION_FAILED, session.maskedUrl(), "RETR", 0, null,
                    "data connection failed after " + received + " bytes: " + failure.getMessage(), failure);
        }
        if (count >= 0) {
            received += count;
            return count;
        }
        finished = true;
        FtpSession.closeQuietly(data);
        session.finishTransfer();
        if (size.isPresent() && offset + received < size.getAsLong()) {
            throw new FtpException(Reason.SHORT_TRANSFER, session.maskedUrl(), "RETR", 0, null,
                    "data ended at byte " + (offset + received) + " of " + size.getAsLong(), null);
        }
        return -1;
    }

    /** Reads into {@code buffer}'s remaining space; see {@link #read(byte[], int, int)}. */
    public int read(ByteBuffer buffer) throws FtpException {
        if (buffer.hasArray()) {
            int count = read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            if (count > 0) {
                buffer.position(buffer.position() + count);
            }
            return count;
        }
        byte[] chunk = new byte[Math.min(buffer.remaining(), 64 * 1024)];
        int count = read(chunk, 0, chunk.length);
        if (count > 0) {
            buffer.put(chunk, 0, count);
        }
        return count;
    }

    /**
     * Stops the transfer before its end (a range is complete): closes the data connection,
     * sends ABOR and re-synchronises the control connection, leaving the session reusable.
     */
    public void abort() throws FtpException {
        if (finished) {
            return;
        }
        finished = true;
        FtpSession.closeQuietly(data);
        session.abortTransfer();
    }

    /** Aborts the transfer if it is not finished. */
    @Override
    public void close() throws FtpException {
        abort();
    }

    /** Closes the data connection without talking to the server (the session is closing). */
    void closeData() {
        finished = true;
        FtpSession.closeQuietly(data);
    }

    private void fail() {
        finished = true;
        FtpSession.closeQuietly(data);
        session.transferBroken();
    }
}
