package dev.arietta.bittorrent.internal.tracker;

import static dev.arietta.bittorrent.internal.tracker.TrackerTestData.INFO_HASH;
import static dev.arietta.bittorrent.internal.tracker.TrackerTestData.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.loop.DefaultHostResolver;
import dev.arietta.http.internal.Http1Client;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP announces and scrapes through the session's HTTP client against a scripted tracker. */
class HttpTrackerClientTest {

    private static final String COMPACT_OK = "d8:completei2e10:incompletei1e8:intervali1200e5:peers6:"
            + "\177\000\000\001\032\341e";

    private FakeClockLoop loop;
    private FakeHttpTracker tracker;
    private Http1Client http;
    private HttpTrackerClient client;

    @BeforeEach
    void setUp() throws IOException {
        loop = new FakeClockLoop();
        tracker = new FakeHttpTracker(target -> FakeHttpTracker.ok(COMPACT_OK));
        http = Http1Client.builder(loop.loop).resolver(new DefaultHostResolver(Runnable::run)).build();
        client = new HttpTrackerClient(http, loop.loop, Duration.ofSeconds(30),
                TrackerLimits.DEFAULT.withMaxResponseBytes(4096));
    }

    @AfterEach
    void tearDown() throws IOException {
        http.close();
        loop.close();
        tracker.close();
    }

    private RecordingCallback<AnnounceResponse> announce(String url) {
        RecordingCallback<AnnounceResponse> callback = new RecordingCallback<>();
        loop.run(() -> client.announce(url, request(AnnounceEvent.STARTED), callback));
        return callback;
    }

    @Test
    void announcesAndParsesTheCompactResponse() throws Exception {
        RecordingCallback<AnnounceResponse> callback = announce(tracker.url("/announce?passkey=abc"));
        String target = tracker.nextTarget();
        assertTrue(target.startsWith("/announce?passkey=abc&info_hash=%01%23Eg%89%AB%CD%EF"), target);
        assertTrue(target.contains("&peer_id=-AT0100-abcdefghijkl&port=6881&"), target);
        assertTrue(target.endsWith("&compact=1&no_peer_id=1&numwant=50&key=0BADCAFE&event=started"), target);
        AnnounceResponse response = callback.result();
        assertEquals(OptionalInt.of(1200), response.intervalSeconds());
        assertEquals(2, response.seeders());
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 6881)), response.peers());
        assertEquals(loop.loop.name(), callback.callbackThread.getName());
    }

    @Test
    void failureReasonIsATrackerFailure() throws Exception {
        tracker.script(target -> FakeHttpTracker.ok("d14:failure reason17:torrent not founde"));
        String url = tracker.url("/announce");
        TrackerException failure = announce(url).failure();
        assertEquals(TrackerException.Kind.TRACKER_FAILURE, failure.kind());
        assertEquals("torrent not found", failure.reason());
        assertEquals(url, failure.trackerUrl());
        assertEquals("torrent not found (tracker " + url + ")", failure.getMessage());
    }

    @Test
    void garbageIsMalformed() throws Exception {
        tracker.script(target -> FakeHttpTracker.ok("<html>502 Bad Gateway</html>"));
        TrackerException failure = announce(tracker.url("/announce")).failure();
        assertEquals(TrackerException.Kind.MALFORMED_RESPONSE, failure.kind());
        assertTrue(failure.reason().startsWith("response is not bencoded: "), failure.reason());
    }

    @Test
    void declaredLengthOverTheLimitIsRefused() throws Exception {
        tracker.script(target -> FakeHttpTracker.ok(new byte[5000]));
        TrackerException failure = announce(tracker.url("/announce")).failure();
        assertEquals(TrackerException.Kind.LIMIT_EXCEEDED, failure.kind());
        assertEquals("response of 5000 bytes exceeds the limit of 4096", failure.reason());
    }

    @Test
    void chunkedBodyGrowingOverTheLimitIsRefused() throws Exception {
        StringBuilder chunked = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 10; i++) {
            chunked.append("3e8\r\n").append("x".repeat(1000)).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        tracker.script(target -> chunked.toString().getBytes(StandardCharsets.US_ASCII));
        TrackerException failure = announce(tracker.url("/announce")).failure();
        assertEquals(TrackerException.Kind.LIMIT_EXCEEDED, failure.kind());
        assertTrue(failure.reason().endsWith(" bytes exceeds the limit of 4096"), failure.reason());
    }

    @Test
    void httpErrorStatusIsANetworkFailure() throws Exception {
        tracker.script(target -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        TrackerException failure = announce(tracker.url("/announce")).failure();
        assertEquals(TrackerException.Kind.NETWORK, failure.kind());
        assertTrue(failure.reason().contains("404"), failure.reason());
    }

    @Test
    void silentTrackerTimesOutAtTheDeadline() throws Exception {
        tracker.script(target -> null);
        RecordingCallback<AnnounceResponse> callback = announce(tracker.url("/announce"));
        tracker.nextTarget();
        loop.advance(Duration.ofSeconds(29));
        callback.assertPending();
        loop.advance(Duration.ofSeconds(1));
        TrackerException failure = callback.failure();
        assertEquals(TrackerException.Kind.TIMEOUT, failure.kind());
        assertEquals("no complete response within 30 s", failure.reason());
    }

    @Test
    void unusableUrlsFailWithoutARequest() throws Exception {
        TrackerException spaces = announce("http://tracker.example/an nounce").failure();
        assertEquals(TrackerException.Kind.INVALID_URL, spaces.kind());
        RecordingCallback<ScrapeResult> scrape = new RecordingCallback<>();
        loop.run(() -> client.scrape(tracker.url("/tracker.php"), INFO_HASH, scrape));
        TrackerException noScrape = scrape.failure();
        assertEquals(TrackerException.Kind.INVALID_URL, noScrape.kind());
        assertEquals("no scrape URL: the last path segment does not start with \"announce\"", noScrape.reason());
    }

    @Test
    void scrapesThroughTheScrapeUrl() throws Exception {
        String hash = new String(INFO_HASH.bytes(), StandardCharsets.ISO_8859_1);
        tracker.script(target -> FakeHttpTracker.ok(("d5:filesd20:" + hash
                + "d8:completei4e10:downloadedi9e10:incompletei2eeee").getBytes(StandardCharsets.ISO_8859_1)));
        RecordingCallback<ScrapeResult> callback = new RecordingCallback<>();
        loop.run(() -> client.scrape(tracker.url("/x/announce.php?key=1"), INFO_HASH, callback));
        assertEquals("/x/scrape.php?key=1&info_hash=%01%23Eg%89%AB%CD%EF%01%23Eg%89%AB%CD%EF%01%23Eg",
                tracker.nextTarget());
        assertEquals(new ScrapeResult(4, 9, 2), callback.result());
    }
}
