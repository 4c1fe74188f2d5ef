package dev.arietta.bittorrent.internal.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.bittorrent.internal.wire.PeerId;
import dev.arietta.bittorrent.it.ExternalProgram;
import dev.arietta.bittorrent.it.OpenTrackerProcess;
import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.loop.DefaultHostResolver;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.http.internal.Http1Client;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our HTTP and UDP tracker clients, and the tier manager, against a real opentracker. */
class OpenTrackerIT {

    private static final InfoHash HTTP_TORRENT = InfoHash.ofHex("1111111111111111111111111111111111111111");
    private static final InfoHash UDP_TORRENT = InfoHash.ofHex("2222222222222222222222222222222222222222");
    private static final InfoHash MANAGED_TORRENT = InfoHash.ofHex("3333333333333333333333333333333333333333");
    private static final PeerId LEECHER = PeerId.of("-AT0100-leecher00001".getBytes(StandardCharsets.US_ASCII));
    private static final PeerId SEEDER = PeerId.of("-AT0100-seeder000002".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    static Path directory;
    private static OpenTrackerProcess opentracker;
    private static EventLoop loop;
    private static Http1Client http;
    private static HttpTrackerClient httpClient;
    private static UdpTrackerClient udpClient;

    @BeforeAll
    static void start() throws Exception {
        ExternalProgram.require(ExternalProgram.OPENTRACKER, "opentracker");
        opentracker = OpenTrackerProcess.start(directory, List.of(HTTP_TORRENT, UDP_TORRENT, MANAGED_TORRENT));
        loop = EventLoop.start(0, System::nanoTime);
        DefaultHostResolver resolver = new DefaultHostResolver(Runnable::run);
        http = Http1Client.builder(loop).resolver(resolver).connectTimeout(Duration.ofSeconds(5)).build();
        httpClient = new HttpTrackerClient(http, loop, Duration.ofSeconds(10), TrackerLimits.DEFAULT);
        udpClient = new UdpTrackerClient(loop, resolver,
                new UdpTrackerSettings(Duration.ofSeconds(2), 2, Duration.ofSeconds(60)), TrackerLimits.DEFAULT,
                new SplittableRandom(1));
    }

    @AfterAll
    static void stop() throws Exception {
        if (loop != null) {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            loop.execute(() -> {
                udpClient.close();
                closed.complete(null);
            });
            closed.get(10, TimeUnit.SECONDS);
            http.close();
            loop.close();
        }
        if (opentracker != null) {
            opentracker.close();
        }
    }

    private static AnnounceRequest request(InfoHash torrent, PeerId peer, int port, long left, AnnounceEvent event) {
        return new AnnounceRequest(torrent, peer, port, new TransferTotals(0, 0, left), event, 50, port,
                Optional.empty());
    }

    private static AnnounceResponse announce(TrackerClient client, String url, AnnounceRequest request)
            throws Exception {
        RecordingCallback<AnnounceResponse> callback = new RecordingCallback<>();
        loop.execute(() -> client.announce(url, request, callback));
        return callback.result();
    }

    private static ScrapeResult scrape(TrackerClient client, String url, InfoHash torrent) throws Exception {
        RecordingCallback<ScrapeResult> callback = new RecordingCallback<>();
        loop.execute(() -> client.scrape(url, torrent, callback));
        return callback.result();
    }

    @Test
    void twoPeersFindEachOtherOverHttpAndScrapeCountsThem() throws Exception {
        exchangePeers(httpClient, opentracker.httpAnnounceUri().toString(), HTTP_TORRENT);
    }

    @Test
    void twoPeersFindEachOtherOverUdpAndScrapeCountsThem() throws Exception {
        exchangePeers(udpClient, opentracker.udpAnnounceUri().toString(), UDP_TORRENT);
    }

    private void exchangePeers(TrackerClient client, String url, InfoHash torrent) throws Exception {
        InetSocketAddress leecherAddress = new InetSocketAddress("127.0.0.1", 40001);
        InetSocketAddress seederAddress = new InetSocketAddress("127.0.0.1", 40002);
        AnnounceResponse first = announce(client, url, request(torrent, LEECHER, 40001, 1000, AnnounceEvent.STARTED));
        assertTrue(first.intervalSeconds().isPresent(), "opentracker sends an interval");
        AnnounceResponse second = announce(client, url, request(torrent, SEEDER, 40002, 0, AnnounceEvent.STARTED));
        assertTrue(second.peers().contains(leecherAddress), "the seeder learns the leecher: " + second.peers());
        AnnounceResponse third = announce(client, url, request(torrent, LEECHER, 40001, 1000, AnnounceEvent.NONE));
        assertTrue(third.peers().contains(seederAddress), "the leecher learns the seeder: " + third.peers());
        assertEquals(1, third.seeders());
        assertEquals(1, third.leechers());

        ScrapeResult counts = scrape(client, url, torrent);
        assertEquals(1, counts.complete());
        assertEquals(1, counts.incomplete());
        assertEquals(new OpenTrackerProcess.Counts(1, 1, counts.downloaded()), opentracker.scrape(torrent),
                "our scrape agrees with the fixture's");

        announce(client, url, request(torrent, LEECHER, 40001, 1000, AnnounceEvent.STOPPED));
        assertEquals(0, scrape(client, url, torrent).incomplete(), "stopped removes the leecher");
    }

    @Test
    void managerSkipsADeadTierAndHandsPeersToTheSwarm() throws Exception {
        String udpUrl = opentracker.udpAnnounceUri().toString();
        announce(udpClient, udpUrl, request(MANAGED_TORRENT, SEEDER, 40003, 0, AnnounceEvent.STARTED));

        int deadPort = ExternalProgram.freePort();
        String dead = "http://127.0.0.1:" + deadPort + "/announce";
        CompletableFuture<List<InetSocketAddress>> peers = new CompletableFuture<>();
        CompletableFuture<String> error = new CompletableFuture<>();
        DefaultTrackerClient client = new DefaultTrackerClient(httpClient, udpClient, loop);
        CompletableFuture<TrackerManager> created = new CompletableFuture<>();
        loop.execute(() -> {
            TrackerManager manager = new TrackerManager(client, loop,
                    new AnnounceTarget(MANAGED_TORRENT, LEECHER, 40004, false),
                    TrackerOptions.apply(List.of(List.of(dead)), List.of(udpUrl), List.of()),
                    () -> new TransferTotals(0, 0, 1000), new Announcer.Listener() {
                        @Override
                        public void onPeers(List<InetSocketAddress> found, String trackerUrl) {
                            peers.complete(found);
                        }

                        @Override
                        public void onTrackerError(String trackerUrl, String message) {
                            error.complete(trackerUrl);
                        }
                    }, TrackerSettings.DEFAULT, new SplittableRandom(3));
            manager.start();
            created.complete(manager);
        });
        assertEquals(dead, error.get(15, TimeUnit.SECONDS));
        assertTrue(peers.get(15, TimeUnit.SECONDS).contains(new InetSocketAddress("127.0.0.1", 40003)));
        TrackerManager manager = created.get();
        CompletableFuture<CompletableFuture<Void>> stopping = new CompletableFuture<>();
        loop.execute(() -> stopping.complete(manager.stop()));
        stopping.get(5, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        assertEquals(0, opentracker.scrape(MANAGED_TORRENT).incomplete(), "the manager's stopped reached the tracker");
    }
}
