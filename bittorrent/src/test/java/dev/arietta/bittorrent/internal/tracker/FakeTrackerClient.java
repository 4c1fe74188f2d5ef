package dev.arietta.bittorrent.internal.tracker;

import dev.arietta.bittorrent.metainfo.InfoHash;
import dev.arietta.core.internal.loop.Cancellable;
import java.util.ArrayList;
import java.util.List;

/** Records announces; the test answers each one by hand. Single-threaded. */
final class FakeTrackerClient implements TrackerClient {

    /** One announce awaiting the test's answer. */
    static final class Call implements Cancellable {
        final String url;
        final AnnounceRequest request;
        private final TrackerCallback<AnnounceResponse> callback;
        boolean cancelled;
        boolean answered;

        Call(String url, AnnounceRequest request, TrackerCallback<AnnounceResponse> callback) {
            this.url = url;
            this.request = request;
            this.callback = callback;
        }

        void succeed(AnnounceResponse response) {
            check();
            callback.onSuccess(response);
        }

        void fail(String reason) {
            check();
            callback.onFailure(new TrackerException(url, TrackerException.Kind.NETWORK, reason));
        }

        private void check() {
            if (cancelled || answered) {
                throw new AssertionError("call to " + url + " already " + (cancelled ? "cancelled" : "answered"));
            }
            answered = true;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public String toString() {
            return request.event() + " " + url;
        }
    }

    final List<Call> calls = new ArrayList<>();

    @Override
    public Cancellable announce(String trackerUrl, AnnounceRequest request,
            TrackerCallback<AnnounceResponse> callback) {
        Call call = new Call(trackerUrl, request, callback);
        calls.add(call);
        return call;
    }

    @Override
    public Cancellable scrape(String trackerUrl, InfoHash infoHash, TrackerCallback<ScrapeResult> callback) {
        throw new UnsupportedOperationException("the manager does not scrape");
    }

    /** The only call not yet answered or cancelled. */
    Call pending() {
        List<Call> open = calls.stream().filter(call -> !call.answered && !call.cancelled).toList();
        if (open.size() != 1) {
            throw new AssertionError("expected one pending announce, found " + open);
        }
        return open.get(0);
    }

    boolean nonePending() {
        return calls.stream().allMatch(call -> call.answered || call.cancelled);
    }
}
