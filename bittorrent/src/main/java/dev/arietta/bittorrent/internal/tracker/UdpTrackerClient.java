package dev.arietta.bittorrent.internal.tracker;

import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.loop.Cancellable;
import dev.arietta.core.internal.loop.ChannelHandler;
import dev.arietta.core.internal.loop.EventLoop;
import dev.arietta.core.internal.loop.HostResolver;
import dev.arietta.core.internal.loop.Registration;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP trackers (BEP 15) for one session: one datagram channel on the session's loop, shared by
 * every torrent's requests and matched to them by transaction id and source address.
 *
 * <p>A request resolves the tracker's host, gets a connection id ({@code connect}, magic
 * {@code 0x41727101980}) unless one younger than {@link UdpTrackerSettings#connectionIdLifetime()}
 * is cached for that address, then sends the announce (with the URL's path and query as BEP 41
 * URL data) or scrape. Without an answer it retransmits after
 * {@code initialTimeout · 2^n} (n = 0, 1, … {@link UdpTrackerSettings#maxRetransmissions()}),
 * reconnecting first if the connection id expired meanwhile, and fails with
 * {@link TrackerException.Kind#TIMEOUT} after the last wait. Datagrams that match no pending
 * transaction (wrong id, wrong sender, under 8 bytes) are ignored; a matching one that is
 * truncated or has another action fails the request; action 3 carries the tracker's error.
 *
 * <p>Loop thread only; callbacks run on the loop thread. {@link #close()} fails pending
 * requests with {@link TrackerException.Kind#CLOSED}.
 */
public final class UdpTrackerClient implements TrackerClient, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTrackerClient.class);

    /** Largest datagram read: the largest UDP payload over IPv4. */
    static final int MAX_DATAGRAM = 65_507;
    /** Datagrams read per readiness event, so a flood cannot monopolise the loop. */
    private static final int READS_PER_EVENT = 64;

    private final EventLoop loop;
    private final HostResolver resolver;
    private final UdpTrackerSettings settings;
    private final TrackerLimits limits;
    private final RandomGenerator random;
    private final Map<Integer, Transaction> transactions = new HashMap<>();
    private final Map<InetSocketAddress, ConnectionId> connectionIds = new HashMap<>();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private DatagramChannel channel;
    private Registration registration;
    private boolean closed;

    private record ConnectionId(long id, long receivedNanos) {
    }

    /**
     * @param loop     the session's loop (its clock times retransmissions and connection ids)
     * @param resolver resolves tracker host names
     * @param settings BEP 15 timing
     * @param limits   bounds on peers and message text
     * @param random   transaction ids
     */
    public UdpTrackerClient(EventLoop loop, HostResolver resolver, UdpTrackerSettings settings, TrackerLimits limits,
            RandomGenerator random) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Cancellable announce(String trackerUrl, AnnounceRequest request,
            TrackerCallback<AnnounceResponse> callback) {
        return start(trackerUrl, new AnnounceOperation(request, callback));
    }

    @Override
    public Cancellable scrape(String trackerUrl, InfoHash infoHash, TrackerCallback<ScrapeResult> callback) {
        return start(trackerUrl, new ScrapeOperation(infoHash, callback));
    }

    /** The local address of the channel, once a request opened it; for tests and logs. */
    public Optional<SocketAddress> localAddress() throws IOException {
        return channel == null ? Optional.empty() : Optional.ofNullable(channel.getLocalAddress());
    }

    /** Closes the channel and fails pending requests with {@link TrackerException.Kind#CLOSED}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (registration != null) {
            registration.close();
        }
        failAll(TrackerException.Kind.CLOSED, "UDP tracker client closed");
    }

    private Cancellable start(String trackerUrl, Operation operation) {
        Transaction transaction = new Transaction(trackerUrl, operation);
        loop.schedule(0, transaction::begin);
        return transaction;
    }

    private void ensureChannel() throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        DatagramChannel opened = DatagramChannel.open();
        try {
            opened.bind(null);
            registration = loop.register(opened, SelectionKey.OP_READ, new Reader());
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        channel = opened;
    }

    private int newTransactionId(Transaction owner) {
        int id;
        do {
            id = random.nextInt();
        } while (transactions.containsKey(id));
        transactions.put(id, owner);
        return id;
    }

    private void failAll(TrackerException.Kind kind, String reason) {
        List<Transaction> pending = new ArrayList<>(new java.util.LinkedHashSet<>(transactions.values()));
        transactions.clear();
        for (Transaction transaction : pending) {
            transaction.fail(new TrackerException(transaction.trackerUrl, kind, reason));
        }
        channel = null;
        registration = null;
    }

    private void receive() throws IOException {
        for (int i = 0; i < READS_PER_EVENT && channel != null; i++) {
            receiveBuffer.clear();
            SocketAddress source = channel.receive(receiveBuffer);
            if (source == null) {
                return;
            }
            receiveBuffer.flip();
            if (receiveBuffer.remaining() < 8) {
                LOG.debug("UDP tracker datagram of {} bytes from {} ignored", receiveBuffer.remaining(), source);
                continue;
            }
            int action = receiveBuffer.getInt(0);
            int transactionId = receiveBuffer.getInt(4);
            Transaction transaction = transactions.get(transactionId);
            if (transaction == null || !normalize(source).equals(transaction.target)) {
                LOG.debug("UDP tracker datagram from {} matches no transaction ({})", source, transactionId);
                continue;
            }
            transaction.answered(action, receiveBuffer);
        }
    }

    /** IPv4-mapped IPv6 sources (dual-stack sockets) compare equal to the IPv4 target. */
    private static SocketAddress normalize(SocketAddress source) {
        if (source instanceof InetSocketAddress inet && inet.getAddress() instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            mapped &= bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            if (mapped) {
                try {
                    InetAddress v4 = InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16));
                    return new InetSocketAddress(v4, inet.getPort());
                } catch (java.net.UnknownHostException impossible) {
                    throw new AssertionError(impossible);
                }
            }
        }
        return source;
    }

    /** What a transaction asks after the connect step, and how it reads the answer. */
    private interface Operation {
        int action();

        /** The request packet, or a failure reason when the URL cannot carry it. */
        ByteBuffer request(long connectionId, int transactionId, URI uri);

        /** Parses a datagram with the right action and transaction id and reports it. */
        void complete(ByteBuffer datagram, Transaction transaction) throws TrackerException;

        void fail(TrackerException failure);
    }

    private final class AnnounceOperation implements Operation {
        private final AnnounceRequest request;
        private final TrackerCallback<AnnounceResponse> callback;

        AnnounceOperation(AnnounceRequest request, TrackerCallback<AnnounceResponse> callback) {
            this.request = request;
            this.callback = callback;
        }

        @Override
        public int action() {
            return UdpTrackerPackets.ACTION_ANNOUNCE;
        }

        @Override
        public ByteBuffer request(long connectionId, int transactionId, URI uri) {
            byte[] urlData = UdpTrackerPackets.urlData(uri);
            ByteBuffer packet = ByteBuffer.allocate(UdpTrackerPackets.announceLength(urlData.length));
            UdpTrackerPackets.writeAnnounce(packet, connectionId, transactionId, request, urlData);
            return packet.flip();
        }

        @Override
        public void complete(ByteBuffer datagram, Transaction transaction) throws TrackerException {
            if (datagram.remaining() < UdpTrackerPackets.ANNOUNCE_RESPONSE_HEADER) {
                throw transaction.malformed("announce response of " + datagram.remaining() + " bytes, need at least "
                        + UdpTrackerPackets.ANNOUNCE_RESPONSE_HEADER);
            }
            int interval = datagram.getInt(8);
            long leechers = Integer.toUnsignedLong(datagram.getInt(12));
            long seeders = Integer.toUnsignedLong(datagram.getInt(16));
            List<InetSocketAddress> peers = new ArrayList<>();
            ByteBuffer peerBytes = datagram.position(UdpTrackerPackets.ANNOUNCE_RESPONSE_HEADER).slice();
            int entry = transaction.target.getAddress() instanceof Inet6Address
                    ? CompactPeers.IPV6_ENTRY : CompactPeers.IPV4_ENTRY;
            CompactPeers.decode(peerBytes, entry, peers, "peer list", transaction.trackerUrl, limits);
            callback.onSuccess(new AnnounceResponse(interval < 0 ? OptionalInt.empty() : OptionalInt.of(interval),
                    OptionalInt.empty(), Optional.empty(), seeders, leechers, Optional.empty(), peers));
        }

        @Override
        public void fail(TrackerException failure) {
            callback.onFailure(failure);
        }
    }

    private final class ScrapeOperation implements Operation {
        private final InfoHash infoHash;
        private final TrackerCallback<ScrapeResult> callback;

        ScrapeOperation(InfoHash infoHash, TrackerCallback<ScrapeResult> callback) {
            this.infoHash = infoHash;
            this.callback = callback;
        }

        @Override
        public int action() {
            return UdpTrackerPackets.ACTION_SCRAPE;
        }

        @Override
        public ByteBuffer request(long connectionId, int transactionId, URI uri) {
            ByteBuffer packet = ByteBuffer.allocate(16 + InfoHash.LENGTH);
            UdpTrackerPackets.writeScrape(packet, connectionId, transactionId, infoHash.bytes());
            return packet.flip();
        }

        @Override
        public void complete(ByteBuffer datagram, Transaction transaction) throws TrackerException {
            if (datagram.remaining() < UdpTrackerPackets.SCRAPE_RESPONSE_LENGTH) {
                throw transaction.malformed("scrape response of " + datagram.remaining() + " bytes, need "
                        + UdpTrackerPackets.SCRAPE_RESPONSE_LENGTH);
            }
            callback.onSuccess(new ScrapeResult(Integer.toUnsignedLong(datagram.getInt(8)),
                    Integer.toUnsignedLong(datagram.getInt(12)), Integer.toUnsignedLong(datagram.getInt(16))));
        }

        @Override
        public void fail(TrackerException failure) {
            callback.onFailure(failure);
        }
    }

    /** One announce or scrape: resolve, connect (unless a connection id is cached), request, retransmit. */
    private final class Transaction implements Cancellable {
        private final String trackerUrl;
        private final Operation operation;
        private URI uri;
        private InetSocketAddress target;
        private boolean connecting;
        private int transactionId;
        private boolean hasTransactionId;
        private ByteBuffer packet;
        private int attempt;
        private Cancellable timer;
        private boolean finished;

        Transaction(String trackerUrl, Operation operation) {
            this.trackerUrl = trackerUrl;
            this.operation = operation;
        }

        void begin() {
            if (finished) {
                return;
            }
            if (closed) {
                fail(new TrackerException(trackerUrl, TrackerException.Kind.CLOSED, "UDP tracker client closed"));
                return;
            }
            try {
                uri = new URI(trackerUrl);
            } catch (URISyntaxException e) {
                fail(new TrackerException(trackerUrl, TrackerException.Kind.INVALID_URL, e.getMessage(), e));
                return;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("udp") || uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
                fail(new TrackerException(trackerUrl, TrackerException.Kind.INVALID_URL,
                        "a UDP tracker URL needs udp://host:port"));
                return;
            }
            if (UdpTrackerPackets.urlData(uri).length > UdpTrackerPackets.MAX_URL_DATA) {
                fail(new TrackerException(trackerUrl, TrackerException.Kind.INVALID_URL,
                        "path and query longer than " + UdpTrackerPackets.MAX_URL_DATA + " bytes"));
                return;
            }
            String host = uri.getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            resolver.resolve(host).whenComplete((addresses, failure) -> {
                try {
                    loop.execute(() -> resolved(addresses, failure));
                } catch (java.util.concurrent.RejectedExecutionException loopGone) {
                    // The session is closing; nobody waits for this answer.
                }
            });
        }

        private void resolved(List<InetAddress> addresses, Throwable failure) {
            if (finished) {
                return;
            }
            if (closed) {
                fail(new TrackerException(trackerUrl, TrackerException.Kind.CLOSED, "UDP tracker client closed"));
                return;
            }
            if (failure != null || addresses == null || addresses.isEmpty()) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause()
                        : failure;
                fail(new TrackerException(trackerUrl, TrackerException.Kind.NETWORK,
                        "cannot resolve " + uri.getHost() + (cause == null ? "" : ": " + cause.getMessage()), cause));
                return;
            }
            target = new InetSocketAddress(addresses.get(0), uri.getPort());
            try {
                ensureChannel();
            } catch (IOException e) {
                fail(new TrackerException(trackerUrl, TrackerException.Kind.NETWORK,
                        "cannot open a UDP socket: " + e.getMessage(), e));
                return;
            }
            nextStep();
        }

        /** Sends the request with a fresh connection id, or connects first. */
        private void nextStep() {
            ConnectionId connectionId = connectionIds.get(target);
            if (connectionId != null
                    && loop.nanoTime() - connectionId.receivedNanos() < settings.connectionIdLifetime().toNanos()) {
                connecting = false;
                renewTransactionId();
                packet = operation.request(connectionId.id(), transactionId, uri);
            } else {
                connectionIds.remove(target);
                connecting = true;
                renewTransactionId();
                packet = ByteBuffer.allocate(UdpTrackerPackets.CONNECT_REQUEST_LENGTH);
                UdpTrackerPackets.writeConnect(packet, transactionId);
                packet.flip();
            }
            send();
        }

        private void renewTransactionId() {
            if (hasTransactionId) {
                transactions.remove(transactionId);
            }
            transactionId = newTransactionId(this);
            hasTransactionId = true;
        }

        private void send() {
            // The wait counts from before the datagram leaves, so an answer (or an observer of the
            // datagram) can never come before the timer exists. A full socket buffer drops the
            // datagram silently: the retransmission covers that too.
            timer = loop.schedule(settings.timeoutNanos(attempt), this::timedOut);
            try {
                channel.send(packet.duplicate(), target);
            } catch (IOException e) {
                fail(new TrackerException(trackerUrl, TrackerException.Kind.NETWORK,
                        "cannot send to " + target + ": " + e.getMessage(), e));
            }
        }

        private void timedOut() {
            if (finished) {
                return;
            }
            if (attempt >= settings.maxRetransmissions()) {
                fail(new TrackerException(trackerUrl, TrackerException.Kind.TIMEOUT, "no answer after "
                        + (attempt + 1) + " attempts"));
                return;
            }
            attempt++;
            if (connecting) {
                send();
            } else {
                ConnectionId connectionId = connectionIds.get(target);
                if (connectionId == null || loop.nanoTime() - connectionId.receivedNanos()
                        >= settings.connectionIdLifetime().toNanos()) {
                    nextStep();
                } else {
                    send();
                }
            }
        }

        void answered(int action, ByteBuffer datagram) {
            if (timer != null) {
                timer.cancel();
            }
            if (action == UdpTrackerPackets.ACTION_ERROR) {
                byte[] text = new byte[datagram.remaining() - 8];
                datagram.get(8, text);
                fail(new TrackerException(trackerUrl, TrackerException.Kind.TRACKER_FAILURE,
                        limits.cut(new String(text, StandardCharsets.UTF_8))));
                return;
            }
            if (connecting) {
                if (action != UdpTrackerPackets.ACTION_CONNECT) {
                    fail(malformed("action " + action + " in answer to connect"));
                } else if (datagram.remaining() < UdpTrackerPackets.CONNECT_RESPONSE_LENGTH) {
                    fail(malformed("connect response of " + datagram.remaining() + " bytes, need "
                            + UdpTrackerPackets.CONNECT_RESPONSE_LENGTH));
                } else {
                    connectionIds.put(target, new ConnectionId(datagram.getLong(8), loop.nanoTime()));
                    nextStep();
                }
                return;
            }
            if (action != operation.action()) {
                fail(malformed("action " + action + " in answer to action " + operation.action()));
                return;
            }
            finish();
            try {
                operation.complete(datagram, this);
            } catch (TrackerException e) {
                operation.fail(e);
            }
        }

        TrackerException malformed(String reason) {
            return new TrackerException(trackerUrl, TrackerException.Kind.MALFORMED_RESPONSE, reason);
        }

        void fail(TrackerException failure) {
            if (finished) {
                return;
            }
            finish();
            operation.fail(failure);
        }

        private void finish() {
            finished = true;
            if (timer != null) {
                timer.cancel();
            }
            if (hasTransactionId) {
                transactions.remove(transactionId, this);
            }
        }

        @Override
        public void cancel() {
            if (!loop.inEventLoop()) {
                loop.execute(this::cancel);
                return;
            }
            if (!finished) {
                finish();
            }
        }
    }

    /** Reads datagrams; the loop closing the channel fails every pending request. */
    private final class Reader implements ChannelHandler {
        @Override
        public void ready(int readyOps) throws IOException {
            receive();
        }

        @Override
        public void closed(Throwable cause) {
            failAll(TrackerException.Kind.NETWORK, "UDP socket closed: " + cause.getMessage());
        }
    }
}
