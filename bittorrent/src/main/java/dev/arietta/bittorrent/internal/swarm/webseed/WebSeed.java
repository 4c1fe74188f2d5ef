package dev.arietta.bittorrent.internal.swarm.webseed;

import dev.arietta.bittorrent.internal.wire.RateMeter;
import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.piece.PieceGeometry;
import dev.arietta.core.internal.piece.PieceRange;
import dev.arietta.core.internal.storage.FileEntry;
import dev.arietta.core.internal.storage.FileLayout;
import dev.arietta.http.internal.transfer.FetchFailure;
import dev.arietta.http.internal.transfer.FetchHandle;
import dev.arietta.http.internal.transfer.FetchListener;
import dev.arietta.http.internal.transfer.FetchRequest;
import dev.arietta.http.internal.transfer.FetchResponse;
import dev.arietta.http.internal.transfer.SourceFetcher;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BEP 19 web seed of a torrent: a permanently unchoked seed reached over HTTP(S) or FTP.
 *
 * <p>It works in runs: {@link WebSeedHost#claimRun} hands it up to {@link #RUN_BYTES} of
 * consecutive pieces (every block marked requested by this seed's source id), which it fetches
 * file span by file span with byte-range requests (HTTP {@code Range}, FTP {@code REST} and
 * {@code ABOR}; {@link SourceFetcher}), cutting the body
 * into 16 KiB blocks delivered to the torrent as peer blocks are: the piece is hashed once
 * whole, and a verified piece is uploaded to peers like any other. BEP 47 padding spans are
 * not fetched: their zeros are delivered directly. Fetching pauses while the write queue is
 * full or the download rate limit is spent.
 *
 * <p>Failures: a fetch failure gives the run's undelivered blocks back and retries after
 * {@link #RETRY_DELAY_NANOS}, doubled per consecutive failure; the seed is dropped after
 * {@link #MAX_FAILURES} failures in a row, at once when the file is not found or the server
 * refuses for good, and when a piece it supplied fails its hash check.
 *
 * <p>Loop thread only.
 */
public final class WebSeed {

    private static final Logger LOG = LoggerFactory.getLogger(WebSeed.class);

    /** Bytes claimed per run: 4 MiB (at least one piece). */
    public static final long RUN_BYTES = 4L * 1024 * 1024;

    /** First wait after a failed fetch: 10 s, doubled per further failure. */
    public static final long RETRY_DELAY_NANOS = 10_000_000_000L;

    /** Consecutive failed fetches after which the seed is dropped: 5. */
    public static final int MAX_FAILURES = 5;

    private final URI base;
    private final List<URI> fileUris;
    private final int source;
    private final FileLayout layout;
    private final PieceGeometry geometry;
    private final SourceFetcher fetcher;
    private final WebSeedHost host;
    private final ByteBuffer block = ByteBuffer.allocate(PieceGeometry.BLOCK_LENGTH);
    private final RateMeter received;

    private boolean running;
    private long position;
    private long runEnd;
    private long spanEnd;
    private long blockStart;
    private FetchHandle handle;
    private boolean paused;
    private int failures;
    private boolean retryPending;
    private boolean dropped;
    private String dropReason;

    /**
     * @param base     the {@code url-list} entry, for logs and status
     * @param fileUris where each layout file is on this seed ({@link WebSeedUrls})
     * @param source   this seed's picker source id
     */
    public WebSeed(URI base, List<URI> fileUris, int source, FileLayout layout, SourceFetcher fetcher,
            WebSeedHost host) {
        this.base = Objects.requireNonNull(base, "base");
        this.fileUris = List.copyOf(fileUris);
        if (this.fileUris.size() != layout.fileCount()) {
            throw new IllegalArgumentException(fileUris.size() + " web seed URLs for " + layout.fileCount() + " files");
        }
        this.source = source;
        this.layout = layout;
        this.geometry = layout.geometry();
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.host = Objects.requireNonNull(host, "host");
        this.received = new RateMeter(host.nanoTime());
    }

    public URI base() {
        return base;
    }

    public int source() {
        return source;
    }

    public boolean isDropped() {
        return dropped;
    }

    /** Why it was dropped, or null. */
    public String dropReason() {
        return dropReason;
    }

    /** Bytes received from the seed. */
    public long downloadedBytes() {
        return received.total();
    }

    public long downloadRate() {
        return received.rate(host.nanoTime());
    }

    /** Starts a run if the seed is idle and something is left to fetch. */
    public void fill() {
        if (running || dropped || retryPending || !host.isDownloading()) {
            return;
        }
        int maxPieces = (int) Math.max(1, RUN_BYTES / geometry.pieceLength());
        PieceRange run = host.claimRun(source, maxPieces);
        if (run == null) {
            return;
        }
        running = true;
        position = geometry.pieceOffset(run.first());
        runEnd = geometry.pieceOffset(run.last()) + geometry.pieceLength(run.last());
        blockStart = position;
        startBlock();
        nextSpan();
    }

    /** Fetches again after a pause for the write queue or the rate limit. */
    public void resume() {
        if (paused && handle != null && !host.isWriteQueueFull()) {
            paused = false;
            handle.resume();
        }
    }

    /** The torrent stops: the fetch in flight is abandoned. */
    public void stop() {
        dropped = true;
        dropReason = "torrent stopped";
        cancelFetch();
        running = false;
    }

    /** A piece this seed supplied failed its hash check: the seed is dropped. */
    public void blamed(int piece) {
        drop("piece " + piece + " from it failed its hash check");
    }

    private void nextSpan() {
        while (position < runEnd) {
            int file = layout.fileIndexAt(position);
            FileEntry entry = layout.file(file);
            spanEnd = Math.min(runEnd, layout.fileEnd(file));
            if (!entry.padding()) {
                long fileStart = layout.fileStart(file);
                handle = fetcher.fetch(new FetchRequest(fileUris.get(file), position - fileStart, spanEnd - fileStart,
                        entry.length()), new Listener());
                return;
            }
            // BEP 47 padding is zeros by definition: no need to ask the server.
            while (position < spanEnd && running) {
                int zeros = (int) Math.min(spanEnd - position, block.remaining());
                for (int i = 0; i < zeros; i++) {
                    block.put((byte) 0);
                }
                position += zeros;
                deliverIfFull();
            }
            if (!running) {
                return;
            }
        }
        runFinished();
    }

    private void runFinished() {
        running = false;
        handle = null;
        failures = 0;
        host.giveBack(source);
        fill();
    }

    /** Makes the block buffer as long as the block starting at {@link #blockStart}. */
    private void startBlock() {
        block.clear();
        if (blockStart < geometry.totalLength()) {
            int piece = (int) (blockStart / geometry.pieceLength());
            int offset = (int) (blockStart - geometry.pieceOffset(piece));
            block.limit(geometry.blockLength(piece, offset / PieceGeometry.BLOCK_LENGTH));
        }
    }

    private void deliverIfFull() {
        if (block.hasRemaining()) {
            return;
        }
        int piece = (int) (blockStart / geometry.pieceLength());
        int offset = (int) (blockStart - geometry.pieceOffset(piece));
        int length = block.limit();
        block.flip();
        host.deliver(source, piece, offset, block);
        blockStart += length;
        startBlock();
    }

    private void failed(FetchFailure failure) {
        cancelFetch();
        running = false;
        host.giveBack(source);
        failures++;
        if (failure.kind() == FetchFailure.Kind.NOT_FOUND || failure.kind() == FetchFailure.Kind.FATAL
                || failures >= MAX_FAILURES) {
            drop(failure.message());
            return;
        }
        long delay = Math.max(RETRY_DELAY_NANOS << Math.min(failures - 1, 16),
                failure.retryAfterMillis() * 1_000_000L);
        LOG.debug("web seed {} failed ({}); retrying in {} s", base, failure.message(), delay / 1_000_000_000L);
        retryPending = true;
        host.schedule(delay, () -> {
            retryPending = false;
            fill();
        });
    }

    private void drop(String reason) {
        if (dropped) {
            return;
        }
        LOG.info("dropping web seed {}: {}", base, reason);
        dropped = true;
        dropReason = reason;
        cancelFetch();
        if (running) {
            running = false;
            host.giveBack(source);
        }
    }

    private void cancelFetch() {
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
    }

    private void pauseFor(long nanos) {
        if (!paused && handle != null) {
            paused = true;
            handle.pause();
            if (nanos > 0) {
                host.schedule(nanos, this::resume);
            }
        }
    }

    /** The fetch of one file span. */
    private final class Listener implements FetchListener {

        @Override
        public void onStart(FetchResponse response) {
            // The range was accepted; data follows.
        }

        @Override
        public void onData(ByteBuffer content) {
            if (!running || dropped) {
                return;
            }
            int length = content.remaining();
            received.add(length, host.nanoTime());
            if (position + length > spanEnd) {
                failed(new FetchFailure(ErrorCode.HTTP_PROTOCOL_ERROR, "web seed " + base
                        + " sent more than the " + (spanEnd - position) + " bytes asked", FetchFailure.Kind.FATAL, 0));
                return;
            }
            while (content.hasRemaining() && running) {
                int chunk = Math.min(content.remaining(), block.remaining());
                int limit = content.limit();
                content.limit(content.position() + chunk);
                block.put(content);
                content.limit(limit);
                position += chunk;
                deliverIfFull();
            }
            long granted = host.takeDownloadAllowance(length);
            if (host.isWriteQueueFull()) {
                pauseFor(0);
            } else if (granted < length) {
                pauseFor(Math.max(1_000_000L, host.nanosUntilDownloadAllowance()));
            }
        }

        @Override
        public void onEnd() {
            if (!running) {
                return;
            }
            if (position != spanEnd) {
                failed(new FetchFailure(ErrorCode.HTTP_PROTOCOL_ERROR, "web seed " + base
                        + " ended " + (spanEnd - position) + " bytes short", FetchFailure.Kind.RETRYABLE, 0));
                return;
            }
            handle = null;
            nextSpan();
        }

        @Override
        public void onFailure(FetchFailure failure) {
            if (running) {
                failed(failure);
            }
        }
    }
}
