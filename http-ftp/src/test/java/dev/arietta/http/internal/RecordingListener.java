package dev.arietta.http.internal;

import dev.arietta.http.HttpException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Records a request's callbacks: the response, the body bytes and how it ended. */
final class RecordingListener implements ResponseListener {

    final CompletableFuture<HttpResponse> response = new CompletableFuture<>();
    final CompletableFuture<byte[]> completion = new CompletableFuture<>();
    final AtomicInteger bodyCalls = new AtomicInteger();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Consumer<ByteBuffer> onBodyHook = buffer -> { };
    /** Size of the buffers lent to the connection, 0 to lend none. */
    private int lentSize;
    final AtomicInteger lent = new AtomicInteger();
    final AtomicInteger returned = new AtomicInteger();

    RecordingListener onBody(Consumer<ByteBuffer> hook) {
        this.onBodyHook = hook;
        return this;
    }

    /** Lends the connection buffers of {@code size} bytes to read the body into. */
    RecordingListener lendBuffers(int size) {
        this.lentSize = size;
        return this;
    }

    @Override
    public ByteBuffer lendBodyBuffer() {
        if (lentSize == 0) {
            return null;
        }
        lent.incrementAndGet();
        return ByteBuffer.allocateDirect(lentSize);
    }

    @Override
    public synchronized void onBodyBuffer(ByteBuffer filled) {
        returned.incrementAndGet();
        if (filled.hasRemaining()) {
            onBody(filled);
        }
    }

    @Override
    public void onResponse(HttpResponse accepted) {
        response.complete(accepted);
    }

    @Override
    public synchronized void onBody(ByteBuffer content) {
        bodyCalls.incrementAndGet();
        byte[] chunk = new byte[content.remaining()];
        content.get(chunk);
        body.writeBytes(chunk);
        onBodyHook.accept(content);
    }

    @Override
    public synchronized void onComplete() {
        completion.complete(body.toByteArray());
    }

    @Override
    public void onFailure(HttpException failure) {
        response.completeExceptionally(failure);
        completion.completeExceptionally(failure);
    }

    synchronized int bodySize() {
        return body.size();
    }

    /** The whole body once complete. */
    String bodyText() throws Exception {
        return new String(completion.get(10, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1);
    }

    /** The failure, or an AssertionError if the request succeeded. */
    HttpException failure() throws Exception {
        try {
            completion.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (HttpException) e.getCause();
        }
        throw new AssertionError("expected a failure, but the request completed");
    }
}
