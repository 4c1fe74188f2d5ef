package dev.arietta.http.internal.transfer;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Records fetches; the test drives each one's listener by hand. */
final class FakeFetcher implements SourceFetcher {

    /** One fetch the transfer started. */
    static final class Call implements FetchHandle {
        final FetchRequest request;
        final FetchListener listener;
        boolean paused;
        boolean cancelled;
        boolean done;
        long sent;
        /**
         * Run inside the next {@link #resume()}, as the HTTP client delivers bytes it already
         * buffered from within {@code resume}; null for none.
         */
        Runnable onResume;

        Call(FetchRequest request, FetchListener listener) {
            this.request = request;
            this.listener = listener;
        }

        @Override
        public void pause() {
            paused = true;
        }

        @Override
        public void resume() {
            paused = false;
            Runnable held = onResume;
            onResume = null;
            if (held != null) {
                held.run();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        void start(long total, boolean ranges) {
            listener.onStart(new FetchResponse(request.uri(), total, ranges, java.util.Optional.empty()));
        }

        /** Sends {@code count} bytes (value = offset mod 251). */
        void send(int count) {
            byte[] bytes = new byte[count];
            for (int i = 0; i < count; i++) {
                bytes[i] = (byte) ((request.first() + sent + i) % 251);
            }
            sent += count;
            listener.onData(ByteBuffer.wrap(bytes));
        }

        /**
         * Sends up to {@code count} bytes as the HTTP client does, into a buffer the listener
         * lends; returns that buffer (null when it lent none).
         */
        ByteBuffer sendLent(int count) {
            ByteBuffer lent = listener.lendDataBuffer();
            if (lent == null) {
                return null;
            }
            int length = Math.min(count, lent.remaining());
            for (int i = 0; i < length; i++) {
                lent.put((byte) ((request.first() + sent + i) % 251));
            }
            sent += length;
            lent.flip();
            listener.onDataBuffer(lent);
            return lent;
        }

        void end() {
            done = true;
            listener.onEnd();
        }

        void fail(FetchFailure.Kind kind, dev.arietta.core.ErrorCode code) {
            done = true;
            listener.onFailure(new FetchFailure(code, "fake " + kind, kind, 0));
        }

        long first() {
            return request.first();
        }

        long requestEnd() {
            return request.end();
        }

        String host() {
            return request.uri().getHost();
        }
    }

    final List<Call> calls = new ArrayList<>();

    @Override
    public boolean supports(URI uri) {
        return uri.getScheme().equals("http");
    }

    @Override
    public FetchHandle fetch(FetchRequest request, FetchListener listener) {
        Call call = new Call(request, listener);
        calls.add(call);
        return call;
    }

    List<Call> open() {
        return calls.stream().filter(call -> !call.cancelled && !call.done).toList();
    }

    Call last() {
        return calls.get(calls.size() - 1);
    }
}
