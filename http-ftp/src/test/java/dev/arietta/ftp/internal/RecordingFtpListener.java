package dev.arietta.ftp.internal;

import dev.arietta.ftp.FtpException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Records one retrieval's callbacks: the response, the bytes and how it ended. */
final class RecordingFtpListener implements FtpListener {
    final CompletableFuture<FtpResponse> response = new CompletableFuture<>();
    final CompletableFuture<byte[]> completion = new CompletableFuture<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Consumer<ByteBuffer> onBodyHook = buffer -> { };

    RecordingFtpListener onBody(Consumer<ByteBuffer> hook) {
        this.onBodyHook = hook;
        return this;
    }

    @Override
    public void onStart(FtpResponse started) {
        if (response.isDone()) {
            throw new AssertionError("onStart twice");
        }
        response.complete(started);
    }

    @Override
    public synchronized void onBody(ByteBuffer content) {
        if (!response.isDone()) {
            throw new AssertionError("onBody before onStart");
        }
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
    public void onFailure(FtpException failure) {
        response.completeExceptionally(failure);
        completion.completeExceptionally(failure);
    }

    synchronized int bodySize() {
        return body.size();
    }

    /** The bytes once complete. */
    byte[] bytes() throws Exception {
        return completion.get(10, TimeUnit.SECONDS);
    }

    /** The failure, or an AssertionError if the retrieval succeeded. */
    FtpException failure() throws Exception {
        try {
            completion.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (FtpException) e.getCause();
        }
        throw new AssertionError("expected a failure, but the retrieval completed");
    }
}
