package dev.arietta.core.internal.hash;

import dev.arietta.core.internal.piece.PieceGeometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arietta.core.internal.piece.Bitfield;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrityCheckerTest {

    private final FakeExecutor hashExecutor = new FakeExecutor();
    private final FakeExecutor ownerExecutor = new FakeExecutor();

    /** A reader over in-memory data that records what it was lent and can corrupt or cut the data. */
    private static final class RecordingReader implements PieceReader {
        final byte[] data;
        final int pieceLength;
        final long availableBytes;
        final Set<ByteBuffer> buffersSeen = Collections.newSetFromMap(new IdentityHashMap<>());
        int reads;
        int largestBuffer;

        RecordingReader(byte[] data, int pieceLength, long availableBytes) {
            this.data = data;
            this.pieceLength = pieceLength;
            this.availableBytes = availableBytes;
        }

        @Override
        public synchronized void read(int piece, long offset, ByteBuffer into) {
            reads++;
            buffersSeen.add(into);
            largestBuffer = Math.max(largestBuffer, into.capacity());
            long start = (long) piece * pieceLength + offset;
            int count = (int) Math.max(0, Math.min(into.remaining(), availableBytes - start));
            into.put(data, (int) start, count);
        }
    }

    private static final int PIECE_LENGTH = 4096;

    @Test
    void rebuildsTheBitfieldFromCorruptAndMissingData() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, PIECE_LENGTH, PIECE_LENGTH * 10L - 100, 1);
        byte[] onDisk = pieces.data.clone();
        onDisk[PIECE_LENGTH * 3 + 17] ^= 0x40;
        onDisk[PIECE_LENGTH * 6] ^= 0x01;
        RecordingReader reader = new RecordingReader(onDisk, PIECE_LENGTH, PIECE_LENGTH * 8L + 5);
        List<Integer> progressCounts = new ArrayList<>();
        List<PieceHashResult> results = new ArrayList<>();
        IntegrityChecker checker = new IntegrityChecker(hashExecutor, ownerExecutor, new IntegrityCheckLimits(3, 1000));

        IntegrityCheck check = checker.start(pieces.geometry, pieces.hashes, reader, (result, checked, count) -> {
            results.add(result);
            progressCounts.add(checked);
            assertEquals(10, count);
        });
        runUntilIdle();

        Bitfield verified = check.result().join();
        assertEquals(10, verified.size());
        for (int piece = 0; piece < 10; piece++) {
            boolean expected = piece != 3 && piece != 6 && piece != 8 && piece != 9;
            assertEquals(expected, verified.get(piece), "piece " + piece);
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), progressCounts);
        assertEquals(PieceHashResult.Status.FAILED, statusOf(results, 3));
        assertEquals(PieceHashResult.Status.MISSING_DATA, statusOf(results, 8));
        assertEquals(PieceHashResult.Status.MISSING_DATA, statusOf(results, 9));
        assertEquals(PieceHashResult.Status.PASSED, statusOf(results, 0));
    }

    @Test
    void keepsAtMostTheLimitInFlightAndReusesBuffers() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_256, PIECE_LENGTH, PIECE_LENGTH * 40L, 2);
        RecordingReader reader = new RecordingReader(pieces.data, pieces.geometry.pieceLength(), pieces.data.length);
        IntegrityChecker checker = new IntegrityChecker(hashExecutor, ownerExecutor, new IntegrityCheckLimits(3, 1500));
        IntegrityCheck check = checker.start(pieces.geometry, pieces.hashes, reader, RecheckProgress.NONE);

        int mostInFlight = 0;
        while (ownerExecutor.pending() > 0 || hashExecutor.pending() > 0) {
            ownerExecutor.runAll();
            mostInFlight = Math.max(mostInFlight, hashExecutor.pending());
            hashExecutor.runNext();
        }
        assertEquals(3, mostInFlight);
        assertTrue(reader.buffersSeen.size() <= 3, "buffers allocated: " + reader.buffersSeen.size());
        assertEquals(1500, reader.largestBuffer);
        assertEquals(40 * 3, reader.reads, "each 4096-byte piece read in 1500-byte steps");
        assertTrue(check.result().join().isFull());
    }

    @Test
    void bufferIsNoLargerThanAPiece() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, 512, 5000, 3);
        RecordingReader reader = new RecordingReader(pieces.data, pieces.geometry.pieceLength(), pieces.data.length);
        IntegrityCheck check = new IntegrityChecker(hashExecutor, ownerExecutor, new IntegrityCheckLimits(2, 1 << 20))
                .start(pieces.geometry, pieces.hashes, reader, RecheckProgress.NONE);
        runUntilIdle();
        assertTrue(check.result().join().isFull());
        assertEquals(512, reader.largestBuffer);
    }

    @Test
    void emptyDownloadCompletesWithAnEmptyBitfield() {
        PieceGeometry empty = new PieceGeometry(0, PIECE_LENGTH);
        IntegrityCheck check = new IntegrityChecker(hashExecutor, ownerExecutor).start(empty,
                new PieceHashes(HashAlgorithm.SHA_1, new byte[0]), (piece, offset, into) -> { }, RecheckProgress.NONE);
        assertFalse(check.result().isDone(), "work starts on the owner");
        runUntilIdle();
        assertEquals(0, check.result().join().size());
    }

    @Test
    void cancelStopsNewPiecesAndCompletesAfterInFlightReturn() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, PIECE_LENGTH, PIECE_LENGTH * 20L, 4);
        RecordingReader reader = new RecordingReader(pieces.data, pieces.geometry.pieceLength(), pieces.data.length);
        IntegrityCheck check = new IntegrityChecker(hashExecutor, ownerExecutor, new IntegrityCheckLimits(2, 1000))
                .start(pieces.geometry, pieces.hashes, reader, RecheckProgress.NONE);
        ownerExecutor.runAll();
        hashExecutor.runNext();
        ownerExecutor.runAll();
        assertEquals(2, hashExecutor.pending());

        check.cancel();
        ownerExecutor.runAll();
        assertFalse(check.result().isDone(), "must wait for the pieces in flight");
        int readsBefore = reader.reads;
        hashExecutor.runAll();
        assertEquals(readsBefore, reader.reads, "in-flight pieces stop before reading");
        ownerExecutor.runAll();

        assertTrue(check.result().isCancelled());
        assertThrows(CancellationException.class, () -> check.result().join());
        assertEquals(0, hashExecutor.pending());
        assertEquals(0, ownerExecutor.pending());
    }

    @Test
    void cancelBeforeStartCompletesCancelled() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, PIECE_LENGTH, PIECE_LENGTH * 4L, 5);
        RecordingReader reader = new RecordingReader(pieces.data, pieces.geometry.pieceLength(), pieces.data.length);
        IntegrityCheck check = new IntegrityChecker(hashExecutor, ownerExecutor)
                .start(pieces.geometry, pieces.hashes, reader, RecheckProgress.NONE);
        check.cancel();
        runUntilIdle();
        assertTrue(check.result().isCancelled());
        assertEquals(0, reader.reads);
    }

    @Test
    void readErrorFailsTheCheckAfterInFlightPiecesReturn() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, PIECE_LENGTH, PIECE_LENGTH * 10L, 6);
        IOException diskError = new IOException("input/output error");
        List<Integer> readPieces = new ArrayList<>();
        PieceReader reader = (piece, offset, into) -> {
            readPieces.add(piece);
            if (piece == 2) {
                throw diskError;
            }
            into.put(pieces.data, piece * PIECE_LENGTH + (int) offset, into.remaining());
        };
        IntegrityCheck check = new IntegrityChecker(hashExecutor, ownerExecutor, new IntegrityCheckLimits(2, PIECE_LENGTH))
                .start(pieces.geometry, pieces.hashes, reader, RecheckProgress.NONE);
        runUntilIdle();

        ExecutionException e = assertThrows(ExecutionException.class, () -> check.result().get());
        PieceReadException read = assertInstanceOf(PieceReadException.class, e.getCause());
        assertEquals(2, read.piece());
        assertSame(diskError, read.getCause());
        assertTrue(readPieces.size() < 10, "stopped starting pieces after the error: " + readPieces);
    }

    @Test
    void missingFileIsNotAnError() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, PIECE_LENGTH, PIECE_LENGTH * 3L, 7);
        PieceReader reader = (piece, offset, into) -> {
            if (piece == 1) {
                throw new NoSuchFileException("/downloads/b.bin");
            }
            into.put(pieces.data, piece * PIECE_LENGTH + (int) offset, into.remaining());
        };
        IntegrityCheck check = new IntegrityChecker(hashExecutor, ownerExecutor)
                .start(pieces.geometry, pieces.hashes, reader, RecheckProgress.NONE);
        runUntilIdle();
        Bitfield verified = check.result().join();
        assertTrue(verified.get(0));
        assertFalse(verified.get(1));
        assertTrue(verified.get(2));
    }

    @Test
    void progressExceptionFailsTheCheck() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, PIECE_LENGTH, PIECE_LENGTH * 5L, 8);
        RecordingReader reader = new RecordingReader(pieces.data, pieces.geometry.pieceLength(), pieces.data.length);
        IllegalStateException listenerBug = new IllegalStateException("listener bug");
        IntegrityCheck check = new IntegrityChecker(hashExecutor, ownerExecutor, new IntegrityCheckLimits(1, PIECE_LENGTH))
                .start(pieces.geometry, pieces.hashes, reader, (result, checked, count) -> {
                    throw listenerBug;
                });
        runUntilIdle();
        ExecutionException e = assertThrows(ExecutionException.class, () -> check.result().get());
        assertSame(listenerBug, e.getCause());
        assertEquals(1, reader.reads);
    }

    @Test
    void rejectedHashExecutorFailsTheCheck() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, PIECE_LENGTH, PIECE_LENGTH, 9);
        hashExecutor.reject();
        IntegrityCheck check = new IntegrityChecker(hashExecutor, ownerExecutor)
                .start(pieces.geometry, pieces.hashes, (piece, offset, into) -> { }, RecheckProgress.NONE);
        ownerExecutor.runAll();
        assertTrue(check.result().isCompletedExceptionally());
    }

    @Test
    void rejectsHashCountThatDoesNotMatchTheGeometry() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, PIECE_LENGTH, PIECE_LENGTH * 3L, 10);
        IntegrityChecker checker = new IntegrityChecker(hashExecutor, ownerExecutor);
        assertThrows(IllegalArgumentException.class, () -> checker.start(new PieceGeometry(PIECE_LENGTH * 4L, PIECE_LENGTH),
                pieces.hashes, (piece, offset, into) -> { }, RecheckProgress.NONE));
    }

    @Test
    void checksARealFileOnRealThreads(@TempDir Path directory) throws Exception {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, 16 * 1024, 16 * 1024 * 50L + 333, 11);
        byte[] onDisk = pieces.data.clone();
        onDisk[16 * 1024 * 7 + 5] ^= 1;
        Path file = Files.write(directory.resolve("download.bin"), java.util.Arrays.copyOf(onDisk, 16 * 1024 * 45));
        ExecutorService hashThreads = HashExecutors.newHashExecutor("test-hash", 2);
        ExecutorService owner = HashExecutors.newHashExecutor("test-owner", 1);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            PieceReader reader = (piece, offset, into) -> {
                long position = pieces.geometry.pieceOffset(piece) + offset;
                while (into.hasRemaining()) {
                    int read = channel.read(into, position);
                    if (read < 0) {
                        return;
                    }
                    position += read;
                }
            };
            IntegrityCheck check = new IntegrityChecker(hashThreads, owner, new IntegrityCheckLimits(4, 5000))
                    .start(pieces.geometry, pieces.hashes, reader, RecheckProgress.NONE);
            Bitfield verified = check.result().get(30, TimeUnit.SECONDS);
            assertEquals(44, verified.cardinality());
            assertFalse(verified.get(7));
            assertEquals(45, verified.nextClearBit(8));
        } finally {
            hashThreads.shutdownNow();
            owner.shutdownNow();
        }
    }

    private static PieceHashResult.Status statusOf(List<PieceHashResult> results, int piece) {
        return results.stream().filter(r -> r.piece() == piece).findFirst().orElseThrow().status();
    }

    private void runUntilIdle() {
        while (ownerExecutor.pending() > 0 || hashExecutor.pending() > 0) {
            ownerExecutor.runAll();
            hashExecutor.runAll();
        }
    }
}
