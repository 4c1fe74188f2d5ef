package dev.arietta.http.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.ErrorCode;
import dev.arietta.core.internal.loop.BufferPool;
import dev.arietta.core.internal.picker.SegmentSelector;
import dev.arietta.core.internal.ratelimit.RateLimiter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The transfer's decisions, driven by hand: fake sources, a manual clock, a recording sink. */
class SegmentedTransferTest {

    private static final long MIB = 1024 * 1024;
    private static final long SECOND = 1_000_000_000L;

    private final ManualTimers timers = new ManualTimers();
    private final FakeFetcher fetcher = new FakeFetcher();
    private final BufferPool pool = new BufferPool(64 * 1024, 16);
    private final List<Object[]> pendingWrites = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private FetchResponse firstResponse;
    private ErrorCode failureCode;
    private String failureMessage;
    private SegmentedTransfer transfer;
    /** What {@link TransferListener#allWrittenVerified} answers. */
    private boolean allVerified = true;
    /** What {@link TransferListener#checkResponse} answers, per source host. */
    private Function<URI, FetchFailure> responseCheck = uri -> null;
    private long writtenBytes;

    private static TransferSettings settings(int split, int perHost) {
        return new TransferSettings(split, perHost, MIB, MIB, SegmentSelector.DEFAULT, true, 3, 0, 0, 0,
                10 * SECOND, 64);
    }

    private SegmentedTransfer transfer(TransferSettings settings, String... uris) {
        List<URI> list = new ArrayList<>();
        for (String uri : uris) {
            list.add(URI.create(uri));
        }
        transfer = new SegmentedTransfer(settings, list, List.of(fetcher), timers, pool,
                (offset, buffer) -> pendingWrites.add(new Object[] {offset, buffer}),
                new TransferListener() {
                    @Override
                    public void onFirstResponse(FetchResponse response) {
                        firstResponse = response;
                        events.add("first");
                    }

                    @Override
                    public void onComplete() {
                        events.add("complete");
                    }

                    @Override
                    public void onFailure(ErrorCode code, String message) {
                        failureCode = code;
                        failureMessage = message;
                        events.add("failure " + code);
                    }

                    @Override
                    public void onNotModified() {
                        events.add("not modified");
                    }

                    @Override
                    public FetchFailure checkResponse(URI source, FetchResponse response) {
                        return responseCheck.apply(source);
                    }

                    @Override
                    public boolean allWrittenVerified() {
                        return allVerified;
                    }
                }, new Random(1));
        return transfer;
    }

    /** Completes every pending write, checking each byte is the one for its offset. */
    private void flushWrites() {
        List<Object[]> writes = new ArrayList<>(pendingWrites);
        pendingWrites.clear();
        for (Object[] write : writes) {
            long offset = (Long) write[0];
            ByteBuffer buffer = (ByteBuffer) write[1];
            int length = buffer.remaining();
            for (int i = 0; i < length; i++) {
                assertEquals((byte) ((offset + i) % 251), buffer.get(buffer.position() + i), "byte at " + (offset + i));
            }
            writtenBytes += length;
            transfer.written(offset, length, buffer);
        }
    }

    /** Sends what each open fetch still owes, in chunks, until nothing is open. */
    private void runToEnd() {
        for (int round = 0; round < 10_000 && !fetcher.open().isEmpty(); round++) {
            for (FakeFetcher.Call call : fetcher.open()) {
                long end = call.requestEnd() == FetchRequest.TO_END ? transfer.totalLength() : call.requestEnd();
                long left = end - call.first() - call.sent;
                if (left <= 0) {
                    call.end();
                } else {
                    call.send((int) Math.min(left, 64 * 1024));
                }
            }
            flushWrites();
        }
    }

    private static TransferSettings resumeSettings(boolean alwaysResume, int maxResumeFailureTries) {
        return new TransferSettings(4, 4, MIB, MIB, SegmentSelector.DEFAULT, false, 3, 0, 0, 0, 10 * SECOND, 64,
                true, alwaysResume, maxResumeFailureTries);
    }

    @Test
    void bytesReadIntoLentBuffersReachTheSinkUncopiedAndStopAtTheSegmentEnd() {
        transfer(settings(2, 2), "http://a/f").start();
        FakeFetcher.Call probe = fetcher.last();
        probe.start(2 * MIB, true);
        transfer.proceed(List.of());
        FakeFetcher.Call second = fetcher.last();
        assertEquals(MIB, second.first());
        ByteBuffer lent = second.sendLent(100_000);
        assertEquals(1, pendingWrites.size());
        assertEquals(MIB, (long) (Long) pendingWrites.get(0)[0]);
        assertTrue(pendingWrites.get(0)[1] == lent, "the lent buffer itself goes to the sink");
        assertEquals(64 * 1024, lent.remaining());
        flushWrites();
        // The probe's lent buffers stop at its first piece: the rest is the second connection's.
        while (probe.sendLent(64 * 1024) != null) {
            assertTrue(probe.sent <= MIB, "nothing accepted past the probe's piece: " + probe.sent);
            flushWrites();
        }
        assertEquals(MIB, probe.sent);
        assertEquals(SegmentedTransfer.State.RUNNING, transfer.state());
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
        assertEquals(2 * MIB, transfer.completedLength());
    }

    @Test
    void notModifiedFirstAnswerStopsTheTransfer() {
        transfer(settings(4, 4), "http://a/f", "http://b/f").start();
        fetcher.last().listener.onNotModified();
        assertEquals(List.of("not modified"), events);
        assertEquals(SegmentedTransfer.State.STOPPED, transfer.state());
        assertEquals(1, fetcher.calls.size());
        assertTrue(fetcher.open().isEmpty() || fetcher.open().stream().allMatch(call -> call.cancelled));
    }

    @Test
    void withoutReuseUriAMirrorCarriesOneConnectionAtATime() {
        TransferSettings settings = new TransferSettings(4, 4, MIB, MIB, SegmentSelector.DEFAULT, false, 3, 0, 0, 0,
                10 * SECOND, 64, false, true, 0);
        transfer(settings, "http://a/f", "http://b/f").start();
        fetcher.last().start(8 * MIB, true);
        transfer.proceed(List.of());
        assertEquals(List.of("a", "b"), fetcher.open().stream().map(FakeFetcher.Call::host).sorted().toList());
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
        assertEquals(8 * MIB, transfer.completedLength());
    }

    @Test
    void alwaysResumeDropsAFirstSourceWithoutRangesAndFailsWithNoneLeft() {
        transfer(resumeSettings(true, 0), "http://a/f").start();
        fetcher.last().fail(FetchFailure.Kind.RANGE_UNSUPPORTED, ErrorCode.CANNOT_RESUME);
        FakeFetcher.Call probe = fetcher.last();
        assertEquals(FetchRequest.TO_END, probe.requestEnd(), "asked again for the whole file");
        probe.start(4 * MIB, false);
        transfer.proceed(List.<long[]>of(new long[] {0, MIB + 5}));
        assertTrue(probe.cancelled, "it cannot continue the bytes on disk");
        assertEquals(List.of("first", "failure CANNOT_RESUME"), events);
    }

    @Test
    void withoutAlwaysResumeTheFirstSourceStartsTheFileOver() {
        transfer(resumeSettings(false, 0), "http://a/f").start();
        fetcher.last().fail(FetchFailure.Kind.RANGE_UNSUPPORTED, ErrorCode.CANNOT_RESUME);
        FakeFetcher.Call probe = fetcher.last();
        assertEquals(FetchRequest.TO_END, probe.requestEnd(), "asked again for the whole file");
        probe.start(4 * MIB, false);
        transfer.proceed(List.<long[]>of(new long[] {0, MIB + 5}));
        assertFalse(probe.cancelled, "it streams the file from byte 0");
        assertEquals(0, transfer.completedLength(), "the bytes on disk no longer count");
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
        assertEquals(4 * MIB, transfer.completedLength());
    }

    @Test
    void maxResumeFailureTriesCountsSourcesThatIgnoreARangeAfterTheStart() {
        transfer(resumeSettings(false, 2), "http://a/f", "http://b/f", "http://c/f").start();
        fetcher.last().start(8 * MIB, true);
        transfer.proceed(List.<long[]>of(new long[] {0, 2 * MIB}));
        List<FakeFetcher.Call> open = fetcher.open();
        assertTrue(open.stream().allMatch(call -> call.first() >= 2 * MIB), "resumed after the data on disk");
        FakeFetcher.Call first = open.get(0);
        first.fail(FetchFailure.Kind.RANGE_UNSUPPORTED, ErrorCode.CANNOT_RESUME);
        assertTrue(fetcher.open().stream().allMatch(call -> call.first() >= 2 * MIB), "one failure: still resuming");
        FakeFetcher.Call second = fetcher.open().stream().filter(call -> !call.host().equals(first.host())).findFirst()
                .orElseThrow();
        second.fail(FetchFailure.Kind.RANGE_UNSUPPORTED, ErrorCode.CANNOT_RESUME);
        assertEquals(0, transfer.completedLength(), "two failures: started over");
        assertTrue(fetcher.open().stream().anyMatch(call -> call.first() == 0), "from byte 0");
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
        assertEquals(8 * MIB, transfer.completedLength());
    }

    @Test
    void firstConnectionLearnsTheLengthThenTheFileIsSplit() {
        transfer(settings(4, 4), "http://a/file").start();
        FakeFetcher.Call probe = fetcher.last();
        assertEquals(0, probe.first());
        assertEquals(MIB, probe.requestEnd(), "the first request asks for one piece");
        probe.start(8 * MIB, true);
        assertEquals(8 * MIB, firstResponse.totalLength());
        assertEquals(SegmentedTransfer.State.PREPARING, transfer.state());
        assertEquals(1, fetcher.calls.size(), "no split before the file is prepared");
        transfer.proceed(List.of());
        assertEquals(4, fetcher.open().size());
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
        assertEquals(8 * MIB, transfer.completedLength());
        assertEquals(0, transfer.connectionCount());
    }

    @Test
    void connectionsPerHostAreCappedAndMirrorsShareTheSplit() {
        transfer(settings(4, 1), "http://a/f", "http://b/f", "http://a/f2").start();
        fetcher.last().start(8 * MIB, true);
        transfer.proceed(List.of());
        List<String> hosts = fetcher.open().stream().map(FakeFetcher.Call::host).sorted().toList();
        assertEquals(List.of("a", "b"), hosts, "one connection per host, the third URI shares host a");
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
    }

    @Test
    void aConnectionThatFinishesEarlyStealsHalfOfTheLargestRemainingRange() {
        transfer(settings(2, 2), "http://a/f").start();
        FakeFetcher.Call probe = fetcher.last();
        probe.start(8 * MIB, true);
        transfer.proceed(List.of());
        FakeFetcher.Call second = fetcher.last();
        assertEquals(4 * MIB, second.first());
        assertEquals(8 * MIB, second.requestEnd());
        for (long sent = 0; sent < 4 * MIB; sent += 64 * 1024) {
            second.send(64 * 1024);
        }
        second.end();
        flushWrites();
        FakeFetcher.Call thief = fetcher.last();
        assertEquals(2 * MIB, thief.first(), "half of the probe's remaining [0, 4M) from 2M");
        assertEquals(4 * MIB, thief.requestEnd());
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
    }

    @Test
    void failedRangeGoesToAnotherMirrorAndTheFailingOneWaitsRetryWait() {
        TransferSettings settings = new TransferSettings(2, 1, MIB, MIB, SegmentSelector.DEFAULT, false, 5,
                3 * SECOND, 0, 0, 10 * SECOND, 64);
        transfer(settings, "http://a/f", "http://b/f").start();
        fetcher.last().start(4 * MIB, true);
        transfer.proceed(List.of());
        FakeFetcher.Call onB = fetcher.open().stream().filter(call -> call.host().equals("b")).findFirst().orElseThrow();
        onB.send(1000);
        onB.fail(FetchFailure.Kind.RETRYABLE, ErrorCode.NETWORK);
        assertTrue(fetcher.open().stream().allMatch(call -> call.host().equals("a")), "b waits retry-wait");
        timers.advance(3 * SECOND);
        assertTrue(fetcher.open().stream().anyMatch(call -> call.host().equals("b")), "b retried after 3 s");
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
    }

    @Test
    void mirrorsAreDroppedAfterMaxTriesAndTheLastErrorFailsTheTransfer() {
        transfer(settings(1, 1), "http://a/f").start();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertEquals(attempt + 1, fetcher.calls.size());
            fetcher.last().fail(FetchFailure.Kind.RETRYABLE, ErrorCode.TIMEOUT);
            timers.advance(SECOND);
        }
        assertEquals(List.of("failure TIMEOUT"), events);
        assertEquals(3, fetcher.calls.size());
    }

    @Test
    void notFoundDropsAMirrorAndMaxFileNotFoundFailsWithCode4() {
        TransferSettings settings = new TransferSettings(1, 1, MIB, MIB, SegmentSelector.DEFAULT, false, 5, 0, 2, 0,
                10 * SECOND, 64);
        transfer(settings, "http://a/f", "http://b/f", "http://c/f").start();
        fetcher.last().fail(FetchFailure.Kind.NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND);
        assertEquals("b", fetcher.last().host());
        fetcher.last().fail(FetchFailure.Kind.NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND);
        assertEquals(ErrorCode.MAX_FILE_NOT_FOUND, failureCode);
        assertEquals(2, fetcher.calls.size());
    }

    @Test
    void feedbackPrefersTheFasterMirror() {
        transfer(settings(2, 1), "http://slow/f", "http://fast/f").start();
        fetcher.last().start(64 * MIB, true);
        transfer.proceed(List.of());
        FakeFetcher.Call slow = fetcher.open().stream().filter(call -> call.host().equals("slow")).findFirst()
                .orElseThrow();
        FakeFetcher.Call fast = fetcher.open().stream().filter(call -> call.host().equals("fast")).findFirst()
                .orElseThrow();
        slow.send(10_000);
        fast.send(60_000);
        flushWrites();
        timers.advance(SECOND);
        slow.fail(FetchFailure.Kind.RETRYABLE, ErrorCode.NETWORK);
        fast.fail(FetchFailure.Kind.RETRYABLE, ErrorCode.NETWORK);
        timers.advance(SECOND);
        assertEquals("fast", fetcher.open().get(0).host(), "the faster mirror is chosen first");
    }

    @Test
    void resumedRangesAreNotFetchedAgain() {
        transfer(settings(1, 1), "http://a/f").start();
        FakeFetcher.Call probe = fetcher.last();
        probe.start(4 * MIB, true);
        transfer.proceed(List.of(new long[] {0, 3 * MIB}));
        assertTrue(probe.cancelled, "the probe from 0 is abandoned");
        FakeFetcher.Call rest = fetcher.last();
        assertEquals(3 * MIB, rest.first());
        assertEquals(4 * MIB, rest.requestEnd());
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
        assertEquals(4 * MIB, transfer.completedLength());
    }

    @Test
    void sourceWithoutRangesIsReadByOneConnectionAndRestartedFromZeroAfterABreak() {
        transfer(settings(4, 4), "http://a/f").start();
        FakeFetcher.Call probe = fetcher.last();
        probe.start(2 * MIB, false);
        transfer.proceed(List.of());
        assertEquals(1, fetcher.open().size());
        probe.send(100_000);
        flushWrites();
        probe.fail(FetchFailure.Kind.RETRYABLE, ErrorCode.NETWORK);
        timers.advance(SECOND);
        FakeFetcher.Call again = fetcher.last();
        assertEquals(0, again.first());
        assertEquals(FetchRequest.TO_END, again.requestEnd());
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
    }

    @Test
    void unknownLengthIsOneStreamToEof() {
        transfer(settings(4, 4), "http://a/f").start();
        FakeFetcher.Call probe = fetcher.last();
        probe.start(-1, false);
        transfer.proceed(List.of());
        probe.send(50_000);
        probe.send(7);
        probe.end();
        flushWrites();
        assertEquals(List.of("first", "complete"), events);
        assertEquals(50_007, transfer.totalLength());
        assertEquals(1, fetcher.calls.size());
    }

    @Test
    void tooManyBuffersInFlightPauseEveryConnectionUntilWritten() {
        TransferSettings settings = new TransferSettings(2, 2, MIB, MIB, SegmentSelector.DEFAULT, true, 3, 0, 0, 0,
                10 * SECOND, 4);
        transfer(settings, "http://a/f").start();
        fetcher.last().start(4 * MIB, true);
        transfer.proceed(List.of());
        FakeFetcher.Call first = fetcher.open().get(0);
        for (int i = 0; i < 4; i++) {
            first.send(1000);
        }
        assertTrue(fetcher.open().stream().allMatch(call -> call.paused), "paused at 4 buffers in flight");
        flushWrites();
        assertTrue(fetcher.open().stream().noneMatch(call -> call.paused), "resumed once written");
    }

    @Test
    void aConnectionEndingInsideItsResumeDoesNotLeaveTheOthersPaused() {
        TransferSettings settings = new TransferSettings(2, 2, MIB, MIB, SegmentSelector.DEFAULT, true, 3, 0, 0, 0,
                10 * SECOND, 4);
        transfer(settings, "http://a/f").start();
        FakeFetcher.Call first = fetcher.last();
        first.start(4 * MIB, true);
        transfer.proceed(List.of());
        assertEquals(2, fetcher.open().size());
        FakeFetcher.Call second = fetcher.open().get(1);
        while (first.sent < MIB - 5000) {
            first.send((int) Math.min(64 * 1024, MIB - 5000 - first.sent));
            flushWrites();
        }
        for (int i = 0; i < 4; i++) {
            first.send(1000);
        }
        assertTrue(first.paused && second.paused, "paused at 4 buffers in flight");
        // The last bytes of the first fetch were already buffered: they arrive, with its end,
        // while the transfer resumes it, and the connection leaves before the others are resumed.
        first.onResume = () -> {
            first.send((int) (MIB - first.sent));
            first.end();
        };
        flushWrites();
        assertTrue(fetcher.open().stream().noneMatch(call -> call.paused), "every open fetch resumed once written");
        assertFalse(second.paused, "the second connection resumed");
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
        assertEquals(4 * MIB, transfer.completedLength());
    }

    @Test
    void rateLimitPausesAConnectionUntilTokensReturn() {
        transfer(settings(1, 1), "http://a/f").start();
        RateLimiter limiter = new RateLimiter(timers::nanoTime, 0);
        transfer.setRateLimit(limiter.newChild(100_000));
        FakeFetcher.Call probe = fetcher.last();
        probe.start(MIB, true);
        transfer.proceed(List.of());
        probe.send(64 * 1024);
        probe.send(64 * 1024);
        assertTrue(probe.paused, "over the 100 KB/s budget");
        timers.advance(2 * SECOND);
        assertFalse(probe.paused, "tokens refilled");
    }

    @Test
    void lowestSpeedLimitFailsASlowTransferAfterTheGrace() {
        TransferSettings settings = new TransferSettings(1, 1, MIB, MIB, SegmentSelector.DEFAULT, true, 3, 0, 0,
                50_000, 5 * SECOND, 64);
        transfer(settings, "http://a/f").start();
        FakeFetcher.Call probe = fetcher.last();
        probe.start(64 * MIB, true);
        transfer.proceed(List.of());
        timers.advance(4 * SECOND);
        assertNull(failureCode, "within the grace");
        timers.advance(2 * SECOND);
        assertEquals(ErrorCode.TOO_SLOW, failureCode);
        assertTrue(probe.cancelled);
    }

    @Test
    void stopCancelsEverythingWithoutCallbacks() {
        transfer(settings(2, 2), "http://a/f").start();
        fetcher.last().start(8 * MIB, true);
        transfer.proceed(List.of());
        transfer.stop();
        assertTrue(fetcher.calls.stream().allMatch(call -> call.cancelled));
        assertEquals(List.of("first"), events);
        assertEquals(SegmentedTransfer.State.STOPPED, transfer.state());
    }

    @Test
    void serverRefusingTheBoundedFirstRangeIsAskedForTheWholeFile() {
        transfer(settings(4, 4), "http://a/f").start();
        fetcher.last().fail(FetchFailure.Kind.RANGE_UNSUPPORTED, ErrorCode.CANNOT_RESUME);
        FakeFetcher.Call again = fetcher.last();
        assertEquals(2, fetcher.calls.size());
        assertEquals("a", again.host(), "the mirror is not dropped");
        assertEquals(FetchRequest.TO_END, again.requestEnd());
        again.start(3 * MIB, false);
        transfer.proceed(List.of());
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
    }

    @Test
    void boundedFirstRequestCarriesOnWithTheRestOfItsShare() {
        transfer(settings(1, 1), "http://a/f").start();
        FakeFetcher.Call probe = fetcher.last();
        probe.start(3 * MIB, true);
        transfer.proceed(List.of());
        for (int i = 0; i < 16; i++) {
            probe.send(64 * 1024);
        }
        probe.end();
        flushWrites();
        FakeFetcher.Call next = fetcher.last();
        assertEquals(MIB, next.first());
        assertEquals(3 * MIB, next.requestEnd());
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
        assertEquals(2, fetcher.calls.size());
    }

    // ---- verification, Metalink/HTTP checks and end-game ----------------------------------------

    private FakeFetcher.Call openOn(String host) {
        return fetcher.open().stream().filter(call -> call.host().equals(host)).findFirst().orElseThrow();
    }

    /** Sends, chunk by chunk, what {@code host}'s open fetches owe until {@code done} or none is left open. */
    private FakeFetcher.Call driveUntil(String host, java.util.function.Predicate<FakeFetcher.Call> done) {
        for (int round = 0; round < 10_000; round++) {
            FakeFetcher.Call call = fetcher.open().stream().filter(open -> open.host().equals(host)).findFirst()
                    .orElse(null);
            if (call == null || done.test(call)) {
                return call;
            }
            long left = call.requestEnd() - call.first() - call.sent;
            if (left == 0) {
                call.end();
            } else {
                call.send((int) Math.min(left, 64 * 1024));
            }
            flushWrites();
        }
        throw new AssertionError("still sending after 10000 rounds");
    }

    @Test
    void completionWaitsUntilEveryWrittenByteIsVerified() {
        allVerified = false;
        transfer(settings(1, 1), "http://a/f").start();
        fetcher.last().start(2 * MIB, true);
        transfer.proceed(List.of());
        runToEnd();
        assertEquals(List.of("first"), events, "every byte written, a check still pending");
        assertEquals(SegmentedTransfer.State.RUNNING, transfer.state());
        allVerified = true;
        transfer.verified();
        assertEquals(List.of("first", "complete"), events);
    }

    @Test
    void discardedBytesAreFetchedAgainFromAnotherMirrorAndTheirSourceIsDropped() {
        allVerified = false;
        transfer(settings(2, 1), "http://a/f", "http://b/f").start();
        fetcher.last().start(4 * MIB, true);
        transfer.proceed(List.of());
        assertEquals(2 * MIB, openOn("b").first());
        runToEnd();
        assertEquals(4 * MIB, transfer.completedLength());

        List<URI> dropped = transfer.discard(2 * MIB, 3 * MIB, "piece 2 failed its sha-1 check");

        assertEquals(List.of(URI.create("http://b/f")), dropped);
        assertEquals(3 * MIB, transfer.completedLength());
        FakeFetcher.Call again = fetcher.last();
        assertEquals("a", again.host(), "fetched again from the mirror left");
        assertEquals(2 * MIB, again.first());
        assertEquals(3 * MIB, again.requestEnd());
        assertTrue(transfer.mirrors().contains(new MirrorSample(URI.create("http://b/f"), true, true)));
        allVerified = true;
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
        assertEquals(5 * MIB, writtenBytes, "the discarded MiB was written twice, nothing else");
    }

    @Test
    void discardingTheOnlyMirrorsBytesFailsWithTheChecksumError() {
        allVerified = false;
        transfer(settings(1, 1), "http://a/f").start();
        fetcher.last().start(2 * MIB, true);
        transfer.proceed(List.of());
        runToEnd();
        transfer.discard(0, MIB, "piece 0 failed its sha-256 check");
        assertEquals(List.of("first", "failure CHECKSUM_ERROR"), events);
        assertEquals("no mirror left; last error: piece 0 failed its sha-256 check", failureMessage);
    }

    @Test
    void aRefusedAnswerDropsItsMirrorAndTheOthersCarryOn() {
        responseCheck = uri -> uri.getHost().equals("b")
                ? new FetchFailure(ErrorCode.CHECKSUM_ERROR, "digest differs", FetchFailure.Kind.FATAL, 0) : null;
        transfer(settings(2, 1), "http://a/f", "http://b/f").start();
        fetcher.last().start(4 * MIB, true);
        transfer.proceed(List.of());
        FakeFetcher.Call onB = openOn("b");
        onB.start(4 * MIB, true);
        assertTrue(onB.cancelled, "the refused fetch is cancelled before any data");
        assertTrue(transfer.mirrors().contains(new MirrorSample(URI.create("http://b/f"), true, true)));
        runToEnd();
        assertEquals(List.of("first", "complete"), events);
        assertTrue(fetcher.calls.stream().filter(call -> call.host().equals("b")).count() == 1, "b never asked again");
    }

    @Test
    void endGameRacesTheSlowestRangeOnAFasterMirrorAndCancelsTheLoser() {
        transfer(settings(2, 1), "http://fast/f", "http://slow/f").start();
        FakeFetcher.Call probe = fetcher.last();
        probe.start(4 * MIB, true);
        transfer.proceed(List.of());
        FakeFetcher.Call slow = openOn("slow");
        assertEquals(2 * MIB, slow.first());
        for (int second = 0; second < 3; second++) {
            slow.send(50_000);
            flushWrites();
            timers.advance(SECOND);
        }
        // The fast mirror finishes its half; nothing left to split: the slow range is raced.
        FakeFetcher.Call racer = driveUntil("fast", call -> call.first() >= 2 * MIB);
        assertEquals(2 * MIB + 150_000, racer.first(), "from the slow connection's position, not a piece boundary");
        assertEquals(4 * MIB, racer.requestEnd());
        slow.send(10_000);
        flushWrites();
        while (!racer.cancelled && !racer.done && racer.sent < racer.requestEnd() - racer.first()) {
            racer.send((int) Math.min(64 * 1024, racer.requestEnd() - racer.first() - racer.sent));
            flushWrites();
        }
        assertTrue(slow.cancelled, "the slower connection lost the race");
        racer.end();
        flushWrites();
        assertEquals(List.of("first", "complete"), events);
        assertEquals(4 * MIB, writtenBytes, "no byte written twice");
    }

    @Test
    void endGameLeavesARangeAloneWhenNoMirrorIsClearlyFaster() {
        transfer(settings(2, 1), "http://a/f", "http://b/f").start();
        FakeFetcher.Call probe = fetcher.last();
        probe.start(4 * MIB, true);
        transfer.proceed(List.of());
        FakeFetcher.Call onB = openOn("b");
        for (int second = 0; second < 3; second++) {
            onB.send(600_000);
            flushWrites();
            timers.advance(SECOND);
        }
        driveUntil("a", call -> false);
        timers.advance(SECOND);
        assertEquals(List.of(onB), fetcher.open(), "b is about as fast as a: no race");
    }
}
