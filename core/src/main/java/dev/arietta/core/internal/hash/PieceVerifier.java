package dev.arietta.core.internal.hash;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks finished pieces against their expected digests on a hash executor and hands each
 * result back to the owner (the session's I/O loop) through the owner executor.
 *
 * <p>Lifecycle of one verification:
 * <ol>
 *   <li>The owner calls {@code verify(…)}. Arguments are checked on the calling thread; an
 *       illegal argument or a rejecting hash executor throws there, and nothing was borrowed.</li>
 *   <li>A hash thread hashes the data with its own {@link java.security.MessageDigest}, kept
 *       per thread and per verifier (no digest is shared between threads or verifiers).</li>
 *   <li>The hash thread posts the completion to the owner executor. The returned future is
 *       completed inside that posted task, so callbacks attached before completion run on the
 *       owner thread, never on the hash thread. If the owner executor rejects the task (the
 *       loop has shut down) the result is dropped and the future never completes.</li>
 * </ol>
 *
 * <p><b>Buffer ownership.</b> Buffers passed to {@link #verify(PieceHashes, int, ByteBuffer...)}
 * are lent to the verifier from the call until the future completes (normally or not): in that
 * time the caller must not change their contents, position or limit. The verifier reads each
 * buffer's remaining bytes and puts its position back, so afterwards the buffers are exactly
 * as they were and the caller may reuse or recycle them. Heap and direct buffers both work;
 * heap buffers avoid a copy inside the JDK digest.
 * With a {@link PieceReader} the verifier reads into its own per-thread buffer of
 * {@link #readChunkBytes()} bytes, so memory does not grow with the piece length.
 *
 * <p>Thread-safe: {@code verify} may be called from any thread, though normally the owner calls it.
 */
public final class PieceVerifier {

    /** Default size of the per-thread read buffer used with a {@link PieceReader}: 256 KiB. */
    public static final int DEFAULT_READ_CHUNK_BYTES = 256 << 10;

    private static final Logger LOG = LoggerFactory.getLogger(PieceVerifier.class);

    private final Executor hashExecutor;
    private final Executor ownerExecutor;
    private final int readChunkBytes;
    private final DigestCache digests = new DigestCache();
    private final ThreadLocal<ByteBuffer> readBuffers;

    /** A verifier reading through {@link #DEFAULT_READ_CHUNK_BYTES} buffers. */
    public PieceVerifier(Executor hashExecutor, Executor ownerExecutor) {
        this(hashExecutor, ownerExecutor, DEFAULT_READ_CHUNK_BYTES);
    }

    /**
     * @param hashExecutor   runs the hashing; normally {@link HashExecutors#newHashExecutor}, sized to the cores
     * @param ownerExecutor  receives every completion; must be the thread that owns the download state
     * @param readChunkBytes size of each hash thread's read buffer when reading through a
     *                       {@link PieceReader}, positive; memory used is this times the number of hash threads
     */
    public PieceVerifier(Executor hashExecutor, Executor ownerExecutor, int readChunkBytes) {
        this.hashExecutor = Objects.requireNonNull(hashExecutor, "hashExecutor");
        this.ownerExecutor = Objects.requireNonNull(ownerExecutor, "ownerExecutor");
        if (readChunkBytes <= 0) {
            throw new IllegalArgumentException("read chunk size must be positive, got " + readChunkBytes);
        }
        this.readChunkBytes = readChunkBytes;
        this.readBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(this.readChunkBytes));
    }

    /** Size in bytes of each hash thread's read buffer for {@link PieceReader} input. */
    public int readChunkBytes() {
        return readChunkBytes;
    }

    /**
     * Hashes the remaining bytes of {@code data}, in order, as the whole of {@code piece}.
     * The buffers are lent until the future completes (see the class description).
     *
     * @return completed on the owner executor with {@link PieceHashResult.Status#PASSED} or
     *         {@link PieceHashResult.Status#FAILED}
     * @throws IndexOutOfBoundsException  if {@code piece} has no expected digest
     * @throws RejectedExecutionException if the hash executor refuses the task
     */
    public CompletableFuture<PieceHashResult> verify(PieceHashes hashes, int piece, ByteBuffer... data) {
        checkPiece(hashes, piece);
        ByteBuffer[] buffers = data.clone();
        for (ByteBuffer buffer : buffers) {
            Objects.requireNonNull(buffer, "buffer");
        }
        CompletableFuture<PieceHashResult> future = new CompletableFuture<>();
        hashExecutor.execute(() -> {
            PieceHashResult result;
            try {
                result = PieceHashing.hashBuffers(digests.get(hashes.algorithm()), hashes, piece, buffers);
            } catch (RuntimeException e) {
                post(future, piece, null, e);
                return;
            } catch (Error e) {
                post(future, piece, null, e);
                throw e;
            }
            post(future, piece, result, null);
        });
        return future;
    }

    /**
     * Reads {@code pieceLength} bytes of {@code piece} through {@code reader} and hashes them.
     *
     * @return completed on the owner executor with the result ({@link PieceHashResult.Status#MISSING_DATA}
     *         if the reader found the data absent or short), or exceptionally with a
     *         {@link PieceReadException} if the reader failed
     * @throws IllegalArgumentException   if {@code pieceLength} is negative
     * @throws IndexOutOfBoundsException  if {@code piece} has no expected digest
     * @throws RejectedExecutionException if the hash executor refuses the task
     */
    public CompletableFuture<PieceHashResult> verify(PieceHashes hashes, int piece, int pieceLength, PieceReader reader) {
        checkPiece(hashes, piece);
        Objects.requireNonNull(reader, "reader");
        if (pieceLength < 0) {
            throw new IllegalArgumentException("piece " + piece + ": negative length " + pieceLength);
        }
        CompletableFuture<PieceHashResult> future = new CompletableFuture<>();
        hashExecutor.execute(() -> {
            PieceHashResult result;
            try {
                result = PieceHashing.hashFromReader(digests.get(hashes.algorithm()), hashes, piece, pieceLength,
                        reader, readBuffers.get(), () -> false);
            } catch (PieceReadException e) {
                post(future, piece, null, e);
                return;
            } catch (RuntimeException e) {
                post(future, piece, null, e);
                return;
            } catch (Error e) {
                post(future, piece, null, e);
                throw e;
            }
            post(future, piece, result, null);
        });
        return future;
    }

    private static void checkPiece(PieceHashes hashes, int piece) {
        if (piece < 0 || piece >= hashes.pieceCount()) {
            throw new IndexOutOfBoundsException("piece " + piece + " not in [0, " + hashes.pieceCount() + ")");
        }
    }

    private void post(CompletableFuture<PieceHashResult> future, int piece, PieceHashResult result, Throwable failure) {
        try {
            ownerExecutor.execute(() -> {
                if (failure == null) {
                    future.complete(result);
                } else {
                    future.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("owner executor closed; dropping hash result of piece {}", piece, e);
        }
    }
}
