package dev.arietta.http.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.ftp.FtpException;
import dev.arietta.ftp.internal.FakeFtpServer;
import dev.arietta.ftp.internal.FtpClient;
import dev.arietta.ftp.internal.FtpCredentials;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FtpSourceFetcherTest {
    private static final byte[] CONTENT = content(10_000);
    private static final FtpCredentials BOB = new FtpCredentials("bob", "secret", null);
    /** The bounded first request a transfer sends. */
    private static final long FIRST_REQUEST_END = 4_096;

    private EventLoop loop;
    private FtpClient client;
    private FtpSourceFetcher fetcher;
    private FakeFtpServer server;

    @BeforeEach
    void start() throws Exception {
        loop = EventLoop.start(0, System::nanoTime);
        client = FtpClient.builder(loop).build();
        fetcher = new FtpSourceFetcher(loop, client, url -> BOB);
        server = new FakeFtpServer(CONTENT);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        client.close();
        loop.close();
    }

    @Test
    void boundedRangeDeliversItsBytesAndTheTotalLength() throws Exception {
        Recording recording = fetch(new FetchRequest(uri(), 100, 4_100, CONTENT.length));
        byte[] body = recording.done.get(10, TimeUnit.SECONDS);
        FetchResponse response = recording.started.get();
        assertEquals(CONTENT.length, response.totalLength());
        assertTrue(response.rangeSupported());
        assertEquals(uri(), response.finalUri());
        assertArrayEquals(Arrays.copyOfRange(CONTENT, 100, 4_100), body);
        assertTrue(server.commands().contains("REST 100"), server.commands().toString());
    }

    @Test
    void openRangeFromZeroDeliversTheWholeFileWithTheCallersCredentials() throws Exception {
        Recording recording = fetch(new FetchRequest(uri(), 0, FetchRequest.TO_END, -1));
        assertArrayEquals(CONTENT, recording.done.get(10, TimeUnit.SECONDS));
        assertTrue(server.commands().contains("USER bob"), server.commands().toString());
        assertTrue(server.commands().contains("PASS secret"), server.commands().toString());
    }

    @Test
    void sizeOtherThanExpectedIsAnotherEntity() throws Exception {
        Recording recording = fetch(new FetchRequest(uri(), 0, 100, CONTENT.length + 1));
        FetchFailure failure = recording.failure.get(10, TimeUnit.SECONDS);
        assertEquals(FetchFailure.Kind.RANGE_UNSUPPORTED, failure.kind());
        assertEquals(ErrorCode.CANNOT_RESUME, failure.code());
        assertTrue(failure.message().contains("expected " + (CONTENT.length + 1)), failure.message());
        assertTrue(!recording.started.isDone());
    }

    @Test
    void modificationTimeIsAskedFromOffsetZeroWhenWanted() throws Exception {
        fetcher = new FtpSourceFetcher(loop, client, url -> BOB, false, true);
        Recording first = fetch(new FetchRequest(uri(), 0, FetchRequest.TO_END, -1));
        assertArrayEquals(CONTENT, first.done.get(10, TimeUnit.SECONDS));
        assertEquals(Optional.of(Instant.parse("2024-01-31T23:59:59Z")), first.started.get().lastModified());
        long asked = server.commands().stream().filter(command -> command.startsWith("MDTM")).count();
        assertEquals(1, asked, server.commands().toString());
        Recording later = fetch(new FetchRequest(uri(), 100, 200, CONTENT.length));
        later.done.get(10, TimeUnit.SECONDS);
        assertEquals(Optional.empty(), later.started.get().lastModified());
        assertEquals(asked, server.commands().stream().filter(command -> command.startsWith("MDTM")).count(),
                "a later range does not ask again");
    }

    @Test
    void queryOnlyFetcherLearnsSizeAndTimeWithoutRetrieving() throws Exception {
        fetcher = new FtpSourceFetcher(loop, client, url -> BOB, true, false);
        Recording recording = fetch(new FetchRequest(uri(), 0, FIRST_REQUEST_END, -1));
        assertEquals(0, recording.done.get(10, TimeUnit.SECONDS).length);
        assertEquals(CONTENT.length, recording.started.get().totalLength());
        assertTrue(recording.started.get().lastModified().isPresent());
        assertTrue(server.commands().stream().noneMatch(command -> command.startsWith("RETR")),
                server.commands().toString());
    }

    @Test
    void refusedConnectionIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Recording recording = fetch(new FetchRequest(URI.create("ftp://127.0.0.1:" + closedPort + "/file.bin"), 0,
                FetchRequest.TO_END, -1));
        FetchFailure failure = recording.failure.get(10, TimeUnit.SECONDS);
        assertEquals(FetchFailure.Kind.RETRYABLE, failure.kind());
        assertEquals(ErrorCode.NETWORK, failure.code());
    }

    @Test
    void urlWithoutFileNameFailsFatallyAfterFetchReturns() throws Exception {
        Recording recording = fetch(new FetchRequest(URI.create("ftp://127.0.0.1:" + server.port() + "/dir/"), 0,
                FetchRequest.TO_END, -1));
        FetchFailure failure = recording.failure.get(10, TimeUnit.SECONDS);
        assertEquals(FetchFailure.Kind.FATAL, failure.kind());
        assertEquals(ErrorCode.UNKNOWN, failure.code());
    }

    @Test
    void supportsOnlyFtp() {
        assertTrue(fetcher.supports(URI.create("FTP://host/file")));
        assertTrue(!fetcher.supports(URI.create("http://host/file")));
        assertTrue(!fetcher.supports(URI.create("ftps://host/file")));
    }

    @ParameterizedTest
    @CsvSource({
        "FILE_NOT_FOUND, NOT_FOUND, RESOURCE_NOT_FOUND",
        "RESUME_NOT_SUPPORTED, RANGE_UNSUPPORTED, CANNOT_RESUME",
        "LOGIN_FAILED, FATAL, HTTP_AUTH_FAILED",
        "ACCOUNT_REQUIRED, FATAL, HTTP_AUTH_FAILED",
        "BAD_URL, FATAL, UNKNOWN",
        "MALFORMED_REPLY, FATAL, FTP_PROTOCOL_ERROR",
        "PASSIVE_ADDRESS_MISMATCH, FATAL, FTP_PROTOCOL_ERROR",
        "MALFORMED_SIZE, FATAL, FTP_PROTOCOL_ERROR",
        "TIMEOUT, RETRYABLE, TIMEOUT",
        "CONNECTION_FAILED, RETRYABLE, NETWORK",
        "NAME_RESOLUTION_FAILED, RETRYABLE, NAME_RESOLVE_ERROR",
        "SERVICE_UNAVAILABLE, RETRYABLE, NETWORK",
        "DATA_CONNECTION_FAILED, RETRYABLE, NETWORK",
        "SHORT_TRANSFER, RETRYABLE, NETWORK",
        "TRANSFER_FAILED, RETRYABLE, FTP_PROTOCOL_ERROR",
    })
    void failuresMapToKindsAndCodes(FtpException.Reason reason, FetchFailure.Kind kind, ErrorCode code) {
        FetchFailure failure = FtpSourceFetcher.failureOf(
                new FtpException(reason, "ftp://host/file", "RETR file", 0, "", "went wrong", null));
        assertEquals(kind, failure.kind());
        assertEquals(code, failure.code());
        assertTrue(failure.message().contains("ftp://host/file"), failure.message());
    }

    private URI uri() {
        return URI.create("ftp://127.0.0.1:" + server.port() + "/dir/file.bin");
    }

    private Recording fetch(FetchRequest request) throws Exception {
        Recording recording = new Recording();
        CompletableFuture.runAsync(() -> fetcher.fetch(request, recording), loop).get(10, TimeUnit.SECONDS);
        return recording;
    }

    private static byte[] content(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    /** Records one fetch's callbacks. */
    private static final class Recording implements FetchListener {
        final CompletableFuture<FetchResponse> started = new CompletableFuture<>();
        final CompletableFuture<byte[]> done = new CompletableFuture<>();
        final CompletableFuture<FetchFailure> failure = new CompletableFuture<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public void onStart(FetchResponse response) {
            started.complete(response);
        }

        @Override
        public void onData(ByteBuffer content) {
            byte[] chunk = new byte[content.remaining()];
            content.get(chunk);
            body.writeBytes(chunk);
        }

        @Override
        public void onEnd() {
            done.complete(body.toByteArray());
        }

        @Override
        public void onFailure(FetchFailure fetchFailure) {
            failure.complete(fetchFailure);
            done.completeExceptionally(new AssertionError(fetchFailure.message()));
        }
    }
}
