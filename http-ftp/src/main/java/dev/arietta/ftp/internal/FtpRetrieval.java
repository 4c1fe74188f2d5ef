package dev.arietta.ftp.internal;

import java.util.Objects;

/**
 * One piece of work for the {@link FtpClient}: a byte range {@code [start, end)} of a file, or
 * from {@code start} to the end of the file, optionally with its size ({@code SIZE}) and
 * modification time ({@code MDTM}); or only the size and time ({@link #query}). Immutable.
 *
 * <p>The credentials are the caller's choice, normally {@link FtpCredentials#resolve} (URL user
 * info, then netrc, then anonymous). Connections are pooled per host, port, credentials and
 * proxy, so segments of one download share a logged-in control connection.
 *
 * @param url the file
 * @param credentials the login
 * @param start the first byte, 0 or more
 * @param end one past the last byte wanted, or {@link #TO_END} for the rest of the file;
 *     a range ending before the file's end is stopped with {@code ABOR} once its bytes arrived
 * @param querySize whether to ask the size; a known size turns an early end of data into
 *     {@code SHORT_TRANSFER}
 * @param queryModificationTime whether to ask the modification time
 * @param retrieve whether to retrieve bytes ({@code false}: only the queries)
 */
public record FtpRetrieval(FtpUrl url, FtpCredentials credentials, long start, long end, boolean querySize,
                           boolean queryModificationTime, boolean retrieve) {
    /** {@link #end()} for "to the end of the file". */
    public static final long TO_END = -1;

    public FtpRetrieval {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentials, "credentials");
        if (start < 0 || (end != TO_END && end <= start)) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    /** Bytes {@code [start, end)} ({@code end} may be {@link #TO_END}), asking size and time. */
    public static FtpRetrieval range(FtpUrl url, FtpCredentials credentials, long start, long end) {
        return new FtpRetrieval(url, credentials, start, end, true, true, true);
    }

    /** Only SIZE and MDTM, no transfer. */
    public static FtpRetrieval query(FtpUrl url, FtpCredentials credentials) {
        return new FtpRetrieval(url, credentials, 0, TO_END, true, true, false);
    }

    /** Whether the range stops before the end of the file (or an unknown end). */
    public boolean bounded() {
        return end != TO_END;
    }
}
