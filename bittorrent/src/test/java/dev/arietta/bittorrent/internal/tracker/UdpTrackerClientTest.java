package dev.arietta.bittorrent.internal.tracker;

import static dev.arietta.bittorrent.internal.tracker.TrackerTestData.INFO_HASH;
import static dev.arietta.bittorrent.internal.tracker.TrackerTestData.PEER_ID;
import static dev.arietta.bittorrent.internal.tracker.TrackerTestData.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arietta.bittorrent.internal.tracker.FakeUdpTracker.Received;
import dev.arietta.core.internal.loop.DefaultHostResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** BEP 15 against a scripted tracker, on a loop whose clock the test advances. */
class UdpTrackerClientTest {

    private static final long CONNECTION_ID = 0x1122334455667788L;

    private FakeClockLoop loop;
    private FakeUdpTracker tracker;
    private UdpTrackerClient client;

    @BeforeEach
    void setUp() throws IOException {
        loop = new FakeClockLoop();
        tracker = new FakeUdpTracker(InetAddress.getByName("127.0.0.1"));
        client = newClient(new UdpTrackerSettings(Duration.ofSeconds(15), 2, Duration.ofSeconds(60)));
    }

    private UdpTrackerClient newClient(UdpTrackerSettings settings) {
        return new UdpTrackerClient(loop.loop, new DefaultHostResolver(Runnable::run), settings,
                TrackerLimits.DEFAULT, new SplittableRandom(5));
    }

    @AfterEach
    void tearDown() {
        loop.run(client::close);
        loop.close();
        tracker.close();
    }

    private RecordingCallback<AnnounceResponse> announce(String url, AnnounceEvent event) {
        RecordingCallback<AnnounceResponse> callback = new RecordingCallback<>();
        loop.run(() -> client.announce(url, request(event), callback));
        return callback;
    }

    @Test
    void connectsThenAnnouncesAndReadsIpv4Peers() throws Exception {
        RecordingCallback<AnnounceResponse> callback = announce(tracker.url("/announce"), AnnounceEvent.STARTED);
        Received connect = tracker.next();
        assertEquals(16, connect.data().remaining());
        assertEquals(0x41727101980L, connect.connectionId());
        assertEquals(0, connect.action());
        tracker.answerConnect(connect, CONNECTION_ID);

        Received announce = tracker.next();
        ByteBuffer packet = announce.data();
        assertEquals(CONNECTION_ID, packet.getLong(0));
        assertEquals(1, packet.getInt(8));
        byte[] hash = new byte[20];
        packet.get(16, hash);
        assertArrayEquals(INFO_HASH.bytes(), hash);
        byte[] peerId = new byte[20];
        packet.get(36, peerId);
        assertArrayEquals(PEER_ID.bytes(), peerId);
        assertEquals(200, packet.getLong(56), "downloaded");
        assertEquals(300, packet.getLong(64), "left");
        assertEquals(100, packet.getLong(72), "uploaded");
        assertEquals(2, packet.getInt(80), "event started");
        assertEquals(0, packet.getInt(84), "IP");
        assertEquals(0x0badcafe, packet.getInt(88), "key");
        assertEquals(50, packet.getInt(92), "numwant");
        assertEquals(6881, packet.getShort(96) & 0xffff, "port");

        byte[] peers = {10, 0, 0, 1, 0x1a, (byte) 0xe1, (byte) 192, (byte) 168, 1, 2, 0x1f, (byte) 0x90};
        tracker.answerAnnounce(announce, 1800, 4, 9, peers);
        AnnounceResponse response = callback.result();
        assertEquals(OptionalInt.of(1800), response.intervalSeconds());
        assertEquals(9, response.seeders());
        assertEquals(4, response.leechers());
        assertEquals(List.of(new InetSocketAddress("10.0.0.1", 6881), new InetSocketAddress("192.168.1.2", 8080)),
                response.peers());
        assertTrue(loop.loop.name().equals(callback.callbackThread.getName()), "callback on the loop thread");
    }

    @Test
    void sendsPathAndQueryAsUrlDataOptionsInChunksOf255() throws Exception {
        String longQuery = "?passkey=" + "k".repeat(300);
        announce(tracker.url("/announce" + longQuery), AnnounceEvent.NONE);
        Received connect = tracker.next();
        tracker.answerConnect(connect, CONNECTION_ID);
        ByteBuffer packet = tracker.next().data();
        byte[] urlData = ("/announce" + longQuery).getBytes(StandardCharsets.US_ASCII);
        assertEquals(98 + 2 + 255 + 2 + (urlData.length - 255), packet.remaining());
        assertEquals(0, packet.getInt(80), "event none");
        assertEquals(2, packet.get(98), "option URLData");
        assertEquals(255, packet.get(99) & 0xff);
        assertEquals(2, packet.get(98 + 2 + 255));
        assertEquals(urlData.length - 255, packet.get(98 + 2 + 255 + 1) & 0xff);
        byte[] first = new byte[255];
        packet.get(100, first);
        byte[] second = new byte[urlData.length - 255];
        packet.get(98 + 2 + 255 + 2, second);
        assertEquals(new String(urlData, StandardCharsets.US_ASCII),
                new String(first, StandardCharsets.US_ASCII) + new String(second, StandardCharsets.US_ASCII));
    }

    @Test
    void scrapeReadsSeedersCompletedAndLeechers() throws Exception {
        RecordingCallback<ScrapeResult> callback = new RecordingCallback<>();
        loop.run(() -> client.scrape(tracker.url("/announce"), INFO_HASH, callback));
        tracker.answerConnect(tracker.next(), CONNECTION_ID);
        Received scrape = tracker.next();
        assertEquals(36, scrape.data().remaining());
        assertEquals(2, scrape.action());
        byte[] hash = new byte[20];
        scrape.data().get(16, hash);
        assertArrayEquals(INFO_HASH.bytes(), hash);
        tracker.send(ByteBuffer.allocate(20).putInt(2).putInt(scrape.transactionId()).putInt(5).putInt(17).putInt(3)
                .array(), scrape.from());
        assertEquals(new ScrapeResult(5, 17, 3), callback.result());
    }

    @Test
    void readsEighteenBytePeersFromAnIpv6Tracker() throws Exception {
        FakeUdpTracker v6;
        try {
            v6 = new FakeUdpTracker(InetAddress.getByName("::1"));
        } catch (SocketException noIpv6) {
            assumeTrue(false, "no IPv6 loopback: " + noIpv6.getMessage());
            return;
        }
        try (v6) {
            RecordingCallback<AnnounceResponse> callback = announce(v6.url("/announce"), AnnounceEvent.NONE);
            v6.answerConnect(v6.next(), CONNECTION_ID);
            byte[] peer = new byte[18];
            System.arraycopy(InetAddress.getByName("2001:db8::7").getAddress(), 0, peer, 0, 16);
            peer[16] = 0x1a;
            peer[17] = (byte) 0xe1;
            v6.answerAnnounce(v6.next(), 60, 0, 1, peer);
            assertEquals(List.of(new InetSocketAddress("2001:db8::7", 6881)), callback.result().peers());
        }
    }

    @Test
    void ignoresWrongTransactionIdsAndRuntPackets() throws Exception {
        RecordingCallback<AnnounceResponse> callback = announce(tracker.url("/announce"), AnnounceEvent.NONE);
        Received connect = tracker.next();
        tracker.send(ByteBuffer.allocate(16).putInt(0).putInt(connect.transactionId() + 1).putLong(99).array(),
                connect.from());
        tracker.send(new byte[] {0, 0, 0, 0, 1}, connect.from());
        tracker.answerConnect(connect, CONNECTION_ID);
        Received announce = tracker.next();
        assertEquals(CONNECTION_ID, announce.connectionId(), "the id of the matching answer is used");
        tracker.send(ByteBuffer.allocate(20).putInt(1).putInt(announce.transactionId() ^ 0x5a5a).putInt(1).putInt(0)
                .putInt(0).array(), announce.from());
        tracker.answerAnnounce(announce, 900, 0, 0, new byte[0]);
        assertEquals(OptionalInt.of(900), callback.result().intervalSeconds());
    }

    static Stream<Arguments> hostileAnswers() {
        Function<Received, byte[]> noReply = null;
        return Stream.of(
                Arguments.of("short connect answer", (Function<Received, byte[]>) connect ->
                        ByteBuffer.allocate(12).putInt(0).putInt(connect.transactionId()).putInt(7).array(), noReply,
                        TrackerException.Kind.MALFORMED_RESPONSE, "connect response of 12 bytes, need 16"),
                Arguments.of("announce action to connect", (Function<Received, byte[]>) connect ->
                        ByteBuffer.allocate(20).putInt(1).putInt(connect.transactionId()).array(), noReply,
                        TrackerException.Kind.MALFORMED_RESPONSE, "action 1 in answer to connect"),
                Arguments.of("error to connect", (Function<Received, byte[]>) connect ->
                        errorPacket(connect, "banned client"), noReply,
                        TrackerException.Kind.TRACKER_FAILURE, "banned client"),
                Arguments.of("short announce answer", connected(), (Function<Received, byte[]>) announce ->
                        ByteBuffer.allocate(19).putInt(1).putInt(announce.transactionId()).array(),
                        TrackerException.Kind.MALFORMED_RESPONSE, "announce response of 19 bytes, need at least 20"),
                Arguments.of("partial peer entry", connected(), (Function<Received, byte[]>) announce ->
                        ByteBuffer.allocate(27).putInt(1).putInt(announce.transactionId()).array(),
                        TrackerException.Kind.MALFORMED_RESPONSE, "peer list is 7 bytes, not a multiple of 6"),
                Arguments.of("scrape action to announce", connected(), (Function<Received, byte[]>) announce ->
                        ByteBuffer.allocate(20).putInt(2).putInt(announce.transactionId()).array(),
                        TrackerException.Kind.MALFORMED_RESPONSE, "action 2 in answer to action 1"),
                Arguments.of("error to announce", connected(), (Function<Received, byte[]>) announce ->
                        errorPacket(announce, "unregistered torrent"),
                        TrackerException.Kind.TRACKER_FAILURE, "unregistered torrent"),
                Arguments.of("too many peers", connected(), (Function<Received, byte[]>) announce ->
                        ByteBuffer.allocate(20 + 6 * 1001).putInt(1).putInt(announce.transactionId()).array(),
                        TrackerException.Kind.LIMIT_EXCEEDED, "1001 peers exceed the limit of 1000"));
    }

    private static Function<Received, byte[]> connected() {
        return connect -> ByteBuffer.allocate(16).putInt(0).putInt(connect.transactionId()).putLong(CONNECTION_ID)
                .array();
    }

    private static byte[] errorPacket(Received to, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length).putInt(3).putInt(to.transactionId()).put(text).array();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileAnswers")
    void hostileAnswerFailsTheRequestWithItsKind(String name, Function<Received, byte[]> connectAnswer,
            Function<Received, byte[]> announceAnswer, TrackerException.Kind kind, String reason) throws Exception {
        String url = tracker.url("/announce");
        RecordingCallback<AnnounceResponse> callback = announce(url, AnnounceEvent.NONE);
        Received connect = tracker.next();
        tracker.send(connectAnswer.apply(connect), connect.from());
        if (announceAnswer != null) {
            Received announce = tracker.next();
            tracker.send(announceAnswer.apply(announce), announce.from());
        }
        TrackerException failure = callback.failure();
        assertEquals(kind, failure.kind());
        assertEquals(reason, failure.reason());
        assertEquals(url, failure.trackerUrl());
    }

    @Test
    void retransmitsAfterFifteenTimesTwoToTheNSecondsThenTimesOut() throws Exception {
        RecordingCallback<AnnounceResponse> callback = announce(tracker.url("/announce"), AnnounceEvent.NONE);
        Received first = tracker.next();
        loop.advance(Duration.ofSeconds(14));
        assertTrue(tracker.nothingReceived(), "no retransmission before 15 s");
        loop.advance(Duration.ofSeconds(1));
        Received second = tracker.next();
        assertEquals(first.data(), second.data(), "the same connect request again");
        loop.advance(Duration.ofSeconds(29));
        assertTrue(tracker.nothingReceived(), "the second wait is 30 s");
        loop.advance(Duration.ofSeconds(1));
        tracker.next();
        loop.advance(Duration.ofSeconds(59));
        callback.assertPending();
        loop.advance(Duration.ofSeconds(1));
        TrackerException failure = callback.failure();
        assertEquals(TrackerException.Kind.TIMEOUT, failure.kind());
        assertEquals("no answer after 3 attempts", failure.reason());
    }

    @Test
    void reusesTheConnectionIdForSixtySecondsThenConnectsAgain() throws Exception {
        String url = tracker.url("/announce");
        RecordingCallback<AnnounceResponse> first = announce(url, AnnounceEvent.STARTED);
        tracker.answerConnect(tracker.next(), CONNECTION_ID);
        tracker.answerAnnounce(tracker.next(), 60, 0, 0, new byte[0]);
        first.result();

        loop.advance(Duration.ofSeconds(59));
        RecordingCallback<AnnounceResponse> second = announce(url, AnnounceEvent.NONE);
        Received direct = tracker.next();
        assertEquals(1, direct.action(), "announce without a new connect");
        assertEquals(CONNECTION_ID, direct.connectionId());
        tracker.answerAnnounce(direct, 60, 0, 0, new byte[0]);
        second.result();

        loop.advance(Duration.ofSeconds(1));
        RecordingCallback<AnnounceResponse> third = announce(url, AnnounceEvent.NONE);
        Received connect = tracker.next();
        assertEquals(0, connect.action(), "the id expired 60 s after it arrived");
        tracker.answerConnect(connect, CONNECTION_ID + 1);
        Received announce = tracker.next();
        assertEquals(CONNECTION_ID + 1, announce.connectionId());
        tracker.answerAnnounce(announce, 60, 0, 0, new byte[0]);
        third.result();
    }

    @Test
    void reconnectsWhenTheConnectionIdExpiresWhileRetransmitting() throws Exception {
        loop.run(client::close);
        client = newClient(new UdpTrackerSettings(Duration.ofSeconds(15), 8, Duration.ofSeconds(60)));
        RecordingCallback<AnnounceResponse> callback = announce(tracker.url("/announce"), AnnounceEvent.NONE);
        tracker.answerConnect(tracker.next(), CONNECTION_ID);
        assertEquals(1, tracker.next().action());
        loop.advance(Duration.ofSeconds(15));
        assertEquals(1, tracker.next().action(), "first retransmission at 15 s, id still fresh");
        loop.advance(Duration.ofSeconds(30));
        assertEquals(1, tracker.next().action(), "second at 45 s");
        loop.advance(Duration.ofSeconds(60));
        Received reconnect = tracker.next();
        assertEquals(0, reconnect.action(), "at 105 s the id is stale: connect first");
        tracker.answerConnect(reconnect, CONNECTION_ID + 5);
        Received announce = tracker.next();
        assertEquals(CONNECTION_ID + 5, announce.connectionId());
        tracker.answerAnnounce(announce, 60, 1, 2, new byte[0]);
        assertEquals(2, callback.result().seeders());
    }

    @Test
    void rejectsUrlsWithoutPortOrWithOverlongPath() throws Exception {
        RecordingCallback<AnnounceResponse> noPort = announce("udp://127.0.0.1/announce", AnnounceEvent.NONE);
        assertEquals(TrackerException.Kind.INVALID_URL, noPort.failure().kind());
        RecordingCallback<AnnounceResponse> longPath = announce(tracker.url("/" + "p".repeat(3000)),
                AnnounceEvent.NONE);
        TrackerException failure = longPath.failure();
        assertEquals(TrackerException.Kind.INVALID_URL, failure.kind());
        assertEquals("path and query longer than 2040 bytes", failure.reason());
    }

    @Test
    void cancelledRequestHearsNothingAndCloseFailsPendingOnes() throws Exception {
        RecordingCallback<AnnounceResponse> cancelled = new RecordingCallback<>();
        dev.arietta.core.internal.loop.Cancellable handle = loop.call(
                () -> client.announce(tracker.url("/announce"), request(AnnounceEvent.NONE), cancelled));
        Received connect = tracker.next();
        loop.run(handle::cancel);
        tracker.answerConnect(connect, CONNECTION_ID);
        RecordingCallback<AnnounceResponse> pending = announce(tracker.url("/announce"), AnnounceEvent.NONE);
        tracker.next();
        loop.run(client::close);
        assertEquals(TrackerException.Kind.CLOSED, pending.failure().kind());
        assertEquals(0, cancelled.calls());
    }
}
