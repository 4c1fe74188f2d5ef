package dev.arietta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * An in-JVM HTTP/1.1 file server for engine tests: serves byte arrays with single ranges and
 * keep-alive, counts the body bytes it sends, and injects faults per path (not found, 503,
 * stall, reset mid-body, corrupt bytes, ignored ranges, chunked bodies without length,
 * throttling), in the spirit of OkHttp's MockWebServer socket effects. HEAD gets the head
 * alone; a path given a modification time sends {@code Last-Modified} and answers
 * {@code If-Modified-Since} with 304 when not newer. With {@link #relayTunnels()} it also acts
 * as a CONNECT proxy, relaying bytes to the requested host and port.
 *
 * <p>Blocking sockets, one daemon thread per connection. Test code only.
 */
final class FakeHttpServer implements AutoCloseable {

    /** What to do with one request. */
    enum Effect {
        NORMAL, NOT_FOUND, UNAVAILABLE, STALL_AFTER, RESET_AFTER, CORRUPT, IGNORE_RANGE, CHUNKED
    }

    /** Decides the effect of the n-th request (0-based) for a path. */
    @FunctionalInterface
    interface Fault {
        Effect effect(int requestIndex);
    }

    /** A file served at a path. */
    record Resource(byte[] content, String contentDisposition, Fault fault, long effectBytes, long bytesPerSecond) {
    }

    /** IMF-fixdate (RFC 9110), the form servers send. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US);

    private final ServerSocket server;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> lastModified = new ConcurrentHashMap<>();
    private final AtomicInteger bodiesInFlight = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger maxBodiesInFlight = new AtomicInteger();
    private volatile boolean relayTunnels;
    private volatile String extraResponseFields = "";
    private final Map<String, String> pathFields = new ConcurrentHashMap<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread acceptor;
    private final String scheme;

    private FakeHttpServer(ServerSocket server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        acceptor = new Thread(this::acceptLoop, "fake-http-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FakeHttpServer start() throws IOException {
        return new FakeHttpServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), "http");
    }

    /**
     * An HTTPS server with {@code context}'s certificate, offering only {@code protocols}
     * (e.g. {@code TLSv1.2}), asking for a client certificate when {@code needClientAuth}.
     */
    static FakeHttpServer startTls(SSLContext context, boolean needClientAuth, String... protocols)
            throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        socket.setNeedClientAuth(needClientAuth);
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        return new FakeHttpServer(socket, "https");
    }

    /** Serves {@code content} at {@code path} normally. */
    FakeHttpServer serve(String path, byte[] content) {
        return serve(path, new Resource(content, null, index -> Effect.NORMAL, 0, 0));
    }

    FakeHttpServer serve(String path, Resource resource) {
        resources.put(path, resource);
        return this;
    }

    String url(String path) {
        return scheme + "://127.0.0.1:" + server.getLocalPort() + path;
    }

    int port() {
        return server.getLocalPort();
    }

    long bodyBytesSent() {
        return bodyBytesSent.get();
    }

    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /** Every request head received, request line and fields, CRLF-separated. */
    List<String> requestHeads() {
        return List.copyOf(requestHeads);
    }

    /** Adds {@code fields} (each line ending in CRLF) to every later response that serves content. */
    FakeHttpServer responseFields(String fields) {
        this.extraResponseFields = fields;
        return this;
    }

    /** Sends {@code Last-Modified: time} for {@code path} and honours If-Modified-Since against it. */
    FakeHttpServer lastModified(String path, Instant time) {
        lastModified.put(path, time);
        return this;
    }

    /** Answers CONNECT by opening a tunnel to the requested host and port (no authentication asked). */
    FakeHttpServer relayTunnels() {
        this.relayTunnels = true;
        return this;
    }

    /** The most response bodies this server was sending at the same time. */
    int maxConcurrentBodies() {
        return maxBodiesInFlight.get();
    }

    /** Connections accepted so far. */
    int connectionCount() {
        return connections.get();
    }

    /** Adds {@code fields} (each line ending in CRLF) to later responses serving {@code path}. */
    FakeHttpServer responseFields(String path, String fields) {
        pathFields.put(path, fields);
        return this;
    }

    int requestCount(String path) {
        AtomicInteger count = requestCounts.get(path);
        return count == null ? 0 : count.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                sockets.add(socket);
                Thread thread = new Thread(() -> serveConnection(socket), "fake-http-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serveConnection(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                if (!respond(head, socket, out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException gone) {
            // Client went away or the server closed.
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            bytes.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private boolean respond(String head, Socket socket, OutputStream out) throws IOException, InterruptedException {
        String[] lines = head.split("\r\n");
        requestLines.add(lines[0] + headerValue(lines, "range", ""));
        requestHeads.add(head);
        String method = lines[0].split(" ")[0];
        String path = lines[0].split(" ")[1];
        if (method.equals("CONNECT") && relayTunnels) {
            relay(path, socket, out);
            return false;
        }
        Resource resource = resources.get(path);
        int index = requestCounts.computeIfAbsent(path, key -> new AtomicInteger()).getAndIncrement();
        if (resource == null) {
            writeHead(out, "404 Not Found", "Content-Length: 0\r\n");
            return true;
        }
        Effect effect = resource.fault().effect(index);
        if (effect == Effect.NOT_FOUND) {
            writeHead(out, "404 Not Found", "Content-Length: 0\r\n");
            return true;
        }
        if (effect == Effect.UNAVAILABLE) {
            writeHead(out, "503 Service Unavailable", "Content-Length: 0\r\n");
            return true;
        }
        Instant modified = lastModified.get(path);
        String since = headerValue(lines, "if-modified-since", null);
        if (modified != null && since != null
                && !modified.isAfter(DateTimeFormatter.RFC_1123_DATE_TIME.parse(since, Instant::from))) {
            writeHead(out, "304 Not Modified", "");
            return true;
        }
        byte[] content = resource.content();
        long first = 0;
        long last = content.length - 1L;
        String range = headerValue(lines, "range", null);
        boolean partial = false;
        if (range != null && effect != Effect.IGNORE_RANGE && effect != Effect.CHUNKED) {
            String spec = range.substring(range.indexOf('=') + 1).trim();
            int dash = spec.indexOf('-');
            first = Long.parseLong(spec.substring(0, dash));
            if (dash < spec.length() - 1) {
                last = Math.min(last, Long.parseLong(spec.substring(dash + 1)));
            }
            if (first >= content.length) {
                writeHead(out, "416 Range Not Satisfiable", "Content-Range: bytes */" + content.length
                        + "\r\nContent-Length: 0\r\n");
                return true;
            }
            partial = true;
        }
        String disposition = (resource.contentDisposition() == null ? ""
                : "Content-Disposition: " + resource.contentDisposition() + "\r\n")
                + (modified == null ? "" : "Last-Modified: " + HTTP_DATE.format(modified.atZone(ZoneOffset.UTC)) + "\r\n");
        if (effect == Effect.CHUNKED) {
            writeHead(out, "200 OK", disposition + "Transfer-Encoding: chunked\r\n");
            int chunk = 16 * 1024;
            for (int offset = 0; offset < content.length; offset += chunk) {
                int length = Math.min(chunk, content.length - offset);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(content, offset, length);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                bodyBytesSent.addAndGet(length);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return true;
        }
        long length = last - first + 1;
        String fields = disposition + extraResponseFields + pathFields.getOrDefault(path, "")
                + "Accept-Ranges: bytes\r\nContent-Length: " + length + "\r\n"
                + (partial ? "Content-Range: bytes " + first + "-" + last + "/" + content.length + "\r\n" : "");
        writeHead(out, partial ? "206 Partial Content" : "200 OK", fields);
        if (method.equals("HEAD")) {
            return true;
        }
        long limit = effect == Effect.STALL_AFTER || effect == Effect.RESET_AFTER
                ? Math.min(length, resource.effectBytes()) : length;
        int inFlight = bodiesInFlight.incrementAndGet();
        maxBodiesInFlight.accumulateAndGet(inFlight, Math::max);
        try {
            sendBody(out, content, first, limit, effect == Effect.CORRUPT, resource.bytesPerSecond());
        } finally {
            bodiesInFlight.decrementAndGet();
        }
        if (effect == Effect.RESET_AFTER) {
            socket.setSoLinger(true, 0);
            return false;
        }
        if (effect == Effect.STALL_AFTER) {
            released.await();
            return false;
        }
        return true;
    }

    /** CONNECT host:port: answers 200 and copies bytes both ways until either side closes. */
    private void relay(String authority, Socket client, OutputStream out) throws IOException {
        int colon = authority.lastIndexOf(':');
        try (Socket target = new Socket(authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)))) {
            sockets.add(target);
            writeHead(out, "200 Connection established", "");
            Thread upstream = new Thread(() -> copy(client, target), "fake-http-tunnel");
            upstream.setDaemon(true);
            upstream.start();
            copy(target, client);
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException closed) {
            // One side went away: the tunnel ends.
        }
    }

    private void sendBody(OutputStream out, byte[] content, long first, long length, boolean corrupt,
                          long bytesPerSecond) throws IOException, InterruptedException {
        int chunk = 8 * 1024;
        long started = System.nanoTime();
        for (long sent = 0; sent < length; ) {
            int size = (int) Math.min(chunk, length - sent);
            byte[] piece = new byte[size];
            System.arraycopy(content, (int) (first + sent), piece, 0, size);
            if (corrupt && sent == 0) {
                piece[0] ^= 0x55;
            }
            out.write(piece);
            bodyBytesSent.addAndGet(size);
            sent += size;
            if (bytesPerSecond > 0) {
                long due = started + sent * 1_000_000_000L / bytesPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        out.flush();
    }

    private static void writeHead(OutputStream out, String status, String fields) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + fields + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String headerValue(String[] lines, String name, String fallback) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return fallback;
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        server.close();
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
