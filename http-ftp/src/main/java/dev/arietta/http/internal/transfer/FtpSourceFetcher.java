package dev.arietta.http.internal.transfer;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.internal.FtpClient;
import dev.arietta.ftp.internal.FtpCredentials;
import dev.arietta.ftp.internal.FtpListener;
import dev.arietta.ftp.internal.FtpResponse;
import dev.arietta.ftp.internal.FtpRetrieval;
import dev.arietta.ftp.internal.FtpUrl;
import dev.arietta.http.internal.ExchangeHandle;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Fetches ranges over FTP with the session's {@link FtpClient}.
 *
 * <p>Every retrieval asks {@code SIZE}, so the first connection learns the length; an FTP
 * source always counts as range-capable ({@code REST}): a server that refuses {@code REST}
 * fails the range with {@link FetchFailure.Kind#RANGE_UNSUPPORTED}, so the file is then
 * fetched without a split. A size other than the request's expected total length fails the
 * fetch with {@link FetchFailure.Kind#RANGE_UNSUPPORTED} (another entity). FTP suggests no
 * file name: the download names the file after the URI.
 *
 * <p>Failures map to {@link FetchFailure.Kind}s with the {@link FtpException}'s aria2 error
 * code: a missing file is not found; login refused, a bad URL and protocol violations are
 * fatal for the source; everything else (network, timeout, 421, data connection trouble, a
 * short transfer) is retryable.
 *
 * <p>ASCII mode ({@link FtpClient#asciiType()}, aria2's {@code ftp-type=ascii}): the server
 * may rewrite line ends, so the bytes received are not the file's. No {@code SIZE} is asked,
 * the answer has an unknown length and no range support, so the file comes as one stream from
 * its start; a fetch from another offset fails at once as
 * {@link FetchFailure.Kind#RANGE_UNSUPPORTED} (it cannot resume).
 *
 * <p>Options: a fetch from offset 0 may also ask the modification time ({@code MDTM}), which
 * {@link FetchResponse#lastModified()} reports (aria2's {@code remote-time}); a query-only
 * fetcher asks {@code SIZE} and {@code MDTM} and retrieves nothing (aria2's {@code dry-run}):
 * its fetches start and end without data.
 *
 * <p>Called on the loop thread, like every {@link SourceFetcher}.
 */
public final class FtpSourceFetcher implements SourceFetcher {

    private final EventLoop loop;
    private final FtpClient client;
    private final Function<FtpUrl, FtpCredentials> credentials;
    private final boolean queryOnly;
    private final boolean askModificationTime;

    /**
     * @param loop        the loop {@code client} runs on
     * @param client      the session's FTP client
     * @param credentials the login for a URL (normally {@link FtpCredentials#resolve} with the
     *                    download's netrc, {@code ftp-user} and {@code ftp-passwd}); called on the
     *                    loop thread
     */
    public FtpSourceFetcher(EventLoop loop, FtpClient client, Function<FtpUrl, FtpCredentials> credentials) {
        this(loop, client, credentials, false, false);
    }

    /**
     * @param loop                the loop {@code client} runs on
     * @param client              the session's FTP client
     * @param credentials         the login for a URL, as above
     * @param queryOnly           whether to ask only {@code SIZE} and {@code MDTM}, retrieving nothing
     * @param askModificationTime whether fetches from offset 0 also ask {@code MDTM}
     */
    public FtpSourceFetcher(EventLoop loop, FtpClient client, Function<FtpUrl, FtpCredentials> credentials,
                            boolean queryOnly, boolean askModificationTime) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.client = Objects.requireNonNull(client, "client");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.queryOnly = queryOnly;
        this.askModificationTime = askModificationTime;
    }

    @Override
    public boolean supports(URI uri) {
        return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("ftp");
    }

    @Override
    public FetchHandle fetch(FetchRequest request, FetchListener listener) {
        FtpUrl url;
        FtpRetrieval retrieval;
        boolean ascii = client.asciiType();
        if (ascii && request.first() > 0 && !queryOnly) {
            return failLater(new FetchFailure(ErrorCode.CANNOT_RESUME, request.uri().getHost() + ": an ASCII mode"
                    + " transfer (ftp-type=ascii) cannot start at byte " + request.first(),
                    FetchFailure.Kind.RANGE_UNSUPPORTED, 0), listener);
        }
        try {
            url = FtpUrl.parse(request.uri());
            long end = request.end() == FetchRequest.TO_END || ascii ? FtpRetrieval.TO_END : request.end();
            boolean askTime = queryOnly || askModificationTime && request.first() == 0;
            retrieval = queryOnly ? new FtpRetrieval(url, credentials.apply(url), 0, FtpRetrieval.TO_END, !ascii, true,
                    false) : new FtpRetrieval(url, credentials.apply(url), request.first(), end, !ascii, askTime, true);
        } catch (FtpException | IllegalArgumentException bad) {
            FetchFailure failure = new FetchFailure(ErrorCode.UNKNOWN,
                    "cannot fetch " + request.uri().getHost() + ": " + bad.getMessage(), FetchFailure.Kind.FATAL, 0);
            return failLater(failure, listener);
        }
        Adapter adapter = new Adapter(request, listener, ascii);
        ExchangeHandle handle = client.retrieve(retrieval, adapter);
        adapter.handle = handle;
        return FetchHandle.of(handle);
    }

    /** Reports {@code failure} after {@link #fetch} returns, as the listener contract asks. */
    private FetchHandle failLater(FetchFailure failure, FetchListener listener) {
        boolean[] cancelled = {false};
        loop.execute(() -> {
            if (!cancelled[0]) {
                listener.onFailure(failure);
            }
        });
        return new FetchHandle() {
            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }

            @Override
            public void cancel() {
                cancelled[0] = true;
            }
        };
    }

    /** The failure kind and details for an FTP failure. */
    static FetchFailure failureOf(FtpException failure) {
        FetchFailure.Kind kind = switch (failure.reason()) {
            case FILE_NOT_FOUND -> FetchFailure.Kind.NOT_FOUND;
            case RESUME_NOT_SUPPORTED -> FetchFailure.Kind.RANGE_UNSUPPORTED;
            case BAD_URL, LOGIN_FAILED, ACCOUNT_REQUIRED, UNEXPECTED_GREETING, MALFORMED_REPLY,
                    REPLY_LINE_TOO_LONG, TOO_MANY_REPLY_LINES, MALFORMED_PASSIVE_REPLY, PASSIVE_ADDRESS_MISMATCH,
                    MALFORMED_SIZE -> FetchFailure.Kind.FATAL;
            default -> FetchFailure.Kind.RETRYABLE;
        };
        return new FetchFailure(failure.errorCode(), failure.getMessage(), kind, 0);
    }

    /** Turns the client's retrieval callbacks into fetch callbacks. */
    private static final class Adapter implements FtpListener {
        private final FetchRequest request;
        private final FetchListener listener;
        private final boolean ascii;
        private ExchangeHandle handle;
        private boolean failed;

        Adapter(FetchRequest request, FetchListener listener, boolean ascii) {
            this.request = request;
            this.listener = listener;
            this.ascii = ascii;
        }

        @Override
        public void onStart(FtpResponse response) {
            long total = response.size().isPresent() ? response.size().getAsLong() : -1;
            long expected = request.expectedTotalLength();
            if (expected >= 0 && total >= 0 && total != expected) {
                failed = true;
                handle.cancel();
                listener.onFailure(new FetchFailure(ErrorCode.CANNOT_RESUME, "FTP size of " + request.uri().getHost()
                        + " is " + total + " bytes, expected " + expected, FetchFailure.Kind.RANGE_UNSUPPORTED, 0));
                return;
            }
            listener.onStart(new FetchResponse(request.uri(), total, !ascii, Optional.empty(), response.lastModified()));
        }

        @Override
        public void onBody(ByteBuffer content) {
            if (failed) {
                content.position(content.limit());
                return;
            }
            listener.onData(content);
        }

        @Override
        public void onComplete() {
            if (failed) {
                return;
            }
            listener.onEnd();
        }

        @Override
        public void onFailure(FtpException failure) {
            if (failed) {
                return;
            }
            listener.onFailure(failureOf(failure));
        }
    }
}
