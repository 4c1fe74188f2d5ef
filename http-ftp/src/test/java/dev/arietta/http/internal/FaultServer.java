package dev.arietta.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;

/**
 * A scripted HTTP/1.1 test server with fault effects, in the spirit of MockWebServer's
 * socket effects: each accepted request takes the next {@link Responder} from a queue, which
 * writes whatever it likes (well-formed or not), may stall, trickle, reset or close, and says
 * whether the connection stays open for another request.
 *
 * <p>Blocking sockets, one daemon thread per connection; requests are recorded for
 * assertions. Optionally TLS (an {@link SSLServerSocket}). Test code only.
 */
final class FaultServer implements AutoCloseable {

    /** A received request head. */
    record RecordedRequest(int connection, String requestLine, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        String target() {
            return requestLine.split(" ")[1];
        }
    }

    /** Answers one request. */
    @FunctionalInterface
    interface Responder {
        /**
         * @return true to keep the connection for another request
         */
        boolean respond(RecordedRequest request, Socket socket, OutputStream out) throws Exception;
    }

    private final ServerSocket server;
    private final BlockingQueue<Responder> script = new LinkedBlockingQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private FaultServer(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "fault-server-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** A plain server on 127.0.0.1 and a free port. */
    static FaultServer start() throws IOException {
        return new FaultServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")));
    }

    /**
     * A TLS server on 127.0.0.1 and a free port.
     *
     * @param needClientAuth whether a client certificate is required
     * @param protocols      the protocols to enable, or none for the context's defaults
     */
    static FaultServer startTls(SSLContext context, boolean needClientAuth, String... protocols) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.setNeedClientAuth(needClientAuth);
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        return new FaultServer(socket);
    }

    /** Queues responders for the next requests, in order. */
    FaultServer enqueue(Responder... responders) {
        script.addAll(List.of(responders));
        return this;
    }

    int port() {
        return server.getLocalPort();
    }

    URI uri(String path) {
        String scheme = server instanceof SSLServerSocket ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + port() + path);
    }

    List<RecordedRequest> requests() {
        return new ArrayList<>(requests);
    }

    /** Connections accepted so far. */
    int connectionCount() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                int number = connections.incrementAndGet();
                Thread handler = new Thread(() -> serve(socket, number), "fault-connection-" + number);
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                RecordedRequest request = readRequest(in, number);
                if (request == null) {
                    return;
                }
                requests.add(request);
                Responder responder = script.poll();
                if (responder == null) {
                    out.write(Replies.text(500, "no scripted response").getBytes(StandardCharsets.ISO_8859_1));
                    return;
                }
                if (!responder.respond(request, socket, out)) {
                    return;
                }
                out.flush();
            }
        } catch (SocketException | SSLException expected) {
            // The client closed, reset or refused the connection: normal in fault tests.
        } catch (Exception e) {
            if (!closed) {
                e.printStackTrace();
            }
        }
    }

    private static RecordedRequest readRequest(InputStream in, int connection) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        key -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        return new RecordedRequest(connection, lines[0], headers);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
