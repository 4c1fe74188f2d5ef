package dev.arietta.bittorrent.internal.tracker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scripted HTTP tracker on 127.0.0.1: each request's target (path and query) is recorded and
 * answered with the bytes the script returns for it, then the connection closes. A script
 * returning null leaves the request unanswered (the connection stays open until close).
 */
public final class FakeHttpTracker implements AutoCloseable {

    private final BlockingQueue<String> targets = new LinkedBlockingQueue<>();
    private volatile Function<String, byte[]> script;
    private final FakeHttpServer server;

    public FakeHttpTracker(Function<String, byte[]> script) throws IOException {
        this.script = script;
        this.server = new FakeHttpServer(request -> {
            targets.add(request.target());
            return this.script.apply(request.target());
        });
    }

    public void script(Function<String, byte[]> value) {
        this.script = value;
    }

    public String url(String pathAndQuery) {
        return server.url(pathAndQuery);
    }

    /** The next request target, waiting up to 10 s. */
    public String nextTarget() throws InterruptedException {
        String target = targets.poll(10, TimeUnit.SECONDS);
        if (target == null) {
            throw new AssertionError("no request reached the fake HTTP tracker within 10 s");
        }
        return target;
    }

    /** A 200 response with {@code body} and a Content-Length. */
    public static byte[] ok(byte[] body) {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    public static byte[] ok(String body) {
        return ok(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
