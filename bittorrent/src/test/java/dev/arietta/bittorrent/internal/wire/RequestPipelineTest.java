package dev.arietta.bittorrent.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestPipelineTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int BLOCK = PeerWireLimits.BLOCK_LENGTH;

    private long now = 50 * SECOND;
    private final RequestPipeline pipeline = new RequestPipeline(now);

    /** Requests and receives {@code blocksPerSecond} blocks each second for {@code seconds}. */
    private void transfer(int blocksPerSecond, int seconds) throws PeerProtocolException {
        int offset = 0;
        for (int second = 0; second < seconds; second++) {
            for (int i = 0; i < blocksPerSecond; i++) {
                pipeline.add(0, offset, BLOCK, now);
                pipeline.arrive(0, offset, BLOCK, now);
                offset += BLOCK;
            }
            now += SECOND;
        }
    }

    @Test
    void startsAtTheInitialDepth() {
        assertEquals(PeerWireLimits.INITIAL_REQUEST_QUEUE_DEPTH, pipeline.capacity(now));
        pipeline.add(0, 0, BLOCK, now);
        assertEquals(PeerWireLimits.INITIAL_REQUEST_QUEUE_DEPTH - 1, pipeline.capacity(now));
    }

    @Test
    void depthFollowsTheRateTimesTwoSeconds() throws Exception {
        transfer(100, 6);
        // 100 blocks/s for 2 s of queue: 200 blocks.
        assertEquals(200, pipeline.depth(now - 1));
        assertEquals(100L * BLOCK, pipeline.downloadRate(now - 1));
    }

    @Test
    void aFastPeerGetsADeepQueueWithinItsFirstSecond() throws Exception {
        int offset = 0;
        for (int i = 0; i < 300; i++) {
            pipeline.add(0, offset, BLOCK, now);
            pipeline.arrive(0, offset, BLOCK, now);
            offset += BLOCK;
        }
        now += SECOND / 10;
        // 300 blocks in the first tenth of a second count as at least 300 blocks/s: 600 wanted, capped.
        assertEquals(PeerWireLimits.MAX_REQUEST_QUEUE_DEPTH, pipeline.depth(now));
    }

    @Test
    void slowPeerGetsTheMinimumDepth() throws Exception {
        transfer(0, 1);
        pipeline.add(0, 0, BLOCK, now);
        pipeline.arrive(0, 0, BLOCK, now);
        now += 6 * SECOND;
        assertEquals(PeerWireLimits.MIN_REQUEST_QUEUE_DEPTH, pipeline.depth(now));
    }

    @Test
    void fastPeerIsCappedByItsReqqAndTheMaximum() throws Exception {
        transfer(1000, 6);
        assertEquals(PeerWireLimits.MAX_REQUEST_QUEUE_DEPTH, pipeline.depth(now - 1));
        pipeline.peerRequestQueue(250);
        assertEquals(250, pipeline.depth(now - 1));
    }

    @Test
    void lateListIsBoundedOldestFirst() throws Exception {
        for (int i = 0; i <= PeerWireLimits.MAX_LATE_REQUESTS; i++) {
            pipeline.add(1, i, 1, now);
            assertTrue(pipeline.fail(1, i, 1));
        }
        PeerProtocolException forgotten = assertThrows(PeerProtocolException.class, () -> pipeline.arrive(1, 0, 1, now));
        assertEquals("piece 1 offset 0 length 1: block was not requested", forgotten.getMessage());
        assertEquals(RequestPipeline.Arrival.LATE, pipeline.arrive(1, 1, 1, now));
        assertEquals(RequestPipeline.Arrival.LATE, pipeline.arrive(1, PeerWireLimits.MAX_LATE_REQUESTS, 1, now));
    }

    @Test
    void snubNeedsOutstandingRequestsForTheWholeTimeout() throws Exception {
        now += PeerWireLimits.SNUB_TIMEOUT_NANOS;
        assertFalse(pipeline.checkSnub(now), "nothing outstanding");
        pipeline.add(2, 0, BLOCK, now);
        assertFalse(pipeline.checkSnub(now + PeerWireLimits.SNUB_TIMEOUT_NANOS - 1));
        assertTrue(pipeline.checkSnub(now + PeerWireLimits.SNUB_TIMEOUT_NANOS));
        assertEquals(0, pipeline.capacity(now), "one request at a time, and it is taken");
        assertEquals(RequestPipeline.Arrival.OUTSTANDING, pipeline.arrive(2, 0, BLOCK, now + PeerWireLimits.SNUB_TIMEOUT_NANOS));
        assertFalse(pipeline.isSnubbed());
    }

    @Test
    void rejectOfAFailedRequestIsQuietAndOfAnUnknownOneIsAViolation() throws Exception {
        pipeline.add(3, 0, BLOCK, now);
        pipeline.fail(3, 0, BLOCK);
        assertFalse(pipeline.reject(3, 0, BLOCK));
        assertThrows(PeerProtocolException.class, () -> pipeline.reject(3, 0, BLOCK));
    }
}
