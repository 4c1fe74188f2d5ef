package dev.arietta.http.internal;

import dev.arietta.http.HttpException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a response body into a file at a fixed offset, on the loop thread; backs
 * {@link Http1Client#download}. A write failure cancels the request and fails the result
 * with the {@link IOException}.
 */
final class FileSink implements ResponseListener {

    final CompletableFuture<HttpResponse> result = new CompletableFuture<>();
    ExchangeHandle handle;
    private final FileChannel file;
    private long position;
    private HttpResponse response;

    FileSink(FileChannel file, long fileOffset) {
        this.file = file;
        this.position = fileOffset;
    }

    @Override
    public void onResponse(HttpResponse accepted) {
        this.response = accepted;
    }

    @Override
    public void onBody(ByteBuffer content) {
        if (result.isDone()) {
            content.position(content.limit());
            return;
        }
        try {
            while (content.hasRemaining()) {
                position += file.write(content, position);
            }
        } catch (IOException e) {
            content.position(content.limit());
            handle.cancel();
            result.completeExceptionally(e);
        }
    }

    @Override
    public void onComplete() {
        result.complete(response);
    }

    @Override
    public void onFailure(HttpException failure) {
        result.completeExceptionally(failure);
    }
}
