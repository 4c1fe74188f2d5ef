package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.swarm.storage.BlockWriter;
import dev.arietta.bittorrent.internal.swarm.storage.HeapBlockPool;
import dev.arietta.bittorrent.internal.tracker.DefaultTrackerClient;
import dev.arietta.bittorrent.internal.tracker.HttpTrackerClient;
import dev.arietta.bittorrent.internal.tracker.TrackerClient;
import dev.arietta.bittorrent.internal.tracker.TrackerSettings;
import dev.arietta.bittorrent.internal.tracker.UdpTrackerClient;
import dev.arietta.bittorrent.internal.wire.ExtensionHandshake;
import dev.arietta.bittorrent.internal.wire.HandshakeParams;
import dev.arietta.bittorrent.internal.wire.PeerAcceptor;
import dev.arietta.bittorrent.internal.wire.PeerConnector;
import dev.arietta.bittorrent.internal.wire.PeerId;
import dev.arietta.bittorrent.internal.wire.PeerIds;
import dev.arietta.bittorrent.internal.wire.PeerWireBuffers;
import dev.arietta.bittorrent.internal.wire.PeerWireLimits;
import dev.arietta.bittorrent.internal.wire.TorrentEndpoint;
import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.bittorrent.metainfo.TorrentMetainfo;
import dev.arietta.core.internal.hash.IntegrityChecker;
import dev.arietta.core.internal.hash.PieceVerifier;
import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.loop.Connector;
import dev.arietta.core.internal.loop.DaemonThreads;
import dev.arietta.core.internal.loop.DefaultHostResolver;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.loop.HostResolver;
import dev.arietta.core.internal.piece.PieceGeometry;
import dev.arietta.core.internal.ratelimit.RateLimiter;
import dev.arietta.ftp.internal.FtpClient;
import dev.arietta.ftp.internal.FtpCredentials;
import dev.arietta.http.internal.Http1Client;
import dev.arietta.http.internal.netrc.Netrc;
import dev.arietta.http.internal.transfer.FtpSourceFetcher;
import dev.arietta.http.internal.transfer.HttpSourceFetcher;
import dev.arietta.http.internal.transfer.SourceFetcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator.SplittableGenerator;
import java.util.random.RandomGenerator;

/**
 * A session's BitTorrent side, shared by every torrent of the session: our peer id (BEP 20,
 * {@code -AT0100-} and random characters), the listening port ({@code listen-port}) whose
 * incoming handshakes are routed to the torrent they name, outgoing peer connections, the HTTP
 * and UDP tracker clients, the web seed fetchers (HTTP and FTP), the global upload and download rate limits, the buffer pools, and
 * the loop, disk, hash and sync (resume state saves) executors. One per session, opened on the loop thread when the
 * first torrent is added.
 *
 * <p>Torrents: {@link #addTorrent} makes a {@link Swarm} (one per info-hash); the engine
 * starts and stops it, and {@link #remove}s it once stopped.
 *
 * <p>Thread-safety: loop thread only, like the swarms; {@link #builder} may be used anywhere.
 * {@link #close()} on the loop thread stops listening and closes the tracker clients; swarms
 * still running are stopped (forced) first.
 */
public final class BitTorrentContext implements AutoCloseable {

    /** Our BEP 10 {@code v}: {@value}. */
    public static final String CLIENT_NAME = "Arietta 0.1.0";

    private final EventLoop loop;
    private final Executor diskExecutor;
    private final Executor hashExecutor;
    private final Executor syncExecutor;
    private final ExecutorService ownedSyncExecutor;
    private final SplittableGenerator random;
    private final PeerId peerId;
    private final PeerWireBuffers wireBuffers;
    private final BufferPool blockPool;
    private final HeapBlockPool heapBlockPool;
    private final PeerConnector peerConnector;
    private final PeerAcceptor acceptor;
    private final TrackerClient trackerClient;
    private final UdpTrackerClient udpTrackerClient;
    private final Http1Client httpClient;
    private final boolean ownsHttpClient;
    private final FtpClient ownedFtpClient;
    private final List<SourceFetcher> webSeedFetchers;
    private final ExecutorService ownedResolverExecutor;
    private final TrackerSettings trackerSettings;
    private final RateLimiter uploadLimiter;
    private final RateLimiter downloadLimiter;
    private final PieceVerifier verifier;
    private final IntegrityChecker integrityChecker;
    private final long maxQueuedWriteBytes;
    private final Map<InfoHash, Swarm> swarms = new HashMap<>();
    private final Map<InfoHash, Torrent> accepting = new HashMap<>();
    private boolean closed;

    private BitTorrentContext(Builder builder) throws IOException {
        this.loop = builder.loop;
        this.diskExecutor = builder.diskExecutor;
        this.hashExecutor = builder.hashExecutor;
        if (builder.syncExecutor == null) {
            this.ownedSyncExecutor = DaemonThreads.singleThread("arietta-bt-sync-" + loop.name());
            this.syncExecutor = ownedSyncExecutor;
        } else {
            this.ownedSyncExecutor = null;
            this.syncExecutor = builder.syncExecutor;
        }
        this.random = builder.random;
        this.peerId = PeerIds.generate(builder.peerIdPrefix, random);
        this.wireBuffers = builder.wireBuffers != null ? builder.wireBuffers : PeerWireBuffers.createDefault();
        this.maxQueuedWriteBytes = builder.maxQueuedWriteBytes;
        this.blockPool = new BufferPool(PieceGeometry.BLOCK_LENGTH, BufferPool.DEFAULT_MAX_RETAINED);
        this.heapBlockPool = new HeapBlockPool((int) Math.min(Integer.MAX_VALUE,
                maxQueuedWriteBytes / PieceGeometry.BLOCK_LENGTH));
        HostResolver resolver = builder.resolver;
        if (resolver == null) {
            this.ownedResolverExecutor = DaemonThreads.cached("arietta-bt-resolver-" + loop.name());
            resolver = new DefaultHostResolver(ownedResolverExecutor);
        } else {
            this.ownedResolverExecutor = null;
        }
        this.trackerSettings = builder.trackerSettings;
        this.ownsHttpClient = builder.httpClient == null;
        this.httpClient = ownsHttpClient ? Http1Client.builder(loop).resolver(resolver)
                .connectTimeout(trackerSettings.connectTimeout()).build() : builder.httpClient;
        this.udpTrackerClient = new UdpTrackerClient(loop, resolver, trackerSettings.udp(), trackerSettings.limits(),
                random.split());
        if (builder.webSeedFetchers == null) {
            this.ownedFtpClient = FtpClient.builder(loop).resolver(resolver).build();
            this.webSeedFetchers = List.of(new HttpSourceFetcher(httpClient, (uri, request) -> { }),
                    new FtpSourceFetcher(loop, ownedFtpClient, url -> FtpCredentials.resolve(url, Netrc.empty(),
                            FtpCredentials.ANONYMOUS_USER, FtpCredentials.ANONYMOUS_PASSWORD)));
        } else {
            this.ownedFtpClient = null;
            this.webSeedFetchers = builder.webSeedFetchers;
        }
        this.trackerClient = new DefaultTrackerClient(new HttpTrackerClient(httpClient, loop,
                trackerSettings.timeout(), trackerSettings.limits()), udpTrackerClient, loop);
        this.peerConnector = new PeerConnector(loop, new Connector(loop, resolver), wireBuffers);
        this.uploadLimiter = builder.uploadLimiter != null ? builder.uploadLimiter
                : new RateLimiter(loop::nanoTime, 0);
        this.downloadLimiter = builder.downloadLimiter != null ? builder.downloadLimiter
                : new RateLimiter(loop::nanoTime, 0);
        this.verifier = new PieceVerifier(hashExecutor, loop);
        this.integrityChecker = new IntegrityChecker(hashExecutor, loop);
        PeerAcceptor opened;
        try {
            opened = PeerAcceptor.open(loop, wireBuffers, builder.bindAddress, builder.firstPort, builder.lastPort,
                    this::route);
        } catch (IOException | RuntimeException e) {
            if (ownedSyncExecutor != null) {
                ownedSyncExecutor.shutdown();
            }
            udpTrackerClient.close();
            if (ownsHttpClient) {
                httpClient.close();
            }
            if (ownedFtpClient != null) {
                ownedFtpClient.close();
            }
            if (ownedResolverExecutor != null) {
                ownedResolverExecutor.shutdownNow();
            }
            throw e;
        }
        this.acceptor = opened;
    }

    /**
     * A builder for a context on {@code loop}.
     *
     * @param diskExecutor runs file work (preparation, writes, reads, syncs); tasks of one
     *                     torrent are issued one batch at a time, so a shared pool works
     * @param hashExecutor runs piece hashing
     */
    public static Builder builder(EventLoop loop, Executor diskExecutor, Executor hashExecutor) {
        return new Builder(loop, diskExecutor, hashExecutor);
    }

    // ---- what the engine uses

    /** The port incoming peers connect to. */
    public int listenPort() {
        return acceptor.port();
    }

    /** Our peer id, the same for every torrent of the session. */
    public PeerId peerId() {
        return peerId;
    }

    /** The session-wide upload limit ({@code max-overall-upload-limit}); change its rate at any time. */
    public RateLimiter uploadLimiter() {
        return uploadLimiter;
    }

    /** The session-wide download limit ({@code max-overall-download-limit}). */
    public RateLimiter downloadLimiter() {
        return downloadLimiter;
    }

    /**
     * Adds a torrent; nothing happens until {@link Swarm#start()}.
     *
     * @throws IllegalArgumentException if a swarm for the same info-hash exists (aria2 error 12),
     *                                  or {@code select-file} names a file the torrent lacks
     * @throws IllegalStateException    off the loop thread, or once closed
     */
    public Swarm addTorrent(TorrentMetainfo metainfo, SwarmSettings settings, SwarmListener listener) {
        checkLoop();
        if (closed) {
            throw new IllegalStateException("BitTorrent context closed");
        }
        Objects.requireNonNull(metainfo, "metainfo");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        if (swarms.containsKey(metainfo.infoHash())) {
            throw new IllegalArgumentException("a torrent with info-hash " + metainfo.infoHash() + " is already added");
        }
        for (int index : settings.selectedFiles()) {
            if (index >= metainfo.files().size()) {
                throw new IllegalArgumentException("select-file index " + index + " but the torrent has "
                        + metainfo.files().size() + " files");
            }
        }
        Swarm swarm = new Swarm(this, metainfo, settings, listener);
        swarms.put(metainfo.infoHash(), swarm);
        return swarm;
    }

    /**
     * Forgets a swarm that is not running (stop it first).
     *
     * @throws IllegalStateException if it is still running
     */
    public void remove(Swarm swarm) {
        checkLoop();
        if (swarm.state().isActive()) {
            throw new IllegalStateException(swarm + " is still running");
        }
        swarms.remove(swarm.metainfo().infoHash(), swarm);
    }

    /** Stops listening and closes the tracker clients; running swarms are stopped (forced) first. Idempotent. */
    @Override
    public void close() {
        checkLoop();
        if (closed) {
            return;
        }
        closed = true;
        for (Swarm swarm : swarms.values()) {
            if (swarm.state().isActive()) {
                swarm.stop(StopMode.FORCED);
            }
        }
        acceptor.close();
        udpTrackerClient.close();
        if (ownsHttpClient) {
            httpClient.close();
        }
        if (ownedFtpClient != null) {
            ownedFtpClient.close();
        }
        if (ownedResolverExecutor != null) {
            ownedResolverExecutor.shutdownNow();
        }
        if (ownedSyncExecutor != null) {
            // Saves already queued still run: a stop's final resume state must reach the disk.
            ownedSyncExecutor.shutdown();
        }
    }

    // ---- what the torrents use

    EventLoop loop() {
        return loop;
    }

    Executor diskExecutor() {
        return diskExecutor;
    }

    /** Where resume states are saved (data forced, state written), apart from the writes. */
    Executor syncExecutor() {
        return syncExecutor;
    }

    PieceVerifier verifier() {
        return verifier;
    }

    IntegrityChecker integrityChecker() {
        return integrityChecker;
    }

    TrackerClient trackerClient() {
        return trackerClient;
    }

    TrackerSettings trackerSettings() {
        return trackerSettings;
    }

    PeerConnector peerConnector() {
        return peerConnector;
    }

    BufferPool blockPool() {
        return blockPool;
    }

    /** Heap block buffers for received data (held pieces and writes). */
    HeapBlockPool heapBlockPool() {
        return heapBlockPool;
    }

    long maxQueuedWriteBytes() {
        return maxQueuedWriteBytes;
    }

    /** The fetcher for a web seed at {@code uri}: the first of the web seed fetchers that supports it, or null. */
    SourceFetcher webSeedFetcher(java.net.URI uri) {
        for (SourceFetcher fetcher : webSeedFetchers) {
            if (fetcher.supports(uri)) {
                return fetcher;
            }
        }
        return null;
    }

    /** A generator of the torrent's own (split from the session's, so no locking). */
    RandomGenerator newRandom() {
        return random.split();
    }

    HandshakeParams handshakeParams(TorrentMetainfo metainfo) {
        ExtensionHandshake ours = new ExtensionHandshake(Map.of(), Optional.of(CLIENT_NAME), OptionalInt.empty(),
                Optional.empty(), OptionalInt.of(listenPort()), OptionalLong.of(metainfo.rawInfoLength()));
        return new HandshakeParams(metainfo.infoHash(), peerId, ours, metainfo.pieceCount(),
                metainfo.pieceLength(), metainfo.totalLength());
    }

    /** Whether connecting to {@code address} would reach our own listening socket. */
    boolean isOwnAddress(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return address.getPort() == listenPort() && ip != null
                && (ip.isLoopbackAddress() || ip.isAnyLocalAddress()
                        || ip.equals(acceptor.localAddress().getAddress()));
    }

    void accept(Torrent torrent) {
        accepting.put(torrent.metainfo.infoHash(), torrent);
    }

    void stopAccepting(Torrent torrent) {
        accepting.remove(torrent.metainfo.infoHash(), torrent);
    }

    private Optional<TorrentEndpoint> route(InfoHash infoHash) {
        Torrent torrent = accepting.get(infoHash);
        if (torrent == null || !torrent.isRunning()) {
            return Optional.empty();
        }
        return Optional.of(new TorrentEndpoint(torrent.params, torrent.peers.incoming()));
    }

    void checkLoop() {
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("BitTorrent swarms are driven on the event loop " + loop.name());
        }
    }

    /** Configures a {@link BitTorrentContext}. Not thread-safe. */
    public static final class Builder {
        private final EventLoop loop;
        private final Executor diskExecutor;
        private final Executor hashExecutor;
        private InetAddress bindAddress;
        private int firstPort = PeerWireLimits.DEFAULT_LISTEN_PORT_FIRST;
        private int lastPort = PeerWireLimits.DEFAULT_LISTEN_PORT_LAST;
        private String peerIdPrefix = PeerIds.DEFAULT_PREFIX;
        private SplittableGenerator random = new SplittableRandom();
        private Http1Client httpClient;
        private List<SourceFetcher> webSeedFetchers;
        private HostResolver resolver;
        private Executor syncExecutor;
        private RateLimiter uploadLimiter;
        private RateLimiter downloadLimiter;
        private TrackerSettings trackerSettings = TrackerSettings.DEFAULT;
        private PeerWireBuffers wireBuffers;
        private long maxQueuedWriteBytes = BlockWriter.DEFAULT_MAX_QUEUED_BYTES;

        private Builder(EventLoop loop, Executor diskExecutor, Executor hashExecutor) {
            this.loop = Objects.requireNonNull(loop, "loop");
            this.diskExecutor = Objects.requireNonNull(diskExecutor, "diskExecutor");
            this.hashExecutor = Objects.requireNonNull(hashExecutor, "hashExecutor");
            try {
                this.bindAddress = InetAddress.getByAddress(new byte[4]);
            } catch (UnknownHostException e) {
                throw new AssertionError("0.0.0.0 is a valid address", e);
            }
        }

        /**
         * {@code listen-port}: the first free port of {@code first..last} is used; default
         * {@value PeerWireLimits#DEFAULT_LISTEN_PORT_FIRST}-{@value PeerWireLimits#DEFAULT_LISTEN_PORT_LAST};
         * {@code 0, 0} lets the system choose (tests).
         */
        public Builder listenPorts(int first, int last) {
            if (first < 0 || last > 65535 || first > last) {
                throw new IllegalArgumentException("listen port range " + first + "-" + last);
            }
            this.firstPort = first;
            this.lastPort = last;
            return this;
        }

        /** Local address to listen on; default all IPv4 addresses (0.0.0.0). */
        public Builder bindAddress(InetAddress value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        /** {@code peer-id-prefix}; default {@value PeerIds#DEFAULT_PREFIX}. */
        public Builder peerIdPrefix(String value) {
            this.peerIdPrefix = Objects.requireNonNull(value, "peerIdPrefix");
            return this;
        }

        /** Source of the peer id, tracker keys, tie breaks and optimistic unchokes; default a new {@link SplittableRandom}. */
        public Builder random(SplittableGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** HTTP client for HTTP trackers and web seeds; default one of the context's own (closed with it). */
        public Builder httpClient(Http1Client value) {
            this.httpClient = value;
            return this;
        }

        /**
         * How BEP 19 web seeds are fetched: for each {@code url-list} entry the first fetcher
         * that {@linkplain SourceFetcher#supports supports} its URL (none: the entry is ignored).
         * Default HTTP(S) through the {@link #httpClient} and FTP through an FTP client of the
         * context's own (closed with it), logging in as the URL says or anonymously. Fetchers are
         * called on the loop thread.
         */
        public Builder webSeedFetchers(List<SourceFetcher> value) {
            this.webSeedFetchers = value == null ? null : List.copyOf(value);
            return this;
        }

        /**
         * Runs resume state saves: forcing the data to the device, then writing the state. Kept
         * apart from the disk executor so that downloads go on while the device catches up;
         * default one thread of the context's own, shut down (after its queued saves) on close.
         */
        public Builder syncExecutor(Executor value) {
            this.syncExecutor = value;
            return this;
        }

        /** Name resolution for peers and trackers; default a resolver on the context's own threads. */
        public Builder resolver(HostResolver value) {
            this.resolver = value;
            return this;
        }

        /** The session's upload limit ({@code max-overall-upload-limit}); default an unlimited one of the context's. */
        public Builder uploadLimiter(RateLimiter value) {
            this.uploadLimiter = value;
            return this;
        }

        /** The session's download limit, shared with HTTP/FTP downloads; default an unlimited one of the context's. */
        public Builder downloadLimiter(RateLimiter value) {
            this.downloadLimiter = value;
            return this;
        }

        /** Tracker timing and limits; default {@link TrackerSettings#DEFAULT}. */
        public Builder trackerSettings(TrackerSettings value) {
            this.trackerSettings = Objects.requireNonNull(value, "trackerSettings");
            return this;
        }

        /** Peer wire buffer pools; default {@link PeerWireBuffers#createDefault()}. */
        public Builder wireBuffers(PeerWireBuffers value) {
            this.wireBuffers = value;
            return this;
        }

        /**
         * Bytes of received data each torrent may hold in memory (pieces being assembled and
         * hashed, and writes waiting for the disk), blocks requested and not yet arrived counted
         * as held, so that no number of peers answering at once can exceed it; default
         * {@value BlockWriter#DEFAULT_MAX_QUEUED_BYTES} (32 MiB).
         */
        public Builder maxQueuedWriteBytes(long value) {
            if (value < PieceGeometry.BLOCK_LENGTH) {
                throw new IllegalArgumentException("write queue of " + value + " bytes holds no block");
            }
            this.maxQueuedWriteBytes = value;
            return this;
        }

        /**
         * Opens the context: binds the listening port and makes the tracker clients. Call on
         * the loop thread.
         *
         * @throws java.net.BindException if no port of the range is free
         * @throws IOException            if the HTTP client cannot be made
         */
        public BitTorrentContext open() throws IOException {
            if (!loop.inEventLoop()) {
                throw new IllegalStateException("open the BitTorrent context on the event loop " + loop.name());
            }
            return new BitTorrentContext(this);
        }
    }
}
