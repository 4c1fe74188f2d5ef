package dev.arietta.core.internal.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PieceVerifierTest {

    private final FakeExecutor hashExecutor = new FakeExecutor();
    private final FakeExecutor ownerExecutor = new FakeExecutor();
    private final PieceVerifier verifier = new PieceVerifier(hashExecutor, ownerExecutor, 1000);

    @ParameterizedTest
    @EnumSource(value = HashAlgorithm.class, names = {"SHA_1", "SHA_256"})
    void resultIsPostedToTheOwnerNotCompletedOnTheHashThread(HashAlgorithm algorithm) {
        TestPieces pieces = new TestPieces(algorithm, 4096, 10_000, 1);
        CompletableFuture<PieceHashResult> future = verifier.verify(pieces.hashes, 2, ByteBuffer.wrap(pieces.piece(2)));

        assertEquals(1, hashExecutor.pending());
        hashExecutor.runAll();
        assertFalse(future.isDone(), "completed on the hash thread");
        assertEquals(1, ownerExecutor.pending());
        ownerExecutor.runAll();

        PieceHashResult result = future.join();
        assertEquals(2, result.piece());
        assertEquals(PieceHashResult.Status.PASSED, result.status());
        assertTrue(result.passed());
        assertArrayEquals(pieces.hashes.expected(2), result.digest());
    }

    @Test
    void wrongDataFailsWithTheComputedDigest() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, 4096, 8192, 2);
        byte[] corrupt = pieces.piece(1);
        corrupt[100] ^= 1;
        CompletableFuture<PieceHashResult> future = verifier.verify(pieces.hashes, 1, ByteBuffer.wrap(corrupt));
        runBoth();
        PieceHashResult result = future.join();
        assertEquals(PieceHashResult.Status.FAILED, result.status());
        assertArrayEquals(HashAlgorithm.SHA_1.newDigest().digest(corrupt), result.digest());
    }

    @Test
    void hashesSeveralHeapAndDirectBuffersInOrderAndRestoresThem() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_256, 16 * 1024, 16 * 1024, 3);
        byte[] piece = pieces.piece(0);
        ByteBuffer first = ByteBuffer.wrap(piece, 0, 5000).slice();
        ByteBuffer second = ByteBuffer.allocateDirect(7000);
        second.put(piece, 5000, 7000).flip();
        byte[] padded = new byte[piece.length];
        System.arraycopy(piece, 12_000, padded, 100, piece.length - 12_000);
        ByteBuffer third = ByteBuffer.wrap(padded, 100, piece.length - 12_000);

        CompletableFuture<PieceHashResult> future = verifier.verify(pieces.hashes, 0, first, second, third);
        runBoth();

        assertTrue(future.join().passed());
        assertEquals(0, first.position());
        assertEquals(5000, first.limit());
        assertEquals(0, second.position());
        assertEquals(100, third.position());
        assertEquals(100 + piece.length - 12_000, third.limit());
    }

    @Test
    void readsThroughAReaderInChunks() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, 4096, 4096 * 3 - 5, 4);
        List<Long> offsets = new ArrayList<>();
        PieceReader reader = (piece, offset, into) -> {
            offsets.add(offset);
            int start = Math.toIntExact(pieces.geometry.pieceOffset(piece) + offset);
            into.put(pieces.data, start, into.remaining());
        };
        CompletableFuture<PieceHashResult> future = verifier.verify(pieces.hashes, 2, pieces.geometry.pieceLength(2), reader);
        runBoth();
        assertTrue(future.join().passed());
        assertEquals(List.of(0L, 1000L, 2000L, 3000L, 4000L), offsets);
    }

    @Test
    void shortReadIsMissingDataNotAnError() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, 4096, 4096, 5);
        PieceReader shortFile = (piece, offset, into) -> {
            if (offset == 0) {
                into.put(pieces.data, 0, into.remaining());
            } else {
                into.put(pieces.data, Math.toIntExact(offset), 10);
            }
        };
        CompletableFuture<PieceHashResult> future = verifier.verify(pieces.hashes, 0, 4096, shortFile);
        runBoth();
        PieceHashResult result = future.join();
        assertEquals(PieceHashResult.Status.MISSING_DATA, result.status());
        assertEquals(0, result.digest().length);
    }

    @Test
    void missingFileExceptionsAreMissingData() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, 4096, 8192, 6);
        CompletableFuture<PieceHashResult> noFile = verifier.verify(pieces.hashes, 0, 4096, (piece, offset, into) -> {
            throw new NoSuchFileException("/downloads/x.iso");
        });
        CompletableFuture<PieceHashResult> endOfFile = verifier.verify(pieces.hashes, 1, 4096, (piece, offset, into) -> {
            throw new EOFException();
        });
        runBoth();
        assertEquals(PieceHashResult.Status.MISSING_DATA, noFile.join().status());
        assertEquals(PieceHashResult.Status.MISSING_DATA, endOfFile.join().status());
    }

    @Test
    void realReadErrorFailsTheFutureWithContext() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, 4096, 4096, 7);
        AccessDeniedException denied = new AccessDeniedException("/downloads/x.iso");
        CompletableFuture<PieceHashResult> future = verifier.verify(pieces.hashes, 0, 4096, (piece, offset, into) -> {
            if (offset > 0) {
                throw denied;
            }
            into.put(new byte[into.remaining()]);
        });
        hashExecutor.runAll();
        assertFalse(future.isDone());
        ownerExecutor.runAll();
        ExecutionException e = assertThrows(ExecutionException.class, future::get);
        PieceReadException read = assertInstanceOf(PieceReadException.class, e.getCause());
        assertEquals(0, read.piece());
        assertEquals(1000, read.offset());
        assertSame(denied, read.getCause());
    }

    @Test
    void digestIsResetAfterAFailedRead() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, 4096, 4096, 8);
        verifier.verify(pieces.hashes, 0, 4096, (piece, offset, into) -> {
            if (offset > 0) {
                throw new IOException("disk error");
            }
            into.put(new byte[into.remaining()]);
        });
        CompletableFuture<PieceHashResult> next = verifier.verify(pieces.hashes, 0, ByteBuffer.wrap(pieces.piece(0)));
        runBoth();
        assertTrue(next.join().passed());
    }

    @Test
    void hashExecutorRejectionThrowsToTheCaller() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, 4096, 4096, 9);
        hashExecutor.reject();
        assertThrows(RejectedExecutionException.class, () -> verifier.verify(pieces.hashes, 0, ByteBuffer.allocate(1)));
    }

    @Test
    void closedOwnerDropsTheResult() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, 4096, 4096, 10);
        CompletableFuture<PieceHashResult> future = verifier.verify(pieces.hashes, 0, ByteBuffer.wrap(pieces.piece(0)));
        ownerExecutor.reject();
        hashExecutor.runAll();
        assertFalse(future.isDone());
    }

    @Test
    void rejectsPiecesWithoutADigest() {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_1, 4096, 4096, 11);
        assertThrows(IndexOutOfBoundsException.class, () -> verifier.verify(pieces.hashes, 1, ByteBuffer.allocate(1)));
        assertThrows(IndexOutOfBoundsException.class, () -> verifier.verify(pieces.hashes, -1, 10, (p, o, b) -> { }));
        assertEquals(0, hashExecutor.pending());
    }

    @Test
    void concurrentVerificationsOnRealThreadsAreAllCorrect() throws Exception {
        TestPieces pieces = new TestPieces(HashAlgorithm.SHA_256, 8192, 8192 * 64, 12);
        ExecutorService hashThreads = HashExecutors.newHashExecutor("test-hash", 2);
        ExecutorService owner = HashExecutors.newHashExecutor("test-owner", 1);
        try {
            PieceVerifier threaded = new PieceVerifier(hashThreads, owner);
            List<CompletableFuture<PieceHashResult>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int piece = 0; piece < pieces.geometry.pieceCount(); piece++) {
                    byte[] data = pieces.piece(piece);
                    if (round == 1) {
                        data[0] ^= 1;
                    }
                    ByteBuffer buffer = round == 2 ? ByteBuffer.allocateDirect(data.length).put(data).flip() : ByteBuffer.wrap(data);
                    futures.add(threaded.verify(pieces.hashes, piece, buffer));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                boolean corrupted = i / pieces.geometry.pieceCount() == 1;
                assertEquals(!corrupted, futures.get(i).get(10, TimeUnit.SECONDS).passed(), "verification " + i);
            }
        } finally {
            hashThreads.shutdownNow();
            owner.shutdownNow();
        }
    }

    private void runBoth() {
        hashExecutor.runAll();
        ownerExecutor.runAll();
    }
}
