package dev.arietta.examples.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A small HTTP/1.1 server on the loopback address that serves fixed in-memory files with
 * {@code Range} support: what {@code --demo} downloads from, and what the examples' tests use
 * instead of the network. Built on the JDK's {@code com.sun.net.httpserver}.
 *
 * <ul>
 *   <li>{@code GET} and {@code HEAD} of a known path; anything else 404 or 405.</li>
 *   <li>One range {@code bytes=FIRST-LAST}, {@code bytes=FIRST-} or {@code bytes=-SUFFIX}:
 *       206 with {@code Content-Range}; a range starting past the end: 416 with
 *       {@code Content-Range: bytes *}{@code /LENGTH}. Several ranges or a malformed header are
 *       ignored and the whole file is sent (200), as RFC 9110 allows.</li>
 *   <li>Optionally each response body is paced to {@code bytesPerSecond} so that progress is
 *       visible (the server thread sleeps between chunks; this is a demo pace, not a test
 *       synchronisation).</li>
 * </ul>
 *
 * <p>Requests are served on {@value #WORKER_THREADS} threads, so parallel segments really run in
 * parallel. Thread-safe; {@link #close()} stops it and its threads.
 */
public final class RangeFileServer implements AutoCloseable {

    /** Requests served at once; more wait for a free thread. */
    public static final int WORKER_THREADS = 16;
    /** Bytes written per write call, and the pacing granularity. */
    private static final int CHUNK = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService workers;
    private final Map<String, byte[]> files;
    private final long bytesPerSecond;
    private final AtomicInteger rangeRequests = new AtomicInteger();

    private RangeFileServer(HttpServer server, ExecutorService workers, Map<String, byte[]> files,
                            long bytesPerSecond) {
        this.server = server;
        this.workers = workers;
        this.files = files;
        this.bytesPerSecond = bytesPerSecond;
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @param files          paths ({@code /name.bin}) to contents; the arrays are not copied and must not change
     * @param bytesPerSecond pace of each response body, 0 for as fast as possible
     */
    public static RangeFileServer start(Map<String, byte[]> files, long bytesPerSecond) throws IOException {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("negative bytesPerSecond " + bytesPerSecond);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "range-file-server");
            thread.setDaemon(true);
            return thread;
        });
        RangeFileServer fileServer = new RangeFileServer(server, workers, Map.copyOf(files), bytesPerSecond);
        server.createContext("/", fileServer::handle);
        server.setExecutor(workers);
        server.start();
        return fileServer;
    }

    /** {@code http://127.0.0.1:PORT/path} for a served path. */
    public URI uri(String path) {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + path);
    }

    /** Requests answered with 206 Partial Content so far: one per segment a client fetched from here. */
    public int rangeRequests() {
        return rangeRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] content = files.get(exchange.getRequestURI().getPath());
            String method = exchange.getRequestMethod();
            if (content == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            Optional<long[]> range = ByteRanges.parse(exchange.getRequestHeaders().getFirst("Range"), content.length);
            long first = 0;
            long last = content.length - 1L;
            int status = 200;
            if (range.isPresent()) {
                long[] bounds = range.get();
                if (bounds.length == 0) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                first = bounds[0];
                last = bounds[1];
                status = 206;
                rangeRequests.incrementAndGet();
                exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + content.length);
            }
            long length = last - first + 1;
            if (method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
            send(exchange.getResponseBody(), content, (int) first, (int) length);
        }
    }

    private void send(OutputStream body, byte[] content, int offset, int length) throws IOException {
        long startNanos = System.nanoTime();
        int sent = 0;
        while (sent < length) {
            int chunk = Math.min(CHUNK, length - sent);
            body.write(content, offset + sent, chunk);
            sent += chunk;
            if (bytesPerSecond > 0) {
                long dueNanos = startNanos + sent * 1_000_000_000L / bytesPerSecond;
                long waitNanos = dueNanos - System.nanoTime();
                if (waitNanos > 0) {
                    LockSupport.parkNanos(waitNanos);
                }
            }
        }
    }

    /** Parsing of the {@code Range} request header for one in-memory file. */
    static final class ByteRanges {

        private ByteRanges() {
        }

        /**
         * The inclusive bounds {@code [first, last]} the header asks for; an empty array when the
         * range cannot be satisfied (416); empty when the whole file is to be sent (no header,
         * several ranges, or a header not understood).
         */
        static Optional<long[]> parse(String header, long length) {
            if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
                return Optional.empty();
            }
            String spec = header.substring("bytes=".length()).trim();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return Optional.empty();
            }
            String firstText = spec.substring(0, dash);
            String lastText = spec.substring(dash + 1);
            Long first = number(firstText);
            Long last = number(lastText);
            if ((first == null && !firstText.isEmpty()) || (last == null && !lastText.isEmpty())
                    || (first == null && last == null)) {
                return Optional.empty();
            }
            if (length == 0) {
                return Optional.of(new long[0]);
            }
            if (first == null) {
                // Suffix range: the last N bytes.
                if (last == 0) {
                    return Optional.of(new long[0]);
                }
                return Optional.of(new long[] {Math.max(0, length - last), length - 1});
            }
            if (last != null && last < first) {
                return Optional.empty();
            }
            if (first >= length) {
                return Optional.of(new long[0]);
            }
            long end = last == null ? length - 1 : Math.min(last, length - 1);
            return Optional.of(new long[] {first, end});
        }

        /** A non-negative decimal, null when empty or not one (including overflow). */
        private static Long number(String text) {
            if (text.isEmpty() || text.length() > 18) {
                return null;
            }
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                    return null;
                }
            }
            return Long.parseLong(text);
        }
    }
}
