package dev.arietta.core.internal.picker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SegmentAllocatorTest {

    private static final long MIB = 1024 * 1024;

    private static SegmentAllocator allocator(long total, SegmentOptions options) {
        return new SegmentAllocator(total, options, new Random(11));
    }

    private static SegmentOptions options(int split, long minSplit, SegmentSelector selector) {
        return SegmentOptions.defaults().withSplit(split).withMinSplitSize(minSplit).withSelector(selector);
    }

    @Test
    void defaultSelectorSplitsTheLargestRangeInHalves() {
        SegmentAllocator allocator = allocator(100 * MIB, options(4, 20 * MIB, SegmentSelector.DEFAULT));
        Segment a = allocator.allocate();
        assertEquals(0, a.start());
        assertEquals(100 * MIB, a.end());

        Segment b = allocator.allocate();
        assertEquals(50 * MIB, b.start());
        assertEquals(100 * MIB, b.end());
        assertEquals(50 * MIB, a.end(), "the owner keeps the first half");
        assertSame(a, b.splitFrom());

        Segment c = allocator.allocate();
        assertEquals(25 * MIB, c.start(), "tie between a and b: the first");
        assertEquals(50 * MIB, c.end());
        assertEquals(25 * MIB, a.end());
        Segment d = allocator.allocate();
        assertEquals(75 * MIB, d.start());
        assertSame(b, d.splitFrom());
        assertNull(allocator.allocate(), "split = 4 connections");
        assertEquals(4, allocator.activeCount());
    }

    @Test
    void splitsFollowTheOwnersProgressAndAlignment() {
        SegmentAllocator allocator = allocator(100 * MIB, options(2, 20 * MIB, SegmentSelector.DEFAULT));
        Segment a = allocator.allocate();
        assertEquals(30 * MIB + 5, allocator.advance(a, 30 * MIB + 5));
        Segment b = allocator.allocate();
        // Remaining [30 MiB + 5, 100 MiB): middle 65 MiB + 2, aligned down to 65 MiB.
        assertEquals(65 * MIB, b.start());
        assertEquals(0, b.start() % SegmentOptions.DEFAULT_ALIGNMENT);
    }

    @Test
    void rangesBelowTwiceTheMinimumSplitSizeAreNotSplit() {
        SegmentAllocator small = allocator(39 * MIB, options(5, 20 * MIB, SegmentSelector.DEFAULT));
        assertEquals(39 * MIB, small.allocate().end());
        assertNull(small.allocate(), "39 MiB < 2 x 20 MiB");

        SegmentAllocator exact = allocator(40 * MIB, options(5, 20 * MIB, SegmentSelector.DEFAULT));
        Segment a = exact.allocate();
        Segment b = exact.allocate();
        assertEquals(20 * MIB, b.start());
        assertEquals(20 * MIB, a.end());
        assertNull(exact.allocate(), "two 20 MiB halves cannot be split again");

        SegmentAllocator progressed = allocator(40 * MIB, options(5, 20 * MIB, SegmentSelector.DEFAULT));
        Segment only = progressed.allocate();
        progressed.advance(only, 1);
        assertNull(progressed.allocate(), "only 40 MiB - 1 byte left to split");
    }

    @Test
    void aConnectionThatFinishesEarlyStealsHalfOfTheLargestRemainder() {
        SegmentAllocator allocator = allocator(100 * MIB, options(2, 10 * MIB, SegmentSelector.DEFAULT));
        Segment a = allocator.allocate();
        Segment b = allocator.allocate();
        assertEquals(50 * MIB, allocator.advance(a, 50 * MIB));
        allocator.advance(b, 10 * MIB);
        allocator.complete(a);

        Segment stolen = allocator.allocateNext(a);
        assertSame(b, stolen.splitFrom());
        assertEquals(80 * MIB, stolen.start(), "half of b's remaining [60, 100) MiB");
        assertEquals(100 * MIB, stolen.end());
        assertEquals(80 * MIB, b.end(), "b learns its new end");
        assertEquals(20 * MIB, b.remaining());

        // b had already read past the new end: only the bytes below it count.
        assertEquals(20 * MIB, allocator.advance(b, 25 * MIB));
        assertEquals(0, allocator.advance(b, 1));
        allocator.complete(b);
        allocator.advance(stolen, 20 * MIB);
        allocator.complete(stolen);
        assertTrue(allocator.isComplete());
        assertEquals(100 * MIB, allocator.completedLength());
    }

    @Test
    void releasedRangesAreTakenWholeAndContinuedOnTheSameStream() {
        SegmentAllocator allocator = allocator(100 * MIB, options(3, 10 * MIB, SegmentSelector.DEFAULT));
        Segment a = allocator.allocate();
        Segment b = allocator.allocate();
        allocator.advance(b, 5 * MIB);
        allocator.release(b);
        assertFalse(b.isActive());
        assertEquals(5 * MIB, allocator.completedLength());

        Segment free = allocator.allocate();
        assertEquals(55 * MIB, free.start(), "free [55, 100) MiB beats half of a's 50 MiB");
        assertEquals(100 * MIB, free.end());
        assertNull(free.splitFrom());
        assertEquals(50 * MIB, a.end());

        allocator.advance(a, 50 * MIB);
        allocator.complete(a);
        Segment next = allocator.allocateNext(a);
        assertSame(free, next.splitFrom(), "[50, 55) MiB is done, so a's stream cannot continue: steal");
        assertEquals(77 * MIB, next.start());
    }

    @Test
    void aFinishedConnectionContinuesIntoTheFreeRegionRightAfterIt() {
        SegmentAllocator allocator = allocator(100 * MIB, options(2, 10 * MIB, SegmentSelector.DEFAULT));
        Segment a = allocator.allocate();
        Segment b = allocator.allocate();
        allocator.release(b);
        allocator.advance(a, 50 * MIB);
        allocator.complete(a);
        Segment next = allocator.allocateNext(a);
        assertEquals(50 * MIB, next.start());
        assertEquals(100 * MIB, next.end());
        assertNull(next.splitFrom());
    }

    @Test
    void inorderStartsAsEarlyAsTheMinimumSplitSizeAllows() {
        SegmentAllocator allocator = allocator(100 * MIB, options(10, 20 * MIB, SegmentSelector.INORDER));
        List<Long> starts = new ArrayList<>();
        for (Segment segment; (segment = allocator.allocate()) != null; ) {
            starts.add(segment.start());
        }
        assertEquals(List.of(0L, 20 * MIB, 40 * MIB, 60 * MIB, 80 * MIB), starts, "[80, 100) cannot be cut again");
    }

    @Test
    void inorderPrefersTheFirstFreeRegion() {
        SegmentAllocator allocator = allocator(100 * MIB, options(10, 20 * MIB, SegmentSelector.INORDER));
        Segment a = allocator.allocate();
        Segment b = allocator.allocate();
        allocator.release(b);
        allocator.advance(a, 20 * MIB);
        allocator.complete(a);
        Segment c = allocator.allocate();
        assertEquals(20 * MIB, c.start());
        assertEquals(100 * MIB, c.end());
    }

    @Test
    void randomStartsAreAlignedRespectTheMinimumAndRepeatUnderASeed() {
        List<Long> first = randomStarts(5);
        assertEquals(first, randomStarts(5));
        assertFalse(first.equals(randomStarts(6)) && first.equals(randomStarts(7)));
        for (long start : first) {
            assertEquals(0, start % MIB);
        }
    }

    private static List<Long> randomStarts(long seed) {
        SegmentAllocator allocator = new SegmentAllocator(1000 * MIB,
                options(8, 20 * MIB, SegmentSelector.RANDOM), new Random(seed));
        List<Segment> segments = new ArrayList<>();
        for (Segment segment; (segment = allocator.allocate()) != null; ) {
            segments.add(segment);
        }
        assertEquals(8, segments.size());
        List<Long> starts = new ArrayList<>();
        for (Segment segment : segments) {
            assertTrue(segment.end() - segment.start() >= 20 * MIB, segment + " below min-split-size");
            starts.add(segment.start());
        }
        return starts;
    }

    @Test
    void geomStartsGrowExponentiallyLikeAria2() {
        SegmentAllocator allocator = allocator(1000 * MIB, options(10, MIB, SegmentSelector.GEOM));
        List<Long> starts = new ArrayList<>();
        for (Segment segment; (segment = allocator.allocate()) != null; ) {
            starts.add(segment.start() / MIB);
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 5L, 7L, 11L, 17L, 25L, 38L), starts);
    }

    @Test
    void geomHonoursTheMinimumSplitSize() {
        SegmentAllocator allocator = allocator(100 * MIB, options(3, 20 * MIB, SegmentSelector.GEOM));
        Segment a = allocator.allocate();
        Segment b = allocator.allocate();
        Segment c = allocator.allocate();
        assertEquals(0, a.start());
        assertEquals(25 * MIB, b.start(), "first window start at least 20 MiB into a");
        assertEquals(57 * MIB, c.start(), "first window start at least 20 MiB into b");
        assertEquals(25 * MIB, a.end());
        assertEquals(57 * MIB, b.end());
    }

    @Test
    void unknownLengthIsOneStreamUntilEof() {
        SegmentAllocator allocator = allocator(SegmentAllocator.UNKNOWN_LENGTH, SegmentOptions.defaults());
        Segment stream = allocator.allocate();
        assertEquals(0, stream.start());
        assertEquals(Segment.UNKNOWN_END, stream.end());
        assertNull(allocator.allocate(), "no split without a length");
        assertEquals(700 * MIB, allocator.advance(stream, 700 * MIB));
        assertFalse(allocator.isComplete());
        allocator.complete(stream);
        assertEquals(700 * MIB, allocator.totalLength());
        assertTrue(allocator.isComplete());
        assertNull(allocator.allocate());
    }

    @Test
    void unknownLengthStreamResumesWhereItStopped() {
        SegmentAllocator allocator = allocator(SegmentAllocator.UNKNOWN_LENGTH, SegmentOptions.defaults());
        Segment stream = allocator.allocate();
        allocator.advance(stream, 1234);
        allocator.release(stream);
        assertEquals(1234, allocator.allocate().start());
    }

    @Test
    void learningTheLengthAllowsSplitting() {
        SegmentAllocator allocator = allocator(SegmentAllocator.UNKNOWN_LENGTH,
                options(2, 20 * MIB, SegmentSelector.DEFAULT));
        Segment stream = allocator.allocate();
        allocator.advance(stream, MIB);
        allocator.setTotalLength(101 * MIB);
        assertEquals(101 * MIB, stream.end());
        Segment second = allocator.allocate();
        assertEquals(51 * MIB, second.start());
        assertEquals(51 * MIB, stream.end());
        assertThrows(IllegalStateException.class, () -> allocator.setTotalLength(5));
    }

    @Test
    void emptyFileIsCompleteAtOnce() {
        SegmentAllocator allocator = allocator(0, SegmentOptions.defaults());
        assertTrue(allocator.isComplete());
        assertNull(allocator.allocate());
    }

    static Stream<Arguments> misuse() {
        SegmentAllocator allocator = allocator(100, SegmentOptions.defaults().withAlignment(10).withMinSplitSize(10));
        Segment segment = allocator.allocate();
        Segment released = allocator.allocate();
        allocator.release(released);
        SegmentAllocator other = allocator(100, SegmentOptions.defaults());
        SegmentAllocator unknown = allocator(SegmentAllocator.UNKNOWN_LENGTH, SegmentOptions.defaults());
        unknown.advance(unknown.allocate(), 500);
        return Stream.of(
                misuse("negative length", IllegalArgumentException.class, "negative total length -5",
                        () -> allocator(-5, SegmentOptions.defaults())),
                misuse("negative byte count", IllegalArgumentException.class,
                        "negative byte count -1 for Segment[0, 50) at 0", () -> allocator.advance(segment, -1)),
                misuse("completing short of the end", IllegalStateException.class,
                        "Segment[0, 50) at 0 completed 50 bytes short of its end", () -> allocator.complete(segment)),
                misuse("using a released segment", IllegalStateException.class,
                        "Segment[50, 100) at 50 is not active in this allocator", () -> allocator.advance(released, 1)),
                misuse("using another allocator's segment", IllegalStateException.class,
                        "Segment[0, 50) at 0 is not active in this allocator", () -> other.release(segment)),
                misuse("continuing after an active segment", IllegalStateException.class,
                        "Segment[0, 50) at 0 is still active: complete or release it first",
                        () -> allocator.allocateNext(segment)),
                misuse("length shorter than what was downloaded", IllegalArgumentException.class,
                        "length 499 but 500 bytes already downloaded", () -> unknown.setTotalLength(499)),
                misuse("split 0", IllegalArgumentException.class, "split 0 outside 1..1024",
                        () -> SegmentOptions.defaults().withSplit(0)),
                misuse("min split 0", IllegalArgumentException.class, "minSplitSize 0 < 1",
                        () -> SegmentOptions.defaults().withMinSplitSize(0)),
                misuse("alignment 0", IllegalArgumentException.class, "alignment 0 < 1",
                        () -> SegmentOptions.defaults().withAlignment(0)),
                misuse("geom base 1", IllegalArgumentException.class, "geomBase 1.0 must be above 1",
                        () -> new SegmentOptions(1, 1, 1, SegmentSelector.GEOM, 1.0)));
    }

    private static Arguments misuse(String name, Class<? extends RuntimeException> type, String message,
            Executable call) {
        return Arguments.of(Named.of(name, call), type, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuse")
    void misuseFailsWithContext(Executable call, Class<? extends RuntimeException> type, String message) {
        assertEquals(message, assertThrows(type, call).getMessage());
    }

    @Test
    void markDoneRestoresResumedRangesAndNewSegmentsSkipThem() {
        SegmentAllocator allocator = allocator(10 * MIB, options(1, MIB, SegmentSelector.INORDER));
        allocator.markDone(0, 3 * MIB);
        allocator.markDone(5 * MIB, 6 * MIB);
        assertEquals(4 * MIB, allocator.completedLength());
        Segment first = allocator.allocate();
        assertEquals(3 * MIB, first.start());
        assertEquals(5 * MIB, first.end());
        allocator.advance(first, 2 * MIB);
        allocator.complete(first);
        Segment second = allocator.allocate();
        assertEquals(6 * MIB, second.start());
        assertEquals(10 * MIB, second.end());
        allocator.advance(second, 4 * MIB);
        allocator.complete(second);
        assertTrue(allocator.isComplete());
    }

    @Test
    void markDoneRefusesBadRangesAndRangesAnActiveSegmentOwns() {
        SegmentAllocator allocator = allocator(10 * MIB, options(1, MIB, SegmentSelector.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> allocator.markDone(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> allocator.markDone(5, 5));
        assertThrows(IllegalArgumentException.class, () -> allocator.markDone(0, 10 * MIB + 1));
        Segment owner = allocator.allocate();
        allocator.advance(owner, MIB);
        assertThrows(IllegalStateException.class, () -> allocator.markDone(2 * MIB, 3 * MIB));
        assertEquals(MIB, allocator.completedLength());
    }

    @Test
    void markMissingFreesADoneRangeForTheNextConnection() {
        SegmentAllocator allocator = allocator(10 * MIB, options(1, MIB, SegmentSelector.INORDER));
        Segment whole = allocator.allocate();
        allocator.advance(whole, 10 * MIB);
        allocator.complete(whole);
        assertTrue(allocator.isComplete());

        allocator.markMissing(4 * MIB, 5 * MIB);

        assertFalse(allocator.isComplete());
        assertEquals(9 * MIB, allocator.completedLength());
        Segment again = allocator.allocate();
        assertEquals(4 * MIB, again.start());
        assertEquals(5 * MIB, again.end(), "only the bad range is fetched again");
        allocator.advance(again, MIB);
        allocator.complete(again);
        assertTrue(allocator.isComplete());
    }

    @Test
    void markMissingBehindAnActiveSegmentLeavesTheHoleFreeWhileItStreamsOn() {
        SegmentAllocator allocator = allocator(10 * MIB, options(2, MIB, SegmentSelector.INORDER));
        Segment streaming = allocator.allocate();
        allocator.advance(streaming, 3 * MIB);

        allocator.markMissing(MIB, 2 * MIB);

        assertEquals(3 * MIB, streaming.start(), "what it had is accounted as done");
        assertEquals(2 * MIB, allocator.completedLength());
        Segment refetch = allocator.allocate();
        assertEquals(MIB, refetch.start());
        assertEquals(2 * MIB, refetch.end());
        allocator.advance(streaming, 7 * MIB);
        allocator.complete(streaming);
        assertFalse(allocator.isComplete(), "the hole is not done because the stream went past it");
        allocator.advance(refetch, MIB);
        allocator.complete(refetch);
        assertTrue(allocator.isComplete());
    }

    @Test
    void markMissingRefusesBadRangesAndBytesStillToCome() {
        SegmentAllocator allocator = allocator(10 * MIB, options(1, MIB, SegmentSelector.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> allocator.markMissing(3, 3));
        assertThrows(IllegalArgumentException.class, () -> allocator.markMissing(0, 10 * MIB + 1));
        Segment owner = allocator.allocate();
        allocator.advance(owner, MIB);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> allocator.markMissing(MIB / 2, 2 * MIB));
        assertEquals("missing range [524288, 2097152) overlaps what Segment[0, 10485760) at 1048576 has yet to"
                + " download", refused.getMessage());
    }
}
