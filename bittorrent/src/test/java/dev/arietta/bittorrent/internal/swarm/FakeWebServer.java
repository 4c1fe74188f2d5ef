package dev.arietta.bittorrent.internal.swarm;

import dev.arietta.bittorrent.internal.tracker.FakeHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A static file server on 127.0.0.1 for web seed tests: GET with byte ranges ({@code 206} and
 * {@code Content-Range}), {@code 404} for unknown paths, one request per connection. Requests
 * are recorded ("path range"); a filter may alter the bytes sent (a lying server).
 */
final class FakeWebServer implements AutoCloseable {

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile UnaryOperator<byte[]> filter = UnaryOperator.identity();
    private final FakeHttpServer server;

    FakeWebServer() throws IOException {
        server = new FakeHttpServer(this::answer);
    }

    /** Serves {@code content} at {@code path} (already percent-encoded, starting with '/'). */
    FakeWebServer file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /** Alters every body sent. */
    void filter(UnaryOperator<byte[]> value) {
        this.filter = value;
    }

    String url(String path) {
        return server.url(path);
    }

    private byte[] answer(FakeHttpServer.Request request) {
        String range = request.headers().get("range");
        requests.add(request.target() + " " + range);
        byte[] content = files.get(request.target());
        if (content == null) {
            return "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        int first = 0;
        int last = content.length - 1;
        String head = "HTTP/1.1 200 OK\r\n";
        if (range != null && range.startsWith("bytes=")) {
            String[] bounds = range.substring(6).split("-", -1);
            first = Integer.parseInt(bounds[0]);
            if (!bounds[1].isEmpty()) {
                last = Math.min(last, Integer.parseInt(bounds[1]));
            }
            head = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + first + "-" + last + "/" + content.length
                    + "\r\n";
        }
        byte[] body = filter.apply(Arrays.copyOfRange(content, first, last + 1));
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        reply.writeBytes((head + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        reply.writeBytes(body);
        return reply.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
